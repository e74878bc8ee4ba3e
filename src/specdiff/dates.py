"""Dates as the documents print them, and as ISO in JSON."""
from __future__ import annotations

import datetime as dt
import re

_NUMERIC = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_LONG = re.compile(r"^([A-Za-z]+)\.? (\d{1,2}), (\d{4})$")
_MONTHS = {name.lower(): i for i, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def parse_document_date(text: str) -> dt.date:
    """Parse 04/22/2022, 4/21/2022 or October 25, 2019; raise ValueError otherwise."""
    text = text.strip()
    numeric = _NUMERIC.match(text)
    if numeric:
        month, day, year = (int(g) for g in numeric.groups())
        return dt.date(year, month, day)
    long = _LONG.match(text)
    if long and long.group(1).lower() in _MONTHS:
        return dt.date(int(long.group(3)), _MONTHS[long.group(1).lower()], int(long.group(2)))
    raise ValueError(f"not a date: {text!r}")


def parse_iso(text: str) -> dt.date:
    """Parse an ISO date from a spec file."""
    return dt.date.fromisoformat(text)


def padded(day: dt.date) -> str:
    """04/22/2022: the EFFECTIVE DATE style."""
    return f"{day.month:02d}/{day.day:02d}/{day.year}"


def unpadded(day: dt.date) -> str:
    """4/21/2022: the CLASS/EST/REV trailer style."""
    return f"{day.month}/{day.day}/{day.year}"


def long_form(day: dt.date) -> str:
    """October 25, 2019: the cancellation clause style."""
    return f"{day:%B} {day.day}, {day.year}"


def parse_option_date(value: str | None, option: str) -> str | None:
    """A date the user typed (MM/DD/YYYY or YYYY-MM-DD) as ISO; UsageError naming the option otherwise."""
    from specdiff.errors import UsageError

    if value is None:
        return None
    try:
        return parse_iso(value).isoformat() if "-" in value else parse_document_date(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; write MM/DD/YYYY (or YYYY-MM-DD)") from None

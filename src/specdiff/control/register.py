"""The register of effective-date records across specs, and the classes due for review."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from specdiff.spec import current_record, is_retired


@dataclass(frozen=True)
class LedgerRow:
    """One effective-date record of one class."""

    class_code: str
    title: str
    effective: str
    revised: str
    final_no: str
    reasons: str
    reviewed: bool
    inferred: bool
    retired: bool


def ledger(specs: list[dict[str, Any]], since: str | None = None) -> list[LedgerRow]:
    """Every record (oldest first, then by class), optionally only those effective on or after since."""
    rows = [
        LedgerRow(str(spec["class_code"]), str(record.get("title") or spec.get("title", "")), record["effective"],
                  record.get("revised", ""), record.get("final_no", ""), "; ".join(record.get("reasons", [])),
                  bool(record.get("reviewed")), bool(record.get("inferred")), bool(record.get("retired")))
        for spec in specs for record in spec.get("records", [])
        if since is None or record["effective"] >= since
    ]
    return sorted(rows, key=lambda row: (row.effective, row.class_code))


@dataclass(frozen=True)
class DueRow:
    """A class whose last review or revision is older than the cycle."""

    class_code: str
    title: str
    last: str | None
    last_kind: str  # "review", "revision", "established" or "none"
    due: str | None


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _last(spec: dict[str, Any]) -> tuple[str | None, str]:
    current = current_record(spec)
    if current is not None:
        return current["effective"], "review" if current.get("reviewed") else "revision"
    if "established" in spec:
        return spec["established"], "established"
    return None, "none"


def due(specs: list[dict[str, Any]], years: int, as_of: dt.date) -> list[DueRow]:
    """Classes due for review as of a date, oldest first (those with no date at all first)."""
    rows = []
    for spec in specs:
        if is_retired(spec):
            continue  # a retired class is not reviewed
        last, kind = _last(spec)
        when = _years_after(dt.date.fromisoformat(last), years) if last else None
        if when is None or when <= as_of:
            rows.append(DueRow(str(spec["class_code"]), str(spec.get("title", "")), last, kind,
                               when.isoformat() if when else None))
    return sorted(rows, key=lambda row: (row.last or "", row.class_code))

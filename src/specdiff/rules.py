"""Rules a classification analyst would check, beyond the schema's shape.

Each rule takes spec(s) that already match the schema and returns Problems.
Per-spec rules see one file; cross-spec rules see every spec of the run.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from specdiff.problems import WARNING, Problem
from specdiff.spec import is_retired

# Connecticut: 80 hours make a biweekly period, 26.1 periods a year. Each figure is
# rounded to the cent, so a product may be off by a cent times the multiplier.
PAY_STEPS = (("hourly", "biweekly", 80.0), ("biweekly", "yearly", 26.1))
FINAL_NO = re.compile(r"^(?P<year>\d{2})-\d{3}$")
CODED_FIELDS = {"bargaining_unit": "bargaining unit", "eeo": "EEO category",
                "occupational_group": "occupational group"}

Spec = dict[str, Any]


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None  # the schema's date format reports it


def file_name(path: str, spec: Spec) -> Iterator[Problem]:
    """The file is named after its class code."""
    stem = Path(path).stem
    if stem != spec["class_code"]:
        yield Problem(path, "/class_code", f"class code {spec['class_code']!r} does not match the file name "
                      f"{Path(path).name!r}; rename the file to {spec['class_code']}.json or fix class_code")


def pay_ranges(path: str, spec: Spec) -> Iterator[Problem]:
    """Each range has min <= max, and hourly x 80 ~ biweekly, biweekly x 26.1 ~ yearly."""
    salary = spec.get("salary", {})
    for period in ("hourly", "biweekly", "yearly"):
        pay = salary.get(period)
        if pay and pay["min"] > pay["max"]:
            yield Problem(path, f"/salary/{period}", f"{period} minimum {pay['min']:,.2f} is above the maximum "
                          f"{pay['max']:,.2f}; swap them or correct one")
    for small, large, factor in PAY_STEPS:
        if small in salary and large in salary:
            for end in ("min", "max"):
                yield from _pay_step(path, salary, small, large, factor, end)


def _pay_step(path: str, salary: Spec, small: str, large: str, factor: float, end: str) -> Iterator[Problem]:
    expected = salary[small][end] * factor
    if abs(expected - salary[large][end]) > factor * 0.01 + 1e-9:
        yield Problem(path, f"/salary/{large}/{end}", f"{large} {end} {salary[large][end]:,.2f} does not match "
                      f"{small} {end} {salary[small][end]:,.2f} x {factor:g} = {expected:,.2f}; correct one of them")


def dates(path: str, spec: Spec) -> Iterator[Problem]:
    """Records run oldest first, and none takes effect before the class was established."""
    records = spec.get("records", [])
    established = _date(spec.get("established"))
    previous: dt.date | None = None
    for index, record in enumerate(records):
        effective = _date(record.get("effective"))
        if effective is None:
            continue
        if established and effective < established:
            yield Problem(path, f"/records/{index}/effective", f"effective {effective} is before the class was "
                          f"established ({established}); correct the date or `established`")
        if previous and effective < previous:
            yield Problem(path, f"/records/{index}/effective", f"records must run oldest first, but {effective} "
                          f"comes after {previous}; move this record up")
        previous = effective


def final_numbers(path: str, spec: Spec) -> Iterator[Problem]:
    """Final No. is YY-NNN (old all-digit numbers warn), and YY is the approval year."""
    for index, record in enumerate(spec.get("records", [])):
        number = record.get("final_no")
        if number is None:
            continue
        pointer = f"/records/{index}/final_no"
        match = FINAL_NO.match(number)
        if not match:
            yield Problem(path, pointer, f"Final No. {number!r} is an old-style number; new records use YY-NNN "
                          "such as 22-007", WARNING)
            continue
        approved = _date(record.get("revised")) or _date(record.get("effective"))
        if approved and int(match.group("year")) != approved.year % 100:
            yield Problem(path, pointer, f"Final No. {number} is from 20{match.group('year')} but the revision was "
                          f"approved in {approved.year}; check the number", WARNING)


PLACEHOLDER = "TO BE WRITTEN:"  # what `specdiff new` puts where an analyst still has to write


def completeness(path: str, spec: Spec) -> Iterator[Problem]:
    """Facts a published spec normally has (warnings: they fail only with --strict)."""
    if "group" not in spec.get("salary", {}):
        yield Problem(path, "/salary", "no salary group (such as MP 65); add salary.group", WARNING)
    if not spec.get("records"):
        yield Problem(path, "/records", "no effective-date record; add one with the EFFECTIVE DATE", WARNING)
    if "established" not in spec:
        yield Problem(path, "/established", "no EST (the date the class was established); add established, "
                      "YYYY-MM-DD", WARNING)


def placeholders(path: str, spec: Spec) -> Iterator[Problem]:
    """Text `specdiff new` left to be written (a warning: it fails only with --strict)."""
    from specdiff.references import texts

    for pointer, text in texts(spec):
        if PLACEHOLDER in text:
            yield Problem(path, pointer, f"still says {PLACEHOLDER!r}; write the text, or remove the field",
                          WARNING)


PER_SPEC = (file_name, pay_ranges, dates, final_numbers, completeness, placeholders)


def check_spec(path: str, spec: Spec) -> list[Problem]:
    """Every per-spec rule on one schema-valid spec."""
    return [problem for rule in PER_SPEC for problem in rule(path, spec)]


def unique_codes(specs: list[tuple[str, Spec]]) -> Iterator[Problem]:
    """No two files hold the same class code."""
    holders: dict[str, list[str]] = defaultdict(list)
    for path, spec in specs:
        holders[spec["class_code"]].append(path)
    for code, paths in holders.items():
        for path in paths[1:]:
            yield Problem(path, "/class_code", f"class code {code!r} is also used by {paths[0]}; "
                          "each class has one spec")


def coded_names(specs: list[tuple[str, Spec]]) -> Iterator[Problem]:
    """A code means the same name in every spec, e.g. bargaining unit (02) is always MANAGERIAL."""
    for field, label in CODED_FIELDS.items():
        first_seen: dict[str, tuple[str, str]] = {}
        for path, spec in specs:
            if field not in spec:
                continue
            code, name = spec[field]["code"], spec[field]["name"]
            seen_name, seen_path = first_seen.setdefault(code, (name, path))
            if name != seen_name:
                yield Problem(path, f"/{field}/name", f"{label} ({code}) is named {name!r} here but "
                              f"{seen_name!r} in {seen_path}; use one name for one code")


def replacements(specs: list[tuple[str, Spec]]) -> Iterator[Problem]:
    """A retirement names a replacement class that exists and is in force."""
    by_code = {spec["class_code"]: spec for _, spec in specs}
    for path, spec in specs:
        for index, record in enumerate(spec.get("records", [])):
            code = record.get("replaced_by")
            if code is None:
                continue
            other = by_code.get(code)
            pointer = f"/records/{index}/replaced_by"
            if other is None:
                yield Problem(path, pointer, f"replaced by {code!r}, which no spec here has; check the code", WARNING)
            elif is_retired(other):
                yield Problem(path, pointer, f"replaced by {code!r}, which is retired too; name a class in force")


def title_references(specs: list[tuple[str, Spec]], *, allow_retired: bool = False) -> Iterator[Problem]:
    """Titles named in the text ("interpreted at the level of X") are classes here, and in force."""
    from specdiff.references import references

    titles: dict[str, Spec] = {str(spec["title"]).casefold(): spec for _, spec in specs}
    for path, spec in specs:
        for ref in references(spec):
            other = titles.get(ref.title.casefold())
            if other is None:
                yield Problem(path, ref.pointer, f"refers to {ref.title!r}, which no spec here has as its title; "
                              "check the spelling, or add that class", WARNING)
            elif is_retired(other) and not allow_retired:
                yield Problem(path, ref.pointer, f"refers to {ref.title!r}, which is retired ({other['class_code']}); "
                              "name the class that replaced it")


CROSS_SPEC = (unique_codes, coded_names, replacements)  # title_references also takes the policy


def check_across(specs: list[tuple[str, Spec]], *, allow_retired_references: bool = False) -> list[Problem]:
    """Every cross-spec rule over all schema-valid specs of the run."""
    found = [problem for rule in CROSS_SPEC for problem in rule(specs)]
    return found + list(title_references(specs, allow_retired=allow_retired_references))

"""Rules a classification analyst would check, beyond the schema's shape.

Per-spec rules take one spec that already matches the schema and return Problems. Cross-spec rules
take the facts (facts.py) of every schema-valid spec of the run, in the order of their files, and
return Clashes: a problem and what it is about, so a hook that checks a few specs against the facts of
the rest can report what concerns them.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.facts import CODED_FIELDS, Facts
from specdiff.problems import WARNING, Problem
from specdiff.vocab import PLACEHOLDER  # where an analyst still has to write (`new`, a title no document gave)

# Connecticut: a biweekly period is 80 hours (75 for a 37.5-hour class, 70 for a 35-hour one), a year 26.1
# periods. The State rounds each figure on its own (the hourly rate from the biweekly one, the yearly
# figure to the dollar), so a product may be off by half a cent times the multiplier, and a yearly
# figure by up to a dollar.
PERIODS_A_YEAR = 26.1
WEEKLY_HOURS = re.compile(r"\(\s*(?P<hours>\d{2}(?:\.\d)?)[ -]?Hours?\s*\)", re.IGNORECASE)
PER_DIEM = re.compile(r"\bper[ -]?diem\b", re.IGNORECASE)
PERIOD_HOURS = (80.0, 75.0, 70.0)  # a per-diem class may be paid on any of them
YEARLY_SLACK = 1.0
FINAL_NO = re.compile(r"^(?P<year>\d{2})-\d{3}$")

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
    """Each range has min <= max, hourly x period hours ~ biweekly, biweekly x 26.1 ~ yearly (to a dollar)."""
    salary = spec.get("salary", {})
    for period in ("hourly", "biweekly", "yearly"):
        pay = salary.get(period)
        if pay and pay["min"] > pay["max"]:
            yield Problem(path, f"/salary/{period}", f"{period} minimum {pay['min']:,.2f} is above the maximum "
                          f"{pay['max']:,.2f}; swap them or correct one")
    for small, large, factors in _pay_steps(str(spec.get("title", ""))):
        if small in salary and large in salary:
            for end in ("min", "max"):
                yield from _pay_step(path, salary, small, large, factors, end)


def period_hours(title: str) -> tuple[float, ...]:
    """Hours in a biweekly period: twice the weekly hours the title names ("(37.5 Hour)" -> 75), any of
    80/75/70 for a per-diem class, else 80."""
    hours = WEEKLY_HOURS.search(title)
    if hours:
        return (float(hours.group("hours")) * 2,)
    return PERIOD_HOURS if PER_DIEM.search(title) else PERIOD_HOURS[:1]


def _pay_steps(title: str) -> tuple[tuple[str, str, tuple[float, ...]], ...]:
    return (("hourly", "biweekly", period_hours(title)), ("biweekly", "yearly", (PERIODS_A_YEAR,)))


def _pay_step(path: str, salary: Spec, small: str, large: str, factors: tuple[float, ...],
              end: str) -> Iterator[Problem]:
    slack = YEARLY_SLACK if large == "yearly" else 0.0
    if any(abs(salary[small][end] * f - salary[large][end]) <= max(f * 0.01, slack) + 1e-9 for f in factors):
        return
    factor = factors[0]
    expected = salary[small][end] * factor
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
    """Text `specdiff new` (or an import without a title) left to be written (a warning: fails only with
    --strict)."""
    from specdiff.references import texts

    title = spec.get("title")
    for pointer, text in [*([("/title", title)] if isinstance(title, str) else []), *texts(spec)]:
        if PLACEHOLDER in text:
            yield Problem(path, pointer, f"still says {PLACEHOLDER!r}; write the text, or remove the field",
                          WARNING)


PER_SPEC = (file_name, pay_ranges, dates, final_numbers, completeness, placeholders)


def check_spec(path: str, spec: Spec) -> list[Problem]:
    """Every per-spec rule on one schema-valid spec."""
    return [problem for rule in PER_SPEC for problem in rule(path, spec)]


@dataclass(frozen=True)
class Clash:
    """A problem found across specs, and what it is about besides its own file: other specs (`path:`),
    class codes (`code:`) and case-folded titles (`title:`). A run that checks a few specs against the
    rest reports the clashes in those specs and the clashes about them (`concerning`)."""

    problem: Problem
    about: frozenset[str] = frozenset()


Catalog = Sequence[tuple[str, Facts]]


def unique_codes(specs: Catalog) -> Iterator[Clash]:
    """No two files hold the same class code."""
    holders: dict[str, list[str]] = defaultdict(list)
    for path, facts in specs:
        holders[facts.class_code].append(path)
    for code, paths in holders.items():
        for path in paths[1:]:
            yield Clash(Problem(path, "/class_code", f"class code {code!r} is also used by {paths[0]}; "
                                "each class has one spec"), frozenset({f"path:{paths[0]}", f"code:{code}"}))


def coded_names(specs: Catalog) -> Iterator[Clash]:
    """A code means the same name in every spec, e.g. bargaining unit (02) is always MANAGERIAL."""
    first_seen: dict[tuple[str, str], tuple[str, str]] = {}
    for path, facts in specs:
        for field, code, name in facts.coded:
            seen_name, seen_path = first_seen.setdefault((field, code), (name, path))
            if name != seen_name:
                yield Clash(Problem(path, f"/{field}/name", f"{CODED_FIELDS[field]} ({code}) is named {name!r} here "
                                    f"but {seen_name!r} in {seen_path}; use one name for one code"),
                            frozenset({f"path:{seen_path}"}))


def replacements(specs: Catalog) -> Iterator[Clash]:
    """A retirement names a replacement class that exists and is in force."""
    by_code = {facts.class_code: (path, facts) for path, facts in specs}
    for path, facts in specs:
        for index, code in facts.replaced_by:
            other = by_code.get(code)
            pointer = f"/records/{index}/replaced_by"
            if other is None:
                yield Clash(Problem(path, pointer, f"replaced by {code!r}, which no spec here has; check the code",
                                    WARNING), frozenset({f"code:{code}"}))
            elif other[1].retired:
                yield Clash(Problem(path, pointer, f"replaced by {code!r}, which is retired too; name a class in "
                                    "force"), frozenset({f"code:{code}", f"path:{other[0]}"}))


def title_references(specs: Catalog, *, allow_retired: bool = False) -> Iterator[Clash]:
    """Titles named in the text ("interpreted at the level of X") are classes here, and in force."""
    titles = {facts.title: (path, facts) for path, facts in specs}
    for path, facts in specs:
        for pointer, title in facts.references:
            key = title.casefold()
            other = titles.get(key)
            if other is None:
                yield Clash(Problem(path, pointer, f"refers to {title!r}, which no spec here has as its title; "
                                    "check the spelling, or add that class", WARNING), frozenset({f"title:{key}"}))
            elif other[1].retired and not allow_retired:
                yield Clash(Problem(path, pointer, f"refers to {title!r}, which is retired ({other[1].class_code}); "
                                    "name the class that replaced it"), frozenset({f"title:{key}", f"path:{other[0]}"}))


CROSS_SPEC = (unique_codes, coded_names, replacements)  # title_references also takes the policy


def clashes(specs: Catalog, *, allow_retired_references: bool = False) -> list[Clash]:
    """Every cross-spec rule over the facts of the specs of a run, in the order of their files."""
    found = [clash for rule in CROSS_SPEC for clash in rule(specs)]
    return found + list(title_references(specs, allow_retired=allow_retired_references))


def check_across(specs: Catalog, *, allow_retired_references: bool = False) -> list[Problem]:
    """Every cross-spec rule over the facts of all schema-valid specs of the run."""
    return [clash.problem for clash in clashes(specs, allow_retired_references=allow_retired_references)]


def concerning(checked: Catalog, old: Sequence[Facts] = ()) -> frozenset[str]:
    """What a clash may be about to concern checked specs: their files, and the class codes and titles
    they hold or held before (`old`: a title given up may still be named elsewhere)."""
    held = [facts for _, facts in checked] + list(old)
    return frozenset([f"path:{path}" for path, _ in checked] + [f"code:{f.class_code}" for f in held]
                     + [f"title:{f.title}" for f in held])

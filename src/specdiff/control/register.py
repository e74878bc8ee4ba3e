"""The register of effective-date records across specs (with their approvals and flags), and the classes due
for review."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from specdiff.control.approvals import Approval, approvals_of
from specdiff.importer.records import parse_clause
from specdiff.spec import current_record, is_retired, salary_group
from specdiff.spec import records as spec_records


FLAGS = ("baselined", "inferred", "retired", "reviewed")  # in the order the flags column lists them


@dataclass(frozen=True)
class LedgerRow:
    """One effective-date record of one class (or, for a baselined class with no record, its baseline)."""

    class_code: str
    title: str  # the title in force under this record (not today's, after a retitle)
    salary_group: str  # likewise
    effective: str  # "" for the baseline row of a class with neither records nor EST
    revised: str
    final_no: str
    reasons: str
    reviewed: bool
    inferred: bool
    retired: bool
    clause: str
    baselined: bool = False  # from the document the class was brought under change control with (import)
    approvals: tuple[Approval, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        """baselined, inferred, retired, reviewed: those that hold, in that order."""
        return tuple(flag for flag in FLAGS if getattr(self, flag))

    @property
    def approvals_text(self) -> str:
        """`ROLE: NAME MM/DD/YYYY; ...`."""
        return "; ".join(approval.text() for approval in self.approvals)


def in_force_under(spec: dict[str, Any], index: int) -> tuple[str, str]:
    """(title, salary group) in force under the record at index: its own fields, else what the next
    record's cancellation clause says it replaced, else (the current record) the spec's own; "" unknown."""
    return _in_force(spec, spec_records(spec), index)


def _in_force(spec: dict[str, Any], records: list[dict[str, Any]], index: int) -> tuple[str, str]:
    """in_force_under, given the spec's records (read once per spec, so a spec costs its records once)."""
    title, group = records[index].get("title"), records[index].get("salary_group")
    if index + 1 < len(records):
        said = parse_clause(str(records[index + 1].get("cancellation_clause") or ""))
        title, group = title or said.get("title"), group or said.get("salary_group")
    else:
        title, group = title or spec.get("title"), group or salary_group(spec)
    return str(title or ""), str(group or "")


def _baseline_through(spec: dict[str, Any]) -> str | None:
    """The last effective date the document the class was brought under change control with carried."""
    baseline = spec.get("baseline")
    through = baseline.get("through") if isinstance(baseline, dict) else None
    return None if through is None else str(through)


def _row(spec: dict[str, Any], records: list[dict[str, Any]], index: int, through: str | None) -> LedgerRow:
    record = records[index]
    title, group = _in_force(spec, records, index)
    return LedgerRow(str(spec["class_code"]), title, group, record["effective"], record.get("revised", ""),
                     record.get("final_no", ""), "; ".join(record.get("reasons", [])), bool(record.get("reviewed")),
                     bool(record.get("inferred")), bool(record.get("retired")),
                     str(record.get("cancellation_clause", "")),
                     through is not None and str(record["effective"]) <= through, approvals_of(record))


def _baseline_row(spec: dict[str, Any]) -> LedgerRow:
    """The one row of a baselined class without records, so that it is in the register: effective from EST."""
    return LedgerRow(str(spec["class_code"]), str(spec.get("title", "")), salary_group(spec) or "",
                     str(spec.get("established", "")), "", "", "", False, False, False, "", baselined=True)


def _rows(spec: dict[str, Any]) -> list[LedgerRow]:
    """The rows of one spec, its records read once."""
    records = spec_records(spec)
    if not records and isinstance(spec.get("baseline"), dict):
        return [_baseline_row(spec)]
    through = _baseline_through(spec)
    return [_row(spec, records, index, through) for index in range(len(records))]


def ledger(specs: list[dict[str, Any]], since: str | None = None) -> list[LedgerRow]:
    """Every record (oldest first, then by class), optionally only those effective on or after since."""
    rows = [row for spec in specs for row in _rows(spec) if since is None or row.effective >= since]
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


def _last(spec: dict[str, Any], current: dict[str, Any] | None) -> tuple[str | None, str]:
    """The last review or revision (else EST) and its kind, given the spec's current record."""
    if current is not None:
        return current["effective"], "review" if current.get("reviewed") else "revision"
    if "established" in spec:
        return spec["established"], "established"
    return None, "none"


def _due_row(spec: dict[str, Any], years: int, as_of: dt.date) -> DueRow | None:
    """The spec's row if it is due for review as of the date, else None."""
    if is_retired(spec):
        return None  # a retired class is not reviewed
    last, kind = _last(spec, current_record(spec))
    when = _years_after(dt.date.fromisoformat(last), years) if last else None
    if when is not None and when > as_of:
        return None
    return DueRow(str(spec["class_code"]), str(spec.get("title", "")), last, kind, when.isoformat() if when else None)


def due(specs: list[dict[str, Any]], years: int, as_of: dt.date) -> list[DueRow]:
    """Classes due for review as of a date, oldest first (those with no date at all first)."""
    found = (_due_row(spec, years, as_of) for spec in specs)
    rows = [row for row in found if row is not None]
    return sorted(rows, key=lambda row: (row.last or "", row.class_code))

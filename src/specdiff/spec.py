"""Small questions about one (schema-valid) spec, answered in one place: its current record, whether
it is retired, when its revision took effect, the title and salary group in force."""
from __future__ import annotations

from typing import Any

Spec = dict[str, Any]


def class_code(spec: Spec) -> str:
    return str(spec.get("class_code", ""))


def title(spec: Spec) -> str:
    return str(spec.get("title", ""))


def salary_group(spec: Spec) -> str | None:
    group = (spec.get("salary") or {}).get("group")
    return str(group) if group is not None else None


def records(spec: Spec) -> list[dict[str, Any]]:
    """The effective-date records, oldest first."""
    return list(spec.get("records") or [])


def without_approvals(record: dict[str, Any]) -> dict[str, Any]:
    """The record as drafted: signing a record does not make it another record."""
    return {key: value for key, value in record.items() if key != "approvals"}


def current_record(spec: Spec) -> dict[str, Any] | None:
    """The record in force (the last one), or None."""
    found = records(spec)
    return found[-1] if found else None


def retirement_record(spec: Spec) -> dict[str, Any] | None:
    """The record that abolished the class, if its current record does."""
    record = current_record(spec)
    return record if record is not None and record.get("retired") else None


def is_retired(spec: Spec) -> bool:
    return retirement_record(spec) is not None


def effective(spec: Spec) -> str | None:
    """When the current revision took effect: its record's date, else EST, else None (ISO)."""
    record = current_record(spec)
    if record is not None:
        return str(record["effective"])
    established = spec.get("established")
    return str(established) if established else None


def in_force_on(spec: Spec, day: str) -> dict[str, Any] | None:
    """The newest of the spec's own records that took effect on or before day (ISO), or None."""
    found = [record for record in records(spec) if str(record["effective"]) <= day]
    return found[-1] if found else None

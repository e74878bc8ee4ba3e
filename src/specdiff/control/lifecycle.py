"""A class's life: retirement (abolished, kept in the repository) and new class codes."""
from __future__ import annotations

from typing import Any

from specdiff.control.clause import clause_date, final_text
from specdiff.control.policy import Policy

Spec = dict[str, Any]


def retirement_record(spec: Spec) -> dict[str, Any] | None:
    """The record that abolished the class, if its current record does."""
    records = spec.get("records") or []
    return records[-1] if records and records[-1].get("retired") else None


def is_retired(spec: Spec) -> bool:
    return retirement_record(spec) is not None


def retired_spec(spec: Spec, *, effective: str, revised: str | None, final: str | None,
                 replacement: Spec | None, policy: Policy) -> Spec:
    """The spec with a record that abolishes it (effective on a date, optionally replaced by a class)."""
    replaced = policy.replaced_by.format(title=replacement["title"], code=replacement["class_code"]) \
        if replacement else ""
    clause = policy.retirement.format(effective=clause_date(effective, policy), replaced=replaced,
                                      final=final_text(final, policy), title=spec.get("title", ""))
    record: dict[str, Any] = {"effective": effective}
    if revised:
        record["revised"] = revised
    if final:
        record["final_no"] = final
    record.update(cancellation_clause=" ".join(clause.split()), reasons=["abolish class"], retired=True)
    if replacement:
        record["replaced_by"] = replacement["class_code"]
    return {**spec, "records": [*spec.get("records", []), record]}


def recoded_spec(spec: Spec, new_code: str) -> Spec:
    """The spec under a new class code, remembering the old one ("formerly OLD")."""
    former = [*spec.get("former_codes", []), spec["class_code"]]
    return {**spec, "class_code": new_code, "former_codes": former}


def with_replacement_recoded(spec: Spec, old_code: str, new_code: str) -> Spec | None:
    """The spec with its records' `replaced_by` moved from old_code to new_code (None if none pointed there)."""
    records = spec.get("records", [])
    if not any(r.get("replaced_by") == old_code for r in records):
        return None
    moved = [{**r, "replaced_by": new_code} if r.get("replaced_by") == old_code else r for r in records]
    return {**spec, "records": moved}

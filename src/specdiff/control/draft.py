"""Draft the effective-date record of a revision (or review) from what changed since the base."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from specdiff.control.clause import consolidation_clause, new_class_clause, revision_clause
from specdiff.policy import Policy
from specdiff.control.reasons import derive_reasons, needs_record
from specdiff.diff import diff_specs

FINAL_NO = re.compile(r"^(\d{2})-(\d{3})$")


@dataclass(frozen=True)
class DraftRequest:
    """What the analyst gives: dates, Final No., reasons, and whether this is a review."""

    effective: str | None = None
    revised: str | None = None
    final: str | None = None
    reasons: tuple[str, ...] = ()
    review: bool = False


@dataclass(frozen=True)
class Draft:
    """A drafted record for one class, and whether the changes call for one."""

    class_code: str
    title: str
    path: str
    reasons: tuple[str, ...]
    record: dict[str, Any]
    needed: bool
    new_class: bool


def draft_record(path: str, old: dict[str, Any] | None, new: dict[str, Any], request: DraftRequest, policy: Policy,
                 replaces: list[dict[str, Any]] | None = None) -> Draft:
    """The draft for one class: old is its spec at the base (None for a new class)."""
    changes = diff_specs(old, new) if old is not None else []
    reasons = list(request.reasons) or (["consolidate classes"] if replaces else derive_reasons(changes, policy))
    if replaces:
        clause = consolidation_clause(replaces, reasons, request.final, policy)
    elif old is None:
        clause = new_class_clause(new, request.final, policy)
    else:
        clause = revision_clause(old, reasons, request.final, policy, review=request.review)
    record: dict[str, Any] = {key: value for key, value in (
        ("effective", request.effective), ("revised", request.revised), ("final_no", request.final),
        ("cancellation_clause", clause), ("reasons", reasons or None), ("reviewed", True if request.review else None),
    ) if value is not None}
    needed = old is None or bool(replaces) or request.review or needs_record(changes, policy)
    return Draft(str(new["class_code"]), str(new.get("title", "")), path, tuple(reasons), record, needed,
                 old is None)


def with_record(spec: dict[str, Any], base: dict[str, Any] | None, record: dict[str, Any]) -> dict[str, Any]:
    """The spec with the drafted record as its current one, replacing a record drafted earlier (one that
    the base does not have, approvals aside, and that is not the baseline of a class brought under change
    control since the base)."""
    from specdiff.spec import without_approvals

    known = [without_approvals(r) for r in (base or {}).get("records", [])]
    baseline = spec.get("baseline") if base is None else None
    through = baseline.get("through") if isinstance(baseline, dict) else None
    kept = [r for r in spec.get("records", [])
            if without_approvals(r) in known or (through is not None and str(r["effective"]) <= str(through))]
    return {**spec, "records": [*kept, record]}


def next_final(specs: list[dict[str, Any]], year: int) -> str:
    """The next free Final No. for a year across all specs: 23-001..23-004 taken -> 23-005."""
    taken = [int(m.group(2)) for spec in specs for record in spec.get("records", [])
             for m in [FINAL_NO.match(str(record.get("final_no", "")))] if m and int(m.group(1)) == year % 100]
    return f"{year % 100:02d}-{max(taken, default=0) + 1:03d}"

"""Drafting records for classes of a workspace: read every class first, draft each against the base,
and plan the writes (all or nothing; an effective date must follow the record it replaces)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff import spec as spec_facts
from specdiff.control.draft import Draft, DraftRequest, draft_record, next_final, with_record
from specdiff.errors import ManyErrors, SpecdiffError, UsageError
from specdiff.git import Repository
from specdiff.revisions import spec_at
from specdiff.workspace import Workspace


@dataclass(frozen=True)
class Drafted:
    """A class's draft, its spec in the working tree and its spec at the base (None if new)."""

    draft: Draft
    new: dict[str, Any]
    old: dict[str, Any] | None
    file: Path


def final_number(ws: Workspace, final: str | None, allocate: bool, request_dates: list[str | None]) -> str | None:
    """--final as given, or with --next-final the next free number of the approval year across every
    spec; refused while any spec cannot be read (its numbers would be missed and reused)."""
    if final and allocate:
        raise UsageError("give --final or --next-final, not both")
    if not allocate:
        return final
    year_of = next((d for d in request_dates if d), None)
    if year_of is None:
        raise UsageError("--next-final needs --revised or --effective, to know the year of the Final No.")
    loaded = ws.load_all()
    problems = [item.problem for item in loaded if item.problem is not None]
    if problems:
        first = problems[0]
        raise UsageError(f"--next-final cannot allocate a Final No. while {first.path} cannot be read "
                         f"({first.detail}); fix it first ({len(problems)} unreadable spec(s))")
    return next_final([item.require() for item in loaded], dt.date.fromisoformat(year_of).year)


def _base_spec(ws: Workspace, repo: Repository, base: str, path: str) -> dict[str, Any] | None:
    loaded = spec_at(ws, repo, base, path)
    return loaded.require() if loaded is not None else None


def drafts_for(ws: Workspace, repo: Repository, base: str, codes: list[str], request: DraftRequest,
               replaces: list[str]) -> list[Drafted]:
    """A draft for each class; every class is read (and every problem collected) before any is drafted."""
    replaced = []
    for code in replaces:
        old = _base_spec(ws, repo, base, ws.spec_path(code))
        if old is None:
            raise UsageError(f"--replaces {code}: no spec {ws.spec_path(code)} at the base revision; check the code")
        replaced.append(old)
    found, errors = [], []
    for code in codes:
        try:
            file = ws.target_file(code)
            new = ws.load_file(file).require()
            path = ws.label(file)
            old = _base_spec(ws, repo, base, path)
        except SpecdiffError as error:
            errors.append(error)
            continue
        draft = draft_record(path, old, new, request, ws.policy, replaced or None)
        found.append(Drafted(draft, new, old, file))
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return found


def planned_writes(found: list[Drafted]) -> list[tuple[Drafted, dict[str, Any] | None]]:
    """(drafted, spec to write or None when no record is needed), checked for every class first:
    the effective date must follow the record it replaces, and the result must be a valid spec."""
    from specdiff.store import check_writable

    plans: list[tuple[Drafted, dict[str, Any] | None]] = []
    for item in found:
        if not item.draft.needed:
            plans.append((item, None))
            continue
        record = item.draft.record
        if "effective" not in record:
            raise UsageError("--write needs --effective DATE (the date the revision takes effect)")
        revised = with_record(item.new, item.old, record)
        _after_current(item.draft, revised)
        check_writable(revised, item.draft.path)
        plans.append((item, revised))
    return plans


def _after_current(draft: Draft, revised: dict[str, Any]) -> None:
    records = spec_facts.records(revised)
    if len(records) < 2:
        return
    current, new = str(records[-2]["effective"]), str(records[-1]["effective"])
    if new <= current:
        raise UsageError(f"--effective {new} is not after the current record of {draft.class_code} ({current}); "
                         "a revision takes effect after the one it replaces, so nothing was written")

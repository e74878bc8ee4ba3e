"""A class's life: retirement (abolished, kept in the repository) and new class codes."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.control.clause import clause_date, final_text
from specdiff.policy import Policy
from specdiff.errors import UsageError
from specdiff.spec import effective as effective_of
from specdiff.spec import is_retired, retirement_record
from specdiff.workspace import Workspace

__all__ = ["is_retired", "recoded_spec", "retired_spec", "retirement_record", "with_replacement_recoded"]

Spec = dict[str, Any]


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


@dataclass(frozen=True)
class Planned:
    """A spec file to write (spec) or to remove (spec None), and what to say about it."""

    file: Path
    spec: Spec | None
    note: str


def _class(ws: Workspace, code: str, what: str) -> Spec:
    file = ws.spec_file(code)
    if not (file.exists() or file.is_symlink()):
        raise UsageError(f"{what} {code!r}: no spec {ws.label(file)}; check the class code")
    return ws.load_file(file).require()


def plan_retirement(ws: Workspace, code: str, *, effective: str, revised: str | None, final: str | None,
                    replaced_by: str | None) -> list[Planned]:
    """The class with a retirement record appended (it stays in the repository); checked first."""
    spec = _class(ws, code, "retire")
    if is_retired(spec):
        raise UsageError(f"{code} is already retired; its current record abolishes it")
    replacement = _class(ws, replaced_by, "--replaced-by") if replaced_by else None
    if replacement is not None and is_retired(replacement):
        raise UsageError(f"--replaced-by {replaced_by}: that class is retired too; name a class in force")
    current = effective_of(spec)
    if current and effective <= current:
        raise UsageError(f"--effective {effective} is not after the current record ({current}); "
                         "a retirement takes effect after the revision in force, so nothing was written")
    new = retired_spec(spec, effective=effective, revised=revised, final=final, replacement=replacement,
                       policy=ws.policy)
    note = f": {code} retired effective {effective}" + (f", replaced by {replaced_by}" if replaced_by else "")
    return [Planned(ws.spec_file(code), new, note)]


def plan_recode(ws: Workspace, old: str, new: str) -> list[Planned]:
    """The class under its new code (formerly OLD), the old file removed, and the specs whose
    retirement names OLD as the replacement moved to NEW."""
    spec = _class(ws, old, "rename-code")
    target = ws.spec_file(new)
    if target.exists():
        raise UsageError(f"{ws.label(target)} already exists; choose a code no class uses")
    plans = [Planned(target, recoded_spec(spec, new), f" (formerly {old})"), Planned(ws.spec_file(old), None, "")]
    loaded_all = ws.load_all()
    unreadable = [item.problem for item in loaded_all if item.problem is not None]
    if unreadable:
        raise UsageError(f"rename-code cannot update the specs that name {old} while {unreadable[0].path} cannot be "
                         f"read ({unreadable[0].detail}); fix it first, nothing was written")
    for loaded in loaded_all:
        other = loaded.require()
        if other["class_code"] == old:
            continue
        moved = with_replacement_recoded(other, old, new)
        if moved is not None:
            plans.append(Planned(ws.specs_dir / Path(loaded.label).name, moved, f": replaced_by {old} -> {new}"))
    return plans

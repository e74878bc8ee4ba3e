"""A diff between two revisions of a spec repository: which specs changed, and how."""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Literal

from specdiff import spec as spec_facts
from specdiff.diff.engine import compare_specs
from specdiff.diff.model import Change, DiffReport, SpecChange
from specdiff.vocab import Status

__all__ = ["DiffReport", "SpecChange", "compare", "filtered", "recoded"]


def compare(old_path: str | None, new_path: str | None, old: dict[str, Any] | None,
            new: dict[str, Any] | None) -> SpecChange:
    """The SpecChange for one file, whatever happened to it."""
    spec = new if new is not None else old
    assert spec is not None
    code, title = spec_facts.class_code(spec), spec_facts.title(spec)
    if old is None or new is None:
        kind: Literal["added", "removed"] = "added" if old is None else "removed"
        whole = Change(code, "/", "CLASS", kind, None if old is None else title, title if old is None else None,
                       "substantive")
        return SpecChange(code, title, kind, old_path, new_path, (whole,), old, new)
    changes, notes = compare_specs(old, new)
    return SpecChange(code, title, _status(old_path, new_path, old, new), old_path, new_path,
                      tuple(changes), old, new, notes)


def _status(old_path: str | None, new_path: str | None, old: dict[str, Any], new: dict[str, Any]) -> Status:
    """retired (a retirement record added), recoded (a new class code), renamed (file only) or modified."""
    if spec_facts.is_retired(new) and not spec_facts.is_retired(old):
        return "retired"
    if old.get("class_code") != new.get("class_code"):
        return "recoded"
    return "renamed" if old_path != new_path else "modified"


def recoded(specs: list[SpecChange]) -> list[SpecChange]:
    """A spec removed under one code and added under another that names it as a former code is one
    class recoded (git may not pair the two files when much changed), not a deletion."""
    added = {code: s for s in specs if s.status == "added" and s.new_spec
             for code in s.new_spec.get("former_codes", [])}
    removed = {s.class_code: s for s in specs if s.status == "removed" and s.class_code in added}
    merged = {id(added[code]): compare(gone.old_path, added[code].new_path, gone.old_spec, added[code].new_spec)
              for code, gone in removed.items()}
    dropped = {id(gone) for gone in removed.values()}
    return [merged.get(id(s), s) for s in specs if id(s) not in dropped]


def filtered(report: DiffReport, *, levels: set[str] | None, sections: set[str] | None,
             ignore_editorial: bool) -> DiffReport:
    """The report with only the changes asked for (specs left without changes drop out unless renamed)."""

    def keep(change: Change) -> bool:
        if ignore_editorial and change.level == "editorial":
            return False
        if levels and change.level not in levels:
            return False
        return not sections or change.section.casefold() in sections

    specs = []
    for spec in report.specs:
        changes = tuple(c for c in spec.changes if keep(c))
        if changes or spec.status == "renamed":
            specs.append(replace(spec, changes=changes))
    kept = sum(len(spec.changes) for spec in specs)
    return replace(report, specs=tuple(specs), left_out=report.left_out + len(report.changes) - kept)

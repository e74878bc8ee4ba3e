"""A diff between two revisions of a spec repository: which specs changed, and how."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from specdiff.diff.engine import diff_specs
from specdiff.diff.model import Change

# How much a change matters, for --fail-on and sorting (records count with minor).
RANK = {"editorial": 0, "minor": 1, "record": 1, "substantive": 2}


@dataclass(frozen=True)
class SpecChange:
    """One spec file: added, removed, modified or renamed, with its changes."""

    class_code: str
    title: str
    status: str
    old_path: str | None
    new_path: str | None
    changes: tuple[Change, ...]
    old_spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    new_spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class DiffReport:
    """Everything `specdiff diff` found between two sides."""

    old: str
    new: str
    specs: tuple[SpecChange, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (path, error) of files that could not be parsed

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(change for spec in self.specs for change in spec.changes)

    def worst(self) -> int:
        """The highest rank of any change (-1 when nothing changed)."""
        return max((RANK[c.level] for c in self.changes), default=-1)


def compare(old_path: str | None, new_path: str | None, old: dict[str, Any] | None,
            new: dict[str, Any] | None) -> SpecChange:
    """The SpecChange for one file, whatever happened to it."""
    spec = new if new is not None else old
    assert spec is not None
    code, title = str(spec.get("class_code", "")), str(spec.get("title", ""))
    if old is None or new is None:
        kind = "added" if old is None else "removed"
        whole = Change(code, "/", "CLASS", kind, None if old is None else title, title if old is None else None,
                       "substantive")
        return SpecChange(code, title, kind, old_path, new_path, (whole,), old, new)
    return SpecChange(code, title, _status(old_path, new_path, old, new), old_path, new_path,
                      tuple(diff_specs(old, new)), old, new)


def _status(old_path: str | None, new_path: str | None, old: dict[str, Any], new: dict[str, Any]) -> str:
    """retired (a retirement record added), recoded (a new class code), renamed (file only) or modified."""
    def retired(spec: dict[str, Any]) -> bool:
        records = spec.get("records") or []
        return bool(records and records[-1].get("retired"))

    if retired(new) and not retired(old):
        return "retired"
    if old.get("class_code") != new.get("class_code"):
        return "recoded"
    return "renamed" if old_path != new_path else "modified"


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
    return replace(report, specs=tuple(specs))

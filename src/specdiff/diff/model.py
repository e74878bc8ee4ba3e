"""Values of a semantic diff: changes, their word-level redlines, a changed spec and a whole report."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from specdiff.vocab import Kind, Level, Status, rank

@dataclass(frozen=True)
class Segment:
    """A run of words kept, deleted or inserted by a prose change."""

    kind: str  # "keep", "del" or "ins"
    text: str


@dataclass(frozen=True)
class Change:
    """One change to one spec, in the document's terms."""

    class_code: str
    path: str  # JSON Pointer (in the new spec; in the old one for removals)
    section: str  # the official heading, e.g. EXAMPLES OF DUTIES
    kind: Kind
    old: Any
    new: Any
    level: Level
    redline: tuple[Segment, ...] = ()

    @property
    def id(self) -> str:
        """A short hash that is the same for the same change in any commit (positions left out)."""
        key = json.dumps([self.class_code, self.section, self.kind, self.old, self.new], sort_keys=True,
                         ensure_ascii=False)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class SpecChange:
    """One spec file: added, removed, modified, renamed, retired or recoded, with its changes."""

    class_code: str
    title: str
    status: Status
    old_path: str | None
    new_path: str | None
    changes: tuple[Change, ...]
    old_spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    new_spec: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    # How the comparison was made coarser to keep its work in proportion to the specs' size (a huge or
    # hostile spec): "2 changes redlined sentence by sentence, ...". Empty for ordinary specs.
    notes: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class DiffReport:
    """Everything `specdiff diff` found between two sides."""

    old: str
    new: str
    specs: tuple[SpecChange, ...]
    unreadable: tuple[tuple[str, str], ...] = ()  # (file, problem) of specs that did not load
    left_out: int = 0  # changes the filters (--level, --section, --ignore-editorial) left out

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(change for spec in self.specs for change in spec.changes)

    @property
    def notes(self) -> tuple[str, ...]:
        """Every spec's notes on coarser comparisons, each after its class code (empty for ordinary specs)."""
        return tuple(f"{spec.class_code}: {note}" for spec in self.specs for note in spec.notes)

    def worst(self) -> int:
        """The highest rank of any change (-1 when nothing changed)."""
        return max((rank(c.level) for c in self.changes), default=-1)

"""Values of a semantic diff: changes and their word-level redlines."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

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
    kind: str
    old: Any
    new: Any
    level: str
    redline: tuple[Segment, ...] = ()

    @property
    def id(self) -> str:
        """A short hash that is the same for the same change in any commit (positions left out)."""
        key = json.dumps([self.class_code, self.section, self.kind, self.old, self.new], sort_keys=True,
                         ensure_ascii=False)
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]

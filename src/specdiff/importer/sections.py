"""Cut the document body into sections at heading lines."""
from __future__ import annotations

from dataclasses import dataclass, field

from specdiff import schema
from specdiff.importer.headings import is_posting_heading, looks_like_heading, official_section
from specdiff.importer.lines import Line

_SCALAR_SHAPES = {"text", "codeName", "date"}


@dataclass
class RawSection:
    """A heading line (None for text before any heading) and the lines under it."""

    heading: Line | None
    kind: str  # "official", "posting" or "unknown"
    id: str | None = None
    body: list[Line] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return any(not line.is_blank for line in self.body)

    @property
    def last_line(self) -> int:
        numbers = [line.number for line in self.body if not line.is_blank]
        return max(numbers, default=self.heading.number if self.heading else 0)


def _shape(current: RawSection | None) -> str | None:
    return schema.section(current.id).shape if current and current.id else None


def heading_kind(line: Line, current: RawSection | None, *, posting: bool) -> str | None:
    """'official', 'posting' or 'unknown' when the line starts a section, else None."""
    if line.kind != "text":
        return None
    if official_section(line.text):
        return "official"
    if posting and is_posting_heading(line.text):
        return "posting"
    if not looks_like_heading(line.text):
        return None
    shape = _shape(current)
    if shape == "list" and line.text.endswith(":"):
        return None  # a sub-heading such as AGENCY: inside EXAMPLES OF DUTIES
    if shape in _SCALAR_SHAPES and current is not None and not current.has_text:
        return None  # the value of JOB CLASS DESIGNATION and the like
    return "unknown"


def split_sections(lines: list[Line], *, posting: bool, start: RawSection | None = None) -> list[RawSection]:
    """Sections in document order; lines before the first heading go to `start` (or are dropped)."""
    found: list[RawSection] = [start] if start else []
    for line in lines:
        current = found[-1] if found else None
        kind = heading_kind(line, current, posting=posting)
        if kind:
            found.append(RawSection(line, kind, official_section(line.text) if kind == "official" else None))
        elif current is not None:
            current.body.append(line)
    return found

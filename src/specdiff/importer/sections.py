"""Cut the document body into sections at heading lines."""
from __future__ import annotations

from dataclasses import dataclass, field

from specdiff import schema
from specdiff.importer.header import read_letterhead
from specdiff.importer.headings import (
    is_other_heading,
    is_posting_heading,
    looks_like_heading,
    official_section,
)
from specdiff.importer.lines import Line

_SCALAR_SHAPES = {"text", "codeName", "date"}
_GROUPED_SHAPES = {"list", "paragraphs"}


@dataclass
class RawSection:
    """A heading line (None for text before any heading) and the lines under it."""

    heading: Line | None
    kind: str  # "official", "posting" or "unknown"
    id: str | None = None
    body: list[Line] = field(default_factory=list)
    subheaded: bool = False  # a capitals sub-heading (LEAD LEVEL, an agency name) was read inside it

    @property
    def has_text(self) -> bool:
        return any(not line.is_blank for line in self.body)

    @property
    def last_line(self) -> int:
        numbers = [line.number for line in self.body if not line.is_blank]
        return max(numbers, default=self.heading.number if self.heading else 0)


def _shape(current: RawSection | None) -> str | None:
    return schema.section(current.id).shape if current and current.id else None


def heading_kind(line: Line, current: RawSection | None, *, posting: bool, colon_headings: bool = False) -> str | None:
    """'official', 'posting' or 'unknown' when the line starts a section, else None.

    In a document whose headings end with a colon (old DAS pages), a capitals line ending
    with ':' is a section heading; elsewhere, inside a list, it is a sub-heading (AGENCY:).
    A capitals line right under an official heading (LEAD LEVEL, GENERAL, an agency name), and every
    capitals line after it in that section, is a sub-heading too, unless it is a known heading.
    """
    if line.kind != "text":
        return None
    if official_section(line.text):
        return "official"
    if posting and is_posting_heading(line.text):
        return "posting"
    if is_other_heading(line.text):
        return "unknown"
    if not looks_like_heading(line.text):
        return None
    shape = _shape(current)
    if shape in _GROUPED_SHAPES and current is not None and (current.subheaded or not current.has_text):
        return None  # LEAD LEVEL, GENERAL or an agency name right under EXAMPLES OF DUTIES, and its siblings
    if shape == "list" and line.text.endswith(":") and not colon_headings:
        return None  # a sub-heading such as AGENCY: inside EXAMPLES OF DUTIES
    if shape in _SCALAR_SHAPES and current is not None and not current.has_text:
        return None  # the value of JOB CLASS DESIGNATION and the like
    return "unknown"


def split_inline_heading(line: Line) -> list[Line]:
    """'General Experience: Eight (8) years...' -> a heading line and a text line."""
    head, colon, rest = line.text.partition(":")
    if line.kind != "text" or not colon or not rest.strip() or not official_section(head):
        return [line]
    return [Line(line.number, line.indent, "text", f"{head}:"), Line(line.number, line.indent, "text", rest.strip())]


def uses_colon_headings(lines: list[Line]) -> bool:
    """True when most official headings of the document end with ':' (old DAS pages)."""
    headings = [line.text for line in lines if line.kind == "text" and official_section(line.text)]
    return sum(text.endswith(":") for text in headings) * 2 > len(headings)


def split_sections(lines: list[Line], *, posting: bool, start: RawSection | None = None) -> list[RawSection]:
    """Sections in document order; lines before the first heading go to `start` (or are dropped)."""
    lines = [part for line in lines for part in split_inline_heading(line)]
    colon_headings = uses_colon_headings(lines)
    found: list[RawSection] = [start] if start else []
    for line in lines:
        current = found[-1] if found else None
        kind = heading_kind(line, current, posting=posting, colon_headings=colon_headings)
        if kind:
            found.append(RawSection(line, kind, official_section(line.text) if kind == "official" else None))
        elif current is not None:
            current.body.append(line)
            current.subheaded = current.subheaded or (line.kind == "text" and looks_like_heading(line.text))
    return found


def structure_start(lines: list[Line]) -> int | None:
    """Where the sections of a document with no official heading start, if it has recognisable structure.

    Another state's page may use only headings with no field of their own (DISTINGUISHING FEATURES,
    Definition of Series) or none at all, but name its class (`Class Code: 06507`, a list of classes): it is
    imported with everything kept under other_sections. None when it has neither (plain notes are refused),
    and for a recruitment posting with no part of the specification.
    """
    first = next((index for index, line in enumerate(lines) if line.kind == "text" and is_other_heading(line.text)),
                 None)
    if first is not None:
        return first
    head = read_letterhead(lines)
    return len(lines) if head.class_code and not head.is_posting else None  # a posting cut off before its spec

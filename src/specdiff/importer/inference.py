"""Recover the sections of a document without section headings from order plus wording.

A Connecticut specification whose heading lines were stripped (layout V3), or an older JobAps page
that never had them (V4), still follows the State's fixed section order, and most sections have
wording of their own: "Receives ... direction" is SUPERVISION RECEIVED, "N years of ... experience"
is GENERAL EXPERIENCE, "(02)-MANAGERIAL" is a coded line. Each paragraph or list item goes to the
section its wording names, or else stays in the section before it. Sections placed this way are
reported back so the spec can say they were inferred (`inferred_sections`).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from specdiff import schema
from specdiff.importer import blocks
from specdiff.importer.header import PAY_RANGE, TITLE_WITH_CODE
from specdiff.importer.lines import Line
from specdiff.importer.sections import RawSection
from specdiff.importer.spec_builder import SpecBuilder
from specdiff.textutil import ends_sentence

_YEARS = re.compile(r"(?:\(\d{1,2}\)|\b\d{1,2}) (?:years?|months?)\b")
_EXPERIENCE = re.compile(r"\bexperience\b")


def _years_of_experience(text: str) -> bool:
    """'N years ... experience' within one sentence, in one pass over the text (never a `.*` retried
    from every 'N years', which takes time in the square of a hostile text's length)."""
    return any(_YEARS.search(part) and _EXPERIENCE.search(part) for part in re.split(r"[.;]", text))


def _pattern(regex: str) -> Callable[[str], object]:
    return re.compile(regex).search


# The wording that opens a section, tried on a chunk's whole text in this order (a substitution names
# the General Experience too). Only a section later in the State's order than the current one is
# taken, so a KSA item that mentions "years" stays a KSA item. Each test is linear in the text.
MARKS: tuple[tuple[str, Callable[[str], object]], ...] = (
    ("supervision_received", _pattern(r"^(?:Works|Work is performed) under\b.*\b(?:supervision|direction)\b"
                                      r"|^Receives\b.*\b(?:direction|supervision)\b")),
    ("ksa", _pattern(r"^(?:(?:Considerable|Thorough|Working|Some|General|Extensive|Basic) knowledge|Knowledge) of\b")),
    ("substitutions_allowed", _pattern(r"\bmay be substituted\b")),
    ("special_experience", _pattern(r"\bof the General Experience\b")),
    ("general_experience", _years_of_experience),
    ("special_requirements", _pattern(r"^(?:Incumbents|Employees|Candidates|Applicants) in this class\b")),
    ("designation", _pattern(r"^(?:Classified|Unclassified)(?:/[A-Za-z -]+)*$")),
    ("salary_information", _pattern(r"^[A-Z]{2} ?(?:- ?)?\d{1,3}$")),
    ("acknowledgement", _pattern(r"^As defined by Sec|\bjob class is not meant to be all-inclusive\b")),
    ("cancellation_clause", _pattern(r"\breplaces the existing specification\b|\bis abolished effective\b")),
    ("effective_date", _pattern(r"^\d{1,2}/\d{1,2}/\d{4}$")),
)
CODED = re.compile(r"^\(\s*(?P<code>[0-9A-Za-z]{1,4})\s*\)\s*-\s*(?P<name>\S.*)$")
_LETTERHEAD_LINES = 12  # a title line or pay header further down is text of a section
_CODED_ORDER = ("occupational_group", "bargaining_unit", "eeo")
_STANDALONE = tuple(test for section_id, test in MARKS
                    if section_id in ("designation", "salary_information", "effective_date"))
MIN_MARKS = 2  # fewer recognised sections than this: the text is not a specification
AMOUNT = re.compile(r"\$?\d[\d,]*\.\d{2}\b")
PREFIXED = re.compile(r"^(?P<prefix>[A-Z][A-Z ,&/'()-]{2,}:)\s+(?P<rest>\S.*)$")
TABLE = ""  # the section id given to the rows of a rate table: none (kept under other_sections)


@dataclass
class Chunk:
    """A paragraph or list item: its lines (hard wraps joined by meaning, blank lines kept after it)."""

    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines if not line.is_blank)

    @property
    def first(self) -> Line:
        return next(line for line in self.lines if not line.is_blank)

    @property
    def is_table_row(self) -> bool:
        """A row of an embedded rate table (assignment, minimum, maximum): two amounts or more."""
        return len(AMOUNT.findall(self.text)) >= 2 and not self.text.endswith(".")


@dataclass(frozen=True)
class Inferred:
    """The sections recovered, in document order, the ids of those placed by inference, and values
    read here rather than by the spec builder (run-in duties under capital prefixes)."""

    sections: list[RawSection]
    inferred: list[str]
    values: dict[str, Any] = field(default_factory=dict)


def _order() -> list[str]:
    return [info.id for info in schema.sections()]


def _standalone(text: str) -> bool:
    """A line that is a whole value on its own (a coded line, a date, a designation, a table row)."""
    return (bool(CODED.match(text)) or any(test(text) for test in _STANDALONE)
            or len(AMOUNT.findall(text)) >= 2)


def _continues(chunk: Chunk, line: Line, after_blank: bool) -> bool:
    """Whether a text line is a hard wrap of the chunk before it."""
    if after_blank or line.kind != "text" or not chunk.lines:
        return False
    if _standalone(line.text) or _standalone(chunk.first.text):  # a standalone chunk is one line
        return False
    return line.text[:1].islower() or not ends_sentence(chunk.lines[-1].text)


def chunks(body: list[Line]) -> list[Chunk]:
    """The body cut into paragraphs and list items."""
    found: list[Chunk] = []
    after_blank = True
    for line in body:
        if line.is_blank:
            if found:
                found[-1].lines.append(line)
            after_blank = True
            continue
        if found and _continues(found[-1], line, after_blank):
            found[-1].lines.append(line)
        else:
            found.append(Chunk([line]))
        after_blank = False
    return found


def _coded_section(text: str, current: str) -> str | None:
    """Which coded field a '(NN)-NAME' line is: one-digit code EEO, capitals bargaining unit, else group."""
    match = CODED.match(text)
    if not match:
        return None
    code, name = match.group("code"), match.group("name")
    if len(code) == 1:
        return "eeo"
    if name.upper() == name:
        return "bargaining_unit"
    return "occupational_group" if current not in _CODED_ORDER else _next_coded(current)


def _next_coded(current: str) -> str:
    index = _CODED_ORDER.index(current)
    return _CODED_ORDER[min(index + 1, len(_CODED_ORDER) - 1)]


def _mark(text: str, current: str, order: list[str]) -> str | None:
    """The section this wording opens, if it comes after the current one."""
    coded = _coded_section(text, current)
    if coded:
        return coded
    for section_id, test in MARKS:
        if test(text) and order.index(section_id) > order.index(current):
            return section_id
    return None


def _unmarked(chunk: Chunk, current: str) -> str:
    """Where a chunk without marking wording goes: the current section, but after SUPERVISION
    RECEIVED the next paragraph is SUPERVISION EXERCISED and a list (or run-in duties) is DUTIES."""
    if current == "supervision_received":
        listed = chunk.first.kind != "text" or chunk.text.count(";") >= 2
        return "duties" if listed else "supervision_exercised"
    if current == "supervision_exercised":
        return "duties"
    return current


def assign(found: list[Chunk]) -> list[tuple[str, Chunk]]:
    """Each chunk with the section it belongs to; rate table rows (and the heading row just above
    them) belong to none."""
    order = _order()
    current = order[0]
    placed: list[tuple[str, Chunk]] = []
    for index, chunk in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if chunk.is_table_row or (following is not None and following.is_table_row and _short(chunk)):
            placed.append((TABLE, chunk))
            continue
        current = _mark(chunk.text, current, order) or _unmarked(chunk, current)
        placed.append((current, chunk))
    return placed


def _short(chunk: Chunk) -> bool:
    return len(chunk.text.split()) <= 8 and not chunk.text.endswith(".")


def infer_sections(body: list[Line]) -> Inferred | None:
    """The sections of an unheaded body, or None when its wording names too few sections."""
    placed = assign(chunks(body))
    order = _order()
    marked = {section_id for section_id, chunk in placed
              if section_id != TABLE and _mark(chunk.text, order[0], order) == section_id}
    if len(marked) < MIN_MARKS:
        return None
    sections = _sections(placed)
    values = {raw.id: grouped for raw in sections if raw.id == "duties" and (grouped := prefixed_run_in(raw.body))}
    return Inferred(sections, [raw.id for raw in sections if raw.id], values)


def _sections(placed: list[tuple[str, Chunk]]) -> list[RawSection]:
    """One section per id (a chunk placed in a section already begun joins it, even past a table),
    and table rows as heading-less sections in their place."""
    sections: list[RawSection] = []
    by_id: dict[str, RawSection] = {}
    for section_id, chunk in placed:
        if section_id == TABLE:
            if sections and sections[-1].id is None:
                sections[-1].body.extend(_rows(chunk))
            else:
                sections.append(RawSection(None, "unknown", None, _rows(chunk)))
        elif section_id in by_id:
            by_id[section_id].body.extend(chunk.lines)
        else:
            heading = Line(chunk.first.number, 0, "text", schema.section(section_id).heading)
            by_id[section_id] = RawSection(heading, "official", section_id, list(chunk.lines))
            sections.append(by_id[section_id])
    return sections


def _rows(chunk: Chunk) -> list[Line]:
    """A table row as its own paragraph (a blank line after it keeps rows from being joined)."""
    return [*[line for line in chunk.lines if not line.is_blank], Line(chunk.first.number, 0, "blank", "")]


def prefixed_run_in(body: list[Line]) -> dict[str, Any] | None:
    """Run-in duty paragraphs under capital prefixes (`BRIDGE PAINTING: Prepares ...; ...`) as groups."""
    paragraphs = blocks.entries(body)
    matches = [PREFIXED.match(entry.text) for entry in paragraphs]
    if not any(matches) or any(entry.kind != "text" for entry in paragraphs):
        return None
    groups: list[dict[str, Any]] = []
    for entry, match in zip(paragraphs, matches, strict=True):
        group = {"heading": match.group("prefix")} if match else {}
        groups.append({**group, "items": blocks.run_in_items(match.group("rest") if match else entry.text)})
    return {"style": "run-in", "groups": groups}


def letterhead_end(lines: list[Line]) -> int:
    """The index just after the letterhead (title and code, pay header) of an unheaded document, else 0."""
    end = 0
    for index, line in enumerate(lines[:_LETTERHEAD_LINES]):
        if line.kind == "text" and (TITLE_WITH_CODE.match(line.text) or PAY_RANGE.search(line.text)):
            end = index + 1
    return end


def flag_inferred(builder: SpecBuilder, inferred: Inferred) -> None:
    """Record in the spec, and say in a warning, which sections were placed by order and wording."""
    builder.spec.update(inferred.values)
    builder.spec["inferred_sections"] = inferred.inferred
    first = next((raw.heading.number for raw in inferred.sections if raw.heading), None)
    builder.warn(first, "no section headings; sections inferred from their order and wording: "
                 f"{', '.join(inferred.inferred)}; check each, then delete inferred_sections from the spec")

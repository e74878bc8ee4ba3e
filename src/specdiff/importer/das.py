"""Old DAS pages (layouts V5 and V6): the header row, the status line, the CC block.

An old Department of Administrative Services page starts with a status line (`Unclassified`) and a
header row `Class Code  Pay Plan  Class Title  Eff.Date` whose values follow on the next line (one line
per class code: a page may carry two codes and pay grades for one title). Its sections have colon
headings, which the ordinary section reader handles; its cancellation sentence has no heading; an
internal tag line and a `CC  Final#  Occup. Group  Bargaining Unit  EEO` block with its values close it.
V6 is the same page saved as a pipe table (`| HEADING: | ||||`): `flatten_pipes` turns its rows back
into V5 lines first, one line for one line, so line numbers still point into the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from specdiff import schema
from specdiff.dates import parse_document_date
from specdiff.errors import ImportFailure
from specdiff.importer.header import Letterhead
from specdiff.importer.headings import looks_like_heading, official_section
from specdiff.importer.lines import Line
from specdiff.importer.spec_builder import SpecBuilder
from specdiff.textutil import title_case
from specdiff.validator import validate_spec

HEADER_ROW = re.compile(r"^Class Code\s+Pay Plan\s+Class Title\s+Eff\.?\s*Date$", re.IGNORECASE)
VALUE_ROW = re.compile(r"^(?P<code>[0-9]{4}[A-Z]{0,2})\s+(?P<plan>[A-Z]{2})\s*-?\s*(?P<grade>[0-9]{1,3})"
                       r"(?:\s+(?P<title>[^a-z]+?))??(?:\s+(?P<date>[A-Z][a-z]{2}\.?\s+[0-9]{1,2},\s*[0-9]{4}))?$")
STATUS = re.compile(r"^(?:Classified|Unclassified)(?:/[A-Za-z -]+)*$")
CC_ROW = re.compile(r"^CC\s+Final\s*#\s+Occup\.?\s*Group\s+Bargaining\s+Unit\s+EEO$", re.IGNORECASE)
CC_VALUES = re.compile(r"^(?P<code>[0-9]{4}[A-Z]{0,2}(?:\s*[/,&]\s*[0-9]{4}[A-Z]{0,2})*)\s+(?P<final>[0-9]{1,5})"
                       r"(?P<coded>(?:\s+\(\s*[0-9A-Za-z]{1,4}\s*\)\s*-\s*[^()]+?){3})$")
CODED = re.compile(r"\(\s*(?P<code>[0-9A-Za-z]{1,4})\s*\)\s*-\s*(?P<name>[^()]+?)(?=\s+\(|$)")
CLAUSE = re.compile(r"^This replaces the existing specification\b|\bis abolished effective\b", re.IGNORECASE)
_PIPE_ONLY = re.compile(r"^[|:\-\s]*$")
_CC_LABELS = 5  # CC, Final#, Occup. Group, Bargaining Unit, EEO: at most one line each
_CODED_FIELDS = ("occupational_group", "bargaining_unit", "eeo")


@dataclass
class DasPage:
    """What the frame of an old DAS page says, and the body lines left for the section reader."""

    head: Letterhead
    body: list[Line]
    source: str = "<text>"
    codes: list[tuple[str, str]] = field(default_factory=list)  # (class code, pay plan) per value row
    effective: str | None = None
    designation: str | None = None
    final_no: str | None = None
    coded: dict[str, dict[str, str]] = field(default_factory=dict)
    tag: list[Line] = field(default_factory=list)
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, warning) for the spec builder


def flatten_pipes(text: str) -> str:
    """A page saved as pipe tables (V6) as plain V5 lines: non-empty cells joined by two spaces.

    Only a text that is a DAS page once flattened changes; any other text is returned as it is.
    """
    rows = text.split("\n")
    if sum(row.lstrip().startswith("|") for row in rows) < 3:
        return text
    flat = [_flat_row(row) for row in rows]
    if not any(HEADER_ROW.match(" ".join(row.split())) for row in flat):
        return text
    return "\n".join(flat)


def _flat_row(row: str) -> str:
    if not row.lstrip().startswith("|"):
        return row
    if _PIPE_ONLY.match(row):
        return ""
    return "  ".join(cell.strip() for cell in row.strip().strip("|").split("|") if cell.strip())


def read_page(lines: list[Line], source: str) -> DasPage | None:
    """The DAS frame of these lines, or None when they are not an old DAS page."""
    header = next((i for i, line in enumerate(lines) if line.kind == "text" and HEADER_ROW.match(line.text)), None)
    if header is None:
        return None
    page = DasPage(Letterhead(), [], source=source)
    used = {lines[header].number}
    _read_status(page, lines[:header], used)
    _read_values(page, lines[header + 1:], used)
    cc_used = _read_cc(page, lines)
    used |= cc_used
    page.body = _body([line for line in lines if line.number not in used], page)
    page.head.used = used
    return page


def _read_status(page: DasPage, before: list[Line], used: set[int]) -> None:
    for line in before:
        if STATUS.match(line.text):
            page.designation = line.text
            used.add(line.number)


def _read_values(page: DasPage, after: list[Line], used: set[int]) -> None:
    """One value row per class code, right below the header row."""
    for line in after:
        if line.is_blank and not page.codes:
            continue
        match = VALUE_ROW.match(line.text) if line.kind == "text" else None
        if not match:
            return
        used.add(line.number)
        page.codes.append((match.group("code"), f"{match.group('plan')} {match.group('grade')}"))
        page.head.class_code = page.codes[0][0]
        if match.group("title") and not page.head.title:
            page.head.title = title_case(match.group("title").strip())
        if match.group("date") and not page.effective:
            page.effective = _date(match.group("date"), page.source, line.number)


def _date(text: str, source: str, line: int) -> str:
    try:
        return parse_document_date(text).isoformat()
    except ValueError:
        raise ImportFailure(f"Eff.Date {text!r} in the header row is not a real date; write it as Mon DD, YYYY",
                            path=source, where=str(line)) from None


def _read_cc(page: DasPage, lines: list[Line]) -> set[int]:
    """The CC block: its header row (on one line, or one label a line) and the value lines under it,
    when they read as its values."""
    found = _cc_header(lines)
    if found is None:
        return set()
    header, end = found
    values: list[Line] = []
    for line in lines[end:]:
        if line.is_blank and values:
            break
        if not line.is_blank:
            values.append(line)
    match = CC_VALUES.match(" ".join(line.text for line in values))
    if not match:
        page.notes.append((min(header), "the CC block's values do not read as code, Final#, and three (NN)-NAME "
                                         "values; kept as text"))
        return set()
    page.final_no = match.group("final")
    if page.codes and not match.group("code").startswith(page.codes[0][0]):
        page.notes.append((values[0].number, f"the CC block names class code {match.group('code')!r}, the header "
                                             f"row {page.codes[0][0]!r}; using {page.codes[0][0]!r}"))
    coded = [(m.group("code"), m.group("name").strip()) for m in CODED.finditer(match.group("coded"))]
    page.coded = {name: {"code": code, "name": text} for name, (code, text) in zip(_CODED_FIELDS, coded, strict=False)}
    return header | {line.number for line in values}


def _cc_header(lines: list[Line]) -> tuple[set[int], int] | None:
    """The line numbers of the CC header row and the index just after it."""
    for start, line in enumerate(lines):
        if not line.text.startswith("CC"):
            continue
        labels = [candidate for candidate in lines[start:start + _CC_LABELS] if not candidate.is_blank]
        for count in range(1, len(labels) + 1):
            if CC_ROW.match(" ".join(label.text for label in labels[:count])):
                end = lines.index(labels[count - 1]) + 1
                return {label.number for label in labels[:count]}, end
    return None


def _body(lines: list[Line], page: DasPage) -> list[Line]:
    """Body lines with the combined heading split and the cancellation sentence given its heading;
    the short lines after the clause's paragraph (the internal tag) are set apart in `page.tag`."""
    body: list[Line] = []
    state = "before"  # then "clause" (its paragraph), then "after" (tag lines until a heading)
    for line in lines:
        if state == "before" and line.kind == "text" and CLAUSE.search(line.text) and not _under_clause(body):
            body.append(Line(line.number, 0, "text", "CANCELLATION CLAUSE:"))
            state = "clause"
        elif state == "clause" and line.is_blank and not body[-1].text.endswith(":"):
            state = "after"
        elif state == "after" and not line.is_blank:
            if line.kind == "text" and (official_section(line.text) or looks_like_heading(line.text)):
                state = "done"
            else:
                page.tag.append(line)
                continue
        body.append(_combined_heading(line))
    return body


def _under_clause(body: list[Line]) -> bool:
    """Whether the last line so far is already the CANCELLATION CLAUSE heading."""
    last = next((line for line in reversed(body) if not line.is_blank), None)
    return last is not None and official_section(last.text) == "cancellation_clause"


def _combined_heading(line: Line) -> Line:
    """'MINIMUM QUALIFICATIONS REQUIRED / KNOWLEDGE, SKILL AND ABILITY:' -> its last heading, which the
    text below it belongs to."""
    if line.kind != "text" or official_section(line.text):
        return line
    parts = [part for part in re.split(r"\s+/\s+", line.text) if part]
    if len(parts) > 1 and all(official_section(part) for part in parts):
        return Line(line.number, line.indent, "text", parts[-1])
    return line


def preset(spec: dict[str, Any], record: dict[str, Any], page: DasPage) -> None:
    """Put the frame's facts where the spec builder will keep them."""
    if page.designation:
        spec["designation"] = page.designation
    spec.update(page.coded)
    if page.codes:
        spec.setdefault("salary", {})["group"] = page.codes[0][1]
    if page.effective:
        record.setdefault("effective", page.effective)


def keep_tag(builder: SpecBuilder, page: DasPage) -> None:
    """The internal tag line(s) after the clause: kept in place under other_sections, with a warning;
    and the warnings about the frame."""
    for line, message in page.notes:
        builder.warn(line, message)
    if not page.tag:
        return
    builder.warn(page.tag[0].number, "internal tag line after the cancellation clause; kept under other_sections")
    items = [line.text for line in page.tag]
    builder.spec.setdefault("other_sections", []).append(
        {"after": builder.after, "content": {"style": "paragraphs", "items": items}})


def complete(spec: dict[str, Any], page: DasPage, source: str) -> dict[str, Any]:
    """The built spec with the CC block's Final No. and the page's further class codes, checked again."""
    spec = _completed(spec, page)
    problems = validate_spec(spec)
    if problems:
        raise ImportFailure(f"the imported spec does not match the schema at {problems[0].pointer}: "
                            f"{problems[0].message}; fix the page's header row or CC block", path=source)
    return spec


def _completed(spec: dict[str, Any], page: DasPage) -> dict[str, Any]:
    spec = dict(spec)
    if page.final_no and spec.get("records") and "final_no" not in spec["records"][-1]:
        spec["records"] = [*spec["records"][:-1], {**spec["records"][-1], "final_no": page.final_no}]
    others = [{"class_code": code, "pay_plan": plan} for code, plan in page.codes[1:]]
    if others:
        spec["also_coded"] = others
    canonical: dict[str, Any] = schema.canonical(spec)
    return canonical

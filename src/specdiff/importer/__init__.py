"""Turn a job class document (plain text) into a spec (a dict the schema accepts).

`import_text` handles the bare layout, the headed layout with letterhead and pay
ranges, recruitment postings (whose posting-only text is reported as left out),
old DAS pages with colon headings, their header row and CC block, also saved as pipe
tables (das.py), and documents without headings, whose sections are inferred from
order and wording and flagged in the spec (inference.py). Nothing of the spec is
dropped: text that has no field goes to `other_sections` with a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from specdiff.errors import ImportFailure
from specdiff.importer import das
from specdiff.importer.header import Letterhead, read_letterhead
from specdiff.importer.headings import official_section
from specdiff.importer.inference import Inferred, flag_inferred, infer_sections, letterhead_end
from specdiff.importer.lines import Line, split_lines
from specdiff.importer.records import is_trailer_line, read_trailer
from specdiff.importer.sections import RawSection, split_inline_heading, split_sections, structure_start
from specdiff.importer.spec_builder import SpecBuilder


@dataclass(frozen=True)
class LeftOut:
    """Posting-only text that is not part of the class specification."""

    heading: str
    first_line: int
    last_line: int
    words: int


@dataclass(frozen=True)
class ImportResult:
    """The imported spec, what needs a human look, and what was left out."""

    spec: dict[str, Any]
    warnings: tuple[str, ...]
    left_out: tuple[LeftOut, ...]


def import_text(text: str, *, source: str = "<text>", class_code: str | None = None,
                title: str | None = None) -> ImportResult:
    """Import one document; raise ImportFailure when it cannot become a valid spec."""
    lines = split_lines(das.flatten_pipes(text))
    if not any(not line.is_blank for line in lines):
        raise ImportFailure("the document is empty; give a file with the text of a class specification",
                            path=source)
    trailer_lines = [line for line in lines if line.kind == "text" and is_trailer_line(line.text)]
    trailer_numbers = {line.number for line in trailer_lines}
    body_lines = [line for line in lines if line.number not in trailer_numbers]
    page = das.read_page(body_lines, source)
    body_lines = page.body if page else body_lines
    first, inferred = _layout(body_lines, source)
    head = page.head if page else read_letterhead(body_lines[:first])
    builder = SpecBuilder(source, head, read_trailer([(line.number, line.text) for line in trailer_lines]))
    left_out = _preamble(builder, head, body_lines[:first])
    if page:
        das.preset(builder.spec, builder.record, page)
    raws = inferred.sections if inferred else split_sections(body_lines[first:], posting=head.is_posting)
    left_out += _add_sections(builder, raws)
    if page:
        das.keep_tag(builder, page)
    if inferred:
        flag_inferred(builder, inferred)
    spec = builder.finish(class_code=class_code, title=title)
    if page:
        spec = das.complete(spec, page, source)
    return ImportResult(spec, tuple(builder.warnings), tuple(left_out))


def _add_sections(builder: SpecBuilder, raws: list[RawSection]) -> list[LeftOut]:
    """Each section into the spec; posting-only sections are left out (and returned)."""
    left_out: list[LeftOut] = []
    for raw in raws:
        if raw.kind == "posting":
            left_out.append(_left_out(raw))
        else:
            builder.add(raw)
    return left_out


def _layout(lines: list[Line], source: str) -> tuple[int, Inferred | None]:
    """Where the sections start, and the sections inferred from order and wording when no heading is there."""
    for index, line in enumerate(lines):
        if line.kind == "text" and official_section(split_inline_heading(line)[0].text):
            return index, None
    first = letterhead_end(lines)
    inferred = infer_sections(lines[first:])
    if inferred is None and (start := structure_start(lines)) is not None:
        return start, None  # another state's page: known headings with no field, or a class code line
    if inferred is None:
        raise ImportFailure(
            "no section headings found (such as PURPOSE OF JOB CLASS or EXAMPLES OF DUTIES); "
            "give the text of a class specification, one heading per line", path=source)
    return first, inferred


def _preamble(builder: SpecBuilder, head: Letterhead, preamble: list[Line]) -> list[LeftOut]:
    """Unused preamble lines: left out for a posting, kept (with a warning) otherwise."""
    unused = [line for line in preamble if not line.is_blank and line.number not in head.used]
    if not unused:
        return []
    if not head.is_posting:
        builder.add(RawSection(None, "unknown", body=unused))
        return []
    chunks = split_sections(unused, posting=True, start=RawSection(None, "posting"))
    return [_left_out(chunk) for chunk in chunks if chunk.has_text or chunk.heading]


def _left_out(raw: RawSection) -> LeftOut:
    words = sum(len(re.findall(r"\w+", line.text)) for line in raw.body)
    first = raw.heading.number if raw.heading else raw.body[0].number
    return LeftOut(raw.heading.text if raw.heading else "(posting header)", first, raw.last_line, words)

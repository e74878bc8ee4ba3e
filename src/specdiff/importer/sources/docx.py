"""Word (.docx) documents through python-docx: paragraphs and tables in body order, list items and their
level from numbering (numPr / ilvl, on the paragraph or its style, bullet or numbered from the numbering
part), tables row by row. Every paragraph, heading-styled or bold or not, becomes its own line: the layout
reader knows a heading by its wording, so styles need no marking in the text."""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from specdiff.errors import ImportFailure
from specdiff.importer.sources.blocks import Block, to_text
from specdiff.importer.sources.libraries import library

_LEVEL_IN_STYLE = re.compile(r"^List (?:Bullet|Number|Paragraph)(?: (\d))?$")
_NUMBERED_FORMATS = {"decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}


def docx_text(data: bytes, source: str) -> str:
    """The text of a .docx; ImportFailure naming `source` when python-docx cannot read it."""
    docx = library("docx", "python-docx", "Word documents", source)
    try:
        return to_text(docx_blocks(docx.Document(io.BytesIO(data))))
    except Exception as error:  # python-docx raises KeyError, ValueError, lxml errors... on a broken package
        raise ImportFailure(f"not a readable Word document (.docx): {type(error).__name__}: {error}; "
                            "open and save it again in Word, or export it as text", path=source) from None


def docx_blocks(document: Any) -> Iterator[Block]:
    """Blocks in body order: paragraphs and tables interleaved as they appear."""
    return _blocks_of(document, _Numbering(document))


def _blocks_of(container: Any, numbering: _Numbering) -> Iterator[Block]:
    """Blocks of the body or of a table cell: paragraphs and tables in order."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield from _paragraph(item, numbering)
        elif isinstance(item, Table):
            yield from _table(item, numbering)


def _paragraph(paragraph: Any, numbering: _Numbering) -> Iterator[Block]:
    text = _paragraph_text(paragraph)
    if not text.strip():
        return
    list_level = numbering.level(paragraph)
    if list_level is None:
        yield Block(text)
        return
    level, numbered = list_level
    yield Block(text.replace("\n", " "), level=level, number=numbering.next(paragraph, level) if numbered else None)


def _paragraph_text(paragraph: Any) -> str:
    """The paragraph's text with line breaks (<w:br/>) as newlines and tabs as spaces."""
    return str(paragraph.text).replace("\t", " ")


def _table(table: Any, numbering: _Numbering) -> Iterator[Block]:
    """A table row by row: a row of plain cells is one line (cells in reading order), a cell holding
    several paragraphs or lists gives its own blocks."""
    for row in table.rows:
        cells = _distinct(row.cells)
        if all(len(cell.paragraphs) <= 1 and not cell.tables for cell in cells):
            line = "  ".join(cell.text.strip() for cell in cells if cell.text.strip())
            if line:
                yield Block(line)
            continue
        for cell in cells:
            yield from _blocks_of(cell, numbering)


def _distinct(cells: list[Any]) -> list[Any]:
    """A merged cell appears once per grid column it spans in python-docx; keep it once."""
    seen: list[Any] = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in seen):
            seen.append(cell)
    return seen


class _Numbering:
    """Which paragraphs are list items, at what level, bulleted or numbered, and the running numbers."""

    def __init__(self, document: Any) -> None:
        self._formats = _level_formats(document)
        self._counters: dict[tuple[str, int], int] = {}

    def level(self, paragraph: Any) -> tuple[int, bool] | None:
        """(level, numbered) for a list item, None for an ordinary paragraph."""
        num_id, ilvl = _num_pr(paragraph)
        style = getattr(paragraph.style, "name", "") or ""
        style_match = _LEVEL_IN_STYLE.match(style)
        if num_id is None and style_match is None:
            return None
        if num_id == "0":  # numbering explicitly switched off
            return None
        if ilvl is None:
            ilvl = int(style_match.group(1)) - 1 if style_match and style_match.group(1) else 0
        numbered = self._formats.get((num_id or "", ilvl)) in _NUMBERED_FORMATS or style.startswith("List Number")
        return ilvl, numbered

    def next(self, paragraph: Any, level: int) -> int:
        """The number this item shows (counting per list and level; a deeper level restarts)."""
        num_id = _num_pr(paragraph)[0] or "style"
        key = (num_id, level)
        self._counters[key] = self._counters.get(key, 0) + 1
        for other in [k for k in self._counters if k[0] == num_id and k[1] > level]:
            del self._counters[other]
        return self._counters[key]


def _num_pr(paragraph: Any) -> tuple[str | None, int | None]:
    """(numId, ilvl) from the paragraph, else from its style chain."""
    from docx.oxml.ns import qn

    elements = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        elements.append(style.element.pPr)
        style = style.base_style
    for p_pr in elements:
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        if num_pr is None:
            continue
        num_id = num_pr.find(qn("w:numId"))
        ilvl = num_pr.find(qn("w:ilvl"))
        return (num_id.get(qn("w:val")) if num_id is not None else None,
                int(ilvl.get(qn("w:val"))) if ilvl is not None else None)
    return None, None


def _level_formats(document: Any) -> dict[tuple[str, int], str]:
    """numFmt of every (numId, ilvl) in the numbering part: bullet, decimal, ..."""
    from docx.oxml.ns import qn

    try:
        root = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return {}
    abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
    formats: dict[tuple[str, int], str] = {}
    for num in root.findall(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
        for lvl in definition.findall(qn("w:lvl")) if definition is not None else []:
            fmt = lvl.find(qn("w:numFmt"))
            formats[(num.get(qn("w:numId")), int(lvl.get(qn("w:ilvl"))))] = (
                fmt.get(qn("w:val")) if fmt is not None else "bullet")
    return formats

"""Word (.docx) of the commission packet: the cover, the numbered table of changes as a Word table (the
redline as struck and underlined runs, a blank Action column), each class's comparative print with real
Word tracked changes (render/docx_diff.py), each new class in full, each retirement in words, and an
approval sheet per class as a Word table. Deterministic bytes (fixed properties and zip timestamps).

The paragraphs go through render/docx.py's `package`; each table is then put in place of a placeholder
paragraph, found by its position (never by its text, which a spec could imitate).
"""
from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from specdiff.diff.model import Segment
from specdiff.render.docx import BODY, HEADING, W, Line, Para, Stamp, _fixed_zip, document_lines, package, plain
from specdiff.render.docx_diff import _Revisions, article_paras
from specdiff.render.document import build_document
from specdiff.textutil import printable

if TYPE_CHECKING:
    from specdiff.pr.packet import ClassPacket, Packet

# A table filler: gets the python-docx Document, returns the table it made (added at the end of the body).
Filler = Callable[[Any], Any]
INS, DEL = "0A6B22", "A3141B"
RULE = "_" * 20


def _dated(iso: str) -> str:
    from specdiff.dates import padded, parse_iso

    return padded(parse_iso(iso))




class _Builder:
    """Collects paragraphs and the tables to put in place of placeholders."""

    def __init__(self, stamp: Stamp) -> None:
        self.paras: list[Para] = []
        self.tables: dict[int, Filler] = {}
        self.revisions = _Revisions(stamp)

    def add(self, style: str, text: str, page_break: bool = False) -> None:
        self.paras.append(plain(Line(style, text), page_break))

    def part(self, title: str) -> None:
        """A new page that starts with a title."""
        self.add("ClassTitle", title, page_break=bool(self.paras))

    def table(self, filler: Filler) -> None:
        self.tables[len(self.paras)] = filler
        self.add(BODY, "")


def _fill(table: Any, header: tuple[str, ...], rows: list[list[tuple[Segment, ...] | str]]) -> Any:
    """Header and rows; a cell is plain text or a redline (struck and underlined runs). Control characters
    are shown as symbols (python-docx refuses text XML cannot hold)."""
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        _small(cell.paragraphs[0].add_run(printable(text))).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            _cell_text(cell.paragraphs[0], value)
    return table


def _cell_text(paragraph: Any, value: tuple[Segment, ...] | str) -> None:
    from docx.shared import RGBColor

    if isinstance(value, str):
        if value:
            _small(paragraph.add_run(printable(value)))
        return
    for segment in value:
        run = _small(paragraph.add_run(printable(_visible(segment))))
        if segment.kind == "del":
            run.font.strike = True
            run.font.color.rgb = RGBColor.from_string(DEL)
        elif segment.kind == "ins":
            run.font.underline = True
            run.font.color.rgb = RGBColor.from_string(INS)


def _small(run: Any) -> Any:
    """A table's run: 8-point type, so seven columns fit the page."""
    from docx.shared import Pt

    run.font.size = Pt(8)
    return run


def _visible(segment: Segment) -> str:
    if segment.kind != "keep" and segment.text and not segment.text.strip():
        return "(space added)" if segment.kind == "ins" else "(space removed)"
    return segment.text


def _new_table(word: Any, widths: tuple[float, ...]) -> Any:
    """A grid table with these column widths (inches; the page's text is 6 inches wide)."""
    table = word.add_table(rows=1, cols=len(widths))
    table.style = "Table Grid"
    table.autofit = False
    return table


def _widths(table: Any, widths: tuple[float, ...]) -> Any:
    """Each column and each of its cells set to its width (LibreOffice reads the grid, Word the cells)."""
    from docx.shared import Inches

    for column, width in zip(table.columns, widths, strict=True):
        column.width = Inches(width)  # the table grid
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Inches(width)
    return table


def _cover(b: _Builder, packet: Packet) -> None:
    b.part("Commission packet")
    b.add(BODY, f"Changes {packet.base}...{packet.head}: {len(packet.classes)} class(es), "
                f"{len(packet.rows)} numbered change(s).")
    b.add(BODY, f"Final No(s).: {packet.batch_words}")
    b.add(BODY, f"Effective date(s): {packet.effective_words}")
    if not packet.classes:
        b.add(BODY, "No class changed in this batch.")
        return
    rows: list[list[tuple[Segment, ...] | str]] = [
        [c.spec.class_code, c.spec.title, c.status, c.summary.to_approve, c.summary.worst or "", c.row_span]
        for c in packet.classes]
    header = ("Class", "Title", "Status", "To approve", "Level", "Changes")
    widths = (0.7, 1.7, 0.7, 1.1, 0.9, 0.9)
    b.table(lambda word: _widths(_fill(_new_table(word, widths), header, rows), widths))
    if packet.open_items:
        b.add(HEADING, "Open items")
        for item in packet.open_items:
            b.add(BODY, item)


def _changes(b: _Builder, packet: Packet) -> None:
    b.part("Table of changes")
    if not packet.rows:
        b.add(BODY, "No changes.")
        return
    rows: list[list[tuple[Segment, ...] | str]] = [
        [str(r.number), r.class_code, r.section, r.kind, r.level, r.shown, ""] for r in packet.rows]
    header = ("No.", "Class", "Section", "Kind", "Level", "Change", "Action")
    widths = (0.4, 0.7, 1.05, 0.65, 0.8, 1.7, 0.7)
    b.table(lambda word: _widths(_fill(_new_table(word, widths), header, rows), widths))


def _class_part(b: _Builder, c: ClassPacket, number: int) -> None:
    b.part(f"{c.spec.class_code} {c.spec.title}: {c.status}")
    if c.retirement:
        b.add("Retired", f"{c.spec.class_code}: {c.retirement}")
    if c.is_new and c.spec.new_spec is not None:
        b.add(BODY, "The new class in full:")
        b.paras += [plain(line) for line in document_lines(build_document(c.spec.new_spec), f"packet{number}:")]
        return
    b.add(BODY, "Comparative print: the document as it will read, with Word tracked changes.")
    b.paras += _article(c, number, b)


def _article(c: ClassPacket, number: int, b: _Builder) -> list[Para]:
    """The class as the diff's Word redline; list keys apart from every other class (number > 0)."""
    paras = article_paras(c.spec, number, b.revisions)
    if paras:  # the part's title already started the page
        first = paras[0]
        paras[0] = Para(first.line, first.content, first.mark, False, first.comment)
    return paras


def _sheet(b: _Builder, c: ClassPacket) -> None:
    b.part(f"Approval sheet: {c.spec.class_code} {c.spec.title}")
    b.add(BODY, f"To approve: {c.summary.to_approve} ({c.record_words}).")
    if not c.signoffs:
        b.add(BODY, "The policy requires no approving role (approvals_required is empty).")
    rows: list[list[tuple[Segment, ...] | str]] = [
        [s.role + ("" if s.required else " (not required by the policy)"), s.approval.by if s.approval else RULE,
         RULE, _dated(s.approval.date) if s.approval else RULE[:12]] for s in c.signoffs]
    widths = (1.8, 1.6, 1.6, 1.0)
    b.table(lambda word: _widths(_fill(_new_table(word, widths), ("Role", "Name", "Signature", "Date"), rows), widths))


def _with_tables(data: bytes, tables: dict[int, Filler]) -> bytes:
    """The package with each placeholder paragraph (by position) replaced by its table."""
    import docx

    word = docx.Document(io.BytesIO(data))
    paragraphs = [e for e in word.element.body if e.tag == f"{{{W}}}p"]
    for index, filler in tables.items():
        table = filler(word)._tbl
        paragraphs[index].addprevious(table)
        paragraphs[index].getparent().remove(paragraphs[index])
    saved = io.BytesIO()
    word.save(saved)
    return _fixed_zip(saved.getvalue())


def render_packet_docx(packet: Packet, stamp: Stamp | None = None) -> bytes:
    """The packet as the bytes of a .docx file."""
    b = _Builder(stamp or Stamp())
    _cover(b, packet)
    _changes(b, packet)
    for number, c in enumerate(packet.classes, start=1):
        _class_part(b, c, number)
    for c in packet.classes:
        _sheet(b, c)
    data = package(b.paras, b.revisions.stamp, f"Commission packet {packet.base}...{packet.head}")
    return _with_tables(data, b.tables)

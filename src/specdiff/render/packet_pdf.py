"""PDF of the commission packet (ReportLab, as the other PDF outputs): the cover, the numbered table of
changes, each class's comparative print (the diff's PDF redline), each new class in full, each retirement
in words, and an approval sheet per class, each part on a new page. Deterministic bytes."""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from specdiff.render import pdf
from specdiff.render.document import build_document
from specdiff.render.pdf_diff import ins, segments, spec_flow, strike

if TYPE_CHECKING:
    from specdiff.pr.packet import ClassPacket, Packet

RULE = "_" * 24  # a blank line to sign or date on


def _dated(iso: str) -> str:
    from specdiff.dates import padded, parse_iso

    return padded(parse_iso(iso))


def _p(text: str, style: str = "body") -> Any:
    return pdf.paragraph(pdf.text_markup(text), style, bar=False)



def _table(data: list[list[Any]], widths: list[float]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee"))]))
    return table


@lru_cache(maxsize=1)
def _cell_style() -> Any:
    from reportlab.lib.styles import ParagraphStyle

    return ParagraphStyle("cell", pdf.styles()["body"], fontSize=8, leading=10, spaceAfter=0)


def _cell(markup: str) -> Any:
    """A table cell: small type, no change bar (the table itself is the list of changes)."""
    from reportlab.platypus import Paragraph

    return Paragraph(markup, _cell_style())


def _cover(packet: Packet) -> list[Any]:
    flow = [_p("Commission packet", "title"),
            _p(f"Changes {packet.base}...{packet.head}: {len(packet.classes)} class(es), "
               f"{len(packet.rows)} numbered change(s)."),
            _p(f"Final No(s).: {packet.batch_words}"),
            _p(f"Effective date(s): {packet.effective_words}")]
    if not packet.classes:
        return [*flow, _p("No class changed in this batch.")]
    rows = [[_cell(h) for h in ("Class", "Title", "Status", "To approve", "Level", "Changes")]]
    rows += [[_cell(pdf.text_markup(text)) for text in
              (c.spec.class_code, c.spec.title, c.status, c.summary.to_approve, c.summary.worst or "", c.row_span)]
             for c in packet.classes]
    flow.append(_table(rows, [56, 160, 56, 84, 64, 48]))
    if packet.open_items:
        flow.append(_p("Open items:", "heading"))
        flow.extend(pdf.paragraph(strike(pdf.text_markup(item)), "body", bar=False) for item in packet.open_items)
    return flow



def _changes(packet: Packet) -> list[Any]:
    flow: list[Any] = [_p("Table of changes", "title")]
    if not packet.rows:
        return [*flow, _p("No changes.")]
    data = [[_cell(h) for h in ("No.", "Class", "Section", "Kind", "Level", "Change", "Action")]]
    data += [[_cell(str(row.number)), _cell(pdf.text_markup(row.class_code)), _cell(pdf.text_markup(row.section)),
              _cell(row.kind), _cell(row.level), _cell(segments(row.shown)), ""] for row in packet.rows]
    flow.append(_table(data, [28, 52, 80, 48, 62, 152, 46]))
    return flow


def _class_part(c: ClassPacket) -> list[Any]:
    flow: list[Any] = [_p(f"{c.spec.class_code} {c.spec.title}: {c.status}", "heading")]
    if c.retirement:
        flow.append(pdf.paragraph(pdf.text_markup(f"{c.spec.class_code}: {c.retirement}"), "retired", bar=False))
    if c.is_new and c.spec.new_spec is not None:
        document = build_document(c.spec.new_spec)
        flow.append(_p("The new class in full:", "note"))
        flow.extend(pdf.letterhead_flow(document))
        for section in document.sections:
            flow.extend(pdf.section_flow(section, pdf.plain))
        if document.trailer:
            flow.append(_p(document.trailer, "trailer"))
        return flow
    flow.append(pdf.paragraph(f"Comparative print: the document as it will read, omissions {strike('struck')}, "
                              f"insertions {ins('underlined')}.", "note", bar=False))
    return flow + spec_flow(c.spec)


def _sheet(c: ClassPacket) -> list[Any]:
    flow = [_p(f"Approval sheet: {c.spec.class_code} {c.spec.title}", "title"),
            _p(f"To approve: {c.summary.to_approve} ({c.record_words}).")]
    if not c.signoffs:
        flow.append(_p("The policy requires no approving role (approvals_required is empty)."))
    data: list[list[Any]] = [[_cell(h) for h in ("Role", "Name", "Signature", "Date")]]
    for s in c.signoffs:
        role = s.role + ("" if s.required else " (not required by the policy)")
        name = s.approval.by if s.approval else RULE
        date = _dated(s.approval.date) if s.approval else RULE[:12]
        data.append([_cell(pdf.text_markup(role)), _cell(pdf.text_markup(name)), _cell(RULE), _cell(date)])
    flow.append(_table(data, [140, 130, 120, 78]))
    return flow


def render_packet_pdf(packet: Packet, date: str | None = None) -> bytes:
    """The packet as PDF bytes, dated `date` (the head commit's date); each part on a new page."""
    pdf.require()
    from reportlab.platypus import PageBreak

    parts = [_cover(packet), _changes(packet), *(_class_part(c) for c in packet.classes),
             *(_sheet(c) for c in packet.classes)]
    story: list[Any] = []
    for index, part in enumerate(parts):
        story += ([PageBreak()] if index else []) + part
    meta = pdf.Meta(f"Commission packet {packet.base}...{packet.head}", "Commission packet of job class specifications",
                    pdf.digest_of(repr(packet)), date)
    return pdf.build(story, meta)

"""HTML of the commission packet: one self-contained, printable page (no scripts, no external resources).

The cover, the numbered table of changes (with a blank Action column), each class as it will read (the
diff's comparative print: omissions struck, insertions underlined), each new class in full, each
retirement in words, and an approval sheet per class. Every piece of spec text is escaped.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from specdiff.diff.model import Segment
from specdiff.render.diff_html import TRACKED_STYLE, article_html
from specdiff.render.document import build_document
from specdiff.render.escape import escape_html as esc
from specdiff.render.html import STYLE, _header, _section

if TYPE_CHECKING:
    from specdiff.pr.packet import ClassPacket, Packet

PACKET_STYLE = """
body { max-width: 60rem; }
table.changes, table.classes, table.sheet { border-collapse: collapse; width: 100%; font-size: .85rem; }
table.changes th, table.changes td, table.classes th, table.classes td { border: 1px solid #777;
  padding: .25rem .4rem; text-align: left; vertical-align: top; }
table.changes td.action { min-width: 7rem; }
table.sheet td { padding: 1.2rem .4rem .2rem; border-bottom: 1px solid #000; }
table.sheet th { text-align: left; font-size: .8rem; }
.cover h1 { text-align: center; } .retirement { font-weight: bold; color: #a3141b; }
.open li { color: #a3141b; }
@media print { .part { break-before: page; } .sheet-page { break-before: page; } }
""".strip()


def segments_html(segments: tuple[Segment, ...]) -> str:
    """A redline as kept text, <del> and <ins>."""
    tags = {"keep": "{}", "del": "<del>{}</del>", "ins": "<ins>{}</ins>"}
    return "".join(tags[s.kind].format(esc(_visible(s))) for s in segments)


def _visible(segment: Segment) -> str:
    """A change of spacing alone is named, not invisible."""
    if segment.kind != "keep" and segment.text and not segment.text.strip():
        return "(space added)" if segment.kind == "ins" else "(space removed)"
    return segment.text


def _dated(iso: str) -> str:
    from specdiff.dates import padded, parse_iso

    return padded(parse_iso(iso))



def _cover(packet: Packet) -> str:
    rows = "".join(
        f"<tr><td>{esc(c.spec.class_code)}</td><td>{esc(c.spec.title)}</td><td>{esc(c.status)}</td>"
        f"<td>{esc(c.summary.to_approve)}</td><td>{esc(c.summary.worst or '')}</td><td>{esc(c.row_span)}</td></tr>"
        for c in packet.classes)
    lines = [f"<h1>Commission packet</h1><p>Changes {esc(packet.base)}...{esc(packet.head)}: "
             f"{len(packet.classes)} class(es), {len(packet.rows)} numbered change(s).</p>",
             f"<p>Final No(s).: {esc(packet.batch_words)}</p>",
             f"<p>Effective date(s): {esc(packet.effective_words)}</p>"]
    if rows:
        lines.append('<table class="classes"><tr><th>Class</th><th>Title</th><th>Status</th><th>To approve</th>'
                     f"<th>Level</th><th>Changes</th></tr>{rows}</table>")
    else:
        lines.append("<p>No class changed in this batch.</p>")
    if packet.open_items:
        lines.append('<p>Open items:</p><ul class="open">'
                     + "".join(f"<li>{esc(item)}</li>" for item in packet.open_items) + "</ul>")
    return '<section class="cover">' + "".join(lines) + "</section>"



def _table(packet: Packet) -> str:
    head = ("<tr><th>No.</th><th>Class</th><th>Section</th><th>Kind</th><th>Level</th><th>Change</th>"
            "<th>Action</th></tr>")
    body = "".join(
        f'<tr id="change-{row.number}"><td>{row.number}</td><td>{esc(row.class_code)}</td><td>{esc(row.section)}</td>'
        f'<td>{esc(row.kind)}</td><td>{esc(row.level)}</td><td>{segments_html(row.shown)}</td>'
        '<td class="action"></td></tr>' for row in packet.rows)
    if not body:
        return '<section class="part"><h1>Table of changes</h1><p>No changes.</p></section>'
    return f'<section class="part"><h1>Table of changes</h1><table class="changes">{head}{body}</table></section>'


def _class_part(c: ClassPacket) -> str:
    title = f"<h1>{esc(c.spec.class_code)} {esc(c.spec.title)}: {esc(c.status)}</h1>"
    if c.is_new and c.spec.new_spec is not None:
        document = build_document(c.spec.new_spec)
        body = ("<p>The new class in full:</p><article>" + _header(document)
                + "".join(_section(s) for s in document.sections)
                + (f"<footer>{esc(document.trailer)}</footer>" if document.trailer else "") + "</article>")
    else:
        body = "<p>Comparative print: the document as it will read, omissions struck, insertions underlined.</p>"
        body += article_html(c.spec)
    if c.retirement:
        body = f'<p class="retirement">{esc(c.spec.class_code)}: {esc(c.retirement)}</p>' + body
    return f'<section class="part">{title}{body}</section>'


def _sheet(c: ClassPacket) -> str:
    lines = [f"<h1>Approval sheet: {esc(c.spec.class_code)} {esc(c.spec.title)}</h1>",
             f"<p>To approve: {esc(c.summary.to_approve)} ({esc(c.record_words)}).</p>"]
    if not c.signoffs:
        lines.append("<p>The policy requires no approving role (approvals_required is empty).</p>")
    rows = "".join(
        f"<tr><td>{esc(s.role)}{'' if s.required else ' (not required by the policy)'}</td>"
        f"<td>{esc(s.approval.by) if s.approval else ''}</td><td></td>"
        f"<td>{esc(_dated(s.approval.date)) if s.approval else ''}</td></tr>" for s in c.signoffs)
    lines.append('<table class="sheet"><tr><th>Role</th><th>Name</th><th>Signature</th><th>Date</th></tr>'
                 f"{rows}</table>")
    return '<section class="sheet-page">' + "".join(lines) + "</section>"


def render_packet_html(packet: Packet) -> str:
    """The packet as one HTML page."""
    parts = [_cover(packet), _table(packet)] + [_class_part(c) for c in packet.classes]
    parts += [_sheet(c) for c in packet.classes]
    title = esc(f"Commission packet {packet.base}...{packet.head}")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>"
        f"<style>{STYLE}\n{TRACKED_STYLE}\n{PACKET_STYLE}</style></head>\n<body>{chr(10).join(parts)}</body></html>\n"
    )

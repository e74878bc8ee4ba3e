"""PDF: the official document as a printable file, built with ReportLab from the document model.

ReportLab is pure Python and ships the Bitstream Vera fonts, which cover Latin-1 and the punctuation
specs use (curly quotes, dashes, the bullet, the section sign); a character the font lacks prints as
its code point, <U+XXXX>, rather than an empty box. The library is the `formats` extra: it is imported only
when a PDF is made. Output is deterministic: the creation date comes from the input (a fixed date when
it has none), and ReportLab's invariant mode makes the document ID a digest of the title, subject and
keywords, which carry the input's own digest (and of SOURCE_DATE_EPOCH when that is set).
"""
from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from specdiff.errors import UsageError
from specdiff.render.document import Block, Document, Item, ItemList, Section, Subheading, item_lines
from specdiff.textutil import printable

INSTALL = "pip install 'specdiff[formats]'"
FONT, BOLD, ITALIC, BOLD_ITALIC = "SpecdiffVera", "SpecdiffVera-Bold", "SpecdiffVera-Italic", "SpecdiffVera-BoldItalic"
INDENT = 18.0  # points per nesting level of a list
BAR_X = 58.0  # where change bars are drawn: in the left margin (one inch), from the page's edge
MAX_DEPTH = 12  # deeper items print at this indent: the page is only so wide
CHANGE_MARKS = ("<u>", "<strike>", f'name="{ITALIC}"')  # what the redline marks a change with
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# (text, pointer) -> Paragraph markup: the plain document escapes the text, the redline marks changes.
Markup = Callable[[str, str], str]


@dataclass(frozen=True)
class Meta:
    """What the PDF's information dictionary says; `digest` names the input, so the ID follows it, and
    `date` (ISO 8601, from the input: the spec's revision date, the commit's date) is its creation date."""

    title: str
    subject: str
    digest: str
    date: str | None = None


def text_markup(text: str) -> str:
    """Spec text safe inside ReportLab's paragraph markup: composed (NFC), control characters shown,
    a character the font lacks named as <U+XXXX> (never an empty box), <, > and & escaped, so no text
    can become markup or crash the encoder."""
    import unicodedata

    covered = _covered()
    composed = unicodedata.normalize("NFC", _SURROGATE.sub("\ufffd", printable(text)))
    return escape("".join(c if ord(c) in covered or c in "\t\n " else _named(c) for c in composed))


def _named(char: str) -> str:
    """<U+XXXX> for a character the font cannot draw; a control picture names the control it shows."""
    code = ord(char)
    return f"<U+{code - 0x2400 if 0x2400 <= code <= 0x241F else code:04X}>"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """The code points the bundled font can draw."""
    _fonts()
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(FONT).face.charToGlyph)


def plain(text: str, _pointer: str) -> str:
    """The Markup of the official document: the text itself."""
    return text_markup(text)


def digest_of(value: Any) -> str:
    """A short digest of the input (a spec, a report), for the document ID."""
    import json

    data = json.dumps(value, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(data.encode("ascii")).hexdigest()[:32]


def require() -> None:
    """UsageError (one line, saying how to install it) when ReportLab is missing."""
    try:
        import reportlab  # noqa: F401
    except ImportError:
        raise UsageError(f"PDF output needs the reportlab package, which is not installed; install it with: "
                         f"{INSTALL}") from None


@lru_cache(maxsize=1)
def _fonts() -> None:
    """Register ReportLab's bundled Vera fonts once per process, as one family."""
    require()
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file in ((FONT, "Vera.ttf"), (BOLD, "VeraBd.ttf"), (ITALIC, "VeraIt.ttf"), (BOLD_ITALIC, "VeraBI.ttf")):
        pdfmetrics.registerFont(TTFont(name, file))
    for bold, italic, name in ((0, 0, FONT), (1, 0, BOLD), (0, 1, ITALIC), (1, 1, BOLD_ITALIC)):
        addMapping(FONT, bold, italic, name)


@lru_cache(maxsize=1)
def styles() -> dict[str, Any]:
    """The paragraph styles of the document, by role."""
    require()
    _fonts()
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    body = ParagraphStyle("body", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=6)
    centered = ParagraphStyle("centered", body, alignment=TA_CENTER, spaceAfter=3)
    return {
        "body": body,
        "jurisdiction": centered,
        "title": ParagraphStyle("title", centered, fontName=BOLD, fontSize=14, leading=18, spaceBefore=4),
        "pay": centered,
        "retired": ParagraphStyle("retired", centered, fontName=BOLD, textColor=colors.HexColor("#a3141b")),
        "heading": ParagraphStyle("heading", body, fontName=BOLD, fontSize=11, leading=14, spaceBefore=10,
                                  keepWithNext=1),
        "subheading": ParagraphStyle("subheading", body, fontName=BOLD, spaceAfter=2, keepWithNext=1),
        "item": ParagraphStyle("item", body, spaceAfter=2, bulletFontName=FONT, bulletIndent=4 - INDENT),
        "note": ParagraphStyle("note", body, fontName=ITALIC, fontSize=8, leading=10,
                               textColor=colors.HexColor("#6a4b00"), spaceAfter=3),
        "trailer": ParagraphStyle("trailer", body, fontSize=9, spaceBefore=12),
    }


def paragraph(markup: str, style: str, bullet: str | None = None, bar: bool | None = None) -> Any:
    """A Paragraph; one that carries a change mark (<u>, <strike>, a note) gets a change bar in the
    margin unless `bar` says otherwise."""
    if bar is None:
        bar = any(mark in markup for mark in CHANGE_MARKS)
    cls = _barred() if bar else _plain_paragraph()
    return cls(markup, styles()[style], bulletText=bullet)


def _plain_paragraph() -> Any:
    from reportlab.platypus import Paragraph

    return Paragraph


@lru_cache(maxsize=1)
def _barred() -> Any:
    """Paragraph with a change bar: a heavy rule in the page's left margin beside its lines (each half
    of a paragraph split over two pages too), wherever the paragraph itself is indented."""
    from reportlab.platypus import Paragraph

    class Barred(Paragraph):  # type: ignore[misc]
        def draw(self) -> None:
            x = BAR_X - self.canv.absolutePosition(0, 0)[0]
            self.canv.saveState()
            self.canv.setLineWidth(2.5)
            self.canv.line(x, -1, x, self.height + 1)
            self.canv.restoreState()
            super().draw()

    return Barred


def items_flow(entries: list[tuple[int, str, str]]) -> list[Any]:
    """List items from (depth, bullet or number, markup): each level indented by an Indenter rather
    than the paragraph's own indent (ReportLab draws the strike and underline of a one-style paragraph's
    later lines without that indent), the bullet hanging in front of the text."""
    from reportlab.platypus import Indenter

    flow: list[Any] = []
    current = 0.0
    for depth, bullet, markup in entries:
        indent = INDENT * (min(depth, MAX_DEPTH) + 1)
        if indent != current:
            flow.append(Indenter(left=indent - current))
            current = indent
        flow.append(paragraph(markup, "item", bullet))
    if current:
        flow.append(Indenter(left=-current))
    return flow


def _items(items: tuple[Item, ...], numbered: bool, markup: Markup) -> list[Any]:
    entries = [(depth, f"{number}." if number else "\u2022", markup(text, pointer))
               for (depth, number, text), pointer in zip(item_lines(items, numbered), _pointers(items), strict=True)]
    return items_flow(entries)


def _pointers(items: tuple[Item, ...]) -> list[str]:
    """The pointers of the items in the reading order of item_lines."""
    found: list[str] = []
    stack = list(reversed(items))
    while stack:
        item = stack.pop()
        found.append(item.pointer)
        stack.extend(reversed(item.children))
    return found


def block_flow(block: Block, markup: Markup) -> list[Any]:
    """The flowables of one block."""
    if isinstance(block, ItemList):
        return _items(block.items, block.numbered, markup)
    if isinstance(block, Subheading):
        return [paragraph(markup(block.text, block.pointer), "subheading")]
    return [paragraph(markup(block.text, block.pointer), "body")]


def section_flow(section: Section, markup: Markup) -> list[Any]:
    """A section: its heading (bold, larger) then its blocks."""
    flow = [paragraph(text_markup(section.heading), "heading")] if section.heading else []
    for block in section.blocks:
        flow.extend(block_flow(block, markup))
    return flow


def letterhead_flow(document: Document, title: str | None = None) -> list[Any]:
    """Jurisdiction, title and code, the RETIRED banner, the pay lines."""
    head = document.letterhead
    flow = [paragraph(text_markup(head.jurisdiction), "jurisdiction")] if head else []
    shown = title if title is not None else text_markup(document.title)
    flow.append(paragraph(f"{shown} ({text_markup(document.class_code)})", "title"))
    if document.retired:
        flow.append(paragraph(f"RETIRED: {text_markup(document.retired)}.", "retired"))
    if head and head.pay:
        pay = [text_markup(p) for p in head.pay]
        # the State breaks the pay line before the yearly range
        line = " / ".join(pay[:2]) + " /<br/>" + pay[2] if len(pay) == 3 else " / ".join(pay)
        flow.append(paragraph(line, "pay"))
    return flow


def build(story: list[Any], meta: Meta) -> bytes:
    """The PDF bytes of a story: US Letter, one-inch margins, invariant (same input, same bytes)."""
    from reportlab.lib.pagesizes import letter
    from reportlab.lib.units import inch
    from reportlab.platypus import SimpleDocTemplate

    buffer = io.BytesIO()
    template = SimpleDocTemplate(buffer, pagesize=letter, leftMargin=inch, rightMargin=inch, topMargin=inch,
                                 bottomMargin=inch, invariant=1, title=_info(meta.title),
                                 subject=_info(meta.subject), keywords=meta.digest, author="specdiff",
                                 creator="specdiff", producer="specdiff (ReportLab)")
    stamp = pdf_date(meta.date)

    def dated(canvas: Any, _template: Any) -> None:
        canvas.setDateFormatter(lambda *_parts: stamp)

    template.build(story or [paragraph("", "body")], onFirstPage=dated)
    return buffer.getvalue()


def pdf_date(date: str | None) -> str:
    """'2022-04-21' or '2026-05-04T10:00:00Z' -> D:20220421000000+00'00' (UTC); the fixed
    D:20000101000000+00'00' when the input has no date or an unreadable one: never the clock."""
    digits = re.sub(r"\D", "", date or "")[:14]
    if len(digits) < 8 or not date or not re.match(r"\d{4}-\d{2}-\d{2}", date):
        digits = "20000101"
    return f"D:{digits.ljust(14, '0')}+00'00'"


def spec_date(spec: dict[str, Any]) -> str | None:
    """The date a spec's document bears: its current record's revision (else effective) date, else the
    date the class was established."""
    from specdiff.spec import current_record

    record = current_record(spec) or {}
    found = record.get("revised") or record.get("effective") or spec.get("established")
    return found if isinstance(found, str) else None


def _info(text: str) -> str:
    return _SURROGATE.sub("\ufffd", printable(text))


def render_pdf(document: Document, date: str | None = None) -> bytes:
    """The official document as PDF bytes, dated `date` (see spec_date)."""
    require()
    story = letterhead_flow(document)
    for section in document.sections:
        story.extend(section_flow(section, plain))
    if document.trailer:
        story.append(paragraph(text_markup(document.trailer), "trailer"))
    meta = Meta(f"{document.title} ({document.class_code})", f"Job class specification {document.class_code}",
                digest_of(repr(document)), date)
    return build(story, meta)

"""PDF documents with a text layer, through pdfplumber: lines top to bottom on each page, running headers,
footers and page numbers removed, wrapped lines joined into paragraphs (a soft hyphen at a line end is
dropped; a plain hyphen only when the joined word appears elsewhere in the document, so full-time stays),
list items found by their bullet (a glyph, or the small shape a browser draws) and nested by the bullet's
indentation. One column is assumed: lines are read top to bottom across the page."""
from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from specdiff.errors import ImportFailure
from specdiff.importer.sources.blocks import Block, to_text
from specdiff.importer.sources.libraries import library
from specdiff.textutil import ends_sentence

NO_TEXT = "no text layer (a scanned image?); run OCR first, then import the text"
PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
SOFT_HYPHENS = ("\u00ad", "\u2010")  # Chromium prints a soft hyphen taken at a line end as U+2010
NUMBERED = re.compile(r"^\d{1,2}[.)] ")
BULLET_GLYPHS = "\u2022\u25e6\u25aa\u25cf\u25cb\u25a0\u00b7\u2023\u2219"
_EDGE_ZONE = 0.12  # running headers and footers sit in the top or bottom 12% of a page


@dataclass(frozen=True)
class PdfLine:
    """One line of text on a page, with what paragraph and list detection need."""

    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    font: str
    size: float
    first_word: float  # width of the first word, to tell a hard line break from a wrap
    bullet_x: float | None  # where the line's bullet is, if it starts a list item
    page_height: float


def pdf_text(data: bytes, source: str) -> str:
    """The text of a PDF; ImportFailure naming `source` when it is unreadable or has no text layer."""
    pages = _read(data, source)
    if not pages:
        raise ImportFailure("not a readable PDF (no pages found); export it again from the program that made "
                            "it, or import its text", path=source)
    if not any(line.text.strip() for page in pages for line in page):
        raise ImportFailure(NO_TEXT, path=source)
    body = _without_running_lines(pages)
    return to_text(_Paragraphs(body).blocks())


def _read(data: bytes, source: str) -> list[list[PdfLine]]:
    pdfplumber = library("pdfplumber", "pdfplumber", "PDF files", source)
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return [_page_lines(number, page) for number, page in enumerate(pdf.pages)]
    except Exception as error:  # pdfminer raises its own PDFSyntaxError, PSEOF, ... on a damaged file
        raise ImportFailure(f"not a readable PDF ({type(error).__name__}: {error}); export it again from the "
                            "program that made it, or import its text", path=source) from None


def _page_lines(number: int, page: Any) -> list[PdfLine]:
    shapes = [o for o in list(page.curves) + list(page.rects) if o["width"] < 8 and o["height"] < 8]
    lines = []
    for raw in page.extract_text_lines(return_chars=True):
        chars = raw["chars"]
        text, bullet_x, x0 = _line_text(chars), None, raw["x0"]
        if text[:1] in BULLET_GLYPHS:
            bullet_x, text = chars[0]["x0"], text[1:].lstrip()
            x0 = next((c["x0"] for c in chars[1:] if c["text"].strip()), x0)
        else:
            bullet_x = _shape_bullet(shapes, raw)
        words = text.split(" ", 1)[0]
        first = sum(c["width"] for c in chars[: len(words)]) if words else 0.0
        lines.append(PdfLine(number, text, x0, raw["x1"], raw["top"], raw["bottom"], chars[0]["fontname"],
                             round(chars[0]["size"], 1), first, bullet_x, float(page.height)))
    return lines


def _line_text(chars: list[Any]) -> str:
    """The line's characters, a space wherever the gap between two is wider than a tenth of the font size
    (pdfplumber's fixed 3-point tolerance splits words set tight or in small print)."""
    out: list[str] = []
    previous = None
    for char in chars:
        if previous is not None and char["x0"] - previous["x1"] > 0.1 * float(char["size"]) and out[-1] != " ":
            out.append(" ")
        out.append(char["text"])
        previous = char
    return "".join(out).strip()


def _shape_bullet(shapes: list[Any], line: Any) -> float | None:
    """The x of a small shape just left of the line, level with its first row (a browser's list marker)."""
    for shape in shapes:
        middle = (shape["top"] + shape["bottom"]) / 2
        if line["top"] <= middle <= line["bottom"] and 0 < line["x0"] - shape["x1"] < 30:
            return float(shape["x0"])
    return None


def _running_key(line: PdfLine) -> str:
    return re.sub(r"\d+", "#", line.text.strip().lower())


def _without_running_lines(pages: list[list[PdfLine]]) -> list[PdfLine]:
    """Every line but page numbers, running headers/footers (the same text at a page edge on two or more
    pages) and small print alone in a page edge."""
    sizes = Counter(line.size for page in pages for line in page)
    body_size = sizes.most_common(1)[0][0]
    edge_counts = Counter(_running_key(line) for page in pages for line in page if _in_edge(line))
    kept: list[PdfLine] = []
    for page in pages:
        for line in page:
            if _in_edge(line) and (PAGE_NUMBER.match(line.text.strip()) or edge_counts[_running_key(line)] > 1
                                         or line.size < 0.8 * body_size):
                continue
            kept.append(line)
    return kept


def _in_edge(line: PdfLine) -> bool:
    return line.bottom < line.page_height * _EDGE_ZONE or line.top > line.page_height * (1 - _EDGE_ZONE)


class _Paragraphs:
    """Joins lines into paragraphs and list items."""

    def __init__(self, lines: list[PdfLine]) -> None:
        self._lines = lines
        bullets = sorted({round(line.bullet_x) for line in lines if line.bullet_x is not None})
        self._levels = _levels(bullets)
        self._right = max((line.x1 for line in lines), default=0.0)
        self._words = Counter(w.lower() for line in lines for w in re.findall(r"[A-Za-z]+", line.text))

    def blocks(self) -> list[Block]:
        blocks: list[Block] = []
        current: list[str] = []
        level: int | None = None
        for previous, line in zip([None, *self._lines], self._lines, strict=False):
            if previous is None or self._starts_block(previous, line):
                if current:
                    blocks.append(Block(self._join(current, level), level=level))
                current, level = [line.text], self._level(line)
            elif self._hard_break(previous, line) and level is None:
                current.append("\n" + line.text)
            else:
                current.append(line.text)
        if current:
            blocks.append(Block(self._join(current, level), level=level))
        return blocks

    def _level(self, line: PdfLine) -> int | None:
        return None if line.bullet_x is None else self._levels[round(line.bullet_x)]

    def _starts_block(self, previous: PdfLine, line: PdfLine) -> bool:
        if line.bullet_x is not None or line.font != previous.font:
            return True
        if line.page != previous.page:
            return not line.text[:1].islower()
        gap = line.top - previous.bottom
        return gap > 0.6 * (line.bottom - line.top) or line.x0 < previous.x0 - 2

    def _hard_break(self, previous: PdfLine, line: PdfLine) -> bool:
        """The author broke the line: the next line's first word would have fitted on it."""
        if NUMBERED.match(line.text) or (ends_sentence(previous.text) and line.text.isupper()):
            return True  # a numbered item, or a heading right after a sentence (the heading did not fit)
        return previous.x1 + line.first_word + 0.5 * line.size < self._right - 2

    def _join(self, parts: list[str], level: int | None) -> str:
        text = parts[0]
        for part in parts[1:]:
            newline = part.startswith("\n")
            part = part.lstrip("\n")
            if newline and level is None:
                text += "\n" + part
            elif text.endswith(SOFT_HYPHENS) or (text.endswith("-") and self._dehyphenate(text, part)):
                text = text[:-1] + part
            elif text.endswith("-"):  # a compound word broken at its hyphen: full-time
                text += part
            else:
                text += " " + part
        return text.replace("\u00ad", "")

    def _dehyphenate(self, text: str, part: str) -> bool:
        """Drop a line-end hyphen when the joined word is used elsewhere in the document."""
        head = re.search(r"([A-Za-z]+)-$", text)
        tail = re.match(r"([a-z]+)", part)
        return bool(head and tail and self._words[(head.group(1) + tail.group(1)).lower()] > 0)


def _levels(positions: list[int]) -> dict[int, int]:
    """Bullet x positions -> nesting level (positions within 4 points are the same level)."""
    levels: dict[int, int] = {}
    level, last = -1, None
    for x in positions:
        if last is None or x - last > 4:
            level += 1
        levels[x] = level
        last = x
    return levels

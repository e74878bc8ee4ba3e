"""HTML pages through lxml.html (a real parser): a JobAps page saved from a browser, or specdiff's own
`render -f html`. Block elements end a paragraph, <br> ends a line, <ul>/<ol> items become list items
nested by depth, table rows of plain cells become one line; scripts, styles and navigation are dropped and
entities decoded by the parser."""
from __future__ import annotations

import re
from typing import Any

from specdiff.errors import ImportFailure
from specdiff.importer.sources.blocks import Block, to_text
from specdiff.importer.sources.libraries import library

DROPPED = {"script", "style", "nav", "noscript", "template", "head", "iframe", "object", "svg", "button",
           "select", "form"}
BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5",
          "h6", "blockquote", "pre", "address", "center", "dl", "dt", "dd", "fieldset", "figure", "figcaption",
          "hr", "body", "html", "caption", "tbody", "thead", "tfoot"}
LISTS = {"ul", "ol", "menu", "dir"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


def html_text(data: bytes, source: str) -> str:
    """The text of an HTML page; ImportFailure naming `source` when it cannot be read."""
    root = _parse(data, source)
    try:
        return to_text(_Walker().blocks(root))
    except RecursionError:
        raise ImportFailure("the page nests its elements hundreds of levels deep, more than specdiff reads; "
                            "save the page again from the browser, or import its text", path=source) from None


def _parse(data: bytes, source: str) -> Any:
    library("lxml.html", "lxml", "HTML pages", source)
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    parser = lxml.html.HTMLParser(huge_tree=True)  # libxml2 otherwise drops, silently, text below depth 255
    try:
        try:
            return lxml.html.document_fromstring(data.decode("utf-8-sig"), parser=parser)
        except UnicodeDecodeError:
            return lxml.html.document_fromstring(data, parser=parser)  # the page's own <meta charset> decides
    except (lxml.etree.ParserError, ValueError) as error:
        raise ImportFailure(f"not a readable HTML page ({error}); save the page again from the browser",
                            path=source) from None


class _Walker:
    """Walks the tree once, collecting inline text into the current paragraph."""

    def __init__(self) -> None:
        self._out: list[Block] = []
        self._inline: list[str] = []

    def blocks(self, root: Any) -> list[Block]:
        self._element(root, depth=-1)
        self._flush()
        return self._out

    def _flush(self) -> None:
        text = "".join(self._inline)
        self._inline = []
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        if any(lines):
            self._out.append(Block("\n".join(line for line in lines if line)))

    def _text(self, text: str | None) -> None:
        if text:
            self._inline.append(text)

    def _element(self, element: Any, depth: int) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in DROPPED or not tag:  # comments and processing instructions have a non-string tag
            self._text(element.tail if tag != "head" else None)
            return
        if tag == "br":
            self._inline.append("\n")
        elif tag in LISTS:
            self._list(element, depth + 1, numbered=tag == "ol")
        elif tag == "tr" and _plain_row(element):
            self._flush()
            self._row(element)
        elif tag in BLOCKS or tag in {"table", "tr", "td", "th", "li"}:
            self._flush()
            self._children(element, depth)
            self._flush()
        else:
            self._children(element, depth)
        self._text(element.tail)

    def _children(self, element: Any, depth: int) -> None:
        self._text(element.text)
        for child in element:
            self._element(child, depth)

    def _row(self, row: Any) -> None:
        cells = [_SPACES.sub(" ", cell.text_content()).strip() for cell in row if _tag(cell) in {"td", "th"}]
        if any(cells):
            self._out.append(Block("  ".join(cell for cell in cells if cell)))

    def _list(self, element: Any, depth: int, numbered: bool) -> None:
        self._flush()
        self._text(element.text if element.text and element.text.strip() else None)
        number = _start(element)
        for child in element:
            if _tag(child) != "li":
                self._element(child, depth - 1)
                continue
            self._flush()
            for block in _Item(child, depth).blocks():
                self._out.append(Block(block.text, level=block.level,
                                       number=number if numbered and block.level == depth else block.number))
            number += 1 if numbered else 0
            self._text(child.tail)
        self._flush()


class _Item(_Walker):
    """One <li>: its own text as an item at `depth`, nested lists after it."""

    def __init__(self, item: Any, depth: int) -> None:
        super().__init__()
        self._item, self._depth = item, depth

    def blocks(self, root: Any = None) -> list[Block]:
        self._children(self._item, self._depth)
        self._flush()
        first, rest = self._out[:1], self._out[1:]
        own = [Block(b.text.replace("\n", " "), level=self._depth) for b in first if b.level is None]
        return own + (rest if own else self._out)


def _tag(element: Any) -> str:
    return element.tag.lower() if isinstance(element.tag, str) else ""


def _start(element: Any) -> int:
    try:
        return int(element.get("start", "1"))
    except ValueError:
        return 1


def _plain_row(row: Any) -> bool:
    """A row of cells holding only inline text (no paragraphs, lists or nested tables)."""
    return all(_tag(d) not in BLOCKS | LISTS | {"table", "li", "br"}
               for cell in row for d in cell.iterdescendants())


"""One escaper per output channel, so text from a spec, a file name, a commit or an argument can never
become markup, a mention, a link, a formula or a command. Terminal and CI-log lines: specdiff.textutil."""
from __future__ import annotations

import html
import re

from specdiff.textutil import printable

# Characters GitHub-flavoured Markdown may treat as syntax anywhere in a line ($ is GitHub's math).
_MD_INLINE = str.maketrans({char: f"\\{char}" for char in "\\`*_[]{}|~#$"})
# Syntax that only counts at the start of a line: list markers and setext underlines (a `>` quote is
# already `&gt;`).
_MD_LINE_START = re.compile(r"^( ?)([+=-]|\d+[.)](?=\s|$))")
# Blanks that open a value: one space is enough (HTML shows one), four would make a code block.
_LEADING_BLANKS = re.compile(r"^[ \t]+")
# A value is one line: line breaks and the blanks around them become one space.
_LINE_BREAK = re.compile(r"[ \t]*(?:\r\n?|\n)[ \t]*")
# What GitHub links in rendered text: @mentions and emails, #123 and GH-123 references, bare URLs,
# www. links. A zero-width joiner after the trigger keeps the text and breaks the link.
_AUTOLINK = re.compile(r"[@#](?=\\?[\w-])|(?<![^\W_])gh-(?=\d)|(?<![^\W_])www(?=\\?\.)|:(?=//)", re.IGNORECASE)
_ZWJ = "\u200d"


def escape_html(text: str) -> str:
    """Text safe inside HTML elements and attribute values (control characters shown, not obeyed)."""
    return html.escape(printable(text), quote=True)


def one_line(text: str) -> str:
    """Control characters shown, line breaks folded into a space: a value never starts a line."""
    return printable(_LINE_BREAK.sub(" ", text))


def escape_markdown(text: str) -> str:
    """Text safe anywhere in a line of GitHub Markdown (a table cell, a heading, a list item, inside
    <ins>/<del>): one line of plain text, no HTML, emphasis, links, tables, code, math, mentions."""
    text = _LEADING_BLANKS.sub(" ", one_line(text))
    text = html.escape(text, quote=False)  # quotes are plain text in Markdown; entities would show
    text = text.translate(_MD_INLINE)
    text = _AUTOLINK.sub(lambda m: m.group() + _ZWJ, text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    """`- x` -> `\\- x`; a list number `1. x` -> `1\\. x` (CommonMark escapes punctuation, not digits)."""
    blank, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{blank}{marker[:-1]}\\{marker[-1]}"
    return f"{blank}\\{marker}"


def code_span(text: str) -> str:
    """A Markdown code span showing exactly text (one line): fenced with more backticks than any run
    inside, padded with a space when the text starts or ends with a backtick or a blank. Not for table
    cells (a `|` there still ends the cell): use escape_markdown in tables."""
    text = one_line(text)
    if not text:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.strip(" ") and (text[0] in "` " or text[-1] in "` ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(text: str) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula (OWASP: a leading `'` when the
    cell starts with =, +, -, @, a tab or a carriage return)."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text

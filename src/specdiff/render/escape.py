"""Escaping of spec text for markup outputs, so a spec's text can never inject markup."""
from __future__ import annotations

import html
import re

from specdiff.textutil import printable

# Characters Markdown (GitHub flavour) may treat as syntax anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]{}|~])")
# Syntax that only counts at the start of a line: headings, quotes, list markers.
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)](?=\s|$))")
# @mentions and #123 issue links are neutralised with a zero-width joiner.
_MENTION = re.compile(r"([@#])(?=[\w-])")


def escape_html(text: str) -> str:
    """Text safe inside HTML elements and attribute values (control characters shown, not obeyed)."""
    return html.escape(printable(text), quote=True)


def escape_markdown(text: str) -> str:
    """Text safe inside Markdown: no HTML, emphasis, links, tables, code, mentions."""
    text = html.escape(printable(text), quote=False)  # quotes are plain text in Markdown; entities would break
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MENTION.sub("\\1\u200d", text)
    return _MD_LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    """`# x` -> `\\# x`; a list number `1. x` -> `1\\. x` (CommonMark escapes punctuation, not digits)."""
    indent, marker = match.group(1), match.group(2)
    if marker[0].isdigit():
        return f"{indent}{marker[:-1]}\\{marker[-1]}"
    return f"{indent}\\{marker}"

"""Split a document into classified lines: blank, bullet, numbered or plain text."""
from __future__ import annotations

import re
from dataclasses import dataclass

from specdiff.textutil import clean

BULLET = re.compile(r"^[\u2022\u25e6\u25aa\u2023\u2219\u00b7*\u2013-][ \u00a0]+(?=\S)")
BARE_BULLET = re.compile(r"^[\u2022\u25e6\u25aa\u2023\u2219\u00b7*\u2013-][ \u00a0\t]*$")
NUMBERED = re.compile(r"^(\d{1,2})[.)][ \u00a0]+(?=\S)")


@dataclass(frozen=True)
class Line:
    """One line of the input with its 1-based number, indent and kind."""

    number: int
    indent: int
    kind: str  # "blank", "bullet", "numbered" or "text"
    text: str  # the content, without bullet or number
    marker: str = ""  # the bullet glyph or the number, as written

    @property
    def is_blank(self) -> bool:
        return self.kind == "blank"


# Every Unicode space (EM SPACE, THIN SPACE, form feed, ...) becomes a plain space before any pattern reads
# the text, so runs of them collapse like runs of spaces (issue 13). The no-break spaces (U+00A0, U+2007,
# U+202F) are text and stay, as does the newline.
UNICODE_SPACES = {ord(char): " " for char in "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\u1680\u2000\u2001\u2002\u2003"
                  "\u2004\u2005\u2006\u2008\u2009\u200a\u2028\u2029\u205f\u3000"}


def normalise_newlines(text: str) -> str:
    """Drop a BOM, turn CRLF/CR into LF, tabs into four spaces and every other Unicode space (but the
    no-break ones) into a plain space."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    return text.translate(UNICODE_SPACES)


def classify(number: int, raw: str) -> Line:
    """Classify one raw line."""
    stripped = raw.lstrip(" \u00a0")
    indent = len(raw) - len(stripped)
    if not clean(stripped) or BARE_BULLET.match(stripped):  # a bullet glyph with no text carries no words
        return Line(number, indent, "blank", "")
    number_match = NUMBERED.match(stripped)
    if number_match:
        return Line(number, indent, "numbered", clean(stripped[number_match.end():]), number_match.group(1))
    bullet_match = BULLET.match(stripped)
    if bullet_match:
        return Line(number, indent, "bullet", clean(stripped[bullet_match.end():]), stripped[0])
    return Line(number, indent, "text", clean(stripped))


def split_lines(text: str) -> list[Line]:
    """Every line of the document, classified."""
    return [classify(i, raw) for i, raw in enumerate(normalise_newlines(text).split("\n"), start=1)]

"""Whitespace handling shared by the importer and the renderers."""
from __future__ import annotations

import re

# Ordinary spaces and tabs collapse; non-breaking spaces are text and are kept.
_RUNS = re.compile(r"[ \t]+")
_EDGE = " \t\u00a0\u200b\ufeff"


def clean(text: str) -> str:
    """Collapse runs of spaces/tabs and strip whitespace (including NBSP) at both ends."""
    return _RUNS.sub(" ", text).strip(_EDGE)


def join_lines(lines: list[str]) -> str:
    """Join hard-wrapped lines of one paragraph with single spaces."""
    return clean(" ".join(clean(line) for line in lines if clean(line)))


# Words whose final period does not end a sentence: "Sec. 5-196", "C.G.S. 5-234", "No. 22-007".
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Za-z]\.){2,}|\b(?:Sec|Secs|No|Nos|Dept|St|Gen|Stat|Art|Ch|Sect|vs|e\.g|i\.e)\.)$")


def ends_sentence(text: str) -> bool:
    """True when a line ends where a paragraph or item may end (not after an abbreviation)."""
    text = text.rstrip(_EDGE)
    return text[-1:] in {".", ";", ":", "!", "?"} and not _ABBREVIATION.search(text)


_SMALL_WORDS = {"of", "and", "the", "for", "in", "on", "at", "to", "or", "a"}


def title_case(text: str) -> str:
    """STATE OF CONNECTICUT EXECUTIVE BRANCH -> State of Connecticut Executive Branch."""
    words = text.lower().split()
    return " ".join(w if i and w in _SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


# C0 and C1 control characters (but newline and tab), DEL, and the bidirectional overrides that can
# make text read differently from what it is ("Trojan Source").
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    if char < " ":
        return chr(0x2400 + ord(char))  # the Unicode control picture: \x1b shows as \u241b
    return f"<U+{ord(char):04X}>"


def printable(text: str) -> str:
    """Text safe to print on a terminal or embed in markup: control characters shown, not obeyed."""
    return _UNSAFE.sub(_visible, text)


_LINE_BREAKS = str.maketrans({"\n": "\u240a", "\r": "\u240d", "\u2028": "\u240a", "\u2029": "\u240a"})


# The GitHub Actions runner obeys a line that starts with `::` once leading blanks are trimmed, and the
# legacy `##[command]` form anywhere in a line.
_COMMAND_START = re.compile(r"[\s\u180e\u200b\ufeff]*::")
LOG_MARK = "> "  # shown before a line that would otherwise be a workflow command


def single_line(text: str) -> str:
    """Text for one line of terminal or CI-log output: control characters shown, and line breaks too, so
    a title or file name can never start a line of its own (a forged message); and never a GitHub Actions
    workflow command: a line that would start with `::` is shown after a visible `> `, and `##[` is
    broken by a zero-width space."""
    line = printable(text).translate(_LINE_BREAKS).replace("##[", "##\u200b[")
    return LOG_MARK + line if _COMMAND_START.match(line) else line


_INVISIBLE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_dumps(value: object, *, indent: int | None = 2, sort_keys: bool = False) -> str:
    """JSON with real letters (ensure_ascii=False) but every control and bidi character escaped as \\uXXXX:
    the same data, and nothing invisible or reordering in a file, a terminal or a review."""
    import json

    text = json.dumps(value, indent=indent, ensure_ascii=False, sort_keys=sort_keys)
    return _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)

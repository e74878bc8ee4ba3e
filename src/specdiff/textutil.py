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


def ends_sentence(text: str) -> bool:
    """True when a line ends where a paragraph or item may end."""
    return text.rstrip(_EDGE)[-1:] in {".", ";", ":", "!", "?"}

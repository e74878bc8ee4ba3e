"""Word-level redlines and the test for an editorial-only change."""
from __future__ import annotations

import difflib
import re
import unicodedata

from specdiff.diff.model import Segment

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                              "\u2014": "-", "\u00a0": " "})


MAX_TOKENS = 20_000  # past this, a word-level match could take seconds: show the whole text replaced


def redline(old: str, new: str) -> tuple[Segment, ...]:
    """Kept, deleted and inserted runs that turn old into new, word by word (whole texts when huge)."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(a) + len(b) > MAX_TOKENS:
        return tuple(Segment(kind, text) for kind, text in (("del", old), ("ins", new)) if text)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "keep", "".join(a[i1:i2]))
            continue
        _append(segments, "del", "".join(a[i1:i2]))
        _append(segments, "ins", "".join(b[j1:j2]))
    return tuple(segments)


def _append(segments: list[Segment], kind: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))


def words_only(text: str) -> str:
    """The text without what an editorial change may touch: spacing, punctuation, case, quote style."""
    text = unicodedata.normalize("NFKC", text.translate(_TYPOGRAPHIC)).casefold()
    return " ".join(re.findall(r"\w+", text))


def is_editorial(old: object, new: object) -> bool:
    """True when two texts differ only in whitespace, punctuation, letter case or typography."""
    return isinstance(old, str) and isinstance(new, str) and old != new and words_only(old) == words_only(new)

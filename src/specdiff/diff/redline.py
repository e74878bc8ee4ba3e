"""Word-level redlines and the test for an editorial-only change."""
from __future__ import annotations

import re
import unicodedata

from specdiff.diff.budget import BY_SENTENCE, WHOLE, Budget
from specdiff.diff.matching import OverBudget, first_pass, opcodes
from specdiff.diff.model import Segment

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")
# A sentence with the spaces after it (the coarser comparison); no backtracking: linear.
_SENTENCES = re.compile(r"[^.;:!?]*(?:[.;:!?]+|$)\s*")
_TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                              "\u2014": "-", "\u00a0": " "})


MAX_TOKENS = 20_000  # past this, a word-level match is not even tried
PASSES = 3  # a match is not tried when this many first passes would take more than its allowance


def redline(old: str, new: str, budget: Budget | None = None) -> tuple[Segment, ...]:
    """Kept, deleted and inserted runs that turn old into new: word by word, or (past the budget, which is
    by default one for the two texts alone) sentence by sentence, or as whole texts; the budget notes it."""
    budget = budget or Budget.for_size(len(old) + len(new))
    for tokens, coarser in ((_TOKENS, None), (_SENTENCES, BY_SENTENCE)):
        a, b = [t for t in tokens.findall(old) if t], [t for t in tokens.findall(new) if t]
        allowance = budget.matching_allowance(finest=coarser is None)
        if len(a) + len(b) > MAX_TOKENS or PASSES * first_pass(a, b) > allowance:
            continue
        try:
            found, steps = opcodes(a, b, allowance)
        except OverBudget:
            budget.spend_matching(allowance)
            continue
        budget.spend_matching(steps)
        if coarser:
            budget.note(coarser)
        return _segments(found, a, b)
    budget.note(WHOLE)
    return tuple(Segment(kind, text) for kind, text in (("del", old), ("ins", new)) if text)


def _segments(found: list[tuple[str, int, int, int, int]], a: list[str], b: list[str]) -> tuple[Segment, ...]:
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in found:
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

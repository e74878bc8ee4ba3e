"""Word-level redlines and the test for an editorial-only change."""
from __future__ import annotations

import os
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
    """Runs of kept, deleted and inserted text; changed words separated only by spaces or punctuation are
    one phrase (one deletion, then one insertion), so a reworded phrase reads as a whole."""
    segments: list[Segment] = []
    pending = ["", ""]  # the phrase's deleted and inserted text, not yet appended
    for index, (tag, i1, i2, j1, j2) in enumerate(found):
        if tag != "equal":
            pending = [pending[0] + "".join(a[i1:i2]), pending[1] + "".join(b[j1:j2])]
            continue
        kept = "".join(a[i1:i2])
        if any(pending) and index + 1 < len(found) and not _has_word(kept):
            pending = [pending[0] + kept, pending[1] + kept]  # a separator inside a changed phrase
            continue
        _flush(segments, pending)
        pending = ["", ""]
        _append(segments, "keep", kept)
    _flush(segments, pending)
    return tuple(segments)


def _has_word(text: str) -> bool:
    return re.search(r"\w", text) is not None


def _flush(segments: list[Segment], pending: list[str]) -> None:
    """The phrase as one deletion and one insertion; spacing replaced by spacing keeps what both share, so
    one space more reads as "a space added"."""
    deleted, inserted = pending
    if deleted and inserted and not deleted.strip() and not inserted.strip():
        shared = len(os.path.commonprefix([deleted, inserted]))
        _append(segments, "keep", deleted[:shared])
        deleted, inserted = deleted[shared:], inserted[shared:]
    _append(segments, "del", deleted)
    _append(segments, "ins", inserted)


WHITESPACE_NAMES = {" ": "a space", "\n": "a line break", "\t": "a tab"}


def whitespace_change(segment: Segment) -> str | None:
    """What a deletion or insertion of spacing alone did, in words ("a space added"), or None when the
    segment is kept or has visible text: such a change would otherwise be invisible."""
    if segment.kind == "keep" or not segment.text or segment.text.strip():
        return None
    name = WHITESPACE_NAMES.get(segment.text, f"{len(segment.text)} whitespace characters"
                                if len(segment.text) > 1 else "a whitespace character")
    return f"{name} {'added' if segment.kind == 'ins' else 'removed'}"


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

"""difflib's sequence matching with a cap on its work: the same opcodes as difflib.SequenceMatcher
(no junk, no autojunk), or OverBudget once it has taken more steps than it was given.

difflib's matcher takes time in the square of the tokens for ordinary prose (every space is one
token) and in their cube for repetitive text ("a a a ..." against "a b a b ..."): one redline of a few
thousand words took seconds, a repetitive one minutes (issue 13). Counting its steps bounds that; it
also skips, by bisection, the candidates that lie before the range searched, which difflib rescans.
"""
from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from typing import Any

Opcode = tuple[str, int, int, int, int]


class OverBudget(Exception):
    """The comparison needed more steps than it was given."""


class _Matcher(difflib.SequenceMatcher[str]):
    def __init__(self, a: Sequence[str], b: Sequence[str], steps: int) -> None:
        self.steps = steps
        self.tokens_a, self.tokens_b = a, b
        self.where: dict[str, list[int]] = {}  # difflib's b2j (no junk): where each token is in b, ascending
        for j, token in enumerate(b):
            self.where.setdefault(token, []).append(j)
        super().__init__(None, a, b, autojunk=False)

    def _spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise OverBudget

    def find_longest_match(self, alo: int = 0, ahi: int | None = None, blo: int = 0,
                           bhi: int | None = None) -> Any:
        """difflib's find_longest_match (no junk, so without its junk passes), counting its steps."""
        a, b, b2j = self.tokens_a, self.tokens_b, self.where
        ahi = len(a) if ahi is None else ahi
        bhi = len(b) if bhi is None else bhi
        besti, bestj, bestsize = alo, blo, 0
        j2len: dict[int, int] = {}
        self._spend(ahi - alo + 1)
        for i in range(alo, ahi):
            positions = b2j.get(a[i])
            new_j2len: dict[int, int] = {}
            if positions:
                start = bisect_left(positions, blo)
                stop = bisect_left(positions, bhi, start)
                self._spend(stop - start)
                j2lenget = j2len.get
                for index in range(start, stop):
                    j = positions[index]
                    k = new_j2len[j] = j2lenget(j - 1, 0) + 1
                    if k > bestsize:
                        besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = new_j2len
        while besti > alo and bestj > blo and a[besti - 1] == b[bestj - 1]:
            besti, bestj, bestsize = besti - 1, bestj - 1, bestsize + 1
        while besti + bestsize < ahi and bestj + bestsize < bhi and a[besti + bestsize] == b[bestj + bestsize]:
            bestsize += 1
        self._spend(bestsize)
        return difflib.Match(besti, bestj, bestsize)


def first_pass(a: Sequence[str], b: Sequence[str]) -> int:
    """The steps of the matcher's first pass over the whole of both texts (it takes a few times that in
    all): how many (i, j) have equal tokens. Counted in linear time, so a hopeless match is not tried."""
    counts = Counter(b)
    return sum(counts[token] for token in a)


def opcodes(a: Sequence[str], b: Sequence[str], steps: int) -> tuple[list[Opcode], int]:
    """difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes(), and the steps it took;
    OverBudget past `steps`."""
    matcher = _Matcher(a, b, steps - 2 * len(b))  # indexing b (twice) costs a step a token
    if matcher.steps < 0:
        raise OverBudget
    found: list[Opcode] = [(tag, i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes()]
    return found, steps - matcher.steps

"""How much comparing one diff may do: work in proportion to the size of the two specs, never to its
square (issue 13). Past the budget, pairing and redlines fall back to coarser comparisons, and the
notes say so.

Two allowances, one per kind of work:
  similarity: rapidfuzz cells (64 characters of one text against one of the other, about 1 ns each)
  spent pairing list items and ranking moves;
  matching: steps of the word matcher (diff/matching.py, about 65 ns each) spent on redlines.
"""
from __future__ import annotations

from dataclasses import dataclass, field

SIMILARITY_BASE = 20_000_000  # ~20 ms whatever the size
SIMILARITY_PER_CHAR = 100  # ~0.1 us a character of the two specs
SIMILARITY_CALL = 300  # the cost of one rapidfuzz call, however short the texts
MATCHING_BASE = 1_000_000  # ~65 ms whatever the size
MATCHING_PER_CHAR = 4  # ~0.26 us a character of the two specs
MATCHING_PAIR = 500_000  # at most this for one redline (~33 ms): one long pair cannot starve the rest
MATCHING_RESERVE = 4  # a quarter of the matching allowance is kept for the coarser comparisons

PAIRED_BY_OPENING = ("items were paired by their opening words only: the lists hold too much text to compare "
                     "in full")
PAIRED_EXACTLY = "items were paired only when identical: a reworded item shows as removed and added"
BY_SENTENCE = "redlined sentence by sentence, not word by word: the texts are too long or too repetitive"
WHOLE = "shown as whole texts replaced, not word by word: the texts are too long or too repetitive"


@dataclass
class Budget:
    """What a diff may still spend, and what it had to do more coarsely (note -> how many times)."""

    similarity: int
    matching: int
    reserve: int = 0  # of `matching`, what only the coarser comparisons may use
    noted: dict[str, int] = field(default_factory=dict)

    @classmethod
    def for_size(cls, chars: int) -> Budget:
        """The budget for comparing texts of this many characters in all (both sides)."""
        matching = MATCHING_BASE + MATCHING_PER_CHAR * chars
        return cls(SIMILARITY_BASE + SIMILARITY_PER_CHAR * chars, matching, matching // MATCHING_RESERVE)

    def spend_similarity(self, cost: int) -> bool:
        """Take `cost` from the similarity allowance if it is there (True), else leave it (False)."""
        if cost > self.similarity:
            return False
        self.similarity -= cost
        return True

    def matching_allowance(self, *, finest: bool) -> int:
        """The steps one redline may take: the finest comparison leaves the reserve to the coarser ones."""
        return max(0, min(self.matching - (self.reserve if finest else 0), MATCHING_PAIR))

    def spend_matching(self, steps: int) -> None:
        self.matching = max(0, self.matching - steps)

    def note(self, what: str) -> None:
        self.noted[what] = self.noted.get(what, 0) + 1

    def notes(self) -> tuple[str, ...]:
        """One line per coarser comparison made, for the reader of the diff."""
        lines = []
        for what, count in self.noted.items():
            if what in (BY_SENTENCE, WHOLE):
                lines.append(f"{count} change{'' if count == 1 else 's'} {what}")
            else:
                lines.append(f"in {count} list{'' if count == 1 else 's'}, {what}")
        return tuple(lines)


def similarity_cost(old: list[str], new: list[str]) -> int:
    """What rapidfuzz's ratio of every old text against every new one costs, in budget units."""
    return sum(-(-len(text) // 64) for text in old) * sum(len(text) for text in new) + \
        SIMILARITY_CALL * len(old) * len(new)

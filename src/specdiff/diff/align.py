"""Pair the items of two lists by text similarity, not position (rapidfuzz, deterministic)."""
from __future__ import annotations

from specdiff.diff.redline import words_only

SIMILAR = 60.0  # rapidfuzz ratio (0-100) above which two items are one item reworded
MAX_PAIRS = 250_000  # beyond old x new comparisons, only exact matches are paired


def align(old: list[str], new: list[str]) -> list[tuple[int | None, int | None]]:
    """(i, j) for paired items, (i, None) removed, (None, j) added; ordered by new position."""
    pairs = _exact(old, new)
    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = sorted(set(range(len(new))) - set(pairs.values()))
    if free_old and free_new and len(free_old) * len(free_new) <= MAX_PAIRS:
        pairs.update(_similar(old, new, free_old, free_new))
    matched = set(pairs.values())
    result: list[tuple[int | None, int | None]] = [(i, j) for i, j in pairs.items()]
    result += [(None, j) for j in range(len(new)) if j not in matched]
    result += [(i, None) for i in range(len(old)) if i not in pairs]
    return sorted(result, key=lambda p: (p[1] if p[1] is not None else _after(p[0], pairs), p[0] or 0))


def _after(i: int | None, pairs: dict[int, int]) -> float:
    """Sort a removed item just after the new position of the paired item before it."""
    before = [j for k, j in pairs.items() if i is not None and k < i]
    return max(before) + 0.5 if before else -0.5


def _exact(old: list[str], new: list[str]) -> dict[int, int]:
    waiting: dict[str, list[int]] = {}
    for j, text in enumerate(new):
        waiting.setdefault(text, []).append(j)
    pairs: dict[int, int] = {}
    for i, text in enumerate(old):
        if waiting.get(text):
            pairs[i] = waiting[text].pop(0)
    return pairs


def _similar(old: list[str], new: list[str], free_old: list[int], free_new: list[int]) -> dict[int, int]:
    from rapidfuzz.fuzz import ratio  # process.cdist would need numpy; the C scorer alone is fast enough

    a = [words_only(old[i]) for i in free_old]
    b = [words_only(new[j]) for j in free_new]
    scored = ((ratio(a[x], b[y], score_cutoff=SIMILAR), x, y) for x in range(len(a)) for y in range(len(b)))
    ranked = sorted((-score, x, y) for score, x, y in scored if score)
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, x, y in ranked:
        if free_old[x] not in pairs and free_new[y] not in used:
            pairs[free_old[x]] = free_new[y]
            used.add(free_new[y])
    return pairs


def moved(pairs: list[tuple[int, int]], priority: dict[tuple[int, int], tuple[object, ...]] | None = None
          ) -> set[tuple[int, int]]:
    """Paired items that changed order.

    Pairs are kept in priority order (by default: smallest displacement first); a pair that
    crosses one already kept is moved. The priority does not depend on which side is old, so
    diff(a, b) and diff(b, a) mark the same items as moved.
    """
    rank = priority or {}
    ordered = sorted(pairs, key=lambda p: (rank.get(p, ()), abs(p[0] - p[1]), p))
    kept: list[tuple[int, int]] = []
    shifted: set[tuple[int, int]] = set()
    for i, j in ordered:
        if any((i - a) * (j - b) < 0 for a, b in kept):
            shifted.add((i, j))
        else:
            kept.append((i, j))
    return shifted

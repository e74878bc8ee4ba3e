"""Pair the items of two lists by text similarity, not position (rapidfuzz, deterministic)."""
from __future__ import annotations

from bisect import bisect_left
from collections import deque

from specdiff.diff.budget import PAIRED_BY_OPENING, PAIRED_EXACTLY, Budget, similarity_cost
from specdiff.diff.redline import words_only

SIMILAR = 60.0  # rapidfuzz ratio (0-100) above which two items are one item reworded
MAX_PAIRS = 250_000  # beyond old x new comparisons, only exact matches are paired
OPENING = 256  # characters of each item compared when whole items would cost more than the budget


def align(old: list[str], new: list[str], budget: Budget | None = None) -> list[tuple[int | None, int | None]]:
    """(i, j) for paired items, (i, None) removed, (None, j) added; ordered by new position.

    Identical items pair first; the rest by similarity, within the budget (by default one for these
    lists alone): of whole items, else of their opening words, else not at all (the budget notes it).
    """
    pairs = _exact(old, new)
    free_old = [i for i in range(len(old)) if i not in pairs]
    free_new = sorted(set(range(len(new))) - set(pairs.values()))
    if free_old and free_new:
        budget = budget or Budget.for_size(sum(map(len, old)) + sum(map(len, new)))
        pairs.update(_similar(old, new, free_old, free_new, budget))
    matched = set(pairs.values())
    result: list[tuple[int | None, int | None]] = [(i, j) for i, j in pairs.items()]
    result += [(None, j) for j in range(len(new)) if j not in matched]
    removed = [i for i in range(len(old)) if i not in pairs]
    after = _after(removed, pairs)
    result += [(i, None) for i in removed]
    return sorted(result, key=lambda p: (p[1] if p[1] is not None else after[p[0]], p[0] or 0))


def _after(removed: list[int], pairs: dict[int, int]) -> dict[int | None, float]:
    """Where each removed item sorts: just after the new position of the paired items before it."""
    order = sorted(pairs)
    best: list[int] = []  # best[k]: the highest new position among the first k + 1 old positions paired
    for i in order:
        best.append(max(best[-1], pairs[i]) if best else pairs[i])
    found: dict[int | None, float] = {}
    for i in removed:
        k = bisect_left(order, i)
        found[i] = best[k - 1] + 0.5 if k else -0.5
    return found


def _exact(old: list[str], new: list[str]) -> dict[int, int]:
    waiting: dict[str, deque[int]] = {}
    for j, text in enumerate(new):
        waiting.setdefault(text, deque()).append(j)
    pairs: dict[int, int] = {}
    for i, text in enumerate(old):
        if waiting.get(text):
            pairs[i] = waiting[text].popleft()
    return pairs


def _similar(old: list[str], new: list[str], free_old: list[int], free_new: list[int],
             budget: Budget) -> dict[int, int]:
    from rapidfuzz.fuzz import ratio  # process.cdist would need numpy; the C scorer alone is fast enough

    if len(free_old) * len(free_new) > MAX_PAIRS:
        budget.note(PAIRED_EXACTLY)
        return {}
    a = [words_only(old[i]) for i in free_old]
    b = [words_only(new[j]) for j in free_new]
    if not budget.spend_similarity(similarity_cost(a, b)):
        a, b = [text[:OPENING] for text in a], [text[:OPENING] for text in b]
        if not budget.spend_similarity(similarity_cost(a, b)):
            budget.note(PAIRED_EXACTLY)
            return {}
        budget.note(PAIRED_BY_OPENING)
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

    The kept pairs never cross, so in order of old position their new positions rise too: a pair
    crosses one of them exactly when its neighbours in that order lie on the wrong side of it
    (found by bisection, not by a look at every kept pair).
    """
    rank = priority or {}
    ordered = sorted(pairs, key=lambda p: (rank.get(p, ()), abs(p[0] - p[1]), p))
    kept_old: list[int] = []  # old positions of the kept pairs, sorted
    kept_new: list[int] = []  # their new positions, in the same order (so sorted too)
    shifted: set[tuple[int, int]] = set()
    for i, j in ordered:
        k = bisect_left(kept_old, i)
        before = k > 0 and kept_old[k - 1] < i and kept_new[k - 1] > j
        after = k < len(kept_old) and kept_old[k] > i and kept_new[k] < j
        if before or after:
            shifted.add((i, j))
        else:
            kept_old.insert(k, i)
            kept_new.insert(k, j)
    return shifted

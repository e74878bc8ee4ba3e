"""Compare two specs and list the changes in the document's own terms.

List items (duties, KSA, requirements, paragraphs) are paired by similarity, so a
reworded duty is one `changed` item with a redline and a reordered one is `moved`.
Records are paired by effective date. Everything else (pay ranges, coded values,
record fields) is compared by deepdiff, the only place specdiff uses it.
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any

from specdiff import schema
from specdiff.diff.align import OPENING, align, moved
from specdiff.diff.budget import Budget, similarity_cost
from specdiff.diff.model import Change
from specdiff.diff.redline import is_editorial, redline, words_only
from specdiff.jsonpos import escape_token
from specdiff.vocab import Kind, as_level

Spec = dict[str, Any]


def diff_specs(old: Spec, new: Spec) -> list[Change]:
    """Every change from old to new (both schema-valid specs), in document order."""
    return compare_specs(old, new)[0]


def compare_specs(old: Spec, new: Spec) -> tuple[list[Change], tuple[str, ...]]:
    """Every change from old to new, and a note for each way the comparison was made coarser to keep its
    work in proportion to the size of the specs (diff/budget.py); no notes for ordinary specs."""
    size = len(json.dumps(old, ensure_ascii=False)) + len(json.dumps(new, ensure_ascii=False))
    differ = _Differ(str(new.get("class_code") or old.get("class_code")), new, Budget.for_size(size))
    differ.object(old, new, "")
    return differ.changes, differ.budget.notes()


def _text(item: Any) -> str:
    return item if isinstance(item, str) else str(item.get("text", ""))


def _priority(old: Any, new: Any, budget: Budget) -> tuple[float, tuple[str, ...]]:
    """Which matched pairs stay in place first: the most similar, then by text (the same both ways).
    Past the budget, the similarity of their opening words stands for theirs."""
    a, b = _text(old), _text(new)
    if a == b:
        return (-100.0, (a,))
    from rapidfuzz.fuzz import ratio

    x, y = words_only(a), words_only(b)
    if not budget.spend_similarity(similarity_cost([x], [y])):
        x, y = x[:OPENING], y[:OPENING]
    return (-ratio(x, y), tuple(sorted((a, b))))


class _Differ:
    def __init__(self, class_code: str, new_spec: Spec, budget: Budget) -> None:
        self.class_code = class_code
        self.new_spec = new_spec
        self.budget = budget
        self.changes: list[Change] = []

    # -- bookkeeping ---------------------------------------------------------------------------

    def add(self, kind: Kind, pointer: str, old: Any, new: Any) -> None:
        level = as_level(schema.annotation(pointer, "x-level") or "minor")
        marks: tuple[Any, ...] = ()
        if isinstance(old, str) and isinstance(new, str) and old != new:
            marks = redline(old, new, self.budget)
            if is_editorial(old, new):
                level = "editorial"
        self.changes.append(Change(self.class_code, pointer or "/", self.section(pointer), kind, old, new,
                                   level, marks))

    def section(self, pointer: str) -> str:
        """The official heading for a pointer (or the field's label, or another section's heading)."""
        if pointer.startswith("/other_sections/"):
            index = int(pointer.split("/")[2])
            others = self.new_spec.get("other_sections", [])
            if index < len(others) and others[index].get("heading"):
                return str(others[index]["heading"])
        return _section_heading(re.sub(r"/\d+(?=/|$)", "/0", pointer))

    # -- by shape ------------------------------------------------------------------------------

    def node(self, old: Any, new: Any, pointer: str) -> None:
        if old == new:
            return
        if old is None or new is None:
            self.add("added" if old is None else "removed", pointer, old, new)
            return
        shape = schema.shape_at(pointer)
        if shape == "paragraphs":
            self.items(old, new, pointer, pointer)
        elif shape == "list":
            self.item_list(old, new, pointer)
        elif pointer == "/records":
            self.records(old, new)
        elif pointer == "/other_sections":
            self.other_sections(old, new)
        elif _holds_lists(pointer):
            self.object(old, new, pointer)
        else:
            self.deep(old, new, pointer)

    def object(self, old: Spec, new: Spec, pointer: str) -> None:
        order = schema.property_names(pointer)
        extra = sorted((set(old) | set(new)) - set(order))
        keys = [k for k in order if (k in old or k in new) and k != "$schema"] + extra
        for key in keys:
            self.node(old.get(key), new.get(key), f"{pointer}/{escape_token(key)}")

    def deep(self, old: Any, new: Any, pointer: str) -> None:
        """Leaf-by-leaf changes of objects such as pay ranges or a record (deepdiff)."""
        from deepdiff import DeepDiff

        tree = DeepDiff(old, new, view="tree", ignore_order=False)
        leaves = [leaf for report in tree.values() for leaf in report]
        for leaf in sorted(leaves, key=lambda leaf: leaf.path()):
            path = "".join(f"/{escape_token(str(p))}" for p in leaf.path(output_format="list"))
            before = None if _missing(leaf.t1) else leaf.t1
            after = None if _missing(leaf.t2) else leaf.t2
            kind: Kind = "added" if before is None else "removed" if after is None else "changed"
            self.add(kind, pointer + path, before, after)

    # -- lists ---------------------------------------------------------------------------------

    def item_list(self, old: Spec, new: Spec, pointer: str) -> None:
        if old.get("style") != new.get("style"):
            self.add("changed", f"{pointer}/style", old.get("style"), new.get("style"))
        old_entries, new_entries = _entries(old, pointer), _entries(new, pointer)
        self.headings(old, new, pointer)
        self.aligned([e[1] for e in old_entries], [e[1] for e in new_entries],
                     [e[0] for e in old_entries], [e[0] for e in new_entries],
                     groups=([e[2] for e in old_entries], [e[2] for e in new_entries]))

    def headings(self, old: Spec, new: Spec, pointer: str) -> None:
        before = [g.get("heading", "") for g in old.get("groups", [])]
        after = [g.get("heading", "") for g in new.get("groups", [])]
        for i, j in align(before, after, self.budget):
            if i is None and j is not None and after[j]:
                self.add("added", f"{pointer}/groups/{j}/heading", None, after[j])
            elif j is None and i is not None and before[i]:
                self.add("removed", f"{pointer}/groups/{i}/heading", before[i], None)
            elif i is not None and j is not None and before[i] != after[j]:
                self.add("changed", f"{pointer}/groups/{j}/heading", before[i], after[j])

    def items(self, old: list[Any], new: list[Any], old_base: str, new_base: str) -> None:
        self.aligned(old, new, [f"{old_base}/{i}" for i in range(len(old))],
                     [f"{new_base}/{j}" for j in range(len(new))])

    def aligned(self, old: list[Any], new: list[Any], old_paths: list[str], new_paths: list[str],
                groups: tuple[list[str], list[str]] | None = None) -> None:
        pairs = align([_text(v) for v in old], [_text(v) for v in new], self.budget)
        matched = [(i, j) for i, j in pairs if i is not None and j is not None]
        shifted = moved(matched, {pair: _priority(old[pair[0]], new[pair[1]], self.budget) for pair in matched})
        for i, j in pairs:
            if j is None and i is not None:
                self.add("removed", old_paths[i], old[i], None)
            elif i is None and j is not None:
                self.add("added", new_paths[j], None, new[j])
            elif i is not None and j is not None:
                regrouped = groups is not None and groups[0][i] != groups[1][j]
                was_moved = (i, j) in shifted or regrouped
                if was_moved or old[i] != new[j]:  # most items are unchanged: skip them
                    self.pair(old[i], new[j], old_paths[i], new_paths[j], was_moved)

    def pair(self, old: Any, new: Any, old_path: str, new_path: str, was_moved: bool) -> None:
        if was_moved:
            self.add("moved", new_path, _text(old), _text(new))
        elif _text(old) != _text(new):
            self.add("changed", new_path if isinstance(new, str) else f"{new_path}/text", _text(old), _text(new))
        old_children = old.get("items", []) if isinstance(old, dict) else []
        new_children = new.get("items", []) if isinstance(new, dict) else []
        if old_children != new_children:
            self.items(old_children, new_children, f"{old_path}/items", f"{new_path}/items")

    # -- records and other sections ------------------------------------------------------------

    def records(self, old: list[Spec], new: list[Spec]) -> None:
        # Records are appended: when the old list is a prefix of the new one (one comparison, in C),
        # only the new records need pairing.
        same = len(old) if new[: len(old)] == old else 0
        before = {r["effective"]: i for i, r in enumerate(old) if i >= same}
        for j, record in enumerate(new[same:], start=same):
            i = before.pop(record["effective"], None)
            if i is None:
                self.add("added", f"/records/{j}", None, record)
            elif old[i] != record:
                self.deep(old[i], record, f"/records/{j}")
        for i in sorted(before.values()):
            self.add("removed", f"/records/{i}", old[i], None)

    def other_sections(self, old: list[Spec], new: list[Spec]) -> None:
        def label(entry: Spec) -> str:
            return str(entry.get("heading") or entry.get("content", {}).get("items", [""])[0])

        for i, j in align([label(e) for e in old], [label(e) for e in new], self.budget):
            if i is None and j is not None:
                self.add("added", f"/other_sections/{j}", None, new[j])
            elif j is None and i is not None:
                self.add("removed", f"/other_sections/{i}", old[i], None)
            elif i is not None and j is not None and old[i] != new[j]:
                self.node(old[i].get("content"), new[j].get("content"), f"/other_sections/{j}/content")


def _entries(value: Spec, pointer: str) -> list[tuple[str, Any, str]]:
    """(pointer, item, group heading) for every top-level item of a list, grouped or not."""
    if "items" in value:
        return [(f"{pointer}/items/{i}", item, "") for i, item in enumerate(value["items"])]
    return [(f"{pointer}/groups/{g}/items/{i}", item, group.get("heading", ""))
            for g, group in enumerate(value.get("groups", [])) for i, item in enumerate(group["items"])]


@functools.lru_cache(maxsize=1024)
def _section_heading(pointer: str) -> str:
    """The official heading over a pointer (indexes normalised), else the field's label."""
    best = max((info for info in schema.sections() if _under(pointer, info.pointer)),
               key=lambda info: len(info.pointer), default=None)
    if best is not None:
        return best.heading
    return str(schema.annotation("/" + pointer.strip("/").split("/")[0], "x-label") or pointer)


def _holds_lists(pointer: str) -> bool:
    """An object with paragraphs or lists inside (minimum_qualifications): compared field by field."""
    names = schema.property_names(pointer)
    return any(schema.shape_at(f"{pointer}/{name}") in ("paragraphs", "list") for name in names)


def _under(pointer: str, section_pointer: str) -> bool:
    prefix = section_pointer.replace("/-1/", "/")
    if prefix.startswith("/records/"):
        return False  # records are reported as records, not as the current clause
    return pointer == prefix or pointer.startswith(prefix + "/")


def _missing(value: Any) -> bool:
    return type(value).__name__ == "NotPresent"

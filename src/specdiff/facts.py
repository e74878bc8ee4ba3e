"""The facts of a spec that the rules across specs look at: its class code, title, coded names
(bargaining unit, EEO, occupational group), whether it is retired, the replacements its records name and
the titles its text names. Small enough to keep for every spec of a catalog (factcache.py keeps them by
git blob id), so a commit of one spec checks it against the others without reading them again.

`Table` holds the facts of a whole catalog in columns and answers one question fast: which entries can
matter (`Focus`) to the rules across specs for a few checked specs.
"""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from specdiff.spec import is_retired

FORMAT = 1  # what facts_of extracts and how a Table is stored: a cache of another format is rebuilt
CODED_FIELDS = {"bargaining_unit": "bargaining unit", "eeo": "EEO category",
                "occupational_group": "occupational group"}
SEP = "\x7f"  # joins the strings of a stored column (DEL: JSON keeps it as one byte; no real title has it)


@dataclass(frozen=True)
class Facts:
    """What the rules across specs know of one schema-valid spec."""

    class_code: str
    title: str  # case folded: references name a class in any case
    coded: tuple[tuple[str, str, str], ...] = ()  # (field, code, name) of each coded field present
    retired: bool = False
    replaced_by: tuple[tuple[int, str], ...] = ()  # (record index, class code) of records naming a replacement
    references: tuple[tuple[str, str], ...] = ()  # (JSON Pointer, title as written) of each class title named


def facts_of(spec: dict[str, Any]) -> Facts:
    """The facts of a schema-valid spec."""
    from specdiff.references import references

    coded = tuple((field, str(spec[field]["code"]), str(spec[field]["name"])) for field in CODED_FIELDS
                  if field in spec)
    replaced = tuple((index, str(record["replaced_by"])) for index, record in enumerate(spec.get("records", []))
                     if record.get("replaced_by") is not None)
    named = tuple((ref.pointer, ref.title) for ref in references(spec))
    return Facts(str(spec["class_code"]), str(spec["title"]).casefold(), coded, is_retired(spec), replaced, named)


def row_of(facts: Facts | None) -> list[Any] | None:
    """Facts as JSON (None: unknown, the file is not a valid spec)."""
    if facts is None:
        return None
    return [facts.class_code, facts.title, [list(c) for c in facts.coded], facts.retired,
            [list(r) for r in facts.replaced_by], [list(r) for r in facts.references]]


def _strings(value: Any, size: int) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) != size or not all(isinstance(v, str) for v in value):
        raise ValueError("not a list of strings")
    return tuple(value)


def from_row(row: Any) -> Facts | None:
    """Facts from their JSON form; ValueError when it is not one (a damaged cache)."""
    if row is None:
        return None
    if not isinstance(row, list) or len(row) != 6 or not isinstance(row[3], bool):
        raise ValueError("not a facts row")
    code, title = _strings(row[:2], 2)
    coded = tuple(tuple(_strings(item, 3)) for item in _list(row[2]))
    replaced = tuple(_replacement(item) for item in _list(row[4]))
    named = tuple(tuple(_strings(item, 2)) for item in _list(row[5]))
    if any(field not in CODED_FIELDS for field, _, _ in coded):
        raise ValueError("unknown coded field")
    return Facts(code, title, coded, row[3], replaced, named)  # type: ignore[arg-type]


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise ValueError("not a list")
    return value


def _replacement(item: Any) -> tuple[int, str]:
    if not (isinstance(item, list) and len(item) == 2 and type(item[0]) is int and isinstance(item[1], str)):
        raise ValueError("not a replacement")
    return item[0], item[1]


@dataclass(frozen=True)
class Focus:
    """What the rules across specs (rules.py) look up elsewhere for some checked specs: the holders of
    some class codes and titles, the specs that name some titles or replacement codes, and for each
    coded (field, code) the first holder and the holders that give it another name."""

    codes: frozenset[str]
    titles: frozenset[str]  # case folded
    named: frozenset[str]  # case folded: specs whose text names one of these
    replaced: frozenset[str]  # specs whose records name one of these as the replacement
    coded: frozenset[tuple[str, str, str]]


def focus_of(checked: Sequence[Facts], old: Sequence[Facts] = ()) -> Focus:
    """The focus for checked specs, given what the same files held before (their committed facts): a
    title or code a checked spec gave up may still be named elsewhere."""
    both = [*checked, *old]
    own_codes = {facts.class_code for facts in both}
    own_titles = {facts.title for facts in both}
    return Focus(
        codes=frozenset(own_codes | {code for facts in checked for _, code in facts.replaced_by}),
        titles=frozenset(own_titles | {title.casefold() for facts in checked for _, title in facts.references}),
        named=frozenset(own_titles), replaced=frozenset(own_codes),
        coded=frozenset(coded for facts in checked for coded in facts.coded))


@dataclass(frozen=True)
class Table:
    """The facts of many entries (a catalog), in columns: cheap to store, load and search. Entries are
    numbered in order; what few specs have (replacements, references) is kept as flat columns sorted
    by entry number (`*_at`)."""

    labels: Sequence[str]  # a tuple, or any sequence with a fast index() (the cache's labels of git records)
    codes: tuple[str, ...]  # "" where the facts are unknown
    titles: tuple[str, ...]  # case folded
    pairs: tuple[tuple[str, str, str], ...]  # every distinct (field, code, name)
    coded: dict[str, Sequence[int]]  # per coded field: the index in pairs, or -1
    retired: frozenset[int]
    unknown: frozenset[int]
    replaced_at: Sequence[int] = ()
    replaced: Sequence[tuple[int, str]] = ()  # (record index, class code)
    named_at: Sequence[int] = ()
    named: Sequence[tuple[str, str]] = ()  # (JSON Pointer, title as written)

    def __len__(self) -> int:
        return len(self.labels)

    @classmethod
    def build(cls, entries: Iterable[tuple[str, Facts | None]]) -> Table:
        """A table of (label, facts) entries, in the given order."""
        listed = list(entries)
        pairs: dict[tuple[str, str, str], int] = {}
        coded = {field: [-1] * len(listed) for field in CODED_FIELDS}
        for index, (_, facts) in enumerate(listed):
            for triple in facts.coded if facts is not None else ():
                coded[triple[0]][index] = pairs.setdefault(triple, len(pairs))
        known = [(i, f) for i, (_, f) in enumerate(listed) if f is not None]
        replaced = [(i, item) for i, f in known for item in f.replaced_by]
        named = [(i, item) for i, f in known for item in f.references]
        return cls(tuple(label for label, _ in listed),
                   tuple(f.class_code if f is not None else "" for _, f in listed),
                   tuple(f.title if f is not None else "" for _, f in listed),
                   tuple(pairs), {field: tuple(column) for field, column in coded.items()},
                   frozenset(i for i, f in known if f.retired),
                   frozenset(i for i, (_, f) in enumerate(listed) if f is None),
                   tuple(i for i, _ in replaced), tuple(item for _, item in replaced),
                   tuple(i for i, _ in named), tuple(item for _, item in named))

    def facts(self, index: int) -> Facts | None:
        """The facts of one entry (None: unknown)."""
        if index in self.unknown:
            return None
        coded = tuple(self.pairs[column[index]] for column in self.coded.values() if column[index] >= 0)
        return Facts(self.codes[index], self.titles[index], coded, index in self.retired,
                     tuple(_run(self.replaced_at, self.replaced, index)), tuple(_run(self.named_at, self.named, index)))

    def select(self, focus: Focus, skip: frozenset[int] | set[int] = frozenset()) -> list[int]:
        """The entries (not in skip, not unknown) whose facts can matter for the focus, in order."""
        left_out = set(skip) | self.unknown
        found = set(_places(self.codes, focus.codes)) | set(_places(self.titles, focus.titles))
        named, replaced = zip(self.named_at, self.named, strict=True), zip(self.replaced_at, self.replaced, strict=True)
        found.update(at for at, (_, title) in named if title.casefold() in focus.named)
        found.update(at for at, (_, code) in replaced if code in focus.replaced)
        for triple in focus.coded:
            found.update(self._coded_holders(triple, left_out))
        return sorted(found - left_out)

    def _coded_holders(self, triple: tuple[str, str, str], left_out: set[int]) -> list[int]:
        """The first entry with this (field, code), and every entry that names it otherwise (found by
        index(), in C: most codes have one name, and then no entry is looked at in Python)."""
        field, code, name = triple
        same = [i for i, pair in enumerate(self.pairs) if pair[0] == field and pair[1] == code]
        other = {i for i in same if self.pairs[i][2] != name}
        column = self.coded[field]
        firsts = [_first(column, pair, left_out) for pair in same]
        first = min((i for i in firsts if i is not None), default=None)
        named_otherwise = [i for i, pair in enumerate(column) if pair in other] if other else []
        return ([first] if first is not None else []) + named_otherwise

    # -- storage -------------------------------------------------------------------------------

    def to_json(self, *, labels: bool = True) -> dict[str, Any] | None:
        """The table as JSON: columns of strings joined by SEP, lists of numbers; None when a value
        holds SEP. Without labels when the caller keeps them (the cache keeps git's records)."""
        strings = [*self.codes, *self.titles, *(v for pair in self.pairs for v in pair),
                   *(code for _, code in self.replaced), *(v for item in self.named for v in item)]
        if labels:
            strings += self.labels
        if any(SEP in value for value in strings):
            return None
        stored: dict[str, Any] = {
            "size": len(self), "codes": SEP.join(self.codes), "titles": SEP.join(self.titles),
            "pairs": [list(p) for p in self.pairs], "coded": {f: list(c) for f, c in self.coded.items()},
            "retired": sorted(self.retired), "unknown": sorted(self.unknown),
            "replaced": {"at": list(self.replaced_at), "records": [index for index, _ in self.replaced],
                         "codes": SEP.join(code for _, code in self.replaced)},
            "references": {"at": list(self.named_at), "pointers": SEP.join(pointer for pointer, _ in self.named),
                           "titles": SEP.join(title for _, title in self.named)}}
        if labels:
            stored["labels"] = SEP.join(self.labels)
        return stored

    @classmethod
    def from_json(cls, value: Any, labels: Sequence[str] | None = None) -> Table:
        """A table from its JSON form (its labels given when it was stored without); ValueError when it
        is not one (a damaged cache)."""
        if not isinstance(value, dict):
            raise ValueError("not a table")
        size = value.get("size")
        if type(size) is not int or size < 0:
            raise ValueError("no size")
        codes, titles = (_column(value.get(name), size) for name in ("codes", "titles"))
        named = _column(value.get("labels"), size) if labels is None else labels
        if len(named) != size:
            raise ValueError("labels of another length")
        pairs = tuple(tuple(_strings(p, 3)) for p in _list(value.get("pairs")))
        replaced, refs = _dict(value.get("replaced")), _dict(value.get("references"))
        replaced_at, refs_at = _at(replaced.get("at"), size), _at(refs.get("at"), size)
        records = _numbers(replaced.get("records"), 0, 1 << 30, len(replaced_at))
        retired, unknown = (frozenset(_numbers(value.get(name), 0, size)) for name in ("retired", "unknown"))
        return cls(named, codes, titles, pairs, _coded(value.get("coded"), size, len(pairs)),  # type: ignore[arg-type]
                   retired, unknown,
                   replaced_at, tuple(zip(records, _column(replaced.get("codes"), len(replaced_at)), strict=True)),
                   refs_at, tuple(zip(_column(refs.get("pointers"), len(refs_at)),
                                      _column(refs.get("titles"), len(refs_at)), strict=True)))


def _places(column: tuple[str, ...], wanted: frozenset[str]) -> list[int]:
    """Every place of the wanted values in a column: by index() in C for a few, one pass for many."""
    if len(wanted) > 8:
        return [i for i, value in enumerate(column) if value in wanted]
    found = []
    for value in wanted:
        at = -1
        while True:
            try:
                at = column.index(value, at + 1)
            except ValueError:
                break
            found.append(at)
    return found


def _run(at: Sequence[int], items: Sequence[Any], index: int) -> Sequence[Any]:
    """The items of one entry in a flat column sorted by entry number."""
    return items[bisect.bisect_left(at, index):bisect.bisect_right(at, index)]


def _at(value: Any, size: int) -> list[int]:
    """Entry numbers of a flat column: in [0, size), in order."""
    found = _numbers(value, 0, size)
    if found != sorted(found):
        raise ValueError("entry numbers out of order")
    return found


def _dict(value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("not an object")
    return value


def _numbers(value: Any, low: int, high: int, size: int | None = None) -> list[int]:
    """A list of whole numbers in [low, high) (of a given length); checked in C."""
    found = _list(value)
    if size is not None and len(found) != size:
        raise ValueError("a list of another length")
    if found and (not set(map(type, found)) <= {int} or min(found) < low or max(found) >= high):
        raise ValueError("not entry numbers")
    return found


def _first(column: Sequence[int], pair: int, left_out: set[int]) -> int | None:
    """The first place of pair in column that is not left out."""
    start = 0
    while True:
        try:
            start = column.index(pair, start)
        except ValueError:
            return None
        if start not in left_out:
            return start
        start += 1


def _column(value: Any, size: int) -> tuple[str, ...]:
    if not isinstance(value, str):
        raise ValueError("not a column")
    column = tuple(value.split(SEP)) if size else ()
    if len(column) != size:
        raise ValueError("a column of another length")
    return column


def _coded(value: Any, size: int, pairs: int) -> dict[str, Sequence[int]]:
    if not isinstance(value, dict) or set(value) != set(CODED_FIELDS):
        raise ValueError("not the coded columns")
    return {field: _numbers(value[field], -1, pairs, size) for field in CODED_FIELDS}

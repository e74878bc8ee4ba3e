"""Word coverage: how many words of a document's specification text an imported spec keeps.

A source word counts as kept when it is among the words of the spec's values (the JSON) or of a text
rendered from the spec (the caller renders: renderers sit above the importer). Only structure is set
aside before counting: official headings (the schema's names and aliases), list numbers, and the line
ranges the importer left out as posting-only text. Words are counted with their multiplicity, and
numbers compare by value (`65,000.00` is `65000`).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
WORD = re.compile(r"[^\W\d_]+|\d[\d,]*(?:\.\d+)?")
LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")


@dataclass(frozen=True)
class Coverage:
    """Source words counted, and those found nowhere in the spec or its rendering."""

    total: int
    missing: tuple[tuple[str, int], ...]

    @property
    def found(self) -> int:
        return self.total - sum(count for _word, count in self.missing)

    @property
    def ratio(self) -> float:
        """Share of source words kept (1.0 for a document with no words to keep)."""
        return self.found / self.total if self.total else 1.0


def words(text: str) -> Counter[str]:
    """The words of a text, lower-cased, numbers normalised by value."""
    found: Counter[str] = Counter()
    for token in WORD.findall(text):
        found[_number(token) if NUMBER.fullmatch(token) else token.lower()] += 1
    return found


def _number(token: str) -> str:
    try:
        return str(Decimal(token.replace(",", "").rstrip(".")).normalize())
    except InvalidOperation:  # "1,," and the like: keep the digits as written
        return token


def values(node: Any) -> Iterator[str]:
    """Every value of a spec as text (not `$schema`, not booleans), depth first."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key != "$schema":
                yield from values(value)
    elif isinstance(node, list):
        for value in node:
            yield from values(value)
    elif not isinstance(node, bool) and node is not None:
        yield str(node)


def headings() -> frozenset[str]:
    """Official section headings (names and aliases from the schema), as compared: upper case, no colon."""
    from specdiff import schema

    return frozenset(name.upper().rstrip(":") for info in schema.sections() for name in info.names)


def content_lines(text: str, left_out: Iterable[tuple[int, int]] = ()) -> list[str]:
    """The document's lines that carry content: not in a left-out range, not an official heading, list
    numbers removed."""
    ranges, names = list(left_out), headings()
    kept = []
    for number, line in enumerate(text.splitlines(), start=1):
        if any(first <= number <= last for first, last in ranges):
            continue
        if " ".join(line.split()).upper().rstrip(":") in names:
            continue
        line = EMPTY_PERIOD.sub(" ", CODE_LABEL.sub("", _without_run_in_heading(line, names)))
        kept.append(LIST_NUMBER.sub("", line))
    return kept


# A pay period a header names with no figure (`- Hourly / - BiWeekly /`, Maryland): an empty label.
EMPTY_PERIOD = re.compile(r"(?:^|(?<=\s))-\s*(?:hourly|bi-?weekly|semi-?monthly|monthly|yearly|annual(?:ly)?)\s*/",
                          re.IGNORECASE)
CODE_LABEL = re.compile(r"^\s*(?:job|class)\s+(?:code|number)\b\s*:?", re.IGNORECASE)  # `Job Code 630200`


# Labels of the lines that give the class code (`Job Code: 145101`): structure, like a heading.
CODE_LABELS = frozenset({"JOB CODE", "CLASS CODE", "CLASS NUMBER"})
_RUN_IN = re.compile(r"^\s*([A-Za-z][A-Za-z ,&()/'-]{1,60}?)\s*:\s*(.*)$")


def _without_run_in_heading(line: str, names: frozenset[str]) -> str:
    """A line that starts with a heading and a colon (`DEFINITION: This is ...`, `Class Definition: ...`),
    without the heading: the importer reads it as the section's heading, so it is structure, not content."""
    found = _RUN_IN.match(line)
    if not found:
        return line
    label = " ".join(found.group(1).split()).upper()
    known = label in names or label in CODE_LABELS or label.removeprefix("CLASS ") in names
    return found.group(2) if known else line


def word_coverage(text: str, spec: dict[str, Any], *, left_out: Iterable[tuple[int, int]] = (),
                  rendered: Iterable[str] = ()) -> Coverage:
    """How many content words of text are in the spec's values or in one of the rendered texts."""
    source = words("\n".join(content_lines(text, left_out)))
    kept = words("\n".join(values(spec)))
    for document in rendered:
        kept |= words(document)
    missing = source - kept
    return Coverage(sum(source.values()), tuple(sorted(missing.items())))

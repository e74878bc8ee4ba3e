"""References between classes: specs name other classes by title ("interpreted at the level of
Principal Human Resources Specialist, Human Resources Generalist 3 or Agency Labor Relations
Specialist"; "promote to the target class of Labor Relations Associate") or by code (a retired
class's replacement)."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

INTRODUCERS = re.compile(
    r"(?:interpreted at the level of|(?:the )?target class of|promoted? to the class of)\s+(?P<list>[^.;:()]+)",
    re.IGNORECASE)
# A run of spaces is tried as a separator once, from its start (`(?<!\s)`): tried from every space of a
# long run, the pattern took time in the square of the run's length (issue 13). Same splits, linear time.
SEPARATORS = re.compile(r",\s*(?:or\s+|and\s+)?|(?<!\s)\s+or\s+|(?<!\s)\s+and\s+")
ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
SKIPPED = {"records", "title", "class_code", "former_codes", "$schema"}
# Every introducer ends in one of these words; a string without one cannot name a class, so only the few
# strings with one meet the regex (issue 17: running it over every string took 28% of `validate`). Cased
# as `str.lower()` leaves them: of the letters in them, IGNORECASE matches only their two ASCII cases and
# "ſ" (long s) for "s", which `_may_name` folds too (tests/test_references_index.py checks every code point).
ANCHORS = ("level of", "class of")


@dataclass(frozen=True)
class Reference:
    """A class named in a spec's text: where, which title, and the sentence it is in."""

    pointer: str
    title: str
    text: str


def texts(spec: Any) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every string of the spec's document text (not its title, code or records)."""
    return _strings(spec)


def _strings(spec: Any) -> Iterator[tuple[str, str]]:
    """(pointer, text) of every string of a spec but its title, code and records, in document order;
    walked with a stack, so no nesting is too deep for it."""
    stack: list[tuple[Any, str]] = [(spec, "")]
    while stack:
        node, pointer = stack.pop()
        if isinstance(node, str):
            yield pointer, node
        elif isinstance(node, dict):
            stack.extend((value, f"{pointer}/{key}") for key, value in reversed(node.items())
                         if not (pointer == "" and key in SKIPPED))
        elif isinstance(node, list):
            stack.extend((value, f"{pointer}/{index}") for index, value in reversed(list(enumerate(node))))


def references(spec: dict[str, Any]) -> list[Reference]:
    """Every class title a spec's text names (clauses and the spec's own title are not references)."""
    found: list[Reference] = []
    if not _names_any(spec):
        return found
    for pointer, text in _strings(spec):
        if not _may_name(text):
            continue
        for match in INTRODUCERS.finditer(text):
            for part in SEPARATORS.split(match.group("list")):
                title = ARTICLE.sub("", part.strip(" \u00a0"))
                if title and title[0].isupper():
                    found.append(Reference(pointer, title, text))
    return found


def _may_name(text: str) -> bool:
    """Whether a string may hold an introducer: it has one of the ANCHORS, in any case."""
    low = text.lower()
    if "\u017f" in low:
        low = low.replace("\u017f", "s")
    return any(anchor in low for anchor in ANCHORS)


def _names_any(spec: Any) -> bool:
    """Whether any string `_strings` would give may hold an introducer: the same walk without building a
    JSON Pointer per string, as most specs name no class."""
    stack = [value for key, value in spec.items() if key not in SKIPPED] if isinstance(spec, dict) else [spec]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if _may_name(node):
                return True
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return False


def referring_to(title: str, specs: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, Reference]]:
    """(path, reference) of every spec that names this title."""
    wanted = title.casefold()
    return [(path, ref) for path, spec in specs for ref in references(spec) if ref.title.casefold() == wanted]


def references_to(code: str, title: str, specs: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """One line per reference to a class: by its title in the text, or as a retired class's replacement."""
    lines = [f"{path}: {ref.pointer}: names {ref.title!r}: {ref.text}" for path, ref in referring_to(title, specs)]
    for path, spec in specs:
        for index, record in enumerate(spec.get("records", [])):
            if record.get("replaced_by") == code:
                lines.append(f"{path}: /records/{index}/replaced_by: retired, replaced by {code}")
    return lines

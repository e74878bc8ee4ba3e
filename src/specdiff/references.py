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
SEPARATORS = re.compile(r",\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+")
ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
SKIPPED = {"records", "title", "class_code", "former_codes", "$schema"}


@dataclass(frozen=True)
class Reference:
    """A class named in a spec's text: where, which title, and the sentence it is in."""

    pointer: str
    title: str
    text: str


def _strings(node: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, str):
        yield pointer, node
    elif isinstance(node, dict):
        for key, value in node.items():
            if not (pointer == "" and key in SKIPPED):
                yield from _strings(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _strings(value, f"{pointer}/{index}")


def references(spec: dict[str, Any]) -> list[Reference]:
    """Every class title a spec's text names (clauses and the spec's own title are not references)."""
    found = []
    for pointer, text in _strings(spec):
        for match in INTRODUCERS.finditer(text):
            for part in SEPARATORS.split(match.group("list")):
                title = ARTICLE.sub("", part.strip(" \u00a0"))
                if title and title[0].isupper():
                    found.append(Reference(pointer, title, text))
    return found


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

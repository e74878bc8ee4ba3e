"""The JSON Schema of a spec, and everything read from its annotations.

The schema is the single
source of truth for a spec's shape: the official headings and their order
(`x-sections`), how much a change to a field matters (`x-level`) and which
lists may be printed as one run-in paragraph (`x-run-in`).
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

SCHEMA_FILE = "job-class.schema.json"


@dataclass(frozen=True)
class SectionInfo:
    """One official section of the document, as the schema declares it."""

    id: str
    heading: str
    pointer: str
    aliases: tuple[str, ...]
    shape: str  # the $defs name of the field's type: paragraphs, list, text, codeName, date

    @property
    def names(self) -> tuple[str, ...]:
        """Every heading that introduces this section on import."""
        return (self.heading, *self.aliases)


@dataclass(frozen=True)
class SchemaProblem:
    """One place where a spec does not match the schema."""

    pointer: str
    message: str


@functools.lru_cache(maxsize=1)
def load_schema_text() -> str:
    """The schema file bundled with specdiff (same bytes as schema/ in the repo)."""
    return resources.files("specdiff").joinpath("schema", SCHEMA_FILE).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema document."""
    schema: dict[str, Any] = json.loads(load_schema_text())
    return schema


def schema_id() -> str:
    """The schema's `$id`, used as `$schema` where no relative path fits."""
    return str(load_schema()["$id"])


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        resolved: dict[str, Any] = load_schema()["$defs"][ref.rsplit("/", 1)[1]]
        return resolved
    return node


def _child(node: dict[str, Any], part: str) -> dict[str, Any]:
    node = _resolve(node)
    if part.lstrip("-").isdigit():
        child: dict[str, Any] = node["items"]
        return child
    for branch in [node, *node.get("oneOf", ())]:
        branch = _resolve(branch)
        if part in branch.get("properties", {}):
            found: dict[str, Any] = branch["properties"][part]
            return found
    raise KeyError(part)


def _subschema(pointer: str) -> dict[str, Any]:
    node = load_schema()
    for part in pointer.strip("/").split("/"):
        if part:
            node = _child(node, part)
    return node


def shape_at(pointer: str) -> str:
    """The $defs name of the type at a JSON Pointer of a spec (e.g. /duties -> list)."""
    node = _subschema(pointer)
    ref = node.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else str(node.get("type"))


def annotation(pointer: str, key: str) -> Any:
    """The nearest annotation `key` on the path to `pointer` (inner wins), or None."""
    node = load_schema()
    found = node.get(key)
    for part in pointer.strip("/").split("/"):
        if not part:
            break
        try:
            node = _child(node, part)
        except (KeyError, TypeError):
            break
        found = node.get(key, found)
    return found


@functools.lru_cache(maxsize=1)
def sections() -> tuple[SectionInfo, ...]:
    """The official sections in document order."""
    return tuple(
        SectionInfo(
            id=entry["id"],
            heading=entry["heading"],
            pointer=entry["pointer"],
            aliases=tuple(entry.get("aliases", ())),
            shape=shape_at(entry["pointer"]),
        )
        for entry in load_schema()["x-sections"]
    )


def section(section_id: str) -> SectionInfo:
    """The section with this id."""
    for info in sections():
        if info.id == section_id:
            return info
    raise KeyError(section_id)


_DEEPEST_POINTER = 64  # parts: far below anything the schema describes (items nest 8 deep)


def canonical(value: Any, pointer: str = "") -> Any:
    """The value with every object's keys in schema order (unknown keys last, sorted).

    Walked with a stack, not by recursion, so no nesting is too deep for it (`fmt` of a hostile file);
    below any depth the schema describes, keys are simply sorted.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, str | None, Any, Any]] = [(value, pointer, root, 0)]  # (node, pointer, parent, key)
    while stack:
        node, at, parent, slot = stack.pop()
        if isinstance(node, list):
            out: Any = [None] * len(node)
            below = f"{at}/0" if at is not None and at.count("/") < _DEEPEST_POINTER else None
            stack.extend((item, below, out, index) for index, item in enumerate(node))
        elif isinstance(node, dict):
            order = property_names(at) if at is not None else []
            keys = [k for k in order if k in node] + sorted(k for k in node if k not in order)
            out = dict.fromkeys(keys)
            deeper = at is not None and at.count("/") < _DEEPEST_POINTER
            stack.extend((node[key], f"{at}/{key}" if deeper else None, out, key) for key in keys)
        else:
            out = node
        parent[slot] = out
    return root[0]


@functools.lru_cache(maxsize=512)
def _property_names(pointer: str) -> tuple[str, ...]:
    return tuple(_find_property_names(pointer))


def property_names(pointer: str) -> list[str]:
    """The properties the schema declares for the object at pointer, in order ([] if none)."""
    return list(_property_names(re.sub(r"/-?\d+(?=/|$)", "/0", pointer)))


def _find_property_names(pointer: str) -> list[str]:
    """The properties the schema declares for the object at pointer, in order ([] if none)."""
    try:
        node = _resolve(_subschema(pointer))
    except (KeyError, TypeError):
        return []
    for branch in [node, *node.get("oneOf", ())]:
        if "properties" in _resolve(branch):
            return list(_resolve(branch)["properties"])
    return []


@functools.lru_cache(maxsize=1)
def printed_in() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Fields printed inside another field's section: (pointer, candidate section ids)."""
    found: list[tuple[str, tuple[str, ...]]] = []

    def walk(node: dict[str, Any], pointer: str) -> None:
        for key, child in node.get("properties", {}).items():
            if "x-printed-in" in child:
                found.append((f"{pointer}/{key}", tuple(child["x-printed-in"])))
            walk(child, f"{pointer}/{key}")

    walk(load_schema(), "")
    return tuple(found)


def host_section(pointer: str, present: set[str]) -> str | None:
    """The section a printed-in field goes to, given the ids of the sections present."""
    for field_pointer, candidates in printed_in():
        if field_pointer == pointer:
            return next((c for c in candidates if c in present), candidates[-1])
    return None


@functools.lru_cache(maxsize=1)
def labels() -> tuple[str, ...]:
    """Every name a report uses for a field without a section heading (x-label), e.g. SALARY."""
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("x-label"), str):
                found.append(node["x-label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(load_schema())
    return tuple(dict.fromkeys(found))

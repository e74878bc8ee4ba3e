"""The closed vocabularies of specdiff, each in one place: how much a change matters (with the one
ranking every command uses), what happened to an item or a spec, and how bad a problem is."""
from __future__ import annotations

from typing import Literal, get_args

Level = Literal["editorial", "record", "minor", "substantive"]
"""How much a change matters, lowest first: this order is the one ranking (--fail-on, badges, worst)."""
LEVELS: tuple[Level, ...] = get_args(Level)

Kind = Literal["added", "removed", "changed", "moved"]
"""What happened to one item, field or section."""
KINDS: tuple[Kind, ...] = get_args(Kind)

Status = Literal["added", "removed", "modified", "renamed", "retired", "recoded"]
"""What happened to a whole spec between two sides."""

Severity = Literal["error", "warning"]
"""How bad a problem is: errors fail a run, warnings only with --strict."""
ERROR: Severity = "error"
WARNING: Severity = "warning"

PLACEHOLDER = "TO BE WRITTEN:"
"""Marks text an analyst still has to write (`specdiff new`, a title no document gave); validate warns."""

CONTENT_LEVELS: frozenset[str] = frozenset({"substantive", "minor"})
"""Levels of a change to what a class is (not its wording or its records): they need a new record."""


def as_level(text: object) -> Level:
    """A level named in the schema (x-level) or elsewhere; ValueError for a word that is not one."""
    for level in LEVELS:
        if text == level:
            return level
    raise ValueError(f"{text!r} is not a level; levels: {', '.join(LEVELS)}")


def rank(level: str) -> int:
    """The level's place in the one ranking (editorial 0 < record 1 < minor 2 < substantive 3)."""
    return LEVELS.index(level)  # a str that is not a level raises ValueError


def worst(levels: list[str] | tuple[str, ...]) -> str | None:
    """The highest level of these, or None when there are none."""
    return max(levels, key=rank) if levels else None

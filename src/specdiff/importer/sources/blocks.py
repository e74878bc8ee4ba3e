"""The one shape every converter produces, and the plain text the layout reader reads from it."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from specdiff.textutil import clean

BULLET = "\u2022"


@dataclass(frozen=True)
class Block:
    """A heading or paragraph (`level` None; may hold line breaks) or a list item (`level` 0, 1, ...;
    `number` set for a numbered item)."""

    text: str
    level: int | None = None
    number: int | None = None


def _item_line(block: Block, level: int) -> str:
    marker = f"{block.number}." if block.number is not None else BULLET
    text = clean(block.text.replace("\n", " "))
    return f"{'  ' * (level + 1)}{marker} {text}"


def to_text(blocks: Iterable[Block]) -> str:
    """Paragraphs separated by blank lines; list items one per line, indented two spaces per level."""
    out: list[str] = []
    previous_item = False
    for block in blocks:
        lines = [clean(part) for part in block.text.split("\n")]
        if not any(lines):
            continue
        item = block.level is not None
        if out and not (item and previous_item):
            out.append("")
        if block.level is not None:
            out.append(_item_line(block, block.level))
        else:
            out.extend(line for line in lines if line)
        previous_item = item
    return "\n".join(out) + "\n" if out else ""

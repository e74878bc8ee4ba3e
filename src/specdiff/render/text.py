"""Plain text: the document as the State prints it."""
from __future__ import annotations

from specdiff.textutil import printable
from specdiff.render.document import Block, Document, Item, ItemList, Letterhead, Section, Subheading, item_lines


def _items(items: tuple[Item, ...], numbered: bool) -> list[str]:
    """Bullets indented two spaces per level, as the State prints them; numbers flush left."""
    return [f"{number}. {text}" if number else f"{'  ' * (depth + 1)}\u2022 {text}"
            for depth, number, text in item_lines(items, numbered)]


def _block(block: Block) -> str:
    if isinstance(block, ItemList):
        return "\n".join(_items(block.items, block.numbered))
    return block.text


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    """Blocks separated by blank lines, except a sub-heading sits right above its items."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if isinstance(previous, Subheading) and isinstance(block, ItemList):
            out[-1] = f"{out[-1]}\n{_block(block)}"
        else:
            out.append(_block(block))
        previous = block
    return out


def _letterhead(head: Letterhead) -> list[str]:
    pay = " / ".join(head.pay)
    if len(head.pay) == 3:  # the State breaks the pay line before the yearly range
        pay = f"{head.pay[0]} / {head.pay[1]} /\n{head.pay[2]}"
    return [head.jurisdiction, head.title_line] + ([pay + "\n"] if pay else [])


def _section(section: Section) -> list[str]:
    return ([section.heading] if section.heading else []) + _blocks(section.blocks)


def render_text(document: Document) -> str:
    """The whole document as text with blank lines between blocks."""
    parts: list[str] = []
    if document.letterhead:
        parts.extend(_letterhead(document.letterhead))
    for section in document.sections:
        parts.extend(_section(section))
    if document.trailer:
        parts.append(document.trailer)
    return printable("\n\n".join(parts)) + "\n"

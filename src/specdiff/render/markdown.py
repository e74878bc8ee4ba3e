"""Markdown: the document for pull requests and wikis (all spec text escaped)."""
from __future__ import annotations

from specdiff.render.document import Block, Document, Item, ItemList, Section, Subheading, item_lines
from specdiff.render.escape import escape_markdown as esc


def _items(items: tuple[Item, ...], numbered: bool) -> list[str]:
    return [f"{'   ' * depth}{f'{number}.' if number else '-'} {esc(text)}"
            for depth, number, text in item_lines(items, numbered)]


def _block(block: Block) -> str:
    if isinstance(block, ItemList):
        return "\n".join(_items(block.items, block.numbered))
    if isinstance(block, Subheading):
        return f"**{esc(block.text)}**"
    return esc(block.text)


def _section(section: Section) -> list[str]:
    heading = [f"## {esc(section.heading)}"] if section.heading else []
    return heading + [_block(block) for block in section.blocks]


def render_markdown(document: Document) -> str:
    """The document as GitHub-flavoured Markdown."""
    parts = [f"# {esc(document.title)} ({esc(document.class_code)})"]
    if document.retired:
        parts.append(f"**RETIRED: {esc(document.retired)}.**")
    if document.letterhead:
        parts.append(esc(document.letterhead.jurisdiction))
        if document.letterhead.pay:
            parts.append(" / ".join(esc(p) for p in document.letterhead.pay))
    for section in document.sections:
        parts.extend(_section(section))
    if document.trailer:
        parts.append(f"---\n\n{esc(document.trailer)}")
    return "\n\n".join(parts) + "\n"

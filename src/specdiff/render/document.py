"""A spec as a neutral document: letterhead, sections of blocks, trailer.

Built once from the spec and the schema's section table; every output format
renders this model, so headings, order and wording are decided in one place.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff import schema
from specdiff.dates import padded, parse_iso, unpadded
from specdiff.spec import current_record, retirement_record


@dataclass(frozen=True)
class Item:
    """A list item, possibly with nested items."""

    text: str
    children: tuple[Item, ...] = ()
    pointer: str = ""  # where the item lives in the spec (JSON Pointer), for tracked changes


@dataclass(frozen=True)
class Paragraph:
    text: str
    pointer: str = ""


@dataclass(frozen=True)
class Subheading:
    """A line such as AGENCY: that heads a group of items."""

    text: str
    pointer: str = ""


@dataclass(frozen=True)
class ItemList:
    numbered: bool
    items: tuple[Item, ...]


Block = Paragraph | Subheading | ItemList


@dataclass(frozen=True)
class Section:
    id: str | None
    heading: str | None
    blocks: tuple[Block, ...]
    pointer: str = ""


@dataclass(frozen=True)
class Letterhead:
    jurisdiction: str
    title_line: str
    pay: tuple[str, ...]


@dataclass(frozen=True)
class Document:
    title: str
    class_code: str
    letterhead: Letterhead | None
    sections: tuple[Section, ...]
    trailer: str | None
    retired: str | None = None  # "Abolished effective 07/01/2025; replaced by 5258MP" for a retired class


PERIOD_LABELS = (("hourly", "Hourly"), ("biweekly", "BiWeekly"), ("yearly", "Yearly"))


def lookup(spec: Any, pointer: str) -> Any:
    """The value at a JSON Pointer (an index of -1 means the last item), or None."""
    node = spec
    for part in pointer.strip("/").split("/"):
        if isinstance(node, list) and part.lstrip("-").isdigit() and -len(node) <= int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return None
    return node


def build_document(spec: dict[str, Any]) -> Document:
    """The document a spec prints as."""
    official = [s for s in (_section(info, spec) for info in schema.sections()) if s is not None]
    return Document(
        title=spec["title"],
        class_code=spec["class_code"],
        letterhead=_letterhead(spec),
        sections=tuple(_with_other_sections(_with_printed_in(official, spec), spec)),
        trailer=_trailer(spec),
        retired=_retired(spec),
    )


def code_line(spec: dict[str, Any]) -> str:
    """'5260MP' or '5260MP, formerly 5258MP' as the title line prints it."""
    former = spec.get("former_codes") or []
    return f"{spec['class_code']}, formerly {', '.join(former)}" if former else str(spec["class_code"])


def _retired(spec: dict[str, Any]) -> str | None:
    record = retirement_record(spec)
    if record is None:
        return None
    replaced = f"; replaced by {record['replaced_by']}" if record.get("replaced_by") else ""
    return f"Abolished effective {padded(parse_iso(record['effective']))}{replaced}"


def _concrete(pointer: str, spec: dict[str, Any]) -> str:
    """/records/-1/... with the real index of the current record."""
    records = spec.get("records") or [{}]
    return pointer.replace("/records/-1/", f"/records/{len(records) - 1}/")


def _section(info: schema.SectionInfo, spec: dict[str, Any]) -> Section | None:
    value = lookup(spec, info.pointer)
    if value is None:
        return None
    pointer = _concrete(info.pointer, spec)
    if info.pointer == "/records/-1/effective" and (current_record(spec) or {}).get("effective_unknown"):
        return Section(info.id, info.heading, (), pointer)  # printed empty, as the document had it
    return Section(info.id, info.heading, tuple(_blocks(info.shape, value, pointer)), pointer)


def _blocks(shape: str, value: Any, pointer: str) -> list[Block]:
    if shape == "paragraphs":
        return [Paragraph(text, f"{pointer}/{i}") for i, text in enumerate(value)]
    if shape == "list":
        return list_blocks(value, pointer)
    if shape == "codeName":
        return [Paragraph(f"({value['code']})-{value['name']}", pointer)]
    if shape == "date":
        return [Paragraph(padded(parse_iso(value)), pointer)]
    return [Paragraph(str(value), pointer)]


def _item(value: Any, pointer: str) -> Item:
    """The Item of a list item and everything under it, built bottom-up with a stack: no nesting is too
    deep for it (the schema allows 8 levels; a spec built in code may hold more)."""
    built: dict[str, Item] = {}  # by pointer, each until its parent takes it
    stack: list[tuple[Any, str, bool]] = [(value, pointer, False)]  # (value, pointer, children built)
    while stack:
        node, at, ready = stack.pop()
        if isinstance(node, str):
            built[at] = Item(node, (), at)
        elif ready:
            children = tuple(built.pop(f"{at}/items/{k}") for k in range(len(node["items"])))
            built[at] = Item(node["text"], children, at)
        else:
            stack.append((node, at, True))
            stack.extend((child, f"{at}/items/{k}", False) for k, child in enumerate(node["items"]))
    return built[pointer]


def item_lines(items: tuple[Item, ...], numbered: bool, depth: int = 0) -> list[tuple[int, int | None, str]]:
    """(depth, number or None, text) for each item in reading order; only top-level items are numbered."""
    lines: list[tuple[int, int | None, str]] = []
    stack = [(depth, number, item) for number, item in reversed(list(enumerate(items, start=1)))]
    while stack:
        level, number, item = stack.pop()
        lines.append((level, number if numbered and level == 0 else None, item.text))
        stack.extend((level + 1, n, child) for n, child in reversed(list(enumerate(item.children, start=1))))
    return lines


def _flatten(item: Item) -> list[str]:
    """The texts of an item and of everything under it, in reading order."""
    return [text for _, _, text in item_lines((item,), False)]


def _items_blocks(style: str, items: tuple[Item, ...], pointer: str) -> list[Block]:
    if style == "run-in":
        return [Paragraph(" ".join(text for item in items for text in _flatten(item)), pointer)] if items else []
    if style == "paragraphs":
        return [Paragraph(text, item.pointer) for item in items for text in _flatten(item)]
    return [ItemList(style == "numbered", items)] if items else []


def list_blocks(value: dict[str, Any], pointer: str = "") -> list[Block]:
    """Blocks of a schema `list`: items, or sub-headed groups of items."""
    style = value["style"]
    if "items" in value:
        items = tuple(_item(v, f"{pointer}/items/{i}") for i, v in enumerate(value["items"]))
        return _items_blocks(style, items, pointer)
    blocks: list[Block] = []
    for g, group in enumerate(value["groups"]):
        base = f"{pointer}/groups/{g}"
        if "heading" in group:
            blocks.append(Subheading(group["heading"], f"{base}/heading"))
        items = tuple(_item(v, f"{base}/items/{i}") for i, v in enumerate(group["items"]))
        blocks.extend(_items_blocks(style, items, base))
    return blocks


def _with_printed_in(sections: list[Section], spec: dict[str, Any]) -> list[Section]:
    """Append fields such as minimum_qualifications.notes to the section that prints them."""
    present = {s.id for s in sections if s.id}
    for pointer, candidates in schema.printed_in():
        value = lookup(spec, pointer)
        if value is None:
            continue
        host = schema.host_section(pointer, present)
        extra = tuple(Paragraph(text, f"{pointer}/{i}") for i, text in enumerate(value))
        if host not in present:
            info = schema.section(candidates[-1])
            sections.append(Section(info.id, info.heading, extra, pointer))
            present.add(info.id)
            continue
        sections = [Section(s.id, s.heading, s.blocks + extra, s.pointer) if s.id == host else s for s in sections]
    order = [info.id for info in schema.sections()]
    return sorted(sections, key=lambda s: order.index(s.id or ""))


def _with_other_sections(sections: list[Section], spec: dict[str, Any]) -> list[Section]:
    """Insert sections specdiff has no field for right after the section they followed.

    Official sections sort by schema order; another section sorts just after the official
    section named in its `after` (even if that one is absent now), before all when `after`
    is null, and at the end when `after` names no official section.
    """
    rank = {info.id: index for index, info in enumerate(schema.sections())}

    def anchor(entry: dict[str, Any]) -> int:
        after = entry.get("after")
        return -1 if after is None else rank.get(after, len(rank))

    keyed = [((rank[s.id or ""], 0, i), s) for i, s in enumerate(sections)]
    keyed += [((anchor(o), 1, i), _other(o, i)) for i, o in enumerate(spec.get("other_sections", []))]
    return [section for _, section in sorted(keyed, key=lambda pair: pair[0])]


def _other(entry: dict[str, Any], index: int) -> Section:
    pointer = f"/other_sections/{index}"
    blocks = tuple(list_blocks(entry["content"], f"{pointer}/content")) if "content" in entry else ()
    return Section(None, entry.get("heading"), blocks, pointer)


def pay_text(spec: dict[str, Any]) -> tuple[str, ...]:
    """'$47.97-$65.40 Hourly' and the like, in header order."""
    salary = spec.get("salary", {})
    return tuple(
        f"${salary[key]['min']:,.2f}-${salary[key]['max']:,.2f} {label}"
        for key, label in PERIOD_LABELS if key in salary
    )


def _letterhead(spec: dict[str, Any]) -> Letterhead | None:
    if "jurisdiction" not in spec:
        return None  # documents without a letterhead (the bare layout) print none
    return Letterhead(spec["jurisdiction"], f"{spec['title']} ({code_line(spec)})", pay_text(spec))


def _trailer(spec: dict[str, Any]) -> str | None:
    current = current_record(spec) or {}
    parts = [f"CLASS: {spec['class_code']};"]
    if "established" in spec:
        parts.append(f"EST: {unpadded(parse_iso(spec['established']))};")
    if "revised" in current:
        parts.append(f"REV: {unpadded(parse_iso(current['revised']))};")
    # Without a letterhead the trailer is the only place the class code is printed: it always appears then.
    return " ".join(parts) if len(parts) > 1 or "jurisdiction" not in spec else None


"""Turn the body lines of one section into paragraphs or a list (the schema's `list`)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from specdiff.importer.headings import looks_like_heading
from specdiff.importer.lines import Line
from specdiff.textutil import _EDGE, ends_sentence, join_lines
from specdiff.validator import nesting_limit

# ends_sentence looks at the last few characters only (a period, "Sec.", "C.G.S."); given the whole of a
# long line, its pattern could take time in the square of the line's length (issue 13).
_SENTENCE_END = 64


def _ends_sentence(text: str) -> bool:
    return ends_sentence(text.rstrip(_EDGE)[-_SENTENCE_END:])


@dataclass
class Entry:
    """A paragraph or list item after hard-wrapped lines are joined."""

    kind: str  # "text", "bullet" or "numbered"
    indent: int
    parts: list[str]
    marker: str = ""
    children: list[Entry] = field(default_factory=list)

    @property
    def text(self) -> str:
        return join_lines(self.parts)


def _continues(entry: Entry, line: Line) -> bool:
    """Whether a plain line continues the previous entry (a hard wrap).

    A capitals line such as OFFICE OF LABOR RELATIONS: is a (sub-)heading, and a table row a row, never a wrap.
    """
    if looks_like_heading(line.text) or _is_table_row(line.text) or _is_table_row(entry.parts[-1]):
        return False
    starts_lower = line.text[:1].islower()
    if entry.kind == "text":
        return starts_lower or not _ends_sentence(entry.parts[-1])
    return line.indent > entry.indent or starts_lower or not _ends_sentence(entry.parts[-1])


def _is_table_row(text: str) -> bool:
    """'41207 | 05 | ST |': a row of a table, kept on its own line."""
    return text.count("|") >= 2


def entries(body: list[Line]) -> list[Entry]:
    """Join wrapped lines into entries; blank lines always separate."""
    result: list[Entry] = []
    after_blank = True
    for line in body:
        if line.is_blank:
            after_blank = True
            continue
        if line.kind == "text" and result and not after_blank and _continues(result[-1], line):
            result[-1].parts.append(line.text)
        else:
            result.append(Entry(line.kind, line.indent, [line.text], line.marker))
        after_blank = False
    return result


def paragraphs(body: list[Line]) -> list[str]:
    """Paragraph texts; a bullet in a paragraph section keeps its glyph as text."""
    return [_as_paragraph(entry) for entry in entries(body)]


def _as_paragraph(entry: Entry) -> str:
    if entry.kind == "bullet":
        return f"{entry.marker} {entry.text}"
    if entry.kind == "numbered":
        return f"{entry.marker}. {entry.text}"
    return entry.text


def run_in_items(text: str) -> list[str]:
    """Split one paragraph of '; '-separated duties into items (each keeps its ';')."""
    return [part.strip() for part in re.split(r"(?<=;)\s+", text) if part.strip()]


def parse_list(body: list[Line], *, allow_run_in: bool) -> dict[str, Any]:
    """A `list` value: style plus items, or groups under sub-headings."""
    found = entries(body)
    if all(entry.kind == "text" for entry in found):
        return _plain_list(found, allow_run_in)
    numbered = _is_numbered(found)
    groups = _groups(found, numbered)
    style = "numbered" if numbered else "bullet"
    if len(groups) == 1 and "heading" not in groups[0]:
        return {"style": style, "items": groups[0]["items"]}
    return {"style": style, "groups": groups}


def _plain_list(found: list[Entry], allow_run_in: bool) -> dict[str, Any]:
    if allow_run_in and len(found) == 1:
        parts = run_in_items(found[0].text)
        if len(parts) >= 3:
            return {"style": "run-in", "items": parts}
    return {"style": "paragraphs", "items": [entry.text for entry in found]}


def _is_numbered(found: list[Entry]) -> bool:
    """True when the list items are exactly 1., 2., 3., ... (numbers are then implied)."""
    listed = [entry for entry in found if entry.kind != "text"]
    return all(entry.kind == "numbered" for entry in listed) and [
        int(entry.marker) for entry in listed
    ] == list(range(1, len(listed) + 1))


def _groups(found: list[Entry], numbered: bool) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    pending: list[Entry] = []
    for entry in found:
        if entry.kind == "text":
            if groups or pending:
                groups.append(_group(groups, pending))
                pending = []
            groups.append({"heading": entry.text, "items": []})
            continue
        if entry.kind == "numbered" and not numbered:
            entry.parts[0] = f"{entry.marker}. {entry.parts[0]}"
        pending.append(entry)
    if pending or not groups:
        groups.append(_group(groups, pending))
    return [g for g in groups if g.get("heading") or g["items"]]


def _group(groups: list[dict[str, Any]], pending: list[Entry]) -> dict[str, Any]:
    """Attach pending items to the open group, or start a group without heading."""
    items = nest(pending)
    if groups and not groups[-1]["items"]:
        group = groups.pop()
        group["items"] = items
        return group
    return {"items": items}


def nest(flat: list[Entry]) -> list[Any]:
    """Items as schema values: nested by indent, or by lead-in when all share one indent."""
    roots = _nest_by_indent(flat) if len({entry.indent for entry in flat}) > 1 else _nest_by_lead_in(flat)
    return [_item_value(entry) for entry in roots]


def _nest_by_indent(flat: list[Entry]) -> list[Entry]:
    """Each entry under the nearest less indented one; never deeper than the schema allows (an entry
    indented further goes beside the deepest one instead)."""
    roots: list[Entry] = []
    stack: list[Entry] = []
    limit = nesting_limit()
    for entry in flat:
        while stack and (stack[-1].indent >= entry.indent or len(stack) >= limit):
            stack.pop()
        (stack[-1].children if stack else roots).append(entry)
        stack.append(entry)
    return roots


def _nest_by_lead_in(flat: list[Entry]) -> list[Entry]:
    """'Considerable knowledge of' followed by lower-case items: those items are its children."""
    roots: list[Entry] = []
    lead_in = False  # whether the last root is a lead-in (its text is joined once, not once per entry)
    for entry in flat:
        if lead_in and entry.text[:1].islower():
            roots[-1].children.append(entry)
        else:
            roots.append(entry)
            lead_in = _is_lead_in(entry)
    return roots


def _is_lead_in(entry: Entry) -> bool:
    return not _ends_sentence(entry.text)


def _item_value(entry: Entry) -> Any:
    if not entry.children:
        return entry.text
    return {"text": entry.text, "items": [_item_value(child) for child in entry.children]}

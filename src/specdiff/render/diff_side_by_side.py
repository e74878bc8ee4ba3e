"""Side-by-side HTML of a diff: each changed spec as its old document (left) and new document (right).

Sections are paired by the schema's section id (another section by its heading), and the items,
paragraphs and subheadings of a section by the diff engine's own pairing (diff/align.py), so a
reworded duty sits in one row, its deleted words struck through on the left and its inserted words
underlined on the right; an added item has an empty left cell, a removed one an empty right cell,
and an item the report calls moved is marked in both. One self-contained, printable page like the
redline page: no scripts, no external resources, every piece of spec text escaped.
"""
from __future__ import annotations

from dataclasses import dataclass

from specdiff.diff.model import Change, DiffReport, Segment, SpecChange
from specdiff.render.diff_html import TRACKED_STYLE
from specdiff.render.diff_text import nothing_shown
from specdiff.render.document import Document, Item, ItemList, Section, Subheading, build_document
from specdiff.render.escape import escape_html as esc
from specdiff.render.html import STYLE

SIDE_STYLE = """
body { max-width: 92rem; }
table.side { width: 100%; table-layout: fixed; border-collapse: collapse; margin-top: 1rem; }
table.side td, table.side th { width: 50%; vertical-align: top; text-align: left; padding: .2rem .7rem;
                               overflow-wrap: anywhere; }
table.side .old { border-right: 1px solid #999; }
table.side thead th { font-family: system-ui, sans-serif; font-size: .8rem; color: #555;
                      border-bottom: 2px solid #999; }
table.side tbody.section th { font-size: 1rem; letter-spacing: .04em; padding-top: 1.2rem;
                              border-bottom: 1px solid #999; }
table.side .title { font-size: 1.3rem; font-weight: bold; }
table.side td.empty { background: #f3f3f3; }
table.side tr.changed td.new { border-left: 4px solid #c98a00; }
table.side .marker { display: inline-block; min-width: 1.6rem; text-indent: 0; }
table.side .subheading { font-weight: bold; }
span.moved { border: 1px solid #c98a00; border-radius: .2rem; padding: 0 .25rem; margin-left: .4rem; }
@page { size: landscape; }
@media print { body { max-width: none; } table.side tr { break-inside: avoid; }
               table.side tr.changed td.new { border-left-color: #000; } }
""".strip()


@dataclass(frozen=True)
class Line:
    """One row's worth of a document: a paragraph, a subheading or a list item (its children follow)."""

    kind: str  # "p", "sub" or "item"
    text: str
    pointer: str
    depth: int = 0
    number: int | None = None
    children: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Row:
    """What the old and the new document print side by side; None where one of them has nothing."""

    old: Line | None
    new: Line | None


def item_lines(items: tuple[Item, ...], numbered: bool, depth: int = 0) -> list[Line]:
    """The items of one list as lines (numbered from 1 when the list is)."""
    return [Line("item", item.text, item.pointer, depth, n if numbered else None, item.children)
            for n, item in enumerate(items, start=1)]


def section_lines(section: Section | None) -> list[Line]:
    """The top-level lines of a section in reading order (nested items stay with their parent)."""
    lines: list[Line] = []
    for block in section.blocks if section else ():
        if isinstance(block, ItemList):
            lines.extend(item_lines(block.items, block.numbered))
        else:
            lines.append(Line("sub" if isinstance(block, Subheading) else "p", block.text, block.pointer))
    return lines


def paired_rows(old: list[Line], new: list[Line]) -> list[Row]:
    """Rows of two lists of lines paired as the diff engine pairs items (by new position, removed items
    after their predecessor), each paired item followed by its paired children. Iterative: no nesting
    is too deep."""
    from specdiff.diff.align import align

    rows: list[Row] = []
    stack: list[Row | tuple[list[Line], list[Line]]] = [(old, new)]
    while stack:
        entry = stack.pop()
        if isinstance(entry, Row):
            rows.append(entry)
            continue
        work: list[Row | tuple[list[Line], list[Line]]] = []
        for i, j in align([line.text for line in entry[0]], [line.text for line in entry[1]]):
            row = Row(None if i is None else entry[0][i], None if j is None else entry[1][j])
            work += [row, (_children(row.old), _children(row.new))]
        stack.extend(reversed(work))
    return rows


def _children(line: Line | None) -> list[Line]:
    return item_lines(line.children, False, line.depth + 1) if line and line.children else []


def paired_sections(old: Document | None, new: Document | None) -> list[tuple[Section | None, Section | None]]:
    """The sections of both documents in the new order: a schema section paired only with the same one,
    another section by its heading (a renamed heading still pairs when the names are close)."""
    from specdiff.diff.align import align

    before = old.sections if old else ()
    after = new.sections if new else ()
    pairs: list[tuple[Section | None, Section | None]] = []
    for i, j in align([_key(s) for s in before], [_key(s) for s in after]):
        a, b = None if i is None else before[i], None if j is None else after[j]
        if a and b and (a.id or b.id) and a.id != b.id:
            pairs += [(a, None), (None, b)]  # two schema sections with similar names are still two sections
        else:
            pairs.append((a, b))
    return pairs


def _key(section: Section) -> str:
    return section.id or f"other: {section.heading or ''}"


def _sides(segments: tuple[Segment, ...]) -> tuple[str, str]:
    """A redline split in two: kept and deleted words for the old column, kept and inserted for the new."""
    old = "".join(esc(s.text) if s.kind == "keep" else f"<del>{esc(s.text)}</del>" for s in segments if s.kind != "ins")
    new = "".join(esc(s.text) if s.kind == "keep" else f"<ins>{esc(s.text)}</ins>" for s in segments if s.kind != "del")
    return old, new


def compared(old: str | None, new: str | None, change: Change | None = None) -> tuple[str, str]:
    """The HTML of two texts in one row: the report's redline of the change when it has one, else the
    engine's redline of the two texts; a text on one side only is all deleted or all inserted."""
    if old is None or new is None:
        return ("" if old is None else f"<del>{esc(old)}</del>", "" if new is None else f"<ins>{esc(new)}</ins>")
    if old == new:
        return esc(old), esc(new)
    if change is not None and change.redline and change.kind == "changed":
        return _sides(change.redline)
    from specdiff.diff.redline import redline

    return _sides(redline(old, new))


class _Changes:
    """The report's changes of one spec by where they sit in the new document."""

    def __init__(self, spec: SpecChange) -> None:
        self.at = {c.path.removesuffix("/text"): c for c in spec.changes if c.kind != "removed"}

    def moved(self, row: Row) -> bool:
        change = self.at.get(row.new.pointer) if row.new and row.old else None
        return change is not None and change.kind == "moved"

    def of(self, row: Row) -> Change | None:
        return self.at.get(row.new.pointer) if row.new else None


def _content(line: Line, html: str, moved: bool) -> str:
    badge = '<span class="moved">moved</span>' if moved else ""
    if line.kind == "sub":
        return f'<span class="subheading">{html}</span>{badge}'
    if line.kind == "p":
        return html + badge
    marker = f"{line.number}." if line.number is not None else "\u2022"
    return f'<span class="marker">{marker}</span>{html}{badge}'


def _cell(side: str, line: Line | None, html: str, moved: bool) -> str:
    if line is None:
        return f'<td class="{side} empty"></td>'
    indent = 0.7 + line.depth * 1.6 + (1.6 if line.kind == "item" else 0)
    style = f' style="padding-left: {indent:.1f}rem; text-indent: -1.6rem"' if line.kind == "item" else ""
    return f'<td class="{side}"{style}>{_content(line, html, moved)}</td>'


def row_html(row: Row, changes: _Changes) -> str:
    """One table row: the old line on the left, the new one on the right, changes marked."""
    old_html, new_html = compared(row.old.text if row.old else None, row.new.text if row.new else None,
                                  changes.of(row))
    moved = changes.moved(row)
    kinds = ["moved"] if moved else []
    if row.old is None or row.new is None:
        kinds.append("added" if row.old is None else "removed")
    elif row.old.text != row.new.text:
        kinds.append("reworded")
    css = f'class="changed" data-change="{" ".join(kinds)}"' if kinds else 'class="same"'
    return (f'<tr {css}>{_cell("old", row.old, old_html, moved)}'
            f'{_cell("new", row.new, new_html, moved)}</tr>')


def section_html(old: Section | None, new: Section | None, changes: _Changes) -> str:
    """One section: a heading row (old heading | new heading), then its paired rows."""
    rows = "".join(row_html(row, changes) for row in paired_rows(section_lines(old), section_lines(new)))
    old_heading = old.heading if old else None
    new_heading = new.heading if new else None
    head = ""
    if old_heading or new_heading:
        left, right = compared(old_heading, new_heading)
        head = f'<tr class="heading"><th class="old">{left}</th><th class="new">{right}</th></tr>'
    either = new or old
    key = esc(either.id or "other") if either else ""
    return f'<tbody class="section" data-section="{key}">{head}{rows}</tbody>'


def _title(document: Document | None) -> str | None:
    return f"{document.title} ({document.class_code})" if document else None


def _pay(document: Document | None) -> str | None:
    if document is None or document.letterhead is None or not document.letterhead.pay:
        return None
    return " / ".join(document.letterhead.pay)


def _jurisdiction(document: Document | None) -> str | None:
    return document.letterhead.jurisdiction if document and document.letterhead else None


def _retired(document: Document | None) -> str | None:
    return f"RETIRED: {document.retired}." if document and document.retired else None


def header_html(old: Document | None, new: Document | None) -> str:
    """The letterhead rows: jurisdiction, title and code, retired banner, pay."""
    rows = []
    parts = ((_jurisdiction, "jurisdiction"), (_title, "title"), (_retired, "retired"), (_pay, "pay"))
    for part, css in parts:
        left, right = part(old), part(new)
        if left or right:
            a, b = compared(left, right)
            rows.append(f'<tr class="{css}"><td class="old {css}">{a}</td><td class="new {css}">{b}</td></tr>')
    return '<tbody class="letterhead">' + "".join(rows) + "</tbody>"


def article_html(spec: SpecChange, old_label: str, new_label: str) -> str:
    """One changed spec: its two documents side by side."""
    old = build_document(spec.old_spec) if spec.old_spec is not None else None
    new = build_document(spec.new_spec) if spec.new_spec is not None else None
    if old is None and new is None:
        return ""
    changes = _Changes(spec)
    where = spec.new_path or spec.old_path or ""
    if spec.status == "renamed":
        where = f"{spec.old_path} \u2192 {spec.new_path}"
    notes = f'<p class="note">{esc(spec.status)}: {esc(where)}</p>'
    notes += "".join(f'<p class="note">note: {esc(note)}</p>' for note in spec.notes)
    columns = (f'<thead><tr><th class="old">old: {esc(old_label)}</th>'
               f'<th class="new">new: {esc(new_label)}</th></tr></thead>')
    body = "".join(section_html(a, b, changes) for a, b in paired_sections(old, new))
    left, right = compared(old.trailer if old else None, new.trailer if new else None)
    trailer = (f'<tbody class="trailer"><tr><td class="old">{left}</td><td class="new">{right}</td></tr></tbody>'
               if left or right else "")
    table = f'<table class="side">{columns}{header_html(old, new)}{body}{trailer}</table>'
    return f'<article id="{esc(spec.class_code)}">{notes}{table}</article>'


def render_side_by_side(report: DiffReport) -> str:
    """The report as one HTML page of two columns per changed spec."""
    legend = (f'<div class="legend">specdiff {esc(report.old)} \u2192 {esc(report.new)}: '
              f"{len(report.specs)} spec(s) changed, side by side: the old text on the left, the new on the "
              "right. Deletions <del>struck through</del> in the old column, insertions <ins>underlined</ins> "
              'in the new, moved items marked <span class="moved">moved</span> in both.</div>')
    articles = "\n".join(article_html(spec, report.old, report.new) for spec in report.specs)
    articles = articles or f"<p>{esc(nothing_shown(report))}.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>specdiff {esc(report.old)} \u2192 {esc(report.new)} (side by side)</title>"
        f"<style>{STYLE}\n{TRACKED_STYLE}\n{SIDE_STYLE}</style></head>\n<body>{legend}\n{articles}</body></html>\n"
    )

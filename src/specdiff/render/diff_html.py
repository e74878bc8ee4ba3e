"""HTML output of a diff: each changed spec printed as the official document with tracked changes.

Insertions are underlined, deletions struck through, changed sections carry a margin bar and
a note of what changed. One self-contained, printable page: no scripts, no external resources,
every piece of spec text escaped.
"""
from __future__ import annotations

from collections import defaultdict

from specdiff.diff.model import Change, Segment
from specdiff.diff.model import DiffReport, SpecChange
from specdiff.diff.redline import whitespace_change
from specdiff.diff.values import changes_in_words, describe
from specdiff.render.document import Block, Item, ItemList, Section, Subheading, build_document
from specdiff.render.diff_text import nothing_shown
from specdiff.render.escape import escape_html as esc
from specdiff.render.html import STYLE

TRACKED_STYLE = """
ins { text-decoration: underline; color: #0a6b22; background: #e9f7ec; }
del { text-decoration: line-through; color: #a3141b; background: #fcebec; }
section.changed { border-left: 4px solid #c98a00; padding-left: .8rem; margin-left: -1rem; }
.note { font-family: system-ui, sans-serif; font-size: .8rem; color: #6a4b00; }
.moved { font-family: system-ui, sans-serif; font-size: .75rem; color: #6a4b00; }
article + article { border-top: 3px double #999; margin-top: 3rem; padding-top: 1rem; }
.legend { font-family: system-ui, sans-serif; font-size: .85rem; border: 1px solid #ccc; padding: .5rem 1rem; }
@media print { article { break-before: page; } section.changed { border-left-color: #000; } }
""".strip()


def _segments(segments: tuple[Segment, ...]) -> str:
    """Kept text, <del> and <ins>; a change of spacing alone is named ("a space added"), not invisible."""
    tags = {"keep": "{}", "del": "<del>{}</del>", "ins": "<ins>{}</ins>"}
    return "".join(tags[s.kind].format(esc(_visible(s))) for s in segments)


def _visible(segment: Segment) -> str:
    named = whitespace_change(segment)
    return f"({named})" if named else segment.text


class _Tracker:
    """Places the changes of one spec on the blocks of its document."""

    def __init__(self, spec: SpecChange) -> None:
        self.at: dict[str, Change] = {}
        self.removed: dict[str, list[Change]] = defaultdict(list)
        self.whole = spec.status in ("added", "removed")
        self.status = spec.status
        for change in spec.changes:
            if change.kind == "removed":
                self.removed[change.section].append(change)
            else:
                self.at[change.path.removesuffix("/text")] = change

    def text(self, text: str, pointer: str) -> str:
        if self.whole:
            return f"<ins>{esc(text)}</ins>" if self.status == "added" else f"<del>{esc(text)}</del>"
        change = self.at.get(pointer)
        if change is None:
            # a field inside this block (a coded value's name), not a nested list item with its own line
            inside = [c for p, c in self.at.items()
                      if pointer and p.startswith(pointer + "/") and "/items/" not in p[len(pointer):]]
            if inside and not any(isinstance(c.new, (dict, list)) for c in inside):
                olds = "; ".join(describe(c.old) for c in inside)
                return f'{esc(text)} <span class="note">(was: <del>{esc(olds)}</del>)</span>'
            return esc(text)
        if change.kind == "added":
            return f"<ins>{esc(text)}</ins>"
        if change.kind == "moved":
            return f'{esc(text)} <span class="moved">(moved)</span>'
        if change.redline:
            return _segments(change.redline)
        return f"<del>{esc(describe(change.old))}</del> <ins>{esc(text)}</ins>"

    def touches(self, section: Section) -> list[Change]:
        """Changes at, inside or above (a new record holding this clause) the section's field."""
        pointer = section.pointer
        related = [c for p, c in self.at.items()
                   if pointer and (p == pointer or p.startswith(pointer + "/") or pointer.startswith(p + "/"))]
        return related + self.removed.get(section.heading or "", [])

    def inserted(self, section: Section) -> bool:
        """The section's field is new: added itself, or inside something added (a new record)."""
        return any(c.kind == "added" and (section.pointer == p or section.pointer.startswith(p + "/"))
                   for p, c in self.at.items())


def _items(items: tuple[Item, ...], numbered: bool, track: _Tracker) -> str:
    tag = "ol" if numbered else "ul"
    lis = "".join(
        f"<li>{track.text(item.text, item.pointer)}{_items(item.children, False, track) if item.children else ''}</li>"
        for item in items
    )
    return f"<{tag}>{lis}</{tag}>"


def _block(block: Block, track: _Tracker) -> str:
    if isinstance(block, ItemList):
        return _items(block.items, block.numbered, track)
    if isinstance(block, Subheading):
        return f'<p class="subheading">{track.text(block.text, block.pointer)}</p>'
    return f"<p>{track.text(block.text, block.pointer)}</p>"


def _section(section: Section, track: _Tracker) -> str:
    touched = track.touches(section) if not track.whole else []
    body = "".join(_block(b, track) for b in section.blocks)
    if section.pointer and track.inserted(section):
        body = f"<ins>{body}</ins>"
    gone = track.removed.get(section.heading or "", [])
    if gone:
        body += "<ul>" + "".join(f"<li><del>{esc(describe(c.old))}</del></li>" for c in gone) + "</ul>"
    heading = f"<h2>{esc(section.heading)}</h2>" if section.heading else ""
    note = f'<p class="note">{esc(changes_in_words(touched))}</p>' if touched else ""
    css = ' class="changed"' if touched else ""
    return f"<section{css}>{heading}{note}{body}</section>"


def _removed_sections(document_sections: tuple[Section, ...], track: _Tracker) -> str:
    """Sections that exist only in the old spec: their removed text, under their heading."""
    shown = {s.heading for s in document_sections}
    return "".join(
        f'<section class="changed"><h2><del>{esc(heading)}</del></h2>'
        + "".join(f"<p><del>{esc(describe(c.old))}</del></p>" for c in changes) + "</section>"
        for heading, changes in track.removed.items() if heading not in shown
    )


def article_html(spec: SpecChange) -> str:
    """One changed spec as its document with tracked changes."""
    source = spec.new_spec if spec.new_spec is not None else spec.old_spec
    if source is None:
        return ""
    document = build_document(source)
    track = _Tracker(spec)
    title_change = track.at.get("/title")
    title = _segments(title_change.redline) if title_change and title_change.redline else esc(document.title)
    head = f"<header><h1>{title} ({esc(document.class_code)})</h1>"
    if document.letterhead:
        head += f'<div class="jurisdiction">{esc(document.letterhead.jurisdiction)}</div>'
        if document.letterhead.pay:
            head += f'<div class="pay">{" / ".join(esc(p) for p in document.letterhead.pay)}</div>'
    where = spec.new_path or spec.old_path or ""
    if spec.status == "renamed":
        where = f"{spec.old_path} \u2192 {spec.new_path}"
    head += f'<p class="note">{esc(spec.status)}: {esc(where)}</p>'
    head += "".join(f'<p class="note">note: {esc(note)}</p>' for note in spec.notes) + "</header>"
    body = "".join(_section(s, track) for s in document.sections) + _removed_sections(document.sections, track)
    trailer = f"<footer>{esc(document.trailer)}</footer>" if document.trailer else ""
    return f'<article id="{esc(spec.class_code)}">{head}{body}{trailer}</article>'


def render_html(report: DiffReport) -> str:
    """The report as one HTML page."""
    legend = (f'<div class="legend">specdiff {esc(report.old)} \u2192 {esc(report.new)}: '
              f"{len(report.specs)} spec(s) changed. Insertions <ins>underlined</ins>, deletions "
              "<del>struck through</del>, changed sections marked in the margin.</div>")
    articles = "\n".join(article_html(spec) for spec in report.specs) or f"<p>{esc(nothing_shown(report))}.</p>"
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>specdiff {esc(report.old)} \u2192 {esc(report.new)}</title>"
        f"<style>{STYLE}\n{TRACKED_STYLE}</style></head>\n<body>{legend}\n{articles}</body></html>\n"
    )

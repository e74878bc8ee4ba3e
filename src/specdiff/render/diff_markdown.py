"""Markdown output of a diff, for pull requests: per class a heading, a table of scalar changes
(old -> new), then list and prose changes with <del>/<ins> redlines. Every piece of spec text
goes through the one Markdown escaper, so a spec can never inject markup, mentions or links.
"""
from __future__ import annotations

from typing import Any

from specdiff.diff.model import Change, Segment
from specdiff.diff.model import DiffReport, SpecChange
from specdiff.diff.redline import whitespace_change
from specdiff.diff.values import describe, describe_change, record_field_change
from specdiff.render.diff_text import nothing_shown
from specdiff.render.escape import escape_markdown as esc

SYMBOL = {"added": "added", "removed": "removed", "changed": "changed", "moved": "moved"}


def _plain(value: Any) -> str:
    return describe(value) if value is not None else "\u2014"


def redline_markdown(segments: tuple[Segment, ...]) -> str:
    """Kept text as is, deletions in <del>, insertions in <ins>; all escaped."""
    tags = {"keep": "{}", "del": "<del>{}</del>", "ins": "<ins>{}</ins>"}
    return "".join(tags[s.kind].format(esc(_visible(s))) for s in segments)


def _visible(segment: Segment) -> str:
    """A change of spacing alone named ("a space added"): an empty-looking <ins> </ins> would hide it."""
    named = whitespace_change(segment)
    return f"({named})" if named else segment.text


def _is_scalar(change: Change) -> bool:
    """A field changed in place (title, salary group, a record's date), not a list item or paragraph."""
    last = change.path.rsplit("/", 1)[-1]
    return change.kind == "changed" and "/items/" not in change.path and not last.isdigit() and last != "text"


def _table(changes: list[Change]) -> list[str]:
    rows = ["| Section | Old | New | Level |", "| --- | --- | --- | --- |"]
    rows += [f"| {esc(c.section)} | {esc(_plain(c.old))} | {esc(_plain(c.new))} | {c.level} |" for c in changes]
    return rows


def _body(change: Change) -> str:
    field = record_field_change(change.path, change.kind, change.old, change.new)
    if field:
        return esc(field)
    if change.redline and change.kind != "moved":
        return redline_markdown(change.redline)
    if change.kind == "removed":
        return f"<del>{esc(_plain(change.old))}</del>"
    if change.kind == "added":
        return f"<ins>{esc(_plain(change.new))}</ins>"
    if change.kind == "changed" and change.old is not None and change.new is not None:
        return esc(describe_change(change.old, change.new))
    return esc(_plain(change.new))


def _entry(change: Change, collapse_over: int | None) -> str:
    plain = _plain(change.new if change.new is not None else change.old)
    if collapse_over is not None and len(plain) > collapse_over:
        teaser = esc(plain[:collapse_over].rsplit(" ", 1)[0]) + " \u2026"
        return (f"- <details><summary>{SYMBOL[change.kind]} ({change.level}): {teaser}</summary>\n\n"
                f"  {_body(change)}\n\n  </details>")
    return f"- **{SYMBOL[change.kind]}** ({change.level}): {_body(change)}"


def class_lines(spec: SpecChange, collapse_over: int | None = None) -> list[str]:
    """The changes of one class: a table of fields changed in place, then list and prose changes
    (collapsed into <details> when longer than collapse_over characters)."""
    lines: list[str] = []
    if spec.status == "renamed":
        lines += [f"Renamed: {esc(spec.old_path or '')} \u2192 {esc(spec.new_path or '')}", ""]
    scalars = [c for c in spec.changes if _is_scalar(c)]
    if scalars:
        lines += _table(scalars) + [""]
    section = None
    for change in (c for c in spec.changes if not _is_scalar(c)):
        if change.section != section:
            section = change.section
            lines += [f"**{esc(section)}**", ""] if not lines or lines[-1] == "" else ["", f"**{esc(section)}**", ""]
        lines.append(_entry(change, collapse_over))
    return lines


def _spec(spec: SpecChange) -> list[str]:
    notes = [f"> note: {esc(note)}" for note in spec.notes]
    return [f"### {esc(spec.class_code)} {esc(spec.title)} ({spec.status})", "", *class_lines(spec),
            *([""] + notes if notes else [])]


def render_markdown(report: DiffReport) -> str:
    """The report as GitHub-flavoured Markdown."""
    head = f"## specdiff: {esc(report.old)} \u2192 {esc(report.new)}"
    if not report.specs:
        return f"{head}\n\n{nothing_shown(report)}.\n"
    body = [line for spec in report.specs for line in ["", *_spec(spec)]]
    return "\n".join([head, *body]).rstrip("\n") + "\n"

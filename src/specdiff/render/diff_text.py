"""Terminal output of a diff: grouped by class and section, with word redlines.

With colour, deletions are red and struck through and insertions green and underlined;
without, they read [-deleted-]{+inserted+} as `git diff --word-diff` prints them.
"""
from __future__ import annotations

from specdiff.diff.model import Change, Segment
from specdiff.diff.redline import whitespace_change
from specdiff.diff.values import describe, describe_change, record_field_change
from specdiff.textutil import single_line
from specdiff.diff.model import DiffReport, SpecChange

MARK = {"added": "+", "removed": "-", "changed": "~", "moved": ">"}
_RED, _GREEN, _BOLD, _RESET = "\x1b[31;9m", "\x1b[32;4m", "\x1b[1m", "\x1b[0m"


def _segments(segments: tuple[Segment, ...], color: bool) -> str:
    parts = []
    for seg in segments:
        named = whitespace_change(seg)
        text = f"({named})" if named else single_line(seg.text)
        if seg.kind == "keep":
            parts.append(text)
        elif color:
            parts.append(f"{_RED if seg.kind == 'del' else _GREEN}{text}{_RESET}")
        else:
            parts.append(f"[-{text}-]" if seg.kind == "del" else f"{{+{text}+}}")
    return "".join(parts)


def _change_lines(change: Change, color: bool) -> list[str]:
    """One line, or one per paragraph when a whole section of paragraphs came or went."""
    whole = change.new if change.kind == "added" else change.old
    in_record = change.path.startswith("/records/")  # a record's field says which field, on one line
    if change.kind in ("added", "removed") and isinstance(whole, list) and not in_record \
            and all(isinstance(v, str) for v in whole):
        return [f"    {MARK[change.kind]} [{change.level}] {single_line(text)}" for text in whole]
    return [_change_line(change, color)]


def _change_line(change: Change, color: bool) -> str:
    field = record_field_change(change.path, change.kind, change.old, change.new)
    if field:
        body = field
    elif change.redline:
        body = _segments(change.redline, color)
    elif change.kind == "added":
        body = describe(change.new)
    elif change.kind == "removed":
        body = describe(change.old)
    elif change.kind == "moved" or change.old is None:
        body = describe(change.new)
    else:
        body = describe_change(change.old, change.new)
    moved = "moved: " if change.kind == "moved" else ""
    body = body if change.redline else single_line(body)
    return f"    {MARK[change.kind]} [{change.level}] {moved}{body}"


def _spec(spec: SpecChange, color: bool) -> list[str]:
    paths = spec.new_path or spec.old_path or ""
    if spec.status == "renamed":
        paths = f"{spec.old_path} -> {spec.new_path}"
    head = single_line(f"{spec.class_code} {spec.title} ({spec.status}) {paths}")
    lines = [f"{_BOLD}{head}{_RESET}" if color else head]
    section = None
    for change in spec.changes:
        if change.section != section:
            section = change.section
            lines.append(f"  {single_line(section)}")
        lines.extend(_change_lines(change, color))
    return lines + [f"  note: {single_line(note)}" for note in spec.notes]


def nothing_shown(report: DiffReport) -> str:
    """What an empty report says: nothing changed, or nothing the filters let through."""
    if report.left_out:
        return f"No change matches the filters given ({report.left_out} change(s) left out)"
    return "No spec changed"


def render_text(report: DiffReport, *, color: bool = False) -> str:
    """The report for a terminal; "No spec changed" said when nothing did."""
    if not report.specs:
        return single_line(f"{nothing_shown(report)} ({report.old} -> {report.new}).") + "\n"
    blocks = ["\n".join(_spec(spec, color)) for spec in report.specs]
    return single_line(f"specdiff {report.old} -> {report.new}") + "\n\n" + "\n\n".join(blocks) + "\n"

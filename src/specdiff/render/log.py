"""Renderers of a class's history (`specdiff log`): pure functions of its entries."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

from specdiff.dates import padded, parse_iso
from specdiff.render.diff_json import change_json
from specdiff.render.envelope import json_document
from specdiff.render.escape import escape_markdown
from specdiff.textutil import single_line

if TYPE_CHECKING:
    from specdiff.history import LogEntry


@dataclass(frozen=True)
class LogView:
    """What `specdiff log` shows: the class asked for and its entries, in the order to print."""

    target: str
    entries: tuple[LogEntry, ...]


def _record(entry: LogEntry) -> str:
    """'record effective 07/05/2024, Final No. 24-001' when the commit added a record, else ''."""
    if entry.record is None:
        return ""
    final = f", Final No. {entry.record['final_no']}" if entry.record.get("final_no") else ""
    return f"record effective {padded(parse_iso(str(entry.record['effective'])))}{final}"


def log_text(view: LogView) -> str:
    lines = []
    for entry in view.entries:
        c = entry.commit
        lines += [single_line(f"{c.date} {c.sha[:10]} {c.author}: {c.subject}"), f"    {single_line(entry.summary)}"]
        lines += [f"    {single_line(_record(entry))}"] if entry.record is not None else []
    return "\n".join(lines) + "\n" if lines else ""


def log_markdown(view: LogView) -> str:
    rows = ["| Date | Commit | Author | Subject | Changes | Record |", "| --- | --- | --- | --- | --- | --- |"]
    for entry in view.entries:
        c = entry.commit
        cells = [c.date, c.sha[:10], c.author, c.subject, entry.summary, _record(entry).removeprefix("record ")]
        rows.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def log_json(view: LogView) -> str:
    commits = [
        {"sha": e.commit.sha, "date": e.commit.date, "author": e.commit.author, "subject": e.commit.subject,
         "status": e.commit.status, "old_path": e.commit.old_path, "new_path": e.commit.new_path,
         "summary": e.summary, "record": e.record, "changes": [change_json(c) for c in e.changes]}
        for e in view.entries
    ]
    return json_document(**{"class": view.target, "commits": commits})

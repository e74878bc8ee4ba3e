"""`specdiff log CLASS`: every commit that touched a class, with a one-line semantic summary."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.diff.model import Change
from specdiff.diff.output_json import change_json
from specdiff.diff.report import compare
from specdiff.diff.oneline import summarize
from specdiff.errors import GitError
from specdiff.git import CommitInfo, Repository
from specdiff.render.escape import escape_markdown
from specdiff.specfile import is_class_code, parse_spec, spec_file
from specdiff.textutil import json_dumps, printable


@dataclass(frozen=True)
class LogEntry:
    """One commit in a class's history and what it changed."""

    commit: CommitInfo
    summary: str
    changes: tuple[Change, ...]


def spec_path(repo: Repository, target: str) -> str:
    """specs/<CODE>.json for a class code, else the path as given (repo-relative)."""
    if is_class_code(target) and not target.endswith(".json"):
        return spec_file(target).as_posix()
    return repo.relative(target)


class Blobs:
    """Specs read and parsed once per blob SHA: a commit's new blob is the next commit's old one."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self.parsed: dict[str, dict[str, Any] | None] = {}

    def spec(self, blob: str | None, label: str) -> dict[str, Any] | None:
        if blob is None:
            return None
        if blob not in self.parsed:
            value = parse_spec(self.repo.read_blob(blob), label)
            self.parsed = {blob: value if isinstance(value, dict) else None}  # only the previous one is reused
        return self.parsed[blob]


def history(repo: Repository, target: str) -> list[LogEntry]:
    """The class's commits, oldest first, each compared with its parent."""
    path = spec_path(repo, target)
    commits = repo.log(path)
    if not commits:
        raise GitError(f"no commit touches {path}; check the class code or path (specdiff log 5258MP)")
    blobs = Blobs(repo)
    entries = []
    for info in commits:
        old = blobs.spec(info.old_blob, f"{info.sha[:12]}^:{info.old_path}")
        new = blobs.spec(info.new_blob, f"{info.sha[:12]}:{info.new_path}")
        if old is None and new is None:
            continue
        spec = compare(info.old_path, info.new_path, old, new)
        entries.append(LogEntry(info, _summary(spec.status, info, spec.changes), spec.changes))
    return entries


def _summary(status: str, info: CommitInfo, changes: tuple[Change, ...]) -> str:
    if status == "added":
        return "class created"
    if status == "removed":
        return "spec deleted"
    if status == "retired":
        return "class retired" + (f"; {summarize(changes)}" if changes else "")
    if status == "recoded":
        return f"class code changed (from {info.old_path}); {summarize(changes)}"
    text = summarize(changes)
    return f"renamed from {info.old_path}; {text}" if status == "renamed" else text


def render_log_text(entries: list[LogEntry]) -> str:
    lines = []
    for entry in entries:
        c = entry.commit
        lines += [printable(f"{c.date} {c.sha[:10]} {c.author}: {c.subject}"), f"    {printable(entry.summary)}"]
    return "\n".join(lines) + "\n" if lines else ""


def render_log_markdown(entries: list[LogEntry]) -> str:
    rows = ["| Date | Commit | Author | Subject | Changes |", "| --- | --- | --- | --- | --- |"]
    for entry in entries:
        c = entry.commit
        cells = [c.date, c.sha[:10], c.author, c.subject, entry.summary]
        rows.append("| " + " | ".join(escape_markdown(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def render_log_json(entries: list[LogEntry], class_code: str) -> str:
    commits = [
        {"sha": e.commit.sha, "date": e.commit.date, "author": e.commit.author, "subject": e.commit.subject,
         "status": e.commit.status, "old_path": e.commit.old_path, "new_path": e.commit.new_path,
         "summary": e.summary, "changes": [change_json(c) for c in e.changes]}
        for e in entries
    ]
    return json_dumps({"version": 1, "class": class_code, "commits": commits}) + "\n"

"""A class through its history: every commit that touched it (log), and the revision in force on a
date (show --as-of, diff --as-of), answered from the commits and, before them, from the spec's own
effective-date records."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff import spec as spec_facts
from specdiff.dates import padded, parse_iso
from specdiff.diff.model import Change
from specdiff.diff.oneline import summarize
from specdiff.diff.report import DiffReport, SpecChange, compare
from specdiff.errors import GitError
from specdiff.git import CommitInfo, Repository
from specdiff.revisions import load_blob
from specdiff.workspace import Workspace, close_to


@dataclass(frozen=True)
class LogEntry:
    """One commit in a class's history and what it changed."""

    commit: CommitInfo
    summary: str
    changes: tuple[Change, ...]
    record: dict[str, Any] | None = None  # the effective-date record this commit added, if any


class Blobs:
    """Specs read once per blob id (a commit's new blob is the next commit's old one); a blob that
    does not load stops the walk with its problem (strict: history is never shown with a hole)."""

    def __init__(self, ws: Workspace, repo: Repository) -> None:
        self.ws, self.repo = ws, repo
        self.last: tuple[str, dict[str, Any]] | None = None

    def spec(self, blob: str | None, sha: str, path: str | None, mode: str | None) -> dict[str, Any] | None:
        if blob is None or path is None:
            return None
        if self.last is None or self.last[0] != blob:
            loaded = load_blob(self.ws, self.repo, f"{sha[:12]}:{path}", path, blob, mode)
            self.last = (blob, loaded.require())
        return self.last[1]


def commits_of(ws: Workspace, repo: Repository, target: str) -> tuple[str, list[CommitInfo]]:
    """(path, commits oldest first) of a class code or path; GitError with a hint when none."""
    path = ws.target_path(target)
    commits = repo.log(path)
    if not commits:
        hint = close_to(target, ws.class_codes())
        raise GitError(f"no commit touches {path}; check the class code or path{hint}")
    return path, commits


def history(ws: Workspace, repo: Repository, target: str) -> list[LogEntry]:
    """The class's commits, oldest first, each compared with its parent."""
    _, commits = commits_of(ws, repo, target)
    blobs = Blobs(ws, repo)
    entries = []
    for info in commits:
        old = blobs.spec(info.old_blob, f"{info.sha}^", info.old_path, info.old_mode)
        new = blobs.spec(info.new_blob, info.sha, info.new_path, info.new_mode)
        if old is None and new is None:
            continue
        change = compare(info.old_path, info.new_path, old, new)
        summary = _summary(change.status, info, change.changes)
        if change.status == "added" and new is not None and "baseline" in new:
            summary = "baselined: brought under change control from an existing document, with its own records"
        entries.append(LogEntry(info, summary, change.changes, _added_record(old, new)))
    return entries


def _added_record(old: dict[str, Any] | None, new: dict[str, Any] | None) -> dict[str, Any] | None:
    """The newest record the new side has and the old side has not (what this commit recorded)."""
    before = [spec_facts.without_approvals(record) for record in spec_facts.records(old or {})]
    added = [record for record in spec_facts.records(new or {})
             if spec_facts.without_approvals(record) not in before]  # a signature adds no record
    return added[-1] if added else None


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


@dataclass(frozen=True)
class InForce:
    """What was in force for a class on a date: a revision, or why none can be shown."""

    class_code: str
    day: str
    spec: dict[str, Any] | None
    path: str | None
    commit: str | None
    effective: str | None
    answer: str  # one line for people

    @property
    def found(self) -> bool:
        return self.spec is not None


def in_force(ws: Workspace, repo: Repository, target: str, day: str) -> InForce:
    """The newest committed revision whose current record took effect on or before day; before the
    first committed revision, the answer comes from that revision's own records and EST."""
    _, commits = commits_of(ws, repo, target)
    blobs = Blobs(ws, repo)
    revisions, undated = [], False
    for info in commits:
        spec = blobs.spec(info.new_blob, info.sha, info.new_path, info.new_mode)
        effective = spec_facts.effective(spec) if spec else None
        if spec is not None and effective is not None:
            revisions.append((info, spec, effective))
        elif spec is not None and not revisions:
            undated = True  # committed before any revision that says when it took effect
    chosen = [revision for revision in revisions if revision[2] <= day]
    if not chosen:
        return _before_history(target, day, revisions[0][1] if revisions else None, undated)
    info, spec, effective = chosen[-1]
    return _answer(spec_facts.class_code(spec), day, info, spec, effective)


def _answer(code: str, day: str, info: CommitInfo, spec: dict[str, Any], effective: str) -> InForce:
    when = padded(parse_iso(day))
    retirement = spec_facts.retirement_record(spec)
    if retirement is not None:
        replaced = f", replaced by {retirement['replaced_by']}" if retirement.get("replaced_by") else ""
        return InForce(code, day, None, info.new_path, info.sha, effective,
                       f"{code} was retired effective {padded(parse_iso(effective))}{replaced}; "
                       f"nothing of it was in force on {when}")
    return InForce(code, day, spec, info.new_path, info.sha, effective,
                   f"{code} as in force on {when}: the revision effective {padded(parse_iso(effective))} "
                   f"(commit {info.sha[:12]})")


def _before_history(target: str, day: str, first: dict[str, Any] | None, undated: bool) -> InForce:
    """The date is before the first dated committed revision: what its own records and EST say."""
    code = spec_facts.class_code(first) if first else target
    when = padded(parse_iso(day))
    if first is None:
        return InForce(code, day, None, None, None, None, f"{code}: no committed revision has an effective date "
                       "or EST, so what was in force on a date cannot be told; add its records")
    record = spec_facts.in_force_on(first, day)
    established = first.get("established")
    since = str(record["effective"]) if record else established if established and established <= day else None
    if since is None and undated:
        return InForce(code, day, None, None, None, None, f"{code}: what was in force on {when} cannot be told: "
                       f"the revisions committed before the one effective "
                       f"{padded(parse_iso(str(spec_facts.effective(first))))} carry no effective date or EST")
    if since is None:
        start = f"it was established {padded(parse_iso(established))}" if established else \
            f"its first effective date is {padded(parse_iso(str(spec_facts.effective(first))))}"
        return InForce(code, day, None, None, None, None, f"{code} was not yet in force on {when}: {start}")
    final = f" (Final No. {record['final_no']})" if record and record.get("final_no") else ""
    return InForce(code, day, None, None, None, since,
                   f"{code} was in force on {when} under the revision effective {padded(parse_iso(since))}"
                   f"{final}; the text of that revision is not in this repository (its first committed "
                   f"revision is effective {padded(parse_iso(str(spec_facts.effective(first))))})")


def diff_as_of(ws: Workspace, repo: Repository, targets: list[str], first: str, second: str) -> DiffReport:
    """What changed between the versions in force on two dates, class by class."""
    specs: list[SpecChange] = []
    for target in targets:
        old, new = in_force(ws, repo, target, first), in_force(ws, repo, target, second)
        new_spec = new.spec or _retired_version(ws, repo, new)
        if old.spec is None and new_spec is None:
            continue
        change = compare(old.path, new.path, old.spec, new_spec)
        if change.changes or change.status != "modified":
            specs.append(change)
    return DiffReport(f"in force on {first}", f"in force on {second}", tuple(specs))


def _retired_version(ws: Workspace, repo: Repository, found: InForce) -> dict[str, Any] | None:
    """For a class retired by the date, the retired spec itself (so a diff reports the retirement)."""
    from specdiff.revisions import spec_at

    if found.found or found.commit is None or found.path is None:
        return None
    loaded = spec_at(ws, repo, found.commit, found.path)
    return loaded.require() if loaded is not None else None

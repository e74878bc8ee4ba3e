"""Time travel: the spec in force on a date, from its effective-date records and the Git history."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.commands.diff_cmd import spec_at
from specdiff.commands.log_cmd import Blobs, spec_path
from specdiff.dates import padded, parse_iso
from specdiff.diff.report import DiffReport, SpecChange, compare
from specdiff.errors import GitError
from specdiff.git import Repository


@dataclass(frozen=True)
class InForce:
    """What was in force for a class on a date: a revision, or why none was."""

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


def _effective(spec: dict[str, Any]) -> str | None:
    records = spec.get("records") or []
    return str(records[-1]["effective"]) if records else spec.get("established")


def in_force(repo: Repository, target: str, day: str) -> InForce:
    """The newest committed revision whose current record took effect on or before day."""
    path = spec_path(repo, target)
    commits = repo.log(path)
    if not commits:
        raise GitError(f"no commit touches {path}; check the class code or path")
    blobs, chosen, first = Blobs(repo), None, None
    for info in commits:
        spec = blobs.spec(info.new_blob, f"{info.sha[:12]}:{info.new_path}")
        effective = _effective(spec) if spec else None
        if spec is None or effective is None:
            continue
        first = min(first or effective, effective)
        if effective <= day:
            chosen = (info, spec, effective)
    code = target if chosen is None else str(chosen[1]["class_code"])
    when = padded(parse_iso(day))
    if chosen is None:
        since = f": its first effective date is {padded(parse_iso(first))}" if first else ""
        return InForce(code, day, None, None, None, None, f"{code} was not yet in force on {when}{since}")
    info, spec, effective = chosen
    records = spec.get("records") or []
    if records and records[-1].get("retired"):
        replaced = f", replaced by {records[-1]['replaced_by']}" if records[-1].get("replaced_by") else ""
        return InForce(code, day, None, info.new_path, info.sha, effective,
                       f"{code} was retired effective {padded(parse_iso(effective))}{replaced}; "
                       f"nothing of it was in force on {when}")
    return InForce(code, day, spec, info.new_path, info.sha, effective,
                   f"{code} as in force on {when}: the revision effective {padded(parse_iso(effective))} "
                   f"(commit {info.sha[:12]})")


def _retired_version(repo: Repository, found: InForce) -> dict[str, Any] | None:
    """For a class retired by the date, the retired spec itself (so a diff reports the retirement)."""
    if found.found or found.commit is None or found.path is None:
        return None
    return spec_at(repo, found.commit, found.path)


def diff_as_of(repo: Repository, targets: list[str], first: str, second: str) -> DiffReport:
    """What changed between the versions in force on two dates, class by class."""
    specs: list[SpecChange] = []
    for target in targets:
        old, new = in_force(repo, target, first), in_force(repo, target, second)
        old_spec = old.spec
        new_spec = new.spec or _retired_version(repo, new)
        if old_spec is None and new_spec is None:
            continue
        spec = compare(old.path, new.path, old_spec, new_spec)
        if spec.changes or spec.status != "modified":
            specs.append(spec)
    return DiffReport(f"in force on {first}", f"in force on {second}", tuple(specs))

"""`specdiff check`: every revised spec carries a new, correct effective-date record."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.commands.diff_cmd import Sides, build_report
from specdiff.control.clause import replaced
from specdiff.control.policy import Policy
from specdiff.control.reasons import needs_record
from specdiff.diff.report import SpecChange
from specdiff.git import WORKTREE, Repository
from specdiff.importer.records import parse_clause
from specdiff.specfile import SPECS_DIR


@dataclass(frozen=True)
class RecordProblem:
    """What is missing or stale in one class's records, and the command that fixes it."""

    class_code: str
    path: str
    message: str
    fix: str

    def render(self) -> str:
        return f"{self.path}: {self.class_code}: {self.message}\n  fix: {self.fix}"


def _fix(code: str, base: str) -> str:
    return f"specdiff draft {code} --base {base} --effective MM/DD/YYYY --revised MM/DD/YYYY --next-final --write"


def _stale(old: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """How the current record's clause disagrees with the revision it replaces."""
    clause = current.get("cancellation_clause")
    if not clause:
        return ["the new record has no cancellation clause"]
    said, was = parse_clause(clause), replaced(old)
    problems = []
    for key, label in (("title", "title"), ("salary_group", "salary group"), ("effective", "effective date")):
        if key in said and was[key] is not None and said[key] != was[key]:
            problems.append(f"the clause names {label} {said[key]!r} but the revision it replaces has {was[key]!r}")
    if "effective" not in said:
        problems.append("the clause does not say which revision it replaces (title, salary group, date)")
    if was["effective"] and current.get("effective", "") <= was["effective"]:
        problems.append(f"the new record takes effect {current.get('effective')}, not after the revision it "
                        f"replaces ({was['effective']})")
    return problems


def problems_of(spec: SpecChange, base_label: str, policy: Policy) -> list[RecordProblem]:
    """Record problems of one changed spec (none when it needs no record or has a good one)."""
    if spec.status == "removed" or spec.new_spec is None or not needs_record(list(spec.changes), policy):
        return []
    path, code = spec.new_path or "", spec.class_code
    old_records = (spec.old_spec or {}).get("records", [])
    records = spec.new_spec.get("records", [])
    fresh = [record for record in records if record not in old_records]
    levels = sorted({c.level for c in spec.changes if c.level in ("substantive", "minor", "editorial")})
    if not fresh:
        what = "new class" if spec.old_spec is None else f"{' and '.join(levels)} changes"
        return [RecordProblem(code, path, f"no new effective-date record for its {what}", _fix(code, base_label))]
    if records[-1] not in fresh:
        return [RecordProblem(code, path, "the new record is not the last (current) one; records run oldest first",
                              _fix(code, base_label))]
    if spec.old_spec is None:
        return []
    stale = _stale(spec.old_spec, records[-1])
    return [RecordProblem(code, path, message, _fix(code, base_label)) for message in stale]


def check_records(repo: Repository, base: str, policy: Policy) -> tuple[list[RecordProblem], int]:
    """(problems, number of specs changed) for the working tree against base."""
    sides = Sides(repo.resolve_base(base), WORKTREE, base, "working tree")
    report = build_report(repo, sides, [SPECS_DIR.as_posix()])
    problems = [problem for spec in report.specs for problem in problems_of(spec, base, policy)]
    return problems, len(report.specs)

"""The data of a pull-request summary: per class, what changed, how much, and whether it may merge."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.control.approvals import Signoff, checklist
from specdiff.control.check import (RecordProblem, accepted_baseline, approval_problems, current_is_new,
                                    needs_new_record, record_problems, unreadable_problems)
from specdiff.control.draft import DraftRequest, draft_record
from specdiff.diff.model import Change
from specdiff.diff.values import changes_in_words, retirement_words
from specdiff.diff.model import SpecChange
from specdiff.git import Repository
from specdiff.load import LoadedSpec
from specdiff.policy import Policy
from specdiff.revisions import Sides, build_report, policy_at, require_specs, specs_at
from specdiff.spec import current_record, records, retirement_record, without_approvals
from specdiff.validation import ValidationReport, validate_loaded
from specdiff.vocab import LEVELS, worst
from specdiff.workspace import Workspace
STATUS_WORDS = {"added": "new", "modified": "revised", "removed": "deleted", "renamed": "renamed",
                "retired": "retired", "recoded": "recoded"}
TO_APPROVE = {"new": "the new class", "revised": "the revision", "retired": "the retirement",
              "deleted": "the deletion", "renamed": "the renamed file", "recoded": "the new class code",
              "baselined": "the baseline"}
ALERT_PREFIXES = {"/salary": "pay", "/minimum_qualifications": "qualifications"}


@dataclass(frozen=True)
class ClassSummary:
    """One changed class as the summary shows it."""

    spec: SpecChange
    what: str
    record_status: str  # "ok", "missing", "stale", "not needed" or "baselined"
    records: tuple[RecordProblem, ...]
    validation: tuple[str, ...]
    clause: str | None
    clause_drafted: bool
    alerts: tuple[str, ...]
    referenced_by: tuple[str, ...] = ()  # specs still naming the old title, when the title changed
    checklist: tuple[Signoff, ...] = ()  # the approvals of the record this change adds (required roles first)
    approvals: tuple[RecordProblem, ...] = ()  # one per required role that has not signed it
    baselined: bool = False  # added with `baseline` and accepted without a new record

    @property
    def record_problems(self) -> tuple[str, ...]:
        return tuple(problem.message for problem in self.records)

    @property
    def fix(self) -> str | None:
        """The `specdiff draft` command that fixes the records, if they need fixing."""
        return self.records[0].fix if self.records else None

    @property
    def status(self) -> str:
        return "baselined" if self.baselined else STATUS_WORDS[self.spec.status]

    @property
    def awaiting(self) -> tuple[str, ...]:
        """The required roles that have not signed the record this change adds."""
        return tuple(s.role for s in self.checklist if s.required and not s.signed)

    @property
    def worst(self) -> str | None:
        return worst([c.level for c in self.spec.changes])

    @property
    def retired(self) -> str | None:
        """The retirement in words ("abolished effective 01/01/2027; replaced by ..."), for a retired class."""
        record = retirement_record(self.spec.new_spec or {}) if self.spec.status == "retired" else None
        return retirement_words(record) if record is not None else None

    @property
    def to_approve(self) -> str:
        """What an approver of this class approves: "the new class", "the retirement", "the revision"."""
        return TO_APPROVE.get(self.status, f"the {self.status} class")


@dataclass(frozen=True)
class PullSummary:
    """Everything a pull request changed in specs, in document order of class paths."""

    base: str
    head: str
    classes: tuple[ClassSummary, ...]
    unreadable: tuple[tuple[str, str], ...]  # (file, problem): changed specs that did not load
    invalid_elsewhere: tuple[str, ...] = ()  # validate errors of specs this change did not touch

    def count(self, status: str) -> int:
        return sum(1 for c in self.classes if c.status == status)

    def levels(self) -> dict[str, int]:
        counts: dict[str, int] = {level: 0 for level in reversed(LEVELS)}
        for summary in self.classes:
            for change in summary.spec.changes:
                counts[change.level] += 1
        return counts

    def batches(self) -> dict[str, list[str]]:
        """Final No. -> classes, for the records this pull request adds."""
        found: dict[str, list[str]] = {}
        for summary in self.classes:
            for number in () if summary.baselined else _new_final_numbers(summary.spec):
                found.setdefault(number, []).append(summary.spec.class_code)
        return dict(sorted(found.items()))

    def alerts(self) -> dict[str, list[str]]:
        """Substantive pay or qualification change -> the classes that have it, in order."""
        found: dict[str, list[str]] = {}
        for summary in self.classes:
            for alert in summary.alerts:
                found.setdefault(alert, []).append(summary.spec.class_code)
        return found

    @property
    def problem_count(self) -> int:
        return (sum(len(c.record_problems) + len(c.approvals) + len(c.validation) for c in self.classes)
                + len(self.unreadable) + len(self.invalid_elsewhere))


def _new_final_numbers(spec: SpecChange) -> list[str]:
    """The Final Nos. of the records the new side has and the old side has not (a new class's, a
    retirement's, a revision's), each once."""
    old = [without_approvals(r) for r in records(spec.old_spec or {})]
    numbers = [str(r["final_no"]) for r in records(spec.new_spec or {})
               if r.get("final_no") and without_approvals(r) not in old]
    return list(dict.fromkeys(numbers))


def _alerts(changes: tuple[Change, ...]) -> tuple[str, ...]:
    found = []
    for change in changes:
        kind = next((label for prefix, label in ALERT_PREFIXES.items() if change.path.startswith(prefix)), None)
        if kind and change.level == "substantive" and f"{kind}: {change.section}" not in found:
            found.append(f"{kind}: {change.section}")
    return tuple(found)


def _clause(spec: SpecChange, status: str, policy: Policy) -> tuple[str | None, bool]:
    """The clause the branch carries, or a drafted one when the record is missing."""
    current = current_record(spec.new_spec or {})
    if status in ("ok", "stale") and current is not None:
        return current.get("cancellation_clause"), False
    if status == "missing" and spec.new_spec is not None:
        draft = draft_record(spec.new_path or "", spec.old_spec, spec.new_spec, DraftRequest(), policy)
        return str(draft.record["cancellation_clause"]), True
    return None, False


def _record_status(spec: SpecChange, problems: list[RecordProblem], policy: Policy) -> str:
    if accepted_baseline(spec, policy):
        return "baselined"
    needed = bool(problems) if spec.status == "removed" else needs_new_record(spec, policy)
    if not needed:
        return "not needed"
    if not problems:
        return "ok"
    missing = any(spec.status == "removed" or "no new effective-date record" in p.message
                  or "baselines are closed" in p.message for p in problems)
    return "missing" if missing else "stale"


def _what(spec: SpecChange, baselined: bool) -> str:
    if baselined:
        return "brought under change control (baseline)"
    if spec.status == "retired":
        record = retirement_record(spec.new_spec or {})
        return f"class retired: {retirement_words(record)}" if record else "class retired"
    return {"added": "class created", "removed": "spec deleted"}.get(spec.status) or (
        changes_in_words(spec.changes) if spec.changes else "renamed only")


def summarize_class(spec: SpecChange, base: str, policy: Policy, validation: tuple[str, ...] = ()) -> ClassSummary:
    """One changed class: what changed, its record status, its approvals, its validate errors, its clause."""
    problems = record_problems(spec, base, policy)
    status = _record_status(spec, problems, policy)
    clause, drafted = _clause(spec, status, policy)
    signoffs = checklist(current_record(spec.new_spec or {}), list(policy.approvals_required)) \
        if current_is_new(spec) else ()
    return ClassSummary(spec, _what(spec, status == "baselined"), status, tuple(problems), validation, clause,
                        drafted, _alerts(spec.changes), checklist=signoffs,
                        approvals=tuple(approval_problems(spec, policy)), baselined=status == "baselined")


def _with_references(summary: ClassSummary, head_specs: list[tuple[str, dict[str, Any]]]) -> ClassSummary:
    """When a class's title (or life) changes, the specs at HEAD that still name its old title."""
    from dataclasses import replace

    from specdiff.references import referring_to

    old = summary.spec.old_spec
    retitled = old is not None and summary.spec.new_spec is not None and \
        old.get("title") != summary.spec.new_spec.get("title")
    if old is None or not (retitled or summary.spec.status in ("retired", "removed")):
        return summary
    found = tuple(f"{path} ({ref.pointer})" for path, ref in referring_to(str(old.get("title")), head_specs))
    return replace(summary, referenced_by=found)


def _errors_by_path(report: ValidationReport, specs: list[LoadedSpec]) -> dict[str, tuple[str, ...]]:
    """Validate errors per repository path (every rule, the cross-spec ones included)."""
    path_of = {loaded.label: loaded.path or loaded.label for loaded in specs}
    found: dict[str, list[str]] = {}
    for problem in report.errors:
        where = f"{problem.pointer}: " if problem.pointer else ""
        found.setdefault(path_of.get(problem.path, problem.path), []).append(f"{where}{problem.message}")
    return {path: tuple(messages) for path, messages in found.items()}


def build_summary(ws: Workspace, repo: Repository, base: str, head: str) -> PullSummary:
    """BASE...HEAD, as a pull request shows it: from the merge base to HEAD. Every spec at HEAD is
    validated (so a class's Valid cell reflects every rule, cross-spec ones included)."""
    head_sha = repo.resolve(head)
    base_sha = repo.merge_base(repo.resolve(base), head_sha)
    ws.policy = policy = policy_at(ws, repo, base_sha)  # the base's rules, never the pull request's
    sides = Sides(base_sha, head_sha, base, head, None, head)
    require_specs(ws, repo, sides)
    report = build_report(ws, repo, sides, [ws.specs_folder], tolerant=True)
    head_specs = specs_at(ws, repo, head_sha, head)
    errors = _errors_by_path(validate_loaded(head_specs, allow_retired_references=policy.allow_retired_references),
                             head_specs)
    classes = [summarize_class(spec, base, policy, errors.get(spec.new_path or "", ()) if spec.new_spec else ())
               for spec in report.specs]
    if any(c.spec.status in ("retired", "removed") or "/title" in {ch.path for ch in c.spec.changes}
           for c in classes):
        valid = [(loaded.path or loaded.label, loaded.spec) for loaded in head_specs if loaded.spec is not None]
        classes = [_with_references(c, valid) for c in classes]
    shown = {c.spec.new_path for c in classes} | {p.path.split(":", 1)[-1] for p in unreadable_problems(report)}
    elsewhere = tuple(f"{path}: {message}" for path, messages in sorted(errors.items()) if path not in shown
                      for message in messages)
    return PullSummary(base, head, tuple(classes), report.unreadable, elsewhere)

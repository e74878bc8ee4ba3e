"""The data of a pull-request summary: per class, what changed, how much, and whether it may merge."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.commands.check_cmd import RecordProblem, problems_of
from specdiff.commands.diff_cmd import Sides, build_report
from specdiff.control.draft import DraftRequest, draft_record
from specdiff.control.policy import Policy
from specdiff.control.reasons import needs_record
from specdiff.diff.model import Change
from specdiff.diff.oneline import summarize
from specdiff.diff.report import SpecChange
from specdiff.git import Repository
from specdiff.rules import check_spec
from specdiff.schema import validate_spec
from specdiff.specfile import SPECS_DIR

# For display, a record change ranks below a minor one (RANK counts them alike for --fail-on).
SHOWN_RANK = {"editorial": 0, "record": 1, "minor": 2, "substantive": 3}
STATUS_WORDS = {"added": "new", "modified": "revised", "removed": "deleted", "renamed": "renamed",
                "retired": "retired", "recoded": "recoded"}
ALERT_PREFIXES = {"/salary": "pay", "/minimum_qualifications": "qualifications"}


@dataclass(frozen=True)
class ClassSummary:
    """One changed class as the summary shows it."""

    spec: SpecChange
    what: str
    record_status: str  # "ok", "missing", "stale" or "not needed"
    records: tuple[RecordProblem, ...]
    validation: tuple[str, ...]
    clause: str | None
    clause_drafted: bool
    alerts: tuple[str, ...]
    referenced_by: tuple[str, ...] = ()  # specs still naming the old title, when the title changed

    @property
    def record_problems(self) -> tuple[str, ...]:
        return tuple(problem.message for problem in self.records)

    @property
    def fix(self) -> str | None:
        """The `specdiff draft` command that fixes the records, if they need fixing."""
        return self.records[0].fix if self.records else None

    @property
    def status(self) -> str:
        return STATUS_WORDS[self.spec.status]

    @property
    def worst(self) -> str | None:
        levels = [c.level for c in self.spec.changes]
        return max(levels, key=SHOWN_RANK.__getitem__) if levels else None


@dataclass(frozen=True)
class PullSummary:
    """Everything a pull request changed in specs, in document order of class paths."""

    base: str
    head: str
    classes: tuple[ClassSummary, ...]
    unreadable: tuple[tuple[str, str], ...]

    def count(self, status: str) -> int:
        return sum(1 for c in self.classes if c.status == status)

    def levels(self) -> dict[str, int]:
        counts = {level: 0 for level in ("substantive", "minor", "editorial", "record")}
        for summary in self.classes:
            for change in summary.spec.changes:
                counts[change.level] += 1
        return counts

    def batches(self) -> dict[str, list[str]]:
        """Final No. -> classes, for the records this pull request adds."""
        found: dict[str, list[str]] = {}
        for summary in self.classes:
            for change in summary.spec.changes:
                if change.path.startswith("/records/") and change.kind == "added" and isinstance(change.new, dict):
                    number = change.new.get("final_no")
                    if number:
                        found.setdefault(str(number), []).append(summary.spec.class_code)
        return dict(sorted(found.items()))

    @property
    def problem_count(self) -> int:
        return sum(len(c.record_problems) + len(c.validation) for c in self.classes) + len(self.unreadable)


def _validation(spec: SpecChange) -> tuple[str, ...]:
    if spec.new_spec is None:
        return ()
    shape = [f"{p.pointer}: {p.message}" for p in validate_spec(spec.new_spec)]
    if shape:
        return tuple(shape)
    return tuple(f"{p.pointer}: {p.message}" for p in check_spec(spec.new_path or "", spec.new_spec)
                 if p.severity == "error")


def _alerts(changes: tuple[Change, ...]) -> tuple[str, ...]:
    found = []
    for change in changes:
        kind = next((label for prefix, label in ALERT_PREFIXES.items() if change.path.startswith(prefix)), None)
        if kind and change.level == "substantive" and f"{kind}: {change.section}" not in found:
            found.append(f"{kind}: {change.section}")
    return tuple(found)


def _clause(spec: SpecChange, status: str, policy: Policy) -> tuple[str | None, bool]:
    """The clause the branch carries, or a drafted one when the record is missing."""
    records: list[dict[str, Any]] = (spec.new_spec or {}).get("records", [])
    if status in ("ok", "stale") and records:
        return records[-1].get("cancellation_clause"), False
    if status == "missing" and spec.new_spec is not None:
        draft = draft_record(spec.new_path or "", spec.old_spec, spec.new_spec, DraftRequest(), policy)
        return str(draft.record["cancellation_clause"]), True
    return None, False


def summarize_class(spec: SpecChange, base: str, policy: Policy) -> ClassSummary:
    problems = problems_of(spec, base, policy)
    needed = spec.new_spec is not None and needs_record(list(spec.changes), policy) and spec.status != "removed"
    status = "not needed" if not needed else "ok" if not problems else \
        "missing" if any("no new effective-date record" in p.message for p in problems) else "stale"
    clause, drafted = _clause(spec, status, policy)
    what = {"added": "class created", "removed": "spec deleted", "retired": "class retired"}.get(spec.status) or (
        summarize(spec.changes) if spec.changes else "renamed only")
    return ClassSummary(spec, what, status, tuple(problems), _validation(spec), clause, drafted,
                        _alerts(spec.changes))


def _specs_at(repo: Repository, sha: str) -> list[tuple[str, dict[str, Any]]]:
    from specdiff.errors import LoadError
    from specdiff.specfile import parse_spec

    paths = repo.spec_paths_at(sha, SPECS_DIR.as_posix())
    found = []
    for path, text in repo.read(sha, paths).items():
        try:
            value = parse_spec(text, path)
        except LoadError:
            continue
        if isinstance(value, dict):
            found.append((path, value))
    return found


def _with_references(summary: ClassSummary, head_specs: list[tuple[str, dict[str, Any]]]) -> ClassSummary:
    """When a class's title (or life) changes, the specs at HEAD that still name its old title."""
    from dataclasses import replace

    from specdiff.control.refs import referring_to

    old = summary.spec.old_spec
    retitled = old is not None and summary.spec.new_spec is not None and \
        old.get("title") != summary.spec.new_spec.get("title")
    if old is None or not (retitled or summary.spec.status in ("retired", "removed")):
        return summary
    found = tuple(f"{path} ({ref.pointer})" for path, ref in referring_to(str(old.get("title")), head_specs))
    return replace(summary, referenced_by=found)


def build_summary(repo: Repository, base: str, head: str, policy: Policy) -> PullSummary:
    """BASE...HEAD, as a pull request shows it: from the merge base to HEAD."""
    head_sha = repo.resolve(head)
    base_sha = repo.merge_base(repo.resolve(base), head_sha)
    report = build_report(repo, Sides(base_sha, head_sha, base, head), [SPECS_DIR.as_posix()], tolerant=True)
    classes = [summarize_class(spec, base, policy) for spec in report.specs]
    if any(c.spec.status in ("retired", "removed") or "/title" in {ch.path for ch in c.spec.changes}
           for c in classes):
        head_specs = _specs_at(repo, head_sha)
        classes = [_with_references(c, head_specs) for c in classes]
    return PullSummary(base, head, tuple(classes), report.unreadable)

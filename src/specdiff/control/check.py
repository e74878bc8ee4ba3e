"""The change-control gate: every revised spec carries a new, correct effective-date record, signed by
every role the policy requires; a class never disappears without a retirement record; a spec that cannot
be read is a problem, not a pass. A spec added with `baseline` (brought under control by specdiff import)
needs no invented record while the policy accepts baselines."""
from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from specdiff import spec as spec_facts
from specdiff.control.approvals import approve_fix, awaiting
from specdiff.spec import without_approvals
from specdiff.control.clause import replaced
from specdiff.control.reasons import needs_record
from specdiff.diff.model import DiffReport, SpecChange
from specdiff.importer.records import parse_clause
from specdiff.policy import Policy
from specdiff.textutil import single_line


@dataclass(frozen=True)
class RecordProblem:
    """What is missing or stale in one class's records (or why it could not be checked), and the fix."""

    class_code: str
    path: str
    message: str
    fix: str
    awaiting_approval: bool = False  # a role has not signed yet (the commit hook lets that pass; CI does not)

    def render(self) -> str:
        """Two lines: the problem, then the command that fixes it (each one line, safe in a CI log)."""
        problem = single_line(f"{self.path}: {self.class_code}: {self.message}")
        return f"{problem}\n{single_line(f'  fix: {self.fix}')}"


def draft_fix(code: str, base: str | None) -> str:
    """The command that drafts the missing record; every value quoted for the shell, so it pastes safely
    (no --base when the default base was used: draft takes the same one)."""
    where = f" --base {shlex.quote(base)}" if base else ""
    return (f"specdiff draft {shlex.quote(code)}{where} --effective MM/DD/YYYY "
            "--revised MM/DD/YYYY --next-final --write")


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


def removal_problem(change: SpecChange) -> RecordProblem:
    """A class deleted (or renamed away from the specs folder) without being retired."""
    code, path = change.class_code, change.old_path or ""
    quoted = shlex.quote(path)
    return RecordProblem(code, path, "the spec was deleted (or moved out of the specs folder) without a retirement "
                         "record; a class leaves the register only by being retired",
                         f"restore {quoted} (git checkout -- {quoted}), then specdiff retire {shlex.quote(code)} "
                         "--effective MM/DD/YYYY --next-final")


def needs_new_record(change: SpecChange, policy: Policy) -> bool:
    return change.new_spec is not None and needs_record(list(change.changes), policy)


def is_baseline_added(change: SpecChange) -> bool:
    """A spec absent on the base side that was brought under change control from an existing document
    (`baseline`, written by specdiff import). A spec the base had gets no exemption from it."""
    new = change.new_spec
    return change.old_spec is None and new is not None and isinstance(new.get("baseline"), dict)


def _after_baseline(record: dict[str, Any], baseline: dict[str, Any]) -> bool:
    """Whether a record was added after the baseline (the document's newest record was `through`)."""
    through = baseline.get("through")
    return through is None or str(record["effective"]) > str(through)


def fresh_indexes(change: SpecChange) -> list[int]:
    """Indexes of the records the comparison adds: absent on the base side (an approval added to a record
    does not make it another record); of a baselined spec added here, only those after its baseline."""
    old = [without_approvals(record) for record in spec_facts.records(change.old_spec or {})]
    records = spec_facts.records(change.new_spec or {})
    found = [i for i, record in enumerate(records) if without_approvals(record) not in old]
    if is_baseline_added(change):
        baseline = (change.new_spec or {})["baseline"]
        found = [i for i in found if _after_baseline(records[i], baseline)]
    return found


def accepted_baseline(change: SpecChange, policy: Policy) -> bool:
    """An added spec with `baseline` and no record of its own since, while the policy accepts baselines:
    it passes without a new record (and is reported as baselined)."""
    return policy.accept_baselines and is_baseline_added(change) and not fresh_indexes(change)


def current_is_new(change: SpecChange) -> bool:
    """Whether the spec's current record is one the comparison adds (a revision, a new class's record, a
    retirement), not one it had on the base side or a baseline's."""
    records = spec_facts.records(change.new_spec or {})
    return bool(records) and len(records) - 1 in fresh_indexes(change)


def record_problems(change: SpecChange, base_label: str | None, policy: Policy) -> list[RecordProblem]:
    """What is missing or stale in the records of one changed spec (none when it needs no record, has a
    good one, or is an accepted baseline)."""
    if change.status == "removed":
        retired = change.old_spec is not None and spec_facts.is_retired(change.old_spec)
        return [] if retired else [removal_problem(change)]
    if change.new_spec is None or accepted_baseline(change, policy) or not needs_new_record(change, policy):
        return []
    path, code = change.new_path or "", change.class_code
    records, fresh = spec_facts.records(change.new_spec), fresh_indexes(change)
    levels = sorted({c.level for c in change.changes if c.level in ("substantive", "minor", "editorial")})
    if not fresh:
        what = "new class" if change.old_spec is None else f"{' and '.join(levels)} changes"
        message = f"no new effective-date record for its {what}" if not is_baseline_added(change) else \
            "baselines are closed (accept_baselines = false): record it as a new class"
        return [RecordProblem(code, path, message, draft_fix(code, base_label))]
    if len(records) - 1 not in fresh:
        return [RecordProblem(code, path, "the new record is not the last (current) one; records run oldest first",
                              draft_fix(code, base_label))]
    if change.old_spec is None:
        return []
    return [RecordProblem(code, path, message, draft_fix(code, base_label))
            for message in _stale(change.old_spec, records[-1])]


AWAITING = "awaiting approval: "


def approval_problems(change: SpecChange, policy: Policy) -> list[RecordProblem]:
    """One problem per role of approvals_required that has not signed the record the comparison adds."""
    if not policy.approvals_required or not current_is_new(change):
        return []
    current = spec_facts.current_record(change.new_spec or {})
    return [RecordProblem(change.class_code, change.new_path or "", f"{AWAITING}{role}",
                          approve_fix(change.class_code, role), awaiting_approval=True)
            for role in awaiting(current, list(policy.approvals_required))]


def problems_of(change: SpecChange, base_label: str | None, policy: Policy) -> list[RecordProblem]:
    """Every change-control problem of one changed spec: its records, then the approvals it awaits."""
    return [*record_problems(change, base_label, policy), *approval_problems(change, policy)]


def unreadable_problems(report: DiffReport) -> list[RecordProblem]:
    """Specs of the comparison that could not be loaded: the gate cannot pass over them."""
    return [RecordProblem(_code_of(path), path, f"cannot be checked: {error}",
                          "fix the file (specdiff validate shows every problem), then run the check again")
            for path, error in report.unreadable]


def _code_of(label: str) -> str:
    name = label.rsplit("/", 1)[-1]
    return name[:-5] if name.endswith(".json") else name


def gate(report: DiffReport, base_label: str | None, policy: Policy) -> list[RecordProblem]:
    """Every change-control problem of a comparison: unreadable specs first, then each changed class."""
    return [*unreadable_problems(report),
            *(problem for change in report.specs for problem in problems_of(change, base_label, policy))]


def baselined(report: DiffReport, policy: Policy) -> list[SpecChange]:
    """The specs of the comparison the gate accepted as baselines (said, never passed over silently)."""
    return [change for change in report.specs if accepted_baseline(change, policy)]

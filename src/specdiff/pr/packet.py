"""The commission packet of a batch, as data: a cover, a numbered table of changes, each class as it will
read (or in full when new, or its retirement in words) and an approval sheet per class.

Built from the reviewers' summary (BASE...HEAD from the merge base, the base's policy), so the packet and
the summary never disagree on what changed, which records are new, or who signed them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from specdiff.control.approvals import Signoff
from specdiff.dates import padded, parse_iso
from specdiff.diff.model import Change, Segment, SpecChange
from specdiff.diff.values import describe
from specdiff.git import Repository
from specdiff.pr.model import ClassSummary, PullSummary, build_summary
from specdiff.spec import records, without_approvals
from specdiff.workspace import Workspace


@dataclass(frozen=True)
class ChangeRow:
    """One numbered row of the table of changes: a change of the diff report, with its redline."""

    number: int
    class_code: str
    section: str  # the heading as the schema spells it
    kind: str
    level: str
    change: Change

    @property
    def redline(self) -> tuple[Segment, ...]:
        """The diff's own word-level redline of this change (empty for an added, removed or moved item)."""
        return self.change.redline

    @property
    def shown(self) -> tuple[Segment, ...]:
        """What the row prints: the diff's redline, else the text inserted, struck or moved."""
        if self.change.redline:
            return self.change.redline
        if self.kind == "added":
            return (Segment("ins", describe(self.change.new)),)
        if self.kind == "removed":
            return (Segment("del", describe(self.change.old)),)
        if self.kind == "moved":
            return (Segment("keep", f"{describe(self.change.new)} (moved)"),)
        old, new = describe(self.change.old), describe(self.change.new)
        return (Segment("del", old), Segment("keep", " "), Segment("ins", new))


@dataclass(frozen=True)
class ClassPacket:
    """One class of the batch: what the commission acts on, and the roles that sign it."""

    summary: ClassSummary
    first_row: int  # the number of its first row in the table of changes (0 when it has none)
    last_row: int
    signoffs: tuple[Signoff, ...]  # required roles first (signed or blank), then other roles that signed
    effective: tuple[str, ...]  # effective dates (ISO) of the records this batch adds to the class
    finals: tuple[str, ...]  # their Final Nos.

    @property
    def spec(self) -> SpecChange:
        return self.summary.spec

    @property
    def status(self) -> str:
        """new, revised, retired, deleted, renamed, recoded or baselined."""
        return self.summary.status

    @property
    def is_new(self) -> bool:
        """A class the batch creates: printed in full, not as a comparative print."""
        return self.spec.status == "added" and self.spec.new_spec is not None

    @property
    def row_span(self) -> str:
        """Its rows in the table of changes: "3-5", "6", or "none"."""
        if not self.first_row:
            return "none"
        return f"{self.first_row}" if self.first_row == self.last_row else f"{self.first_row}-{self.last_row}"

    @property
    def record_words(self) -> str:
        """The records this batch adds, in words: "effective 07/05/2026; Final No. 26-001"."""
        words = [f"effective {_dated(day)}" for day in self.effective] + [f"Final No. {n}" for n in self.finals]
        return "; ".join(words) or "no new effective-date record"

    @property
    def retirement(self) -> str | None:
        """"abolished effective 01/01/2027; replaced by the class of X (CODE); Final No. ..." for a retirement."""
        return self.summary.retired


@dataclass(frozen=True)
class Packet:
    """Everything the commission receives for BASE...HEAD."""

    base: str
    head: str
    classes: tuple[ClassPacket, ...]
    rows: tuple[ChangeRow, ...]
    batches: tuple[tuple[str, tuple[str, ...]], ...]  # (Final No., class codes), sorted by Final No.
    effective: tuple[tuple[str, tuple[str, ...]], ...]  # (effective date ISO, class codes), sorted by date
    required: tuple[str, ...]  # approvals_required of the base's policy
    open_items: tuple[str, ...]  # problems the summary lists, other than approvals still to be signed

    @property
    def batch_words(self) -> str:
        """"26-001 (5258MP, 7001MP); 26-002 (0029MP)", or "none"."""
        return "; ".join(f"{number} ({', '.join(codes)})" for number, codes in self.batches) or "none"

    @property
    def effective_words(self) -> str:
        """"07/05/2026 (5258MP, 7001MP); 01/01/2027 (0029MP)", or "none"."""
        return "; ".join(f"{_dated(day)} ({', '.join(codes)})" for day, codes in self.effective) or "none"

    @property
    def awaiting(self) -> int:
        """Signatures still to be given: one per required role and class not yet signed."""
        return sum(1 for c in self.classes for s in c.signoffs if s.required and not s.signed)


def _dated(iso: str) -> str:
    """An ISO date as MM/DD/YYYY, as the documents print it."""
    return padded(parse_iso(iso))


def _new_records(spec: SpecChange) -> list[dict[str, Any]]:
    """The records the new side has and the old side has not (a new class's, a revision's, a retirement's)."""
    old = [without_approvals(r) for r in records(spec.old_spec or {})]
    return [r for r in records(spec.new_spec or {}) if without_approvals(r) not in old]


def _signoffs(summary: ClassSummary, required: tuple[str, ...]) -> tuple[Signoff, ...]:
    """The checklist of the record this batch adds; without one, every required role as a blank line."""
    if summary.checklist:
        return summary.checklist
    return tuple(Signoff(role, True, None) for role in required)


def _grouped(pairs: list[tuple[str, str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    found: dict[str, list[str]] = {}
    for key, code in pairs:
        if code not in found.setdefault(key, []):
            found[key].append(code)
    return tuple((key, tuple(codes)) for key, codes in sorted(found.items()))


def _open_items(summary: PullSummary) -> tuple[str, ...]:
    """The summary's problems a packet cannot fix by signing: unreadable or invalid specs, record problems."""
    items = [f"unreadable spec {path}: {problem}" for path, problem in summary.unreadable]
    items += [f"invalid (not changed here): {problem}" for problem in summary.invalid_elsewhere]
    for c in summary.classes:
        items += [f"{c.spec.class_code}: invalid: {message}" for message in c.validation]
        items += [f"{c.spec.class_code}: {message}" for message in c.record_problems]
    return tuple(items)


def packet_of(summary: PullSummary, required: tuple[str, ...]) -> Packet:
    """The packet of a summary; `required` is the base policy's approvals_required."""
    rows: list[ChangeRow] = []
    classes: list[ClassPacket] = []
    for found in summary.classes:
        first = len(rows) + 1
        rows += [ChangeRow(len(rows) + n, c.class_code, c.section, c.kind, c.level, c)
                 for n, c in enumerate(found.spec.changes, start=1)]
        added = [] if found.baselined else _new_records(found.spec)
        classes.append(ClassPacket(found, first if len(rows) >= first else 0, len(rows), _signoffs(found, required),
                                   tuple(dict.fromkeys(str(r["effective"]) for r in added)),
                                   tuple(dict.fromkeys(str(r["final_no"]) for r in added if r.get("final_no")))))
    effective = _grouped([(day, c.spec.class_code) for c in classes for day in c.effective])
    batches = tuple((number, tuple(codes)) for number, codes in summary.batches().items())
    return Packet(summary.base, summary.head, tuple(classes), tuple(rows), batches, effective, required,
                  _open_items(summary))


def build_packet(ws: Workspace, repo: Repository, base: str, head: str) -> Packet:
    """The packet of BASE...HEAD (from the merge base, with the base's policy, as the summary reads it)."""
    summary = build_summary(ws, repo, base, head)  # sets ws.policy to the merge base's policy
    return packet_of(summary, tuple(ws.policy.approvals_required))

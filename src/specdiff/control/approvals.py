"""Approvals: who signed an effective-date record for which role, and which roles the policy still awaits.

A record's `approvals` are `{role, by, date}` sign-offs. `specdiff approve` adds one to the current record;
`check` wants every role of the policy's `approvals_required` on each record a branch adds; the summary and
the ledger show them. Roles are matched without regard to case or repeated spaces ("HR director" is the
policy's "HR Director").
"""
from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specdiff.dates import padded, parse_iso
from specdiff.errors import UsageError
from specdiff.spec import current_record

if TYPE_CHECKING:  # the ledger's renderers read Approval: nothing here may pull the workspace into them
    from specdiff.workspace import Workspace

Spec = dict[str, Any]


@dataclass(frozen=True)
class Approval:
    """One sign-off of a record."""

    role: str
    by: str
    date: str  # ISO

    def text(self) -> str:
        """`ROLE: NAME MM/DD/YYYY`, as the ledger shows it."""
        return f"{self.role}: {self.by} {padded(parse_iso(self.date))}"


@dataclass(frozen=True)
class Signoff:
    """One line of a record's checklist: a role, whether the policy requires it, and its approval (None
    while it is awaited)."""

    role: str
    required: bool
    approval: Approval | None

    @property
    def signed(self) -> bool:
        return self.approval is not None


def normal(text: str) -> str:
    """Text with its runs of spaces and line breaks made one space, trimmed."""
    return " ".join(text.split())


def same_role(one: str, other: str) -> bool:
    return normal(one).casefold() == normal(other).casefold()


def approvals_of(record: dict[str, Any] | None) -> tuple[Approval, ...]:
    """The record's sign-offs, in the order given."""
    return tuple(Approval(str(a["role"]), str(a["by"]), str(a["date"])) for a in (record or {}).get("approvals", []))


def signed(record: dict[str, Any] | None, role: str) -> Approval | None:
    """The approval of the record for this role, if it has one."""
    return next((a for a in approvals_of(record) if same_role(a.role, role)), None)


def awaiting(record: dict[str, Any] | None, required: list[str]) -> list[str]:
    """The required roles that have not signed the record, in the policy's order."""
    return [role for role in required if signed(record, role) is None]


def checklist(record: dict[str, Any] | None, required: list[str]) -> tuple[Signoff, ...]:
    """Every required role (signed or awaited), then any other role that signed, in the order given."""
    rows = [Signoff(role, True, signed(record, role)) for role in required]
    rows += [Signoff(a.role, False, a) for a in approvals_of(record)
             if not any(same_role(a.role, role) for role in required)]
    return tuple(rows)


def approve_fix(code: str, role: str) -> str:
    """The command that signs for a role; every value quoted for the shell."""
    return f"specdiff approve {shlex.quote(code)} --role {shlex.quote(role)} --by NAME"


@dataclass(frozen=True)
class ApprovalRequest:
    """What `specdiff approve` was asked to record."""

    role: str
    by: str
    date: str  # ISO


def _role_to_sign(role: str, required: list[str]) -> str:
    """The role as the policy spells it; UsageError when the policy names roles and this is not one."""
    if not required:
        return role
    match = next((known for known in required if same_role(known, role)), None)
    if match is None:
        hint = _closest(role, required)
        raise UsageError(f"--role {role!r} is not a role the policy requires (approvals_required: "
                         f"{', '.join(required)}){hint}; sign as one of them, nothing was written")
    return match


def _closest(role: str, roles: list[str]) -> str:
    """'; did you mean X?' when one of the roles is close to role, else ''."""
    import difflib

    folded = {known.casefold(): known for known in roles}
    found = difflib.get_close_matches(role.casefold(), sorted(folded), n=1, cutoff=0.6)
    return f"; did you mean {folded[found[0]]!r}?" if found else ""


def _checked_request(request: ApprovalRequest, required: list[str]) -> ApprovalRequest:
    role, by = normal(request.role), normal(request.by)
    if not role:
        raise UsageError("--role is empty; name the role that signs, such as --role 'HR Director'")
    if not by:
        raise UsageError("--by is empty; name the person who signs, such as --by 'Jane Smith'")
    return ApprovalRequest(_role_to_sign(role, required), by, request.date)


def approved(spec: Spec, label: str, request: ApprovalRequest, required: list[str]) -> Spec:
    """The spec with the approval added to its current record; UsageError (nothing changed) when the class
    has no record, or the role already signed it."""
    code = str(spec.get("class_code", ""))
    request = _checked_request(request, required)
    record = current_record(spec)
    if record is None:
        raise UsageError(f"{code} has no effective-date record to approve; draft one first: specdiff draft "
                         f"{shlex.quote(code)} --effective MM/DD/YYYY --write", path=label)
    earlier = signed(record, request.role)
    if earlier is not None:
        raise UsageError(f"{earlier.role!r} already signed the current record of {code} (effective "
                         f"{padded(parse_iso(record['effective']))}): {earlier.by} on "
                         f"{padded(parse_iso(earlier.date))}; nothing was written", path=label)
    entry = {"role": request.role, "by": request.by, "date": request.date}
    updated = {**record, "approvals": [*record.get("approvals", []), entry]}
    return {**spec, "records": [*spec["records"][:-1], updated]}


@dataclass(frozen=True)
class PlannedApproval:
    """The spec to write, and what to say about it."""

    file: Path
    spec: Spec
    approval: Approval
    effective: str  # the effective date of the record signed (ISO)
    still_awaiting: tuple[str, ...]


def plan_approval(ws: Workspace, name: str, request: ApprovalRequest) -> PlannedApproval:
    """The class named (a class code or path, with "did you mean") with the approval on its current record;
    every check made before anything is written."""
    file = ws.target_file(name)
    spec = ws.load_file(file).require()
    required = list(ws.policy.approvals_required)
    new = approved(spec, ws.label(file), request, required)
    record = new["records"][-1]
    entry = record["approvals"][-1]
    return PlannedApproval(file, new, Approval(entry["role"], entry["by"], entry["date"]), record["effective"],
                           tuple(awaiting(record, required)))

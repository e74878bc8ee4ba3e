"""`specdiff approve`: sign the current effective-date record of a class for a role."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.output import line, note
from specdiff.errors import EXIT_OK


@app.command("approve")
def approve_command(
    code: str = typer.Argument(..., metavar="CLASS", help="The class whose current record is approved."),
    role: str = typer.Option(..., "--role", metavar="ROLE",
                             help="The approving role (one of the policy's approvals_required, when it names any)."),
    by: str = typer.Option(..., "--by", metavar="NAME", help="Who signs for the role."),
    date: str | None = typer.Option(None, "--date", metavar="DATE", help="When, MM/DD/YYYY (default: today)."),
) -> int:
    """Record an approval of a class's current effective-date record.

    Adds {role, by, date} to the record's approvals, through the one write path (schema
    checked, written atomically). check wants every role of the policy's approvals_required
    on each record a branch adds. Refused (exit 2, nothing written): no such class, a class
    without a record, a role that already signed it, an empty role or name, a role the
    policy does not require. Example: specdiff approve 5258MP --role "HR Director" --by "Jane Smith"
    """
    import datetime as dt

    from specdiff.control.approvals import ApprovalRequest, plan_approval
    from specdiff.dates import padded, parse_iso, parse_option_date
    from specdiff.workspace import opened

    day = parse_option_date(date, "--date") or dt.date.today().isoformat()
    with opened() as ws:
        ws.require_root("approve")
        plan = plan_approval(ws, code, ApprovalRequest(role, by, day))
        label = ws.write_spec(plan.file, plan.spec)
    signed = plan.approval
    line(f"wrote {label}: {signed.role} approved by {signed.by} on {padded(parse_iso(signed.date))} (the record "
         f"effective {padded(parse_iso(plan.effective))})")
    if plan.still_awaiting:
        note(f"still awaiting: {', '.join(plan.still_awaiting)}")
    elif ws.policy.approvals_required:
        note("every role of approvals_required has signed this record")
    return EXIT_OK

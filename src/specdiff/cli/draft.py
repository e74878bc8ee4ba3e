"""`specdiff draft` and `specdiff review`: draft records against a base revision; --write applies them."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import line, out
from specdiff.errors import EXIT_OK
from specdiff.render.tables import DRAFTS, rendered


def _draft(codes: list[str], base: str | None, effective: str | None, revised: str | None, final: str | None,
           next_final: bool, reasons: list[str], replaces: list[str], write: bool, fmt: str, review: bool) -> int:
    """Shared by draft and review: read every class, draft, then print or write (all or nothing)."""
    from specdiff.control.draft import DraftRequest
    from specdiff.control.drafting import drafts_for, final_number, planned_writes
    from specdiff.dates import parse_option_date
    from specdiff.revisions import gate_base
    from specdiff.workspace import opened

    eff, rev = parse_option_date(effective, "--effective"), parse_option_date(revised, "--revised")
    with opened() as ws:
        ws.require_root("review" if review else "draft")
        repo = ws.repository()
        base_sha, _ = gate_base(ws, repo, base)
        number = final_number(ws, final, next_final, [rev, eff])
        request = DraftRequest(eff or (rev if review else None), rev, number, tuple(reasons), review)
        found = drafts_for(ws, repo, base_sha, codes, request, replaces)
        if not write:
            out(rendered(DRAFTS, fmt, tuple(item.draft for item in found)), fmt)
            return EXIT_OK
        for item, spec in planned_writes(found):
            if spec is None:
                line(f"unchanged {item.draft.path}: no record needed (no substantive or minor change)")
            else:
                line(f"wrote {ws.write_spec(item.file, spec)}")
    return EXIT_OK


@app.command("draft")
def draft_command(
    codes: list[str] = typer.Argument(..., metavar="CLASS", help="Class codes to draft."),
    base: str | None = typer.Option(None, "--base", metavar="REV",
                                    help="The revision to compare with, what the record replaces (default: the "
                                         "merge base of HEAD and the base branch)."),
    effective: str | None = typer.Option(None, "--effective", metavar="DATE", help="EFFECTIVE DATE, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", metavar="DATE", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", metavar="NO", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year "
                                    "across all specs (one number for the whole batch)."),
    reason: list[str] = typer.Option(None, "--reason", metavar="TEXT",
                                     help="A reason, replacing the derived ones (repeatable)."),
    replaces: list[str] = typer.Option(None, "--replaces", metavar="CLASS",
                                       help="Classes this one consolidates (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the record to each spec (atomically)."),
    fmt: str = format_option(DRAFTS, "text"),
) -> int:
    """Draft the cancellation clause and effective-date record of a revision.

    Reasons come from the diff against --base: a section added -> "add <Section> section", a
    title or salary group change -> "change title"/"change salary group", content confined
    to a section the policy names -> "modify <Section>", other content -> "modify content".
    The clause names the replaced revision's title, salary group and effective date. A
    class absent at the base drafts as new. Without --write it prints the drafts; with
    --write it appends the record and says which files changed. --write refuses (exit 2,
    nothing written) an effective date on or before the current record's.
    Example: specdiff draft 5258MP --effective 07/05/2024 --revised 07/03/2024 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), list(replaces or []),
                  write, fmt, review=False)


@app.command("review")
def review_command(
    codes: list[str] = typer.Argument(..., metavar="CLASS", help="Class codes reviewed."),
    base: str | None = typer.Option(None, "--base", metavar="REV",
                                    help="The revision to compare with (default: as draft)."),
    revised: str | None = typer.Option(None, "--revised", metavar="DATE",
                                       help="Date of the review's approval, MM/DD/YYYY."),
    effective: str | None = typer.Option(None, "--effective", metavar="DATE",
                                         help="EFFECTIVE DATE (default: --revised)."),
    final: str | None = typer.Option(None, "--final", metavar="NO", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    reason: list[str] = typer.Option(None, "--reason", metavar="TEXT", help="A revision reason (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the review record to each spec."),
    fmt: str = format_option(DRAFTS, "text"),
) -> int:
    """Record a five-year review (\u00a7 5-200a), with or without revisions.

    Under C.G.S. \u00a7 5-200a every class is evaluated at least every five years.

    Without changes since --base the clause reads "(Reviewed in accordance with Connecticut
    General Statute \u00a7 5-200a)"; with changes it adds "Revised to ...".
    Example: specdiff review 5681MP --revised 01/05/2028 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), [], write, fmt,
                  review=True)

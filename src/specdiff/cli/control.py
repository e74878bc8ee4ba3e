"""Change-control commands: draft, review, check, ledger, due, retire, rename-code, refs."""
from __future__ import annotations

import sys
from typing import Any

import typer

from specdiff.cli import app, echo_err
from specdiff.cli.options import DraftFormat, LedgerFormat
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS



def _draft(codes: list[str], base: str, effective: str | None, revised: str | None, final: str | None,
           next_final: bool, reasons: list[str], replaces: list[str], write: bool, fmt: DraftFormat,
           review: bool) -> int:
    """Shared by draft and review: read every class, draft, then print or write."""
    from specdiff.commands.draft_cmd import drafts_for, final_number, parse_date_option, render_drafts, write_drafts
    from specdiff.control.draft import DraftRequest
    from specdiff.control.policy import load_policy
    from specdiff.git import open_repository

    policy = load_policy()
    eff, rev = parse_date_option(effective, "--effective"), parse_date_option(revised, "--revised")
    number = final_number(final, next_final, [rev, eff])
    request = DraftRequest(eff or (rev if review else None), rev, number, tuple(reasons), review)
    with open_repository() as repo:
        found = drafts_for(repo, repo.resolve_base(base), codes, request, policy, replaces)
    if write:
        for line in write_drafts(found):
            typer.echo(line)
    else:
        sys.stdout.write(render_drafts([draft for draft, _, _ in found], fmt.value))
    return EXIT_OK


@app.command("draft")
def draft_command(
    codes: list[str] = typer.Argument(..., help="Class codes to draft (specs/<CODE>.json)."),
    base: str = typer.Option("HEAD", "--base", help="The revision to compare with (what the record replaces)."),
    effective: str | None = typer.Option(None, "--effective", help="EFFECTIVE DATE, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year "
                                    "across all specs (one number for the whole batch)."),
    reason: list[str] = typer.Option(None, "--reason", help="A reason, replacing the derived ones (repeatable)."),
    replaces: list[str] = typer.Option(None, "--replaces", help="Classes this one consolidates (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the record to each spec (atomically)."),
    fmt: DraftFormat = typer.Option(DraftFormat.text, "--format", "-f", help="Output format without --write."),
) -> int:
    """Draft the cancellation clause and effective-date record of a revision.

    Reasons come from the diff against --base: a section added -> "add <Section> section", a
    title or salary group change -> "change title"/"change salary group", content confined
    to a section the policy names -> "modify <Section>", other content -> "modify content".
    The clause names the replaced revision's title, salary group and effective date. A
    class absent at the base drafts as new. Without --write it prints the drafts; with
    --write it appends the record and says which files changed.
    Example: specdiff draft 5258MP --effective 07/05/2024 --revised 07/03/2024 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), list(replaces or []),
                  write, fmt, review=False)


@app.command("review")
def review_command(
    codes: list[str] = typer.Argument(..., help="Class codes reviewed."),
    base: str = typer.Option("HEAD", "--base", help="The revision to compare with."),
    revised: str | None = typer.Option(None, "--revised", help="Date of the review's approval, MM/DD/YYYY."),
    effective: str | None = typer.Option(None, "--effective", help="EFFECTIVE DATE (default: --revised)."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    reason: list[str] = typer.Option(None, "--reason", help="A revision reason (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the review record to each spec."),
    fmt: DraftFormat = typer.Option(DraftFormat.text, "--format", "-f", help="Output format without --write."),
) -> int:
    """Record a five-year review (\u00a7 5-200a), with or without revisions.

    Under C.G.S. \u00a7 5-200a every class is evaluated at least every five years.

    Without changes since --base the clause reads "(Reviewed in accordance with Connecticut
    General Statute \u00a7 5-200a)"; with changes it adds "Revised to ...".
    Example: specdiff review 5681MP --revised 01/05/2028 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), [], write, fmt,
                  review=True)


@app.command("check")
def check_command(
    base: str = typer.Option("HEAD", "--base", help="The revision the specs are revised from."),
) -> int:
    """Refuse revisions without a proper effective-date record (for pre-commit and CI).

    Every spec with substantive or minor changes against --base must carry a new record, as
    its current one, whose cancellation clause names the title, salary group and effective
    date of the revision it replaces, and which takes effect after it. Prints, per class,
    what is missing or stale and the `specdiff draft` command that fixes it. Exit 0 ok, 1
    problems. Example: specdiff check --base origin/main
    """
    from specdiff.commands.check_cmd import check_records
    from specdiff.control.policy import load_policy
    from specdiff.git import open_repository

    policy = load_policy()
    with open_repository() as repo:
        problems, changed = check_records(repo, base, policy)
    for problem in problems:
        typer.echo(problem.render())
    if problems:
        echo_err(f"{len(problems)} record problem(s) in {len({p.class_code for p in problems})} class(es)")
        return EXIT_PROBLEMS
    echo_err(f"ok: {changed} changed spec(s), records in order")
    return EXIT_OK


def _specs() -> list[dict[str, Any]]:
    from specdiff.specfile import load_all_specs

    return [spec for _, spec in load_all_specs()]


@app.command("ledger")
def ledger_command(
    since: str | None = typer.Option(None, "--since", help="Only records effective on or after this date."),
    fmt: LedgerFormat = typer.Option(LedgerFormat.table, "--format", "-f", help="Output format."),
    by_final: bool = typer.Option(False, "--by-final", help="Group the records by Final No. (approval batch)."),
) -> int:
    """The register of effective-date records across all specs in specs/.

    One row per record: class, title, effective date, REV, Final No., reasons, and whether it
    is a review or only known from a later clause (inferred). Oldest first.
    Example: specdiff ledger --since 01/01/2022 --format csv > ledger.csv
    """
    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.commands.ledger_cmd import render_ledger
    from specdiff.control.register import ledger

    rows = ledger(_specs(), parse_date_option(since, "--since"))
    sys.stdout.write(render_ledger(rows, fmt.value, by_final=by_final))
    return EXIT_OK


@app.command("due")
def due_command(
    years: int | None = typer.Option(None, "--years", min=1, help="The review cycle (default: the policy's, 5)."),
    as_of: str | None = typer.Option(None, "--as-of", help="The date to judge by (default: today)."),
) -> int:
    """Classes whose last review or revision is older than the review cycle, oldest first.

    C.G.S. \u00a7 5-200a: every class is evaluated at least every five years.
    Example: specdiff due --as-of 01/01/2028
    """
    import datetime as dt

    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.commands.ledger_cmd import render_due
    from specdiff.control.policy import load_policy
    from specdiff.control.register import due

    day = parse_date_option(as_of, "--as-of")
    when = dt.date.fromisoformat(day) if day else dt.date.today()
    rows = due(_specs(), years or load_policy().review_years, when)
    sys.stdout.write(render_due(rows))
    return EXIT_OK


@app.command("retire")
def retire_command(
    code: str = typer.Argument(..., help="The class to abolish."),
    effective: str = typer.Option(..., "--effective", help="The date the class is abolished, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    replaced_by: str | None = typer.Option(None, "--replaced-by", help="The class that replaces it."),
) -> int:
    """Abolish a class: a retirement record is added; the spec stays, rendered and listed as retired.

    Example: specdiff retire 0029MP --effective 07/01/2025 --replaced-by 5258MP --next-final
    """
    from specdiff.commands.draft_cmd import final_number, parse_date_option
    from specdiff.commands.lifecycle_cmd import retire
    from specdiff.control.policy import load_policy

    eff = parse_date_option(effective, "--effective") or ""
    rev = parse_date_option(revised, "--revised")
    number = final_number(final, next_final, [rev, eff])
    for line in retire(code, effective=eff, revised=rev, final=number, replaced_by=replaced_by,
                       policy=load_policy()):
        typer.echo(line)
    return EXIT_OK


@app.command("rename-code")
def rename_code_command(
    old: str = typer.Argument(..., help="The class's current code."),
    new: str = typer.Argument(..., help="Its new code."),
) -> int:
    """Move a class to a new code: specs/NEW.json records "formerly OLD", and specs whose
    retirement names OLD as the replacement now name NEW. Commit to keep the history (git
    follows the rename). Example: specdiff rename-code 5258MP 5260MP
    """
    from specdiff.commands.lifecycle_cmd import rename_code

    for line in rename_code(old, new):
        typer.echo(line)
    return EXIT_OK


@app.command("refs")
def refs_command(code: str = typer.Argument(..., help="The class whose references to list.")) -> int:
    """Which specs refer to a class: by its title in their text ("interpreted at the level of
    ..."), or as the replacement of a retired class. Shows the reach of a retirement or a
    title change. Example: specdiff refs 5257MP
    """
    from specdiff.commands.refs_cmd import refs_lines

    lines = refs_lines(code)
    for line in lines:
        typer.echo(line)
    echo_err(f"{len(lines)} reference(s) to {code}")
    return EXIT_OK

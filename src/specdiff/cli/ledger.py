"""`specdiff ledger` (the register of effective-date records) and `specdiff due` (reviews due)."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import error, note, out
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS
from specdiff.render.tables import DUE, LEDGER, rendered
from specdiff.workspace import Workspace


def _readable(ws: Workspace) -> tuple[list[dict[str, object]], int]:
    """(specs that load, how many did not): each one that did not is said on stderr, never skipped."""
    specs, bad = [], 0
    for loaded in ws.load_all():
        if loaded.spec is None:
            error(f"{loaded.problem}; its records are left out")
            bad += 1
        else:
            specs.append(loaded.spec)
    return specs, bad


@app.command("ledger")
def ledger_command(
    since: str | None = typer.Option(None, "--since", metavar="DATE",
                                     help="Only records effective on or after this date (MM/DD/YYYY)."),
    fmt: str = format_option(LEDGER, "table"),
    by_final: bool = typer.Option(False, "--by-final", help="Group the records by Final No. (approval batch)."),
) -> int:
    """The register of effective-date records across all specs of the specs folder.

    One row per record: class, the title and salary group in force under it, effective date,
    REV, Final No., reasons, approvals (ROLE: NAME MM/DD/YYYY) and flags: baselined (came with
    the document the class was imported from), inferred (known only from a later clause),
    retired, reviewed. A baselined class without records has one baselined row (effective
    from its EST). Oldest first. A spec that cannot be read is named on stderr and the exit
    is 1 (its records are missing from the register).
    Example: specdiff ledger --since 01/01/2022 --format csv > ledger.csv
    """
    from specdiff.control.register import ledger
    from specdiff.dates import parse_option_date
    from specdiff.render.register import LedgerView
    from specdiff.workspace import opened

    day = parse_option_date(since, "--since")
    with opened() as ws:
        specs, bad = _readable(ws)
    out(rendered(LEDGER, fmt, LedgerView(tuple(ledger(specs, day)), by_final)), fmt)
    return EXIT_PROBLEMS if bad else EXIT_OK


@app.command("due")
def due_command(
    years: int | None = typer.Option(None, "--years", min=1, metavar="N",
                                     help="The review cycle (default: the policy's, 5)."),
    as_of: str | None = typer.Option(None, "--as-of", metavar="DATE", help="The date to judge by (default: today)."),
    fmt: str = format_option(DUE, "text"),
) -> int:
    """Classes whose last review or revision is older than the review cycle, oldest first.

    C.G.S. \u00a7 5-200a: every class is evaluated at least every five years. A spec that cannot
    be read is named on stderr and the exit is 1.
    Example: specdiff due --as-of 01/01/2028
    """
    import datetime as dt

    from specdiff.control.register import due
    from specdiff.dates import parse_option_date
    from specdiff.workspace import opened

    day = parse_option_date(as_of, "--as-of")
    when = dt.date.fromisoformat(day) if day else dt.date.today()
    with opened() as ws:
        specs, bad = _readable(ws)
        rows = due(specs, years or ws.policy.review_years, when)
    out(rendered(DUE, fmt, tuple(rows)), fmt)
    if not rows:
        note(f"no class is due for review on {when.isoformat()} ({len(specs)} class(es) checked)")
    return EXIT_PROBLEMS if bad else EXIT_OK

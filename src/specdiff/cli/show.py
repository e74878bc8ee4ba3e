"""`specdiff show CLASS --as-of DATE`: the spec as it was in force on a date."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import note, out
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS
from specdiff.render.tables import SHOW, rendered


@app.command("show")
def show_command(
    target: str = typer.Argument(..., metavar="CLASS", help="A class code or a spec path."),
    as_of: str = typer.Option(..., "--as-of", metavar="DATE", help="The date, MM/DD/YYYY (or YYYY-MM-DD)."),
    fmt: str = format_option(SHOW, "text"),
) -> int:
    """The spec as it was in force on a date: the newest committed revision whose current
    effective-date record took effect on or before it. When no committed text can be shown (before
    the class existed, after it was retired, or a revision older than the repository's history, told
    from the spec's own records), the answer is one line and the exit is 1.
    Example: specdiff show 5258MP --as-of 03/01/2021
    """
    from specdiff.dates import parse_option_date
    from specdiff.history import in_force
    from specdiff.workspace import opened

    day = parse_option_date(as_of, "--as-of") or ""
    with opened() as ws:
        ws.require_root("show")
        found = in_force(ws, ws.repository(), target, day)
    if found.spec is None:
        out(rendered(SHOW, "json", found) if fmt == "json" else found.answer + "\n", fmt)
        return EXIT_PROBLEMS
    note(found.answer)
    out(rendered(SHOW, fmt, found), fmt)
    return EXIT_OK

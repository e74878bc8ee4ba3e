"""`specdiff log CLASS`: every commit that touched a class, with a one-line semantic summary."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import out
from specdiff.errors import EXIT_OK
from specdiff.render.tables import LOG, rendered


@app.command("log")
def log_command(
    target: str = typer.Argument(..., metavar="CLASS", help="A class code or a spec path."),
    fmt: str = format_option(LOG, "text"),
    reverse: bool = typer.Option(False, "--reverse", help="Oldest first (default: newest first, as git log)."),
) -> int:
    """The revision history of one class from Git, following renames.

    Each commit that touched the spec, with date, author, subject and a one-line semantic
    summary ("Examples of Duties: 1 added, 1 reworded; Acknowledgement added"). A committed
    revision that is not a valid spec stops the log with one line naming it (exit 2).
    Example: specdiff log 5258MP --reverse
    """
    from specdiff.history import history
    from specdiff.render.log import LogView
    from specdiff.workspace import opened

    with opened() as ws:
        ws.require_root("log")
        entries = history(ws, ws.repository(), target)
    if not reverse:
        entries.reverse()
    out(rendered(LOG, fmt, LogView(target, tuple(entries))), fmt)
    return EXIT_OK

"""`specdiff fmt`: rewrite specs in canonical form (or, with --check, say which are not)."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.hooks import run_fmt


@app.command("fmt")
def fmt_command(
    paths: list[Path] = typer.Argument(None, metavar="PATH",
                                       help="Spec files or folders (default: every spec in the specs folder)."),
    check: bool = typer.Option(False, "--check", help="Report files that are not canonical; change nothing."),
) -> int:
    """Rewrite specs in canonical form: schema key order, 2-space indent, UTF-8, final newline.

    Canonical files keep Git diffs of specs minimal. Prints each file it changed (or, with
    --check, would change). Exit 0 when nothing is (or was left) out of form, 1 when --check
    finds a file to reformat or a file cannot be parsed, 2 a path that does not exist.
    Example: specdiff fmt --check
    """
    return run_fmt(list(paths or []), check=check)

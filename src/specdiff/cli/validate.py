"""`specdiff validate`: check specs (schema, analyst rules, rules across specs), report every problem."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.hooks import run_validate


@app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(None, metavar="PATH",
                                       help="Spec files or folders (default: every spec in the specs folder)."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> int:
    """Check specs: schema, analyst rules, and rules across all the specs checked.

    Every file is checked before anything is reported. One line per problem:
    FILE:LINE:COL: /json/pointer: message. Rules: the file name is the class code; class
    codes are unique; pay min <= max and hourly x 80 ~ biweekly, biweekly x 26.1 ~ yearly;
    records oldest first and none before EST; Final No. is YY-NNN; a bargaining unit, EEO
    or occupational group code has one name everywhere; no duplicate JSON keys. Warnings
    (no salary group, no record, old-style Final No.) fail only with --strict.
    Spec files of the specs folder named on their own (what the pre-commit hook passes) are
    checked fully, and against the facts of every other spec for the rules across specs: the
    facts are cached by git blob id in .git/specdiff/, so one file costs about the same in a
    catalog of 20,000 specs as in one of 20. No path, a folder, or the schema file
    (schema/*.json) checks every spec, as CI does.
    Exit 0 clean, 1 problems, 2 a path that does not exist or no spec where it looked.
    Example: specdiff validate specs/
    """
    return run_validate(list(paths or []), strict=strict)

"""Commands on spec documents: import, render, validate, fmt, show, new, edit."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from specdiff.cli import app, echo_err
from specdiff.cli.options import Format, ShowFormat
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS
from specdiff.specfile import SPECS_DIR



@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="Documents to import (plain text, UTF-8).", show_default=False),
    out_dir: Path = typer.Option(SPECS_DIR, "--out-dir", "-o", help="Where to write <CLASS_CODE>.json."),
    force: bool = typer.Option(False, "--force", help="Overwrite specs that already exist."),
    class_code: str | None = typer.Option(None, "--class-code", help="Class code, when the document has none."),
    title: str | None = typer.Option(None, "--title", help="Class title, when the document has none."),
) -> int:
    """Turn class specification documents into spec JSON files.

    Reads the bare layout, the headed layout (title, (CODE), pay ranges), recruitment
    postings (posting-only text is reported and left out) and old colon-headed pages.
    Nothing is written unless every file imports cleanly; existing specs are kept
    unless --force. Example: specdiff import tests/data/seeds/001_5258MP_headed.txt
    """
    from specdiff.commands.import_cmd import notes_for, plan_imports, write_imports

    planned = plan_imports(files, out_dir, force=force, class_code=class_code, title=title)
    for line in notes_for(planned):
        echo_err(line)
    write_imports(planned, out_dir, typer.echo)
    return EXIT_OK


@app.command("render")
def render_command(
    spec: str = typer.Argument(..., help="A spec file, or a class code found as specs/<CODE>.json."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", help="Write to this file instead of stdout."),
) -> int:
    """Print a spec as the official document (text, Markdown or HTML).

    Example: specdiff render 5258MP --format html --output 5258MP.html
    """
    from specdiff.commands.render_cmd import render_file

    text = render_file(spec, fmt.value)
    if output is None:
        sys.stdout.write(text)
    else:
        from specdiff.specfile import write_atomic

        write_atomic(output, text)
        typer.echo(f"wrote {output}")
    return EXIT_OK


@app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: every spec in specs/)."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> int:
    """Check specs: schema, analyst rules, and rules across all the specs checked.

    Every file is checked before anything is reported. One line per problem:
    FILE:LINE:COL: /json/pointer: message. Rules: the file name is the class code; class
    codes are unique; pay min <= max and hourly x 80 ~ biweekly, biweekly x 26.1 ~ yearly;
    records oldest first and none before EST; Final No. is YY-NNN; a bargaining unit, EEO
    or occupational group code has one name everywhere; no duplicate JSON keys. Warnings
    (no salary group, no record, old-style Final No.) fail only with --strict.
    Exit 0 clean, 1 problems, 2 a path that does not exist. Example: specdiff validate specs/
    """
    from specdiff.commands.validate_cmd import run_validate

    return run_validate(list(paths or []), strict=strict)


@app.command("fmt")
def fmt_command(
    paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: every spec in specs/)."),
    check: bool = typer.Option(False, "--check", help="Report files that are not canonical; change nothing."),
) -> int:
    """Rewrite specs in canonical form: schema key order, 2-space indent, UTF-8, final newline.

    Canonical files keep Git diffs of specs minimal. Prints each file it changed (or, with
    --check, would change). Exit 0 when nothing is (or was left) out of form, 1 when --check
    finds a file to reformat or a file cannot be parsed, 2 a path that does not exist.
    Example: specdiff fmt --check
    """
    from specdiff.commands.fmt_cmd import run_fmt

    return run_fmt(list(paths or []), check=check)


@app.command("show")
def show_command(
    target: str = typer.Argument(..., help="A class code (specs/<CODE>.json) or a spec path."),
    as_of: str = typer.Option(..., "--as-of", help="The date, MM/DD/YYYY."),
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="Output format."),
) -> int:
    """The spec as it was in force on a date: the newest committed revision whose current
    effective-date record took effect on or before it. A date before the class existed, or
    after it was retired, is answered in one line (exit 1).
    Example: specdiff show 5258MP --as-of 03/01/2021
    """
    from specdiff.commands.asof_cmd import in_force
    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.git import open_repository
    from specdiff.render import render
    from specdiff.textutil import json_dumps

    day = parse_date_option(as_of, "--as-of") or ""
    with open_repository() as repo:
        found = in_force(repo, target, day)
    if found.spec is None:
        typer.echo(found.answer)
        return EXIT_PROBLEMS
    echo_err(found.answer)
    if fmt == ShowFormat.json:
        sys.stdout.write(json_dumps({"version": 1, "class_code": found.class_code, "as_of": day,
                                     "commit": found.commit, "effective": found.effective, "spec": found.spec}) + "\n")
    else:
        sys.stdout.write(render(found.spec, fmt.value))
    return EXIT_OK


@app.command("new")
def new_command(
    code: str = typer.Argument(..., help="The new class code."),
    title: str = typer.Option(..., "--title", help="The class title."),
    like: str | None = typer.Option(None, "--like", help="Start from a copy of this class (its records dropped)."),
) -> int:
    """Create a new spec: a valid skeleton with the jurisdiction's standard sections (the
    Acknowledgement), or a copy of another class to adapt. Never overwrites.
    Example: specdiff new 7001MP --title "Labor Relations Deputy Chief" --like 5681MP
    """
    from specdiff.commands.author_cmd import new_spec
    from specdiff.control.policy import load_policy

    for line in new_spec(code, title, like, load_policy()):
        typer.echo(line)
    return EXIT_OK


@app.command("edit")
def edit_command(
    code: str = typer.Argument(..., help="The class to edit."),
    from_file: Path | None = typer.Option(None, "--from", help="Resume an edit kept from an earlier attempt."),
) -> int:
    """Edit a spec as its document: opens the rendered text in $VISUAL or $EDITOR, and on save
    imports it back, validates it, shows the semantic diff and writes the spec only if it is
    valid. An invalid edit is kept in a file (the command says where), so no typing is lost.
    Example: EDITOR=nano specdiff edit 5258MP
    """
    from specdiff.commands.author_cmd import edit

    lines, code_ = edit(code, from_file)
    for line in lines:
        (typer.echo if code_ == 0 else echo_err)(line)
    return code_

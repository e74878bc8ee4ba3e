"""`specdiff edit`: edit a spec as its document in $VISUAL/$EDITOR; nothing typed is ever lost."""
from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import typer

from specdiff.cli import app
from specdiff.cli.output import error, line, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, SpecdiffError, UsageError
from specdiff.workspace import Workspace


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("set $VISUAL or $EDITOR to the editor to use (e.g. export EDITOR=nano)")
    return shlex.split(command)


def _keep(workfile: Path, code: str, why: str) -> int:
    error(why)
    note(f"your edit is kept in {workfile}; fix it, then run: specdiff edit {code} --from {workfile}")
    return EXIT_PROBLEMS


def _workfile(original: dict[str, Any], code: str, from_file: Path | None) -> Path:
    from specdiff.render import render
    from specdiff.store import write_atomic

    if from_file is not None:
        return from_file
    fd, name = tempfile.mkstemp(prefix=f"specdiff-edit-{code}-", suffix=".txt")
    os.close(fd)
    write_atomic(Path(name), render(original, "text"))
    return Path(name)


def _problems(ws: Workspace, label: str, spec: dict[str, Any]) -> list[str]:
    from specdiff.rules import check_spec
    from specdiff.validator import validate_spec

    return [f"{p.pointer}: {p.message}" for p in validate_spec(spec)] or [
        f"{p.pointer}: {p.message}" for p in check_spec(label, spec) if p.severity == "error"]


def edit(ws: Workspace, code: str, from_file: Path | None) -> int:
    """Open the rendered spec in the editor; import, validate and write it back only if valid."""
    from specdiff.control.authoring import merged
    from specdiff.diff import diff_specs
    from specdiff.diff.model import DiffReport, SpecChange
    from specdiff.importer import import_text
    from specdiff.load import read_text
    from specdiff.render.diff_text import render_text

    file = ws.target_file(code)
    label = ws.label(file)
    original = ws.load_file(file).require()
    command = _editor()
    workfile = _workfile(original, code, from_file)
    before = read_text(workfile)
    try:
        finished = subprocess.run([*command, str(workfile)])
    except OSError as failure:
        return _keep(workfile, code, f"cannot run the editor {command[0]!r} ({failure.strerror}); check $VISUAL / "
                                     "$EDITOR; nothing was written")
    if finished.returncode != 0:
        return _keep(workfile, code, f"the editor exited with status {finished.returncode}; nothing was written")
    text = read_text(workfile)
    if text == before and from_file is None:
        workfile.unlink()
        line(f"no change to {label}")
        return EXIT_OK
    try:
        result = import_text(text, source=str(workfile), class_code=code)
    except SpecdiffError as failure:
        return _keep(workfile, code, str(failure))
    spec = merged(original, result.spec)
    problems = _problems(ws, label, spec)
    if problems:
        return _keep(workfile, code, f"the edit is not a valid spec: {problems[0]} ({len(problems)} problem(s))")
    change = SpecChange(code, str(spec["title"]), "modified", label, label, tuple(diff_specs(original, spec)))
    for warning in result.warnings:
        line(f"warning: {warning}")
    if change.changes:
        typer.echo(render_text(DiffReport("before", "your edit", (change,))), nl=False)
    ws.write_spec(file, spec)
    workfile.unlink(missing_ok=True)
    line(f"wrote {label}" if change.changes else f"no semantic change; wrote {label}")
    return EXIT_OK


@app.command("edit")
def edit_command(
    code: str = typer.Argument(..., metavar="CLASS", help="The class to edit."),
    from_file: Path | None = typer.Option(None, "--from", metavar="FILE",
                                          help="Resume an edit kept from an earlier attempt."),
) -> int:
    """Edit a spec as its document: opens the rendered text in $VISUAL or $EDITOR, and on save
    imports it back, validates it, shows the semantic diff and writes the spec only if it is
    valid. An invalid edit is kept in a file (the command says where), so no typing is lost.
    Example: EDITOR=nano specdiff edit 5258MP
    """
    from specdiff.workspace import opened

    with opened() as ws:
        return edit(ws, code, from_file)

"""`specdiff edit`: edit a spec as its document in $VISUAL/$EDITOR; nothing typed is ever lost."""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from specdiff.cli import app
from specdiff.cli.output import error, line, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, SpecdiffError, UsageError
from specdiff.textutil import single_line
from specdiff.workspace import Workspace

if TYPE_CHECKING:
    from specdiff.diff.model import SpecChange
    from specdiff.importer import ImportResult


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("set $VISUAL or $EDITOR to the editor to use (e.g. export EDITOR=nano)")
    return shlex.split(command)


RESUME = "fix it, then run"
WRITE_ANYWAY = "to write it, run"


def _keep(workfile: Path, code: str, why: str, how: str = RESUME, flags: str = "") -> int:
    """Nothing written: say why, and where the typing is kept and how to go on from it (exit 1)."""
    error(why)
    _kept(workfile, code, how, flags)
    return EXIT_PROBLEMS


def _kept(workfile: Path, code: str, how: str, flags: str = "") -> None:
    note(f"your edit is kept in {workfile}; {how}: specdiff edit {code} --from {workfile}{flags}")


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


def _run_editor(command: list[str], workfile: Path, code: str) -> int | None:
    """Run the editor on the work file: None when it saved, else the exit code (the edit kept)."""
    try:
        finished = subprocess.run([*command, str(workfile)])
    except OSError as failure:
        return _keep(workfile, code, f"cannot run the editor {command[0]!r} ({failure.strerror}); check $VISUAL / "
                                     "$EDITOR; nothing was written")
    if finished.returncode != 0:
        return _keep(workfile, code, f"the editor exited with status {finished.returncode}; nothing was written")
    return None


def _read_edit(text: str, workfile: Path, code: str) -> ImportResult:
    """The typed text as an ImportResult: bullets and wrapped lines read as meant (control/edit_text.py)."""
    from specdiff.control.edit_text import as_rendered
    from specdiff.importer import import_text

    return import_text(as_rendered(text), source=str(workfile), class_code=code)


def _ask(question: str) -> bool:
    """Ask on the terminal; only y or yes (any case) is a yes, end of input is a no."""
    sys.stderr.write(f"{single_line(question)} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().lower() in ("y", "yes")


def _confirmed(label: str, reasons: tuple[str, ...], workfile: Path, code: str) -> bool:
    """A structural change is written only when the user says yes on the terminal (or passed --yes)."""
    changed = f"{label}: the structure changed ({'; '.join(reasons)})"
    if sys.stdin is None or not sys.stdin.isatty():
        _keep(workfile, code, f"{changed}; nothing was written; check the diff above, then rerun with --yes "
                              "to write it", WRITE_ANYWAY, " --yes")
        return False
    note(f"{changed}; check the diff above")
    try:
        if _ask(f"Write {label}?"):
            return True
    except KeyboardInterrupt:
        _kept(workfile, code, WRITE_ANYWAY, " --yes")
        raise
    note(f"nothing was written to {label}")
    _kept(workfile, code, WRITE_ANYWAY, " --yes")
    return False


def _show(change: SpecChange, warnings: tuple[str, ...]) -> None:
    """The importer's warnings, then the semantic diff of the edit (nothing when nothing changed)."""
    from specdiff.diff.model import DiffReport
    from specdiff.render.diff_text import render_text

    for warning in warnings:
        line(f"warning: {warning}")
    if change.changes:
        typer.echo(render_text(DiffReport("before", "your edit", (change,))), nl=False)


def edit(ws: Workspace, code: str, from_file: Path | None, yes: bool = False) -> int:
    """Open the rendered spec in the editor; import, validate and write it back only if valid, and after
    asking (unless `yes`) when its structure changed."""
    from specdiff.control.authoring import merged, structural
    from specdiff.diff import diff_specs
    from specdiff.diff.model import SpecChange
    from specdiff.load import read_text

    file = ws.target_file(code)
    label = ws.label(file)
    original = ws.load_file(file).require()
    command = _editor()
    workfile = _workfile(original, code, from_file)
    before = read_text(workfile)
    failed = _run_editor(command, workfile, code)
    if failed is not None:
        return failed
    text = read_text(workfile)
    if text == before and from_file is None:
        workfile.unlink()
        line(f"no change to {label}")
        return EXIT_OK
    try:
        result = _read_edit(text, workfile, code)
    except SpecdiffError as failure:
        return _keep(workfile, code, str(failure))
    spec = merged(original, result.spec)
    problems = _problems(ws, label, spec)
    if problems:
        return _keep(workfile, code, f"the edit is not a valid spec: {problems[0]} ({len(problems)} problem(s))")
    change = SpecChange(code, str(spec["title"]), "modified", label, label, tuple(diff_specs(original, spec)))
    _show(change, result.warnings)
    reasons = structural(change.changes, original, spec)
    if reasons and not yes and not _confirmed(label, reasons, workfile, code):
        return EXIT_PROBLEMS
    ws.write_spec(file, spec)
    workfile.unlink(missing_ok=True)
    line(f"wrote {label}" if change.changes else f"no semantic change; wrote {label}")
    return EXIT_OK


@app.command("edit")
def edit_command(
    code: str = typer.Argument(..., metavar="CLASS", help="The class to edit."),
    from_file: Path | None = typer.Option(None, "--from", metavar="FILE",
                                          help="Resume an edit kept from an earlier attempt."),
    yes: bool = typer.Option(False, "--yes", "-y",
                             help="Write a change of structure (nesting, groups, moves, sections) without "
                                  "asking (for scripts)."),
) -> int:
    """Edit a spec as its document: opens the rendered text in $VISUAL or $EDITOR, and on save
    imports it back, validates it, shows the semantic diff and writes the spec only if it is
    valid. Bullets (-, * or the printed one) are read as typed: at the column of their siblings
    a sibling, indented further a sub-item; a plain line right under an item continues it. When the structure changed
    (nesting, groups, moved items, sections), it asks before writing; --yes writes without asking.
    An edit not written is kept in a file (the command says where), so no typing is lost.
    Example: EDITOR=nano specdiff edit 5258MP
    """
    from specdiff.workspace import opened

    with opened() as ws:
        return edit(ws, code, from_file, yes)

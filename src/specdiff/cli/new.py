"""`specdiff new`: a new spec, as a skeleton or a copy of another class; never overwrites."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.output import line
from specdiff.errors import EXIT_OK, UsageError


@app.command("new")
def new_command(
    code: str = typer.Argument(..., metavar="CODE", help="The new class code."),
    title: str = typer.Option(..., "--title", metavar="TITLE", help="The class title."),
    like: str | None = typer.Option(None, "--like", metavar="CLASS",
                                    help="Start from a copy of this class (its records dropped)."),
) -> int:
    """Create a new spec: a valid skeleton with the jurisdiction's standard sections (the
    Acknowledgement), or a copy of another class to adapt. Never overwrites.
    Example: specdiff new 7001MP --title "Labor Relations Deputy Chief" --like 5681MP
    """
    from specdiff.control.authoring import copy_of, skeleton
    from specdiff.store import schema_ref
    from specdiff.workspace import is_class_code, opened

    if not is_class_code(code):
        raise UsageError(f"{code!r} is not a class code (letters and digits, such as 7001MP)")
    with opened() as ws:
        ws.require_root("new")
        target = ws.spec_file(code)
        if target.exists() or target.is_symlink():
            raise UsageError(f"{ws.label(target)} already exists; choose another code, or edit it with "
                             f"`specdiff edit {code}`")
        spec = copy_of(ws.load_class(like).require(), code, title) if like else skeleton(code, title, ws.policy)
        label = ws.write_spec(target, {"$schema": schema_ref(ws.specs_dir), **spec})
    source = f"a copy of {like}" if like else "a skeleton: replace each 'TO BE WRITTEN'"
    line(f"wrote {label} ({source}); then `specdiff edit {code}`, and `specdiff draft {code}` before committing")
    return EXIT_OK

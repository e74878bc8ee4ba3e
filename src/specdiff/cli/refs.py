"""`specdiff refs CLASS`: which specs refer to a class (by title in their text, or as a replacement)."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.output import error, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS


@app.command("refs")
def refs_command(code: str = typer.Argument(..., metavar="CLASS", help="The class whose references to list.")) -> int:
    """Which specs refer to a class: by its title in their text ("interpreted at the level of
    ..."), or as the replacement of a retired class. Shows the reach of a retirement or a
    title change. A spec that cannot be read is named (exit 1). Example: specdiff refs 5257MP
    """
    from specdiff.references import references_to
    from specdiff.textutil import single_line
    from specdiff.workspace import opened

    with opened() as ws:
        target = ws.load_class(code)
        title = str(target.require()["title"])
        loaded = ws.load_all()
    for bad in (item for item in loaded if item.problem is not None):
        error(f"{bad.problem}; not searched")
    specs = [(item.label, item.spec) for item in loaded if item.spec is not None and item.label != target.label]
    found = [single_line(line) for line in references_to(code, title, specs)]
    for line in found:
        typer.echo(line)
    note(f"{len(found)} reference(s) to {code}")
    return EXIT_PROBLEMS if any(item.problem for item in loaded) else EXIT_OK

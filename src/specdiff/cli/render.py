"""`specdiff render`: a spec -> the official document."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import line, out
from specdiff.errors import EXIT_OK
from specdiff.render import RENDERERS


@app.command("render")
def render_command(
    spec: str = typer.Argument(..., metavar="SPEC",
                               help="A spec file, or a class code (its file in the specs folder)."),
    fmt: str = format_option(RENDERERS, "text"),
    output: Path | None = typer.Option(None, "--output", metavar="FILE", help="Write to this file instead of stdout."),
) -> int:
    """Print a spec as the official document (text, Markdown or HTML).

    A spec that does not load or does not match the schema is refused with its first problem
    (exit 2); `specdiff validate` shows every problem, the analyst's rules included.
    Example: specdiff render 5258MP --format html --output 5258MP.html
    """
    from specdiff.render import render
    from specdiff.store import write_atomic
    from specdiff.workspace import opened

    with opened() as ws:
        text = render(ws.load_class(spec).require(), fmt)
    if output is None:
        out(text)
    else:
        write_atomic(output, text)
        line(f"wrote {output}")
    return EXIT_OK

"""`specdiff render`: a spec -> the official document."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import line, out, write_binary
from specdiff.errors import EXIT_OK
from specdiff.render import RENDERERS
from specdiff.render.tables import DOCUMENT_BINARY


@app.command("render")
def render_command(
    spec: str = typer.Argument(..., metavar="SPEC",
                               help="A spec file, or a class code (its file in the specs folder)."),
    fmt: str = format_option({**RENDERERS, **DOCUMENT_BINARY}, "text"),
    output: Path | None = typer.Option(None, "--output", metavar="FILE", help="Write to this file instead of stdout."),
) -> int:
    """Print a spec as the official document (text, Markdown, HTML, Word or PDF).

    A spec that does not load or does not match the schema is refused with its first problem
    (exit 2); `specdiff validate` shows every problem, the analyst's rules included.
    Word (docx) and PDF are binary files: written with --output, refused on a terminal without it (exit 2).
    Example: specdiff render 5258MP --format html --output 5258MP.html
    """
    from specdiff.render import render
    from specdiff.store import write_atomic
    from specdiff.workspace import opened

    with opened() as ws:
        loaded = ws.load_class(spec).require()
    if fmt in DOCUMENT_BINARY:
        return _binary(loaded, fmt, output)
    text = render(loaded, fmt)
    if output is None:
        out(text)
    else:
        write_atomic(output, text)
        line(f"wrote {output}")
    return EXIT_OK


def _binary(spec: dict[str, Any], fmt: str, output: Path | None) -> int:
    """A binary document (docx) written to --output, or to stdout when it is not a terminal."""
    from specdiff.render.tables import rendered_bytes

    if write_binary(rendered_bytes(DOCUMENT_BINARY, fmt, spec), output, fmt):
        line(f"wrote {output}")
    return EXIT_OK

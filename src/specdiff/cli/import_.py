"""`specdiff import`: documents (text) -> spec JSON files, all or nothing."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.cli.output import line, note
from specdiff.errors import EXIT_OK


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="Documents to import (plain text, UTF-8).", metavar="FILE",
                                       show_default=False),
    out_dir: Path | None = typer.Option(None, "--out-dir", "-o", metavar="DIR",
                                        help="Where to write <CLASS_CODE>.json (default: the repository's specs "
                                             "folder, or ./specs outside a repository)."),
    force: bool = typer.Option(False, "--force", help="Overwrite specs that already exist."),
    class_code: str | None = typer.Option(None, "--class-code", metavar="CODE",
                                          help="Class code, when the document has none."),
    title: str | None = typer.Option(None, "--title", metavar="TITLE", help="Class title, when the document has none."),
) -> int:
    """Turn class specification documents into spec JSON files.

    Reads the bare layout, the headed layout (title, (CODE), pay ranges), recruitment
    postings (posting-only text is reported and left out) and old colon-headed pages.
    Nothing is written unless every file imports cleanly; existing specs are kept
    unless --force. Example: specdiff import tests/data/seeds/001_5258MP_headed.txt
    """
    from specdiff.importer.batch import notes_for, plan_imports
    from specdiff.store import schema_ref, write_spec
    from specdiff.workspace import opened

    with opened() as ws:
        target = out_dir if out_dir is not None else ws.specs_dir
        planned = plan_imports(files, target, force=force, class_code=class_code, title=title)
        for warning in notes_for(planned):
            note(warning)
        ref = schema_ref(target)
        for item in planned:
            write_spec(item.target, {"$schema": ref, **item.result.spec})
            line(f"wrote {item.target if out_dir is not None else ws.label(item.target)} (from {item.source})")
    return EXIT_OK

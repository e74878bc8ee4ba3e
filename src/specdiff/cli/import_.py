"""`specdiff import`: documents (text) -> spec JSON files, all or nothing."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from specdiff.cli import app
from specdiff.cli.output import line, note
from specdiff.errors import EXIT_OK, ManyErrors, SpecdiffError, UsageError

if TYPE_CHECKING:
    from specdiff.importer.batch import Planned
    from specdiff.importer.merge import Merged
    from specdiff.workspace import Workspace


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="Documents to import (plain text, Word .docx, HTML or PDF; the "
                                                 "format is read from the content), or folders of them (a "
                                                 "migration: see --report).", metavar="FILE_OR_DIR",
                                       show_default=False),
    out_dir: Path | None = typer.Option(None, "--out-dir", "-o", metavar="DIR",
                                        help="Where to write <CLASS_CODE>.json (default: the repository's specs "
                                             "folder, or ./specs outside a repository)."),
    force: bool = typer.Option(False, "--force", help="Overwrite specs that already exist."),
    update: bool = typer.Option(False, "--update",
                                help="Merge each document into the existing spec of its class: its sections "
                                     "replace the spec's, the record history is kept and extended (an older "
                                     "revision than the spec's is refused)."),
    class_code: str | None = typer.Option(None, "--class-code", metavar="CODE",
                                          help="Class code, when the document has none."),
    title: str | None = typer.Option(None, "--title", metavar="TITLE", help="Class title, when the document has none."),
    report: Path | None = typer.Option(None, "--report", metavar="FILE",
                                       help="Migration: import what can be imported, refuse the rest (one line "
                                            "each) and write a report per document to FILE (CSV; JSON when FILE "
                                            "ends in .json). A folder among the documents also means migration."),
) -> int:
    """Turn class specification documents into spec JSON files.

    Reads plain text, Word (.docx), HTML and PDF (with a text layer), told apart by their
    content. Layouts: the bare layout, the headed layout (title, (CODE), pay ranges),
    recruitment postings (posting-only text is reported and left out), dashed JobAps
    pages, pages whose headings were stripped (sections inferred, and listed in the
    spec's inferred_sections), old DAS pages (also as pipe tables) and other states'
    headings of the same meaning.
    Nothing is written unless every file imports cleanly; existing specs are kept
    unless --force; --update merges a newer revision into them, keeping their records.
    A folder (its files, recursively) or --report imports each document on its own: exit 1
    when some were refused, the others are written.
    Example: specdiff import tests/data/seeds/001_5258MP_headed.txt
    Example: specdiff import scans/ --report migration.csv
    """
    from specdiff.cli.import_migration import migrate
    from specdiff.importer.batch import notes_for, plan_imports
    from specdiff.importer.migration import is_migration
    from specdiff.store import schema_ref, write_spec
    from specdiff.workspace import opened

    if update and force:
        raise UsageError("--update and --force do not go together: --update merges each document into the "
                         "existing spec, --force replaces it; pass one of them")
    with opened() as ws:
        target = out_dir if out_dir is not None else ws.specs_dir
        if is_migration(files, report):
            return migrate(ws, files, target, out_dir, report, force=force, update=update, one=(class_code, title))
        planned = plan_imports(files, target, force=force or update, class_code=class_code, title=title)
        for warning in notes_for(planned):
            note(warning)
        if update:
            _update(ws, planned, out_dir)
            return EXIT_OK
        ref = schema_ref(target)
        for item in planned:
            write_spec(item.target, {"$schema": ref, **item.result.spec})
            line(f"wrote {_label(ws, item.target, out_dir)} (from {item.source})")
    return EXIT_OK


def _label(ws: Workspace, file: Path, out_dir: Path | None) -> str:
    """How output names a written spec: as given under --out-dir, else repository-relative."""
    return str(file) if out_dir is not None else ws.label(file)


def _update(ws: Workspace, planned: list[Planned], out_dir: Path | None) -> None:
    """Merge every document into its class's spec, all or nothing: every merge is made and checked
    before the first write; then each spec that changes is written and every file is reported."""
    from specdiff.importer.merge import merge_spec
    from specdiff.store import check_writable, write_spec

    merges: list[tuple[Planned, str, Merged]] = []
    errors: list[SpecdiffError] = []
    for item in planned:
        label = _label(ws, item.target, out_dir)
        try:
            merged = merge_spec(_existing(ws, item, label), item.result.spec, source=str(item.source), target=label)
            check_writable(merged.spec, label)
            merges.append((item, label, merged))
        except SpecdiffError as problem:
            errors.append(problem)
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    for item, label, merged in merges:
        if not merged.unchanged:
            write_spec(item.target, merged.spec, label)
        line(_describe(label, item.source, merged))


def _existing(ws: Workspace, item: Planned, label: str) -> dict[str, Any]:
    """The spec a document updates, through the one loading path; UsageError when the class has none."""
    if not (item.target.exists() or item.target.is_symlink()):
        raise UsageError(f"no spec for {item.result.spec['class_code']}; import it without --update "
                         f"(looked for {label})", path=str(item.source))
    return ws.load_file(item.target).require()


def _describe(label: str, source: Path, merged: Merged) -> str:
    """One line per document: what the update did to the spec, or that it had nothing to do."""
    parts = [f"same revision ({merged.spec['records'][-1]['effective']})"] if merged.same_revision else []
    for dates, what in ((merged.added, "added"), (merged.made_real, "made real (was inferred)"),
                        (merged.updated, "updated")):
        if dates:
            parts.append(f"{_count(len(dates), 'record')} {what} ({', '.join(dates)})")
    parts.append("sections replaced" if merged.text_changed else "sections unchanged")
    return f"{'unchanged' if merged.unchanged else 'updated'} {label} (from {source}): {', '.join(parts)}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

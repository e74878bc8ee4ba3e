"""`specdiff import DIR... --report FILE`: a migration imports what it can, refuses the rest with a reason
per document, shows progress on a terminal and writes the migration report."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from specdiff.cli.output import line, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, SpecdiffError, UsageError, WriteError

if TYPE_CHECKING:
    from specdiff.importer.migration import Outcome
    from specdiff.workspace import Workspace


def migrate(ws: Workspace, files: list[Path], target: Path, out_dir: Path | None, report: Path | None, *,
            force: bool, update: bool, one: tuple[str | None, str | None]) -> int:
    """Import each document on its own, write the imported ones and the report; exit 1 if any was not."""
    from specdiff.importer.migration import IMPORTED, documents, settle

    if update:
        raise UsageError("--update merges documents one by one into their specs; it does not take a folder or "
                         "--report: name the documents instead")
    if report is not None:
        _check_report_place(report)
    found = documents(files, skip=report)
    if len(found.files) > 1 and any(one):
        raise UsageError("--class-code and --title apply to one document; import that file alone")
    for hidden in found.hidden:
        note(f"skipped hidden: {hidden}")
    settled = settle(_imported(found.files, target, one), force=force, label=lambda spec: _label(ws, spec, out_dir))
    outcomes = [_written(ws, outcome, out_dir) for outcome in settled]
    _tell(outcomes, with_warnings=report is None)
    if report is not None:
        _write_report(ws, outcomes, out_dir, report)
    _summary(outcomes, report)
    return EXIT_OK if all(outcome.result == IMPORTED for outcome in outcomes) else EXIT_PROBLEMS


def _check_report_place(report: Path) -> None:
    """UsageError before anything is imported when the report cannot be written where asked."""
    if report.is_dir():
        raise UsageError("is a folder; give a file name for the report (report.csv, or report.json for JSON)",
                         path=str(report))
    folder = report.parent
    if not folder.is_dir():
        raise UsageError(f"the folder {str(folder)!r} does not exist; create it or write the report elsewhere; "
                         "nothing was imported", path=str(report))
    if not os.access(folder, os.W_OK) or (report.exists() and not os.access(report, os.W_OK)):
        raise UsageError("cannot be written (no permission); write the report elsewhere; nothing was imported",
                         path=str(report))


def _imported(files: tuple[Path, ...], target: Path, one: tuple[str | None, str | None]) -> list[Outcome]:
    """Every document imported on its own, with a progress bar on stderr when it is a terminal."""
    import typer

    from specdiff.importer.migration import import_one
    from specdiff.render import render

    def work(source: Path) -> Outcome:
        return import_one(source, target, class_code=one[0], title=one[1], render=render)

    if not sys.stderr.isatty():
        return [work(source) for source in files]
    with typer.progressbar(files, label="importing", file=sys.stderr, show_pos=True, show_eta=False) as bar:
        return [work(source) for source in bar]


def _written(ws: Workspace, outcome: Outcome, out_dir: Path | None) -> Outcome:
    """An imported document's spec written (one line on stdout), or the outcome refused if it cannot be."""
    from specdiff.importer.migration import IMPORTED, refused
    from specdiff.store import schema_ref, write_spec

    if outcome.result != IMPORTED or outcome.planned is None:
        return outcome
    item = outcome.planned
    try:
        write_spec(item.target, {"$schema": schema_ref(item.target.parent), **item.result.spec})
    except SpecdiffError as error:
        return refused(outcome, error)
    line(f"wrote {_label(ws, item.target, out_dir)} (from {item.source})")
    return outcome


def _tell(outcomes: list[Outcome], *, with_warnings: bool) -> None:
    """One stderr line per document not imported (and per warning, when no report carries them)."""
    from specdiff.importer.migration import IMPORTED

    for outcome in outcomes:
        if outcome.result != IMPORTED:
            note(f"{outcome.result}: {outcome.source}: {outcome.reason}")
        elif with_warnings:
            for warning in outcome.notes:
                note(f"warning: {outcome.source}: {warning}")


def _write_report(ws: Workspace, outcomes: list[Outcome], out_dir: Path | None, report: Path) -> None:
    """The migration report, written atomically: CSV, or JSON for a .json file."""
    from specdiff.importer.migration import report_rows
    from specdiff.render.tables import MIGRATION, rendered
    from specdiff.store import write_atomic

    rows = report_rows(outcomes, lambda spec: _label(ws, spec, out_dir))
    text = rendered(MIGRATION, "json" if report.suffix.lower() == ".json" else "csv", rows)
    try:
        write_atomic(report, text)
    except WriteError as error:
        written = sum(1 for row in rows if row.spec)
        raise WriteError(f"{error.message}; the {written} spec(s) listed above were written, the report was not",
                         path=error.path) from None


def _label(ws: Workspace, file: Path, out_dir: Path | None) -> str:
    """How output names a written spec: as given under --out-dir, else repository-relative."""
    return str(file) if out_dir is not None else ws.label(file)


def _summary(outcomes: list[Outcome], report: Path | None) -> None:
    """The last stderr line: how many documents had each result, and where the report is."""
    from specdiff.importer.migration import RESULTS, totals

    counts = totals(outcomes)
    others = ", ".join(f"{counts[name]} {name}" for name in RESULTS[1:])
    warned = sum(1 for outcome in outcomes if outcome.notes)
    where = f"; report: {report}" if report is not None else ""
    note(f"imported {counts['imported']} of {counts['documents']} documents ({others}); "
         f"{warned} with warnings{where}")

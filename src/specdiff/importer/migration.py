"""Import for a migration: every document on its own, what can be imported is, the rest is refused
with a reason, and each file gets one row of the migration report.

The steps, each data only (the CLI drives them, shows progress and writes):
`documents` expands folders into files; `import_one` imports one file; `settle` refuses the
duplicates (two documents of one class: both, no winner picked) and the existing specs (without
--force); `report_rows` turns the outcomes into report rows.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from specdiff.errors import SpecdiffError, UsageError
from specdiff.importer.batch import Planned, baselined, source_text
from specdiff.importer.coverage import Coverage, word_coverage

IMPORTED, REFUSED, EXISTS, DUPLICATE = "imported", "refused", "exists", "duplicate"
RESULTS = (IMPORTED, REFUSED, EXISTS, DUPLICATE)


@dataclass(frozen=True)
class Found:
    """The documents to import, in order, and the hidden entries skipped in folders."""

    files: tuple[Path, ...]
    hidden: tuple[Path, ...]


@dataclass(frozen=True)
class Outcome:
    """What happened to one document: its result, why (unless imported), and the import itself."""

    source: Path
    result: str
    reason: str = ""
    planned: Planned | None = None
    coverage: Coverage | None = None

    @property
    def spec(self) -> dict[str, Any]:
        return self.planned.result.spec if self.planned else {}

    @property
    def notes(self) -> tuple[str, ...]:
        """The importer's warnings, then each part left out as posting text."""
        if self.planned is None:
            return ()
        left_out = tuple(f"left out lines {part.first_line}-{part.last_line}: posting text {part.heading!r} "
                         f"({part.words} words)" for part in self.planned.result.left_out)
        return self.planned.result.warnings + left_out


@dataclass(frozen=True)
class ReportRow:
    """One row of the migration report, every cell as text (CSV) or as its value (JSON)."""

    file: str
    class_code: str
    title: str
    result: str
    reason: str
    spec: str
    warnings: tuple[str, ...]
    inferred_sections: tuple[str, ...]
    word_coverage: float | None


def is_migration(paths: Iterable[Path], report: Path | None) -> bool:
    """Migration mode: a folder among the paths, or a report asked for."""
    return report is not None or any(path.is_dir() for path in paths)


def documents(paths: Iterable[Path], *, skip: Path | None = None) -> Found:
    """Files named as they are; folders expanded to their files, recursively, in sorted order, hidden
    files and folders skipped (and listed). `skip` (the report being written) is never a document."""
    files: list[Path] = []
    hidden: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        before = len(hidden)
        found = _walk(path, hidden)
        if not found:
            unseen = f" ({len(hidden) - before} hidden entries skipped)" if len(hidden) > before else ""
            raise UsageError(f"is a directory with no documents to import{unseen}; name a folder of documents or "
                             "the documents themselves", path=str(path))
        files.extend(found)
    skipped = skip.resolve() if skip is not None else None
    return Found(tuple(f for f in files if skipped is None or f.resolve() != skipped), tuple(hidden))


def _walk(folder: Path, hidden: list[Path]) -> list[Path]:
    """The regular files under folder, sorted by path; hidden entries go to `hidden` and are not entered."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder):
        base = Path(root)
        hidden.extend(base / name for name in sorted(dirs) if name.startswith("."))
        dirs[:] = sorted(name for name in dirs if not name.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                hidden.append(base / name)
            elif (base / name).is_file():
                found.append(base / name)
    return sorted(found, key=lambda path: path.parts)


def import_one(source: Path, out_dir: Path, *, class_code: str | None = None, title: str | None = None,
               render: Callable[[dict[str, Any]], str] | None = None) -> Outcome:
    """Import one document: `imported` with its planned spec and word coverage, or `refused` with why."""
    from specdiff.importer import import_text

    try:
        text = source_text(source)
        result = baselined(import_text(text, source=str(source), class_code=class_code, title=title))
        rendered = [render(result.spec)] if render is not None else []
    except SpecdiffError as error:
        return Outcome(source, REFUSED, _reason(error))
    planned = Planned(source, out_dir / f"{result.spec['class_code']}.json", result)
    left_out = [(part.first_line, part.last_line) for part in result.left_out]
    return Outcome(source, IMPORTED, planned=planned,
                   coverage=word_coverage(text, result.spec, left_out=left_out, rendered=rendered))


def _reason(error: SpecdiffError) -> str:
    """Why a document was refused, without its name (the report's file column has it): `line N: ...`."""
    where = f"line {error.where}" if error.where and error.where.replace(":", "").isdigit() else error.where
    return f"{where}: {error.message}" if where else error.message


def settle(outcomes: Iterable[Outcome], *, force: bool, label: Callable[[Path], str] = str) -> list[Outcome]:
    """Refuse every document whose class another document of the run also has (duplicate: none of them is
    written), then every one whose spec exists, unless force (exists); `label` names a spec file."""
    outcomes = list(outcomes)
    by_target: dict[Path, list[Path]] = {}
    for outcome in outcomes:
        if outcome.planned is not None:
            by_target.setdefault(outcome.planned.target, []).append(outcome.source)
    return [_settled(outcome, by_target, force, label) for outcome in outcomes]


def _settled(outcome: Outcome, by_target: dict[Path, list[Path]], force: bool,
             label: Callable[[Path], str]) -> Outcome:
    if outcome.planned is None:
        return outcome
    target, code = outcome.planned.target, outcome.spec["class_code"]
    others = [str(source) for source in by_target[target] if source != outcome.source]
    if others:
        return replace(outcome, result=DUPLICATE,
                       reason=f"class {code} is also in {', '.join(others)}; none of them was written: import the "
                              "right one on its own")
    if (target.exists() or target.is_symlink()) and not force:
        return replace(outcome, result=EXISTS, reason=f"{label(target)} already exists; pass --force to overwrite it")
    return outcome


def refused(outcome: Outcome, error: SpecdiffError) -> Outcome:
    """The outcome of a document whose spec could not be written after all."""
    return replace(outcome, result=REFUSED, reason=str(error))


def report_rows(outcomes: Iterable[Outcome], label: Callable[[Path], str]) -> tuple[ReportRow, ...]:
    """One report row per document, in the order imported; `label` names a written spec."""
    return tuple(_row(outcome, label) for outcome in outcomes)


def _row(outcome: Outcome, label: Callable[[Path], str]) -> ReportRow:
    spec = outcome.spec
    inferred = spec.get("inferred_sections") or ()
    written = outcome.planned.target if outcome.result == IMPORTED and outcome.planned is not None else None
    return ReportRow(
        file=str(outcome.source), class_code=str(spec.get("class_code", "")), title=str(spec.get("title", "")),
        result=outcome.result, reason=outcome.reason, spec=label(written) if written is not None else "",
        warnings=outcome.notes, inferred_sections=tuple(str(name) for name in inferred),
        word_coverage=round(outcome.coverage.ratio, 4) if outcome.coverage is not None else None)


def totals(outcomes: Iterable[Outcome]) -> dict[str, int]:
    """How many documents had each result (every result named, in RESULTS order), and how many in all."""
    counts = dict.fromkeys(RESULTS, 0)
    for outcome in outcomes:
        counts[outcome.result] += 1
    return {"documents": sum(counts.values()), **counts}

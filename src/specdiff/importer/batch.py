"""Import many documents at once, all or nothing: every file is read and checked, and every target
is checked, before anything is written."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from specdiff.errors import ManyErrors, SpecdiffError, UsageError, WriteError
from specdiff.importer import ImportResult, import_text
from specdiff.load import limit_from_environment, read_bytes


@dataclass(frozen=True)
class Planned:
    """One spec to write: where from, where to, and what the importer said."""

    source: Path
    target: Path
    result: ImportResult


def plan_imports(files: list[Path], out_dir: Path, *, force: bool, class_code: str | None,
                 title: str | None) -> list[Planned]:
    """Import every file and check every target; ManyErrors (every problem) if any fails."""
    if len(files) > 1 and (class_code or title):
        raise UsageError("--class-code and --title apply to one document; import the files one at a time")
    planned: list[Planned] = []
    errors: list[SpecdiffError] = []
    for source in files:
        try:
            result = baselined(import_text(source_text(source), source=str(source), class_code=class_code,
                                           title=title))
            planned.append(Planned(source, out_dir / f"{result.spec['class_code']}.json", result))
        except SpecdiffError as error:
            errors.append(error)
    errors.extend(_target_problems(planned, force))
    if errors:
        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return planned


def source_text(source: Path) -> str:
    """The text of a document file, as the importer reads it (the one reading path of import): text, .docx,
    HTML or PDF, detected from its bytes, read through the size limit."""
    from specdiff.importer.sources import document_text

    return document_text(read_bytes(source, str(source), limit=limit_from_environment()), str(source))


def baselined(result: ImportResult) -> ImportResult:
    """The imported spec marked as brought under change control from an existing document: its own records,
    possibly none, are its history (`baseline.through`: the newest record's effective date, if any)."""
    through = max((str(record["effective"]) for record in result.spec.get("records") or []), default=None)
    return replace(result, spec={**result.spec, "baseline": {"through": through} if through else {}})


def _target_problems(planned: list[Planned], force: bool) -> list[SpecdiffError]:
    problems: list[SpecdiffError] = []
    seen: dict[Path, Path] = {}
    for item in planned:
        if item.target in seen:
            problems.append(WriteError(f"{seen[item.target]} and {item.source} are both class "
                                       f"{item.result.spec['class_code']}; import one of them, or pass "
                                       "--class-code to one", path=str(item.target)))
        elif item.target.exists() and not force:
            problems.append(WriteError("already exists; pass --force to overwrite it", path=str(item.target)))
        seen.setdefault(item.target, item.source)
    return problems


def notes_for(planned: list[Planned]) -> list[str]:
    """Warnings and left-out text, one line each, for stderr."""
    lines: list[str] = []
    for item in planned:
        lines.extend(f"warning: {w}" for w in item.result.warnings)
        lines.extend(
            f"left out: {item.source}:{part.first_line}-{part.last_line}: posting text "
            f"{part.heading!r} ({part.words} words) is not part of the class specification"
            for part in item.result.left_out
        )
    return lines

"""Validate spec files: load, schema, analyst rules, cross-file rules; every file before reporting."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from specdiff.jsonpos import Positions
from specdiff.load import LoadedSpec
from specdiff.problems import ERROR, WARNING, Problem
from specdiff.rules import check_across, check_spec


@dataclass(frozen=True)
class ValidationReport:
    """What a validation run found, sorted by file and place."""

    files: tuple[str, ...]
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == WARNING)


def _load_problem(loaded: LoadedSpec) -> Problem:
    error = loaded.error
    assert error is not None
    line, _, col = (error.where or "").partition(":")
    if not line.isdigit():  # a pointer (the whole document is not an object), or no place at all
        return Problem(loaded.label, error.where or "", error.message, ERROR, 1 if error.where else 0, 1)
    return Problem(loaded.label, "", error.message, ERROR, int(line), int(col or 1))


def _check_one(loaded: LoadedSpec, valid: list[tuple[str, Any]]) -> list[Problem]:
    if loaded.error is not None:
        return [_load_problem(loaded)]
    if loaded.schema_issues:
        return [Problem(loaded.label, p.pointer, p.message) for p in loaded.schema_issues]  # the rules assume the shape
    assert loaded.data is not None
    valid.append((loaded.label, loaded.data))
    return check_spec(loaded.label, loaded.data)


def _positioned(problems: list[Problem], texts: dict[str, str]) -> list[Problem]:
    """Fill in line and column from each file's text (scanned once per file, only if needed)."""
    positions: dict[str, Positions] = {}
    result = []
    for problem in problems:
        if problem.line or problem.path not in texts:
            result.append(problem)
            continue
        where = positions.setdefault(problem.path, Positions(texts[problem.path]))
        line, col = where.of(problem.pointer)
        result.append(replace(problem, line=line, col=col))
    return result


def validate_loaded(specs: list[LoadedSpec], *, allow_retired_references: bool = False) -> ValidationReport:
    """Check every loaded spec, then the rules across all schema-valid ones; report all problems."""
    valid: list[tuple[str, Any]] = []
    problems = [problem for loaded in specs for problem in _check_one(loaded, valid)]
    problems.extend(check_across(valid, allow_retired_references=allow_retired_references))
    texts = {loaded.label: loaded.text for loaded in specs if loaded.text is not None}
    ordered = sorted(_positioned(problems, texts), key=lambda p: (p.path, p.line, p.col, p.pointer, p.message))
    return ValidationReport(tuple(loaded.label for loaded in specs), tuple(ordered))


def validate_files(paths: list[Path], *, allow_retired_references: bool = False) -> ValidationReport:
    """Load and check spec files (outside a workspace: labels as given)."""
    from specdiff.load import from_file, limit_from_environment

    limit = limit_from_environment()
    loaded = [from_file(path, limit=limit) for path in paths]
    return validate_loaded(loaded, allow_retired_references=allow_retired_references)


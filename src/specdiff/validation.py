"""Validate spec files: load, schema, analyst rules, cross-file rules; every file before reporting."""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from specdiff.errors import LoadError
from specdiff.jsonpos import Positions
from specdiff.problems import ERROR, WARNING, Problem
from specdiff.rules import check_across, check_spec
from specdiff.schema import validate_spec
from specdiff.specfile import parse_spec, read_text


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


def _load_problem(path: Path, error: LoadError) -> Problem:
    line, _, col = (error.where or "").partition(":")
    return Problem(str(path), "", error.message, ERROR, int(line or 0), int(col or 1) if line else 0)


def _check_file(path: Path, texts: dict[str, str], valid: list[tuple[str, Any]]) -> list[Problem]:
    try:
        text = read_text(path)
        spec = parse_spec(text, str(path))
    except LoadError as error:
        return [_load_problem(path, error)]
    texts[str(path)] = text
    if not isinstance(spec, dict):
        return [Problem(str(path), "/", f"a spec is a JSON object, not {type(spec).__name__}; "
                        "wrap the fields in { }")]
    shape = [Problem(str(path), p.pointer, p.message) for p in validate_spec(spec)]
    if shape:
        return shape  # the rules assume the schema's shape
    valid.append((str(path), spec))
    return check_spec(str(path), spec)


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


def validate_files(paths: list[Path], *, allow_retired_references: bool = False) -> ValidationReport:
    """Check every file, then the rules across all schema-valid specs; report all problems."""
    texts: dict[str, str] = {}
    valid: list[tuple[str, Any]] = []
    problems = [problem for path in paths for problem in _check_file(path, texts, valid)]
    problems.extend(check_across(valid, allow_retired_references=allow_retired_references))
    ordered = sorted(_positioned(problems, texts), key=lambda p: (p.path, p.line, p.col, p.pointer, p.message))
    return ValidationReport(tuple(str(p) for p in paths), tuple(ordered))

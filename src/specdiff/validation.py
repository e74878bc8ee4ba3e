"""Validate spec files: load, schema, analyst rules, cross-file rules; every file before reporting.

Two ways: `validate_loaded` checks the specs given and the rules across all of them; `validate_against`
checks a few specs fully and the rules across specs against the facts of the rest of the catalog
(facts.py), reporting the problems in the checked files and those about them.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from specdiff.facts import Facts, facts_of
from specdiff.jsonpos import Positions
from specdiff.load import LoadedSpec
from specdiff.problems import ERROR, WARNING, Problem
from specdiff.rules import check_across, check_spec, clashes, concerning


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


Texts = Callable[[str], "str | None"]  # a file's text by label, for line:col (None: not known)


def _positioned(problems: list[Problem], texts: Texts) -> list[Problem]:
    """Fill in line and column from each file's text (scanned once per file, only if needed)."""
    positions: dict[str, Positions | None] = {}
    result = []
    for problem in problems:
        if problem.path not in positions and not problem.line:
            text = texts(problem.path)
            positions[problem.path] = Positions(text) if text is not None else None
        where = positions.get(problem.path)
        if problem.line or where is None:
            result.append(problem)
            continue
        line, col = where.of(problem.pointer)
        result.append(replace(problem, line=line, col=col))
    return result


def _report(labels: Sequence[str], problems: list[Problem], texts: Texts) -> ValidationReport:
    ordered = sorted(_positioned(problems, texts), key=lambda p: (p.path, p.line, p.col, p.pointer, p.message))
    return ValidationReport(tuple(labels), tuple(ordered))


def validate_loaded(specs: list[LoadedSpec], *, allow_retired_references: bool = False) -> ValidationReport:
    """Check every loaded spec, then the rules across all schema-valid ones; report all problems."""
    valid: list[tuple[str, Any]] = []
    problems = [problem for loaded in specs for problem in _check_one(loaded, valid)]
    facts = [(label, facts_of(spec)) for label, spec in valid]
    problems.extend(check_across(facts, allow_retired_references=allow_retired_references))
    texts = {loaded.label: loaded.text for loaded in specs if loaded.text is not None}
    return _report([loaded.label for loaded in specs], problems, texts.get)


def validate_against(checked: list[LoadedSpec], others: Sequence[tuple[str, Facts]], *,
                     old: Sequence[Facts] = (), texts: Texts = lambda label: None,
                     allow_retired_references: bool = False) -> ValidationReport:
    """Check some specs fully, and the rules across specs against the facts of the other specs (those
    that can matter: facts.Table.select). Reported: every problem in a checked file, exactly as a run
    over the whole catalog reports it, and the problems elsewhere about a checked spec (its path, or a
    class code or title it holds or held before: `old`, its committed facts). `texts` gives the text
    of another file for the line:col of a problem in it."""
    valid: list[tuple[str, Any]] = []
    problems = [problem for loaded in checked for problem in _check_one(loaded, valid)]
    mine = [(label, facts_of(spec)) for label, spec in valid]
    labels = {loaded.label for loaded in checked}
    about = concerning(mine, old)
    catalog = sorted([*mine, *((label, facts) for label, facts in others if label not in labels)],
                     key=lambda entry: entry[0])
    problems.extend(clash.problem for clash in clashes(catalog, allow_retired_references=allow_retired_references)
                    if clash.problem.path in labels or clash.about & about)
    own = {loaded.label: loaded.text for loaded in checked if loaded.text is not None}
    return _report([loaded.label for loaded in checked], problems, lambda label: own.get(label) or texts(label))


def validate_files(paths: list[Path], *, allow_retired_references: bool = False) -> ValidationReport:
    """Load and check spec files (outside a workspace: labels as given)."""
    from specdiff.load import from_file, limit_from_environment

    limit = limit_from_environment()
    loaded = [from_file(path, limit=limit) for path in paths]
    return validate_loaded(loaded, allow_retired_references=allow_retired_references)


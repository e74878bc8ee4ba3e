"""The library API: what a program (typed, mypy-strict) can do without the command line.

Import a document, render a spec, load and validate specs, diff two specs, compare two revisions
of a spec repository, draft a revision's record; every failure is a `SpecdiffError` subclass.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from specdiff.control.draft import Draft, DraftRequest
from specdiff.diff.model import DiffReport, SpecChange
from specdiff.importer import ImportResult
from specdiff.policy import Policy
from specdiff.validation import ValidationReport

Spec = dict[str, Any]


def import_text(text: str, *, source: str = "<text>", class_code: str | None = None,
                title: str | None = None) -> ImportResult:
    """A class specification document (plain text) as a spec, with the importer's warnings."""
    from specdiff.importer import import_text as run_import

    return run_import(text, source=source, class_code=class_code, title=title)


def render_spec(spec: Spec, fmt: str = "text") -> str:
    """A spec as the official document: "text", "markdown" or "html"."""
    from specdiff.render import render

    return render(spec, fmt)


def load_spec(path: str | Path) -> Spec:
    """A valid spec from a file; LoadError or SchemaError saying what is wrong otherwise."""
    from specdiff.load import load_spec as load_file

    return load_file(Path(path))


def validate_spec(spec: Spec) -> list[str]:
    """Every schema problem of a spec as `pointer: message` (empty when it matches the schema)."""
    from specdiff.validator import validate_spec as check

    return [f"{problem.pointer}: {problem.message}" for problem in check(spec)]


def validate_files(paths: list[str | Path], *, allow_retired_references: bool = False) -> ValidationReport:
    """Every problem of these spec files (schema, analyst rules, rules across them), as `validate` reports."""
    from specdiff.validation import validate_files as check

    return check([Path(p) for p in paths], allow_retired_references=allow_retired_references)


def diff_specs(old: Spec | None, new: Spec | None, *, old_path: str | None = None,
               new_path: str | None = None) -> SpecChange:
    """What changed from one spec to another (None: the class is added or removed)."""
    from specdiff.diff.report import compare

    if old is None and new is None:
        from specdiff.errors import UsageError

        raise UsageError("diff_specs needs at least one spec")
    return compare(old_path, new_path, old, new)


def compare_revisions(base: str, head: str | None = None, *, repository: str | Path = ".") -> DiffReport:
    """The semantic diff of a spec repository between two revisions (head None: the working tree).
    Raises on any spec that cannot be loaded (LoadError, SchemaError) or an unknown revision (GitError)."""
    from specdiff.revisions import build_report, pick_sides, require_specs
    from specdiff.workspace import opened

    with opened(Path(repository)) as ws:
        ws.require_root("compare_revisions")
        repo = ws.repository()
        sides = pick_sides(repo, [base] if head is None else [base, head], staged=False)
        require_specs(ws, repo, sides)
        return build_report(ws, repo, sides, [ws.specs_folder])


def draft_record(old: Spec | None, new: Spec, *, effective: str | None = None, revised: str | None = None,
                 final: str | None = None, reasons: tuple[str, ...] = (), policy: Policy | None = None,
                 path: str = "") -> Draft:
    """The cancellation clause and effective-date record of a revision of `old` into `new` (ISO dates)."""
    from specdiff.control.draft import draft_record as draft

    return draft(path, old, new, DraftRequest(effective, revised, final, reasons), policy or Policy())

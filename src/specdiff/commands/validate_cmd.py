"""`specdiff validate`: which files to check, and the exit code of a run."""
from __future__ import annotations

from pathlib import Path

from specdiff.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS
from specdiff.specfile import SPECS_DIR
from specdiff.validation import ValidationReport



def spec_paths(paths: list[Path], default_dir: Path = SPECS_DIR) -> tuple[list[Path], list[Path]]:
    """(files to check, paths that do not exist): folders expand to their *.json, none means default_dir."""
    if not paths:
        return sorted(default_dir.glob("*.json")), []
    found: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir() and path.suffix != ".json":
            found.extend(sorted(path.glob("*.json")))
        elif path.exists() or path.is_symlink():
            found.append(path)
        else:
            missing.append(path)
    return found, missing


def exit_code(report: ValidationReport, *, strict: bool, missing: list[Path]) -> int:
    """2 if a path was missing, 1 if errors (or warnings with --strict), else 0."""
    if missing:
        return EXIT_ERROR
    if report.errors or (strict and report.warnings):
        return EXIT_PROBLEMS
    return EXIT_OK


def run_validate(paths: list[Path], *, strict: bool) -> int:
    """The validate command: check, print one line per problem, return the exit code."""
    from specdiff.boundary import say
    from specdiff.control.policy import load_policy
    from specdiff.validation import validate_files

    files, missing = spec_paths(paths)
    report = validate_files(files, allow_retired_references=load_policy().allow_retired_references)
    for problem in report.problems:
        print(problem.render())
    for path in missing:
        say(f"specdiff: error: {path}: no such file or directory; check the path")
    say(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {len(files)} file(s)"
        if report.problems else f"ok: {len(files)} spec(s) valid")
    return exit_code(report, strict=strict, missing=missing)

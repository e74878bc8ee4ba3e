"""The pre-commit hooks' commands, `validate` and `fmt`, runnable without the CLI framework (the
console script calls them directly for their plain forms, so a hook on one file starts fast)."""
from __future__ import annotations

from pathlib import Path

from specdiff.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS
from specdiff.textutil import single_line


def _say(line: str) -> None:
    import sys

    print(single_line(line), file=sys.stderr)


def _missing(paths: list[Path]) -> None:
    for path in paths:
        _say(f"specdiff: error: {path}: no such file or directory; check the path")


def run_validate(paths: list[Path], *, strict: bool) -> int:
    """Check every file, print one line per problem, return the exit code."""
    from specdiff.validation import validate_loaded
    from specdiff.workspace import opened

    with opened() as ws:
        files, missing = ws.expand(paths)
        report = validate_loaded([ws.load_file(file) for file in files],
                                 allow_retired_references=ws.policy.allow_retired_references)
    for problem in report.problems:
        print(single_line(problem.render()))
    _missing(missing)
    if report.problems:
        _say(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {len(files)} file(s)")
    elif not missing:
        _say(f"ok: {len(files)} spec(s) valid")
    if missing:
        return EXIT_ERROR
    return EXIT_PROBLEMS if report.errors or (strict and report.warnings) else EXIT_OK


def run_fmt(paths: list[Path], *, check: bool) -> int:
    """Format (or check) every file, say which changed, return the exit code. A file that does not
    load as a valid spec is reported and never touched."""
    from specdiff.store import dump_spec, write_spec
    from specdiff.workspace import opened

    problems = changed = 0
    with opened() as ws:
        files, missing = ws.expand(paths)
        for file in files:
            loaded = ws.load_file(file)
            if loaded.problem is not None or loaded.data is None or loaded.text is None:
                _say(f"specdiff: error: {loaded.problem}")
                problems += 1
                continue
            canonical = dump_spec(loaded.data)
            if canonical == loaded.text and not file.read_bytes().startswith(b"\xef\xbb\xbf"):
                continue
            changed += 1
            if not check:
                write_spec(file, loaded.data, loaded.label)
            print(single_line(f"{'would reformat' if check else 'reformatted'} {loaded.label}"))
    _missing(missing)
    if not missing and not problems and not changed:
        _say(f"ok: {len(files)} spec(s) in canonical form")  # what was checked is said, even when all is well
    if missing:
        return EXIT_ERROR
    return EXIT_PROBLEMS if problems or (check and changed) else EXIT_OK

"""The pre-commit hooks' commands, `validate` and `fmt`, runnable without the CLI framework (the
console script calls them directly for their plain forms, so a hook on one file starts fast)."""
from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from specdiff.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS
from specdiff.textutil import single_line

if TYPE_CHECKING:
    from specdiff.factcache import Lookup, Others
    from specdiff.load import LoadedSpec
    from specdiff.validation import ValidationReport
    from specdiff.workspace import Workspace


def _say(line: str) -> None:
    import sys

    print(single_line(line), file=sys.stderr)


def _missing(paths: list[Path]) -> None:
    for path in paths:
        _say(f"specdiff: error: {path}: no such file or directory; check the path")


def run_validate(paths: list[Path], *, strict: bool) -> int:
    """Check every file, print one line per problem, return the exit code. Spec files of the specs
    folder named on their own (the pre-commit hook's staged files) are checked fully, and against the
    facts of the rest of the catalog for the rules across specs (factcache.py); no path, a folder or
    the schema file checks everything."""
    from specdiff.workspace import opened

    with opened() as ws:
        files, missing = ws.expand(paths)
        files, partial = _what_to_check(ws, paths, files)
        lookup = _begin(ws, files) if partial else None  # git works while the files are loaded
        checked = [ws.load_file(file) for file in files]
        if lookup is not None:
            report, others = _against_the_rest(ws, checked, lookup)
        else:
            report, others = _validated(ws, checked), None
    for problem in report.problems:
        print(single_line(problem.render()))
    _missing(missing)
    _summary(report, len(files), others, quiet=bool(missing))
    if missing:
        return EXIT_ERROR
    return EXIT_PROBLEMS if report.errors or (strict and report.warnings) else EXIT_OK


def _what_to_check(ws: Workspace, paths: list[Path], files: list[Path]) -> tuple[list[Path], bool]:
    """(files, whether to check them against the rest of the catalog): spec files of the specs folder
    named on their own are; a schema file named (schema/*.json) means every spec; else as given."""
    if not paths:
        return files, False
    if any(_is_schema(ws.label(path)) for path in paths):
        rest = [file for file in files if not _is_schema(ws.label(file)) and not ws.is_spec_path(ws.label(file))]
        return ws.spec_files() + rest, False
    if not files or any(path.is_dir() and path.suffix != ".json" for path in paths):
        return files, False
    labels = [ws.label(file) for file in files]
    if not all(ws.is_spec_path(label) for label in labels):
        return files, False
    unique = {label: file for label, file in zip(labels, files, strict=True)}  # a file named twice is checked once
    return list(unique.values()), True


def _is_schema(label: str) -> bool:
    pure = PurePosixPath(label)
    return pure.suffix == ".json" and pure.parent.as_posix() == "schema"


def _validated(ws: Workspace, checked: list[LoadedSpec]) -> ValidationReport:
    from specdiff.validation import validate_loaded

    return validate_loaded(checked, allow_retired_references=ws.policy.allow_retired_references)


def _begin(ws: Workspace, files: list[Path]) -> Lookup:
    from specdiff.factcache import begin

    return begin(ws, {ws.label(file) for file in files})


def _against_the_rest(ws: Workspace, checked: list[LoadedSpec], lookup: Lookup) -> tuple[ValidationReport, Others]:
    """Check specs fully, and the rules across specs against the facts of the other specs."""
    from specdiff.validation import validate_against

    others = lookup.finish(checked)
    report = validate_against(checked, others.relevant, old=others.old, texts=lambda label: _text(ws, label),
                              allow_retired_references=ws.policy.allow_retired_references)
    return report, others


def _text(ws: Workspace, label: str) -> str | None:
    """Another spec file's text, for the line:col of a problem in it."""
    loaded = ws.load_file((ws.root or ws.cwd) / label, schema=False)
    return loaded.text


def _summary(report: ValidationReport, count: int, others: Others | None, *, quiet: bool) -> None:
    """The last line says what was checked, problems or not; unknown other specs are named first."""
    against = ""
    if others is not None:
        _unknown(others.unknown)
        against = f" (checked against {others.count:,} other{'s' if others.count != 1 else ''})"
    if report.problems:
        _say(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s) in {count} file(s){against}")
    elif not quiet:
        _say(f"ok: {count} spec(s) valid{against}")


def _unknown(labels: tuple[str, ...]) -> None:
    """Say which other files could not be checked against: they are not valid specs (CI reports why)."""
    if not labels:
        return
    shown = ", ".join(labels[:5]) + (f" and {len(labels) - 5} more" if len(labels) > 5 else "")
    _say(f"specdiff: note: {len(labels)} other spec file(s) are not valid specs, so the rules across specs could "
         f"not check against them: {shown}; `specdiff validate` with no file says why")


def run_fmt(paths: list[Path], *, check: bool) -> int:
    """Format (or check) every file, say which changed, return the exit code. A file that does not
    load as a valid spec is reported and never touched."""
    from specdiff.store import dump_spec, with_schema_ref, write_spec
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
            data = with_schema_ref(loaded.data, file.parent)  # `$schema`: the repo's own schema file
            canonical = dump_spec(data)
            if canonical == loaded.text and not file.read_bytes().startswith(b"\xef\xbb\xbf"):
                continue
            changed += 1
            if not check:
                write_spec(file, data, loaded.label)
            print(single_line(f"{'would reformat' if check else 'reformatted'} {loaded.label}"))
    _missing(missing)
    if not missing and not problems and not changed:
        _say(f"ok: {len(files)} spec(s) in canonical form")  # what was checked is said, even when all is well
    if missing:
        return EXIT_ERROR
    return EXIT_PROBLEMS if problems or (check and changed) else EXIT_OK

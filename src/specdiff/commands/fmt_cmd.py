"""`specdiff fmt`: rewrite specs in canonical form (or, with --check, say which are not)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from specdiff.errors import LoadError
from specdiff.specfile import dump_spec, parse_spec, read_text, write_atomic


@dataclass(frozen=True)
class Formatted:
    """The outcome for one file: unchanged, reformatted, would-reformat, or error (with message)."""

    path: Path
    status: str
    message: str = ""

    def render(self) -> str:
        return self.message if self.status == "error" else f"{self.status.replace('-', ' ')} {self.path}"


def _has_bom(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(3) == b"\xef\xbb\xbf"


def format_file(path: Path, *, check: bool) -> Formatted:
    """Canonical JSON for one spec; never touches a file it cannot parse."""
    try:
        text = read_text(path)
        spec = parse_spec(text, str(path))
    except LoadError as error:
        return Formatted(path, "error", str(error))
    if not isinstance(spec, dict):
        return Formatted(path, "error", f"{path}: a spec is a JSON object, not {type(spec).__name__}")
    canonical = dump_spec(spec)
    if canonical == text and not _has_bom(path):  # read_text drops a BOM; canonical files have none
        return Formatted(path, "unchanged")
    if check:
        return Formatted(path, "would-reformat")
    write_atomic(path, canonical)
    return Formatted(path, "reformatted")


def run_fmt(paths: list[Path], *, check: bool) -> int:
    """The fmt command: format (or check) every file, say which changed, return the exit code."""
    from specdiff.boundary import say
    from specdiff.commands.validate_cmd import spec_paths
    from specdiff.errors import EXIT_ERROR, EXIT_OK, EXIT_PROBLEMS

    files, missing = spec_paths(paths)
    results = [format_file(path, check=check) for path in files]
    for result in results:
        if result.status == "error":
            say(result.render())
        elif result.status != "unchanged":
            print(result.render())
    for path in missing:
        say(f"specdiff: error: {path}: no such file or directory; check the path")
    if missing:
        return EXIT_ERROR
    return EXIT_PROBLEMS if any(r.status in ("error", "would-reformat") for r in results) else EXIT_OK

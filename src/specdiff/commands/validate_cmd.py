"""`specdiff validate`: check spec files against the schema, every file before reporting."""
from __future__ import annotations

from pathlib import Path

from specdiff.errors import SpecdiffError
from specdiff.schema import validate_spec
from specdiff.specfile import load_spec


def spec_paths(paths: list[Path], default_dir: Path) -> list[Path]:
    """The files to check: those given (directories expanded to their *.json), or all of default_dir."""
    if not paths:
        return sorted(default_dir.glob("*.json"))
    found: list[Path] = []
    for path in paths:
        found.extend(sorted(path.glob("*.json")) if path.is_dir() and path.suffix != ".json" else [path])
    return found


def problems_in(path: Path) -> list[str]:
    """One line per problem of one file (empty when valid)."""
    try:
        spec = load_spec(path)
    except SpecdiffError as error:
        return [str(error)]
    return [f"{path}: {p.pointer}: {p.message}" for p in validate_spec(spec)]

"""`specdiff render`: a spec file -> the official document."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from specdiff.errors import LoadError, SchemaError
from specdiff.render import render
from specdiff.schema import validate_spec
from specdiff.specfile import load_spec, spec_file



def resolve_spec_path(name: str) -> Path:
    """A path as given, or a class code looked up as specs/<CODE>.json."""
    path = Path(name)
    if path.exists() or path.suffix == ".json" or "/" in name:
        return path
    candidate = spec_file(name)
    if candidate.exists():
        return candidate
    raise LoadError(f"no such file, and no spec {candidate} for class code {name!r}; check the name",
                    path=name)


def load_valid_spec(path: Path) -> dict[str, Any]:
    """Load a spec and refuse it when it does not match the schema."""
    spec = load_spec(path)
    problems = validate_spec(spec)
    if problems:
        first = problems[0]
        raise SchemaError(f"{first.message} ({len(problems)} schema problem(s)); run "
                          f"`specdiff validate {path}` to see them all", path=str(path), where=first.pointer)
    return spec


def render_file(name: str, fmt: str) -> str:
    """The rendered document for a spec file or class code."""
    return render(load_valid_spec(resolve_spec_path(name)), fmt)

"""Spec files on disk: strict loading, canonical dumping and atomic writing."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from specdiff import schema
from specdiff.errors import LoadError, WriteError

SCHEMA_IN_REPO = Path("schema") / schema.SCHEMA_FILE
SPECS_DIR = Path("specs")  # where a repository keeps its specs, and every command looks by default


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # Plain json.loads keeps the last of two equal keys and silently loses the first.
    result = dict(pairs)  # built in C; only a short dict means a key came twice
    if len(result) != len(pairs):
        seen: set[str] = set()
        raise _DuplicateKey(next(key for key, _ in pairs if key in seen or seen.add(key)))  # type: ignore[func-returns-value]
    return result


def read_text(path: Path) -> str:
    """A file's text as UTF-8; LoadError naming the file otherwise."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise LoadError("is a directory, not a file; name a file", path=str(path)) from None
    except FileNotFoundError:
        raise LoadError("no such file; check the path", path=str(path)) from None
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror}", path=str(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LoadError(f"not UTF-8 text (byte {error.start}); save the file as UTF-8",
                        path=str(path), where=str(line)) from None


def parse_spec(text: str, path: str) -> Any:
    """Parse spec JSON strictly (duplicate keys are an error)."""
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as error:
        raise LoadError(f"duplicate key {error.key!r}; keep one of them", path=path) from None
    except json.JSONDecodeError as error:
        raise LoadError(f"invalid JSON: {error.msg}", path=path, where=f"{error.lineno}:{error.colno}") from None
    except RecursionError:
        raise LoadError("JSON nested too deeply to be a spec", path=path) from None


def load_spec(path: Path) -> dict[str, Any]:
    """Load a spec file; LoadError unless it is a JSON object."""
    value = parse_spec(read_text(path), str(path))
    if not isinstance(value, dict):
        raise LoadError(f"a spec must be a JSON object, not {type(value).__name__}", path=str(path))
    return value


def dump_spec(spec: dict[str, Any]) -> str:
    """Canonical text of a spec: schema key order, 2-space indent, UTF-8, trailing newline."""
    return json.dumps(schema.canonical(spec), indent=2, ensure_ascii=False) + "\n"


def schema_ref(out_dir: Path) -> str:
    """`$schema` for a spec in out_dir: a relative path to the repo's schema, else the schema id."""
    here = out_dir.resolve()
    for folder in (here, *here.parents):
        if (folder / SCHEMA_IN_REPO).is_file():
            return os.path.relpath(folder / SCHEMA_IN_REPO, here).replace(os.sep, "/")
    return schema.schema_id()


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a temporary file and rename, so no half-written file remains."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None

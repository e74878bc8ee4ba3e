"""Spec files on disk: strict loading, canonical dumping and atomic writing."""
from __future__ import annotations

from specdiff.textutil import json_dumps

import functools
import json
import os
import re
import stat
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


def max_file_bytes() -> int:
    """The input size limit: SPECDIFF_MAX_FILE_BYTES, else [tool.specdiff] max_file_bytes, else 5 MB."""
    from_env = os.environ.get("SPECDIFF_MAX_FILE_BYTES")
    if from_env and from_env.isdigit():
        return int(from_env)
    return _configured_limit(Path.cwd())


@functools.lru_cache(maxsize=8)
def _configured_limit(folder: Path) -> int:
    from specdiff.control.policy import load_policy

    return load_policy(folder).max_file_bytes


def _too_big(size: int, path: str) -> LoadError:
    limit = max_file_bytes()
    return LoadError(f"{size / 1e6:.1f} MB is over the {limit / 1e6:g} MB limit for a spec; if it really is one, "
                     "raise max_file_bytes in [tool.specdiff] (or SPECDIFF_MAX_FILE_BYTES)", path=path)


@functools.lru_cache(maxsize=1)
def _class_code_pattern() -> re.Pattern[str]:
    return re.compile(schema.load_schema()["properties"]["class_code"]["pattern"])


def is_class_code(text: str) -> bool:
    """Whether text has the shape of a class code (the schema's pattern), e.g. 5258MP."""
    return bool(_class_code_pattern().match(text))


def spec_file(code: str) -> Path:
    """Where a class's spec lives: specs/<CODE>.json."""
    return SPECS_DIR / f"{code}.json"


def load_all_specs(folder: Path = SPECS_DIR) -> list[tuple[Path, dict[str, Any]]]:
    """(path, spec) for every spec in a folder that can be read; broken files are left to `validate`."""
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            found.append((path, load_spec(path)))
        except LoadError:
            continue
    return found


def _repository_of(path: Path) -> Path:
    """The git work tree holding path (its nearest folder with .git), or the current folder."""
    here = path.absolute().parent
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), Path.cwd())


def _escapes_repository(path: Path) -> bool:
    """A symlink whose target lies outside the repository it sits in."""
    if not path.is_symlink():
        return False
    root = _repository_of(path).resolve()
    target = path.resolve()
    return target != root and root not in target.parents


def read_text(path: Path) -> str:
    """A file's text as UTF-8; LoadError naming the file otherwise (also when it is over the size limit,
    or a symlink that leads out of the repository)."""
    if _escapes_repository(path):
        raise LoadError("is a symlink to a file outside the repository; specs must live in the repository "
                        "(replace the link with the file)", path=str(path))
    try:
        size = path.stat().st_size
        if size > max_file_bytes() and path.is_file():
            raise _too_big(size, str(path))
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
    """Parse spec JSON strictly (duplicate keys are an error; the size limit applies)."""
    if len(text) > max_file_bytes():
        raise _too_big(len(text.encode("utf-8")), path)
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
    return json_dumps(schema.canonical(spec)) + "\n"


def schema_ref(out_dir: Path) -> str:
    """`$schema` for a spec in out_dir: a relative path to the repo's schema, else the schema id."""
    here = out_dir.resolve()
    for folder in (here, *here.parents):
        if (folder / SCHEMA_IN_REPO).is_file():
            return os.path.relpath(folder / SCHEMA_IN_REPO, here).replace(os.sep, "/")
    return schema.schema_id()


def _mode_for(path: Path) -> int:
    """The existing file's permission bits, or what a new file gets under the current umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path, text: str) -> None:
    """Write text to path via a temporary file in the same folder and os.replace, keeping the file's
    mode: the old content stays whole until the new content is complete on disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException as error:  # also ^C: never leave the temporary file behind
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None
        raise

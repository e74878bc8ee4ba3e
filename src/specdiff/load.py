"""The one loading path: bytes from disk, the index or a commit -> LoadedSpec.

Every spec specdiff reads goes through `from_bytes`: decode (UTF-8, a BOM allowed), the size limit,
strict JSON (duplicate keys are an error), a JSON object, then the schema. A spec that fails any
step is a LoadedSpec with a problem and no spec, so the engine is never fed a spec that was not
schema-checked. Strict callers call `require()`; tolerant callers report `problem` and go on.
"""
from __future__ import annotations

import json
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.errors import ConfigError, LoadError, SchemaError, SpecdiffError
from specdiff.schema import SchemaProblem

DEFAULT_MAX_FILE_BYTES = 5_000_000
LIMIT_VARIABLE = "SPECDIFF_MAX_FILE_BYTES"


@dataclass(frozen=True)
class LoadedSpec:
    """A spec as read from one place: its data when it is a valid spec, else what is wrong with it.

    `label` is how messages name it (`specs/5258MP.json`, or `abc123def456:specs/5258MP.json` for a
    committed blob); `path` is its repository-relative path when it has one.
    """

    label: str
    path: str | None = None
    data: dict[str, Any] | None = None  # the parsed JSON object, valid or not
    text: str | None = None  # the decoded text, for line:col of problems
    error: LoadError | None = None  # why it is not a JSON object at all
    schema_issues: tuple[SchemaProblem, ...] = ()
    hint: str = ""  # what to run to see every schema problem

    @property
    def ok(self) -> bool:
        return self.error is None and not self.schema_issues and self.data is not None

    @property
    def spec(self) -> dict[str, Any] | None:
        """The spec, only when it loaded and matches the schema."""
        return self.data if self.ok else None

    @property
    def problem(self) -> SpecdiffError | None:
        """One error that says what is wrong and where (None when the spec is fine)."""
        if self.error is not None:
            return self.error
        if self.schema_issues:
            first = self.schema_issues[0]
            count = f" ({len(self.schema_issues)} schema problems{self.hint})" if len(self.schema_issues) > 1 else ""
            return SchemaError(f"{first.message}{count}", path=self.label, where=first.pointer)
        return None

    def require(self) -> dict[str, Any]:
        """The spec, or the problem raised (for commands that cannot go on without it)."""
        problem = self.problem
        if problem is not None:
            raise problem
        assert self.data is not None
        return self.data


def limit_from_environment(configured: int = DEFAULT_MAX_FILE_BYTES) -> int:
    """SPECDIFF_MAX_FILE_BYTES when set, else the configured limit; ConfigError when it is not a number."""
    value = os.environ.get(LIMIT_VARIABLE)
    if value is None or value == "":
        return configured
    if not value.isdigit():
        raise ConfigError(f"{LIMIT_VARIABLE}={value!r} is not a number of bytes; set it to a whole number such as "
                          "5000000, or unset it")
    return int(value)


def _bytes(size: int) -> str:
    """1,234 bytes, 56.7 KB, 5 MB: as precise as the figure needs."""
    if size < 10_000:
        return f"{size:,} bytes"
    amount, unit = (size / 1e3, "KB") if size < 1_000_000 else (size / 1e6, "MB")
    return f"{amount:,.1f}".removesuffix(".0") + f" {unit}"


def too_big(size: int, label: str, limit: int) -> LoadError:
    return LoadError(f"{_bytes(size)} is over the {_bytes(limit)} limit for a spec; if it really is one, "
                     f"raise max_file_bytes in specdiff.toml (or {LIMIT_VARIABLE})", path=label)


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


def decode(data: bytes, label: str) -> str:
    """UTF-8 text (a BOM is dropped); LoadError naming the line of the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise LoadError(f"not UTF-8 text (byte {error.start}); save the file as UTF-8",
                        path=label, where=str(line)) from None


class _NotJson(ValueError):
    """A value Python's json module accepts but JSON does not (NaN, Infinity, 1e999)."""


def _constant(name: str) -> Any:
    raise _NotJson(f"{name} is not a JSON number; write a number")


def _finite(text: str) -> float:
    value = float(text)
    if math.isinf(value):
        raise _NotJson(f"{text} is too large a number for a spec; write a real amount")
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogates(value: Any) -> bool:
    """A string holding half of a UTF-16 pair ("\\ud800"): valid JSON text, but no character at all."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse(text: str, label: str) -> Any:
    """JSON, strictly: duplicate keys, NaN and Infinity, numbers too long or too large, lone UTF-16
    surrogates and nesting too deep are errors naming the place."""
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_constant, parse_float=_finite)
    except _DuplicateKey as error:
        raise LoadError(f"duplicate key {error.key!r}; keep one of them", path=label) from None
    except json.JSONDecodeError as error:
        raise LoadError(f"invalid JSON: {error.msg}", path=label, where=f"{error.lineno}:{error.colno}") from None
    except _NotJson as error:
        raise LoadError(f"invalid JSON: {error}", path=label) from None
    except ValueError:  # int() of a number with thousands of digits
        raise LoadError("invalid JSON: a number with too many digits to be a spec's; write a real amount",
                        path=label) from None
    except RecursionError:
        raise LoadError("JSON nested too deeply to be a spec", path=label) from None
    if _SURROGATE_ESCAPE.search(text) and _lone_surrogates(value):
        raise LoadError("invalid JSON: a \\uD800-\\uDFFF escape that is half a character; write the character "
                        "itself", path=label)
    return value


def parse_object(data: bytes, label: str, limit: int) -> tuple[str, dict[str, Any]]:
    """(text, object) of spec bytes; LoadError when they are too big, not UTF-8, not JSON, not an object."""
    if len(data) > limit:
        raise too_big(len(data), label, limit)
    text = decode(data, label)
    value = parse(text, label)
    if not isinstance(value, dict):
        raise LoadError(f"a spec is a JSON object, not {type(value).__name__}; wrap the fields in {{ }}", path=label,
                        where="/")
    return text, value


def from_bytes(data: bytes, label: str, path: str | None = None, *, limit: int, schema: bool = True,
               hint: str = "") -> LoadedSpec:
    """The one way bytes become a spec: decode, size limit, strict JSON, an object, the schema."""
    try:
        text, value = parse_object(data, label, limit)
    except LoadError as error:
        return LoadedSpec(label, path, error=error)
    issues: tuple[SchemaProblem, ...] = ()
    if schema:
        from specdiff.validator import validate_spec

        issues = tuple(validate_spec(value))
    return LoadedSpec(label, path, value, text, None, issues, hint)


def failed(label: str, error: LoadError, path: str | None = None) -> LoadedSpec:
    """A LoadedSpec that could not be read at all."""
    return LoadedSpec(label, path, error=error)


def work_tree_of(folder: Path) -> Path | None:
    """The git work tree holding a folder (the nearest folder with .git, found without starting git), or None."""
    here = folder.absolute()
    return next((parent for parent in (here, *here.parents) if (parent / ".git").exists()), None)


def repository_of(file: Path) -> Path | None:
    """The git work tree holding a file, or None."""
    return work_tree_of(file.absolute().parent)


def _escapes(file: Path, root: Path | None) -> bool:
    """A symlink whose target lies outside the repository it sits in."""
    if not file.is_symlink():
        return False
    base = (root or repository_of(file) or Path.cwd()).resolve()
    target = file.resolve()
    return target != base and base not in target.parents


def read_bytes(file: Path, label: str, *, limit: int, root: Path | None = None) -> bytes:
    """A file's bytes; LoadError naming it when it is missing, a folder, too big or a link out of the repo."""
    if _escapes(file, root):
        raise LoadError("is a symlink to a file outside the repository; specs must live in the repository "
                        "(replace the link with the file)", path=label)
    try:
        status = file.stat()
        if stat.S_ISDIR(status.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would block or never end
            raise LoadError("is not a regular file (a pipe, socket or device); a spec is a file", path=label)
        if status.st_size > limit:
            raise too_big(status.st_size, label, limit)
        return file.read_bytes()
    except IsADirectoryError:
        raise LoadError("is a directory, not a file; name a file", path=label) from None
    except FileNotFoundError:
        raise LoadError("no such file; check the path", path=label) from None
    except OSError as error:
        raise LoadError(f"cannot read: {error.strerror}", path=label) from None


def from_file(file: Path, label: str | None = None, path: str | None = None, *, limit: int,
              root: Path | None = None, schema: bool = True) -> LoadedSpec:
    """A spec file on disk through the one loading path."""
    name = label or str(file)
    try:
        data = read_bytes(file, name, limit=limit, root=root)
    except LoadError as error:
        return failed(name, error, path)
    return from_bytes(data, name, path, limit=limit, schema=schema, hint=f"; see them all: specdiff validate {name}")


def read_text(file: Path, *, limit: int | None = None) -> str:
    """A text file (a document to import, an edit, .gitattributes) as UTF-8; LoadError naming it."""
    label = str(file)
    return decode(read_bytes(file, label, limit=limit or limit_from_environment()), label)


def load_spec(file: Path) -> dict[str, Any]:
    """A valid spec from a file, or the error that says what is wrong with it (library use)."""
    return from_file(Path(file), limit=limit_from_environment()).require()

"""The one write path: a spec is checked against the schema, dumped in canonical form and written
atomically (temporary file in the same folder, then os.replace), or nothing is written."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path
from typing import Any

from specdiff import schema
from specdiff.validator import validate_spec
from specdiff.errors import WriteError
from specdiff.textutil import json_dumps

SCHEMA_IN_REPO = Path("schema") / schema.SCHEMA_FILE


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


def with_schema_ref(spec: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The spec with `$schema` the relative path to the repo's schema file when there is one above folder
    (what `specdiff init` copies, so editors resolve it); otherwise the spec as it is."""
    ref = schema_ref(folder)
    if ref == schema.schema_id() or spec.get("$schema") == ref:
        return spec
    return {**spec, "$schema": ref}


def check_writable(spec: dict[str, Any], label: str) -> None:
    """WriteError (nothing written) unless the spec matches the schema."""
    problems = validate_spec(spec)
    if problems:
        first = problems[0]
        raise WriteError(f"the result would not match the schema at {first.pointer}: {first.message}; "
                         "nothing was written", path=label)


def write_spec(file: Path, spec: dict[str, Any], label: str | None = None) -> None:
    """Validate, dump canonically and write atomically: the one way a spec reaches the disk."""
    check_writable(spec, label or str(file))
    write_atomic(file, dump_spec(spec))


def _existing(path: Path) -> os.stat_result | None:
    """The file's status; WriteError when it is read-only (its owner cannot write it)."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    if not status.st_mode & stat.S_IWUSR:
        raise WriteError("is read-only; make it writable (chmod u+w) if it is meant to change; nothing was written",
                         path=str(path))
    return status


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _keep_owner(temp: str, status: os.stat_result | None, path: Path) -> None:
    """The replacement keeps the file's owner and group (as root, a write must not take another user's
    file); WriteError when they cannot be kept."""
    if status is None:
        return
    mine = os.stat(temp)
    if (mine.st_uid, mine.st_gid) == (status.st_uid, status.st_gid):
        return
    try:
        os.chown(temp, status.st_uid, status.st_gid)
    except PermissionError:
        raise WriteError("belongs to another user or group, and replacing it would change that; ask its owner",
                         path=str(path)) from None


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write text (or bytes, as given) to path via a temporary file in the same folder and os.replace, keeping
    the file's mode: the old content stays whole until the new content is complete on disk."""
    status = _existing(path)
    mode = stat.S_IMODE(status.st_mode) if status is not None else _new_file_mode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None
    try:
        with os.fdopen(fd, "wb") as handle:  # text as UTF-8, its line ends as given
            handle.write(text if isinstance(text, bytes) else text.encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        _keep_owner(temp, status, path)
        os.replace(temp, path)
    except BaseException as error:  # also ^C: never leave the temporary file behind
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {error.strerror}", path=str(path)) from None
        raise

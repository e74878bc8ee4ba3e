"""Where a command's output goes: stdout, one line per message on stderr, or a file written
atomically. Streams replace what the console encoding cannot show (see specdiff.entry)."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from specdiff.git import Repository
    from specdiff.render.docx import Stamp


def out(text: str, fmt: str = "text") -> None:
    """Text on stdout, as rendered. JSON on a console that cannot show every character (cp1252, ascii)
    writes those characters as \\uXXXX escapes: the same data, nothing replaced by "?"."""
    if fmt == "json" and not _unicode_console():
        text = _NON_ASCII.sub(_json_escape, text)
    sys.stdout.write(text)


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unicode_console() -> bool:
    """Whether stdout can take any character (a UTF console, a file, a text buffer in memory)."""
    encoding = getattr(sys.stdout, "encoding", None)
    return not encoding or encoding.lower().replace("-", "").replace("_", "").startswith("utf")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def line(text: str) -> None:
    """One line on stdout that may carry a value (a path, a title): control characters and line breaks
    shown, so it stays one line and drives nothing."""
    from specdiff.textutil import single_line

    print(single_line(text))


def lines(found: list[str]) -> None:
    """Lines on stdout, each as `line` writes it."""
    for text in found:
        line(text)


def note(line: str) -> None:
    """One line on stderr (progress, what was written, a summary count); control characters shown."""
    from specdiff.textutil import single_line

    print(single_line(line), file=sys.stderr)


def error(line: str) -> None:
    """One error line on stderr, as the boundary writes them."""
    note(f"specdiff: error: {line}")


def to_file_or_stdout(text: str, output: Path | None, fmt: str = "text") -> None:
    """The text on stdout, or written atomically to output (saying so on stderr)."""
    if output is None:
        out(text, fmt)
        return
    from specdiff.store import write_atomic

    write_atomic(output, text)
    note(f"wrote {output}")


def write_binary(data: bytes, output: Path | None, fmt: str) -> bool:
    """A binary document (docx) written atomically to output (True), or as bytes to stdout when stdout is a
    pipe or a file (False); UsageError on a terminal, which would show it as garbage, or on a stdout with no
    file behind it (text held in memory)."""
    if output is None:
        if not _stdout_is_pipe_or_file():
            from specdiff.errors import UsageError

            raise UsageError(f"--format {fmt} makes a binary file: give --output FILE (or redirect stdout to a file)")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return False
    from specdiff.store import write_atomic

    write_atomic(output, data)
    return True


def _stdout_is_pipe_or_file() -> bool:
    try:
        return not os.isatty(sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no descriptor: an in-memory stream
        return False


def commit_stamp(repo: Repository, revision: str) -> Stamp:
    """Who and when for tracked changes: the author and commit date (UTC) of the commit a revision names;
    "specdiff" and no date for the working tree, the index, or a label that names no commit."""
    from datetime import datetime, timezone

    from specdiff.render.docx import Stamp

    sha = repo.try_resolve(revision) if not revision.startswith("-") else None
    if sha is None:
        return Stamp()
    author, date = repo.author_and_date(sha)
    return Stamp(author, datetime.fromisoformat(date).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))


def color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ

"""Where a command's output goes: stdout, one line per message on stderr, or a file written
atomically. Streams replace what the console encoding cannot show (see specdiff.entry)."""
from __future__ import annotations

import os
import sys
from pathlib import Path


def out(text: str) -> None:
    """Text on stdout, as rendered."""
    sys.stdout.write(text)


def lines(found: list[str]) -> None:
    """Lines on stdout."""
    for line in found:
        print(line)


def note(line: str) -> None:
    """One line on stderr (progress, what was written, a summary count); control characters shown."""
    from specdiff.textutil import printable

    print(printable(line), file=sys.stderr)


def error(line: str) -> None:
    """One error line on stderr, as the boundary writes them."""
    note(f"specdiff: error: {line}")


def to_file_or_stdout(text: str, output: Path | None) -> None:
    """The text on stdout, or written atomically to output (saying so on stderr)."""
    if output is None:
        out(text)
        return
    from specdiff.store import write_atomic

    write_atomic(output, text)
    note(f"wrote {output}")


def color() -> bool:
    """Colour on a terminal, unless NO_COLOR is set."""
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ

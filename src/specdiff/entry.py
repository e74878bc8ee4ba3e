"""The console script. ^C at any moment exits 130 without a traceback; output never fails on a
console encoding that cannot show a character (it is replaced). The pre-commit hooks' plain forms
(`validate [--strict] [PATH...]`, `fmt [--check] [PATH...]`) run without loading the CLI framework,
so a hook on one file starts fast; everything else goes to the full CLI."""
from __future__ import annotations

import os
import signal
import sys


def _interrupted(signum: int, frame: object) -> None:
    # Before and after the command runs (imports, shutdown) there is nothing to clean up: leave at once.
    os.write(2, b"specdiff: interrupted\n")
    os._exit(130)


if os.path.basename(sys.argv[0] if sys.argv else "") in ("specdiff", "git-specdiff", "__main__.py"):
    # The console script: from the first line of specdiff on (Python's own start-up and the script
    # wrapper's `import re` come before it and are Python's to handle).
    signal.signal(signal.SIGINT, _interrupted)

import contextlib  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

from specdiff.errors import EXIT_INTERRUPTED  # noqa: E402

LEAN = {"validate": "--strict", "fmt": "--check"}


def _lean(args: list[str]) -> Callable[[], int] | None:
    """The lean runner for a hook's plain command line, or None."""
    if not args or args[0] not in LEAN:
        return None
    rest = args[1:]
    flag = LEAN[args[0]]
    if any(arg.startswith("-") and arg != flag for arg in rest):
        return None  # help or an option the lean path does not know: the full CLI explains it
    paths = [Path(arg) for arg in rest if arg != flag]
    if args[0] == "validate":
        from specdiff.hooks import run_validate

        return lambda: run_validate(paths, strict=flag in rest)
    from specdiff.hooks import run_fmt

    return lambda: run_fmt(paths, check=flag in rest)


def _full_cli(args: list[str]) -> int:
    from specdiff.cli import main as full_cli  # loaded inside the boundary: ^C while it loads exits 130

    return full_cli(args)


def _safe_streams() -> None:
    """Replace, never crash on, what the console encoding cannot show (cp1252, ascii)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that cannot be reconfigured
                reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run specdiff with the given arguments (default: the command line)."""
    from specdiff.boundary import guarded

    _safe_streams()
    args = sys.argv[1:] if argv is None else list(argv)
    lean = _lean(args)
    previous = signal.getsignal(signal.SIGINT)
    code = EXIT_INTERRUPTED
    try:
        if previous is _interrupted:
            signal.signal(signal.SIGINT, signal.default_int_handler)  # the boundary turns ^C into exit 130
        code = guarded(lean if lean is not None else lambda: _full_cli(args))
        return code
    except KeyboardInterrupt:  # ^C between the handler swap and the boundary: the same quiet exit
        code = EXIT_INTERRUPTED
        return code
    finally:
        if previous is _interrupted:
            try:
                signal.signal(signal.SIGINT, _interrupted)
            except KeyboardInterrupt:  # ^C just as the run ended, before the quiet handler was back
                code = EXIT_INTERRUPTED
            _flush()
            if code == EXIT_INTERRUPTED:
                # Interrupted: what was written is whole and said. Objects a library was half-way through
                # building would only complain while Python shuts down, so the console script leaves now.
                os._exit(EXIT_INTERRUPTED)
            # The command is done; Python resets a Python handler to the default (death by signal)
            # while it shuts down, but keeps SIG_IGN: a late ^C then changes nothing.
            signal.signal(signal.SIGINT, signal.SIG_IGN)


def _flush() -> None:
    """Flush the output while ^C still leaves quietly (a closed pipe is not an error here)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()

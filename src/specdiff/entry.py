"""The console script. The pre-commit hooks' plain forms (`validate [--strict] [PATH...]`,
`fmt [--check] [PATH...]`) run without loading the CLI framework, so a hook on one file starts
fast; everything else (help, other commands, unusual options) goes to the full CLI."""
from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from specdiff.boundary import guarded

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
        from specdiff.commands.validate_cmd import run_validate

        return lambda: run_validate(paths, strict=flag in rest)
    from specdiff.commands.fmt_cmd import run_fmt

    return lambda: run_fmt(paths, check=flag in rest)


def main(argv: list[str] | None = None) -> int:
    """Run specdiff with the given arguments (default: the command line)."""
    args = sys.argv[1:] if argv is None else list(argv)
    lean = _lean(args)
    if lean is not None:
        return guarded(lean)
    from specdiff.cli import main as full_cli

    return full_cli(args)

"""The command line: thin Typer commands over the library, and the one error boundary.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input, bad usage or a
file that cannot be read or written; 3 a bug in specdiff; 130 ^C. The commands live in
documents.py (import, render, validate, fmt, show, new, edit), revisions.py (diff, log,
summary, ci, git) and control.py (draft, review, check, ledger, due, retire, rename-code, refs).
"""
from __future__ import annotations

import os
import sys

import typer

from specdiff import __version__
from specdiff.errors import EXIT_INTERRUPTED, EXIT_OK

app = typer.Typer(
    name="specdiff",
    help="Change control for job class specifications kept as JSON in Git.\n\n"
    "Import the documents you have, render specs as the official document, validate them and "
    "keep them in canonical form. Exit codes: 0 ok, 1 problems found, 2 bad input or usage, 3 bug.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def echo_err(line: str) -> None:
    """One line on stderr."""
    typer.echo(line, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"specdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Change control for job class specifications kept as JSON in Git."""


# The command modules register themselves on `app` (imported here, after it exists).
from specdiff.cli import documents  # noqa: E402,F401
from specdiff.cli import revisions  # noqa: E402,F401
from specdiff.cli import control  # noqa: E402,F401


def _prog_name() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "specdiff"
    return "git specdiff" if name == "git-specdiff" else "specdiff"


def _parser_exit(error: BaseException) -> int | None:
    """Exits and usage errors of the command-line parser, for the boundary."""
    if isinstance(error, typer.Exit):
        return error.exit_code
    if isinstance(error, typer.TyperException):
        show = getattr(error, "show", None)
        show() if show else echo_err(f"specdiff: error: {error.format_message()}")
        return error.exit_code
    if isinstance(error, typer.Abort):
        echo_err("specdiff: interrupted")
        return EXIT_INTERRUPTED
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the full CLI inside the one error boundary (specdiff.boundary)."""
    from specdiff.boundary import guarded

    args = sys.argv[1:] if argv is None else list(argv)

    def run() -> int:
        result = app(args=args, prog_name=_prog_name(), standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK

    return guarded(run, extra=_parser_exit)

"""The command line: one module per command (Typer), over the library; the only code that prints.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input, bad usage, a file that
cannot be read or written, no specs where it looked, or no repository; 3 a bug in specdiff; 130 ^C.
"""
from __future__ import annotations

import os
import sys

import typer

from specdiff.version import __version__
from specdiff.errors import EXIT_OK



def _usage_name(self: typer.core.TyperArgument) -> str:
    """`FILE...` for a required argument, `[FILE]...` for an optional one (the POSIX usage style)."""
    name = self.display_name_raw if self.required else f"[{self.display_name_raw}]"
    return name + ("..." if self.nargs != 1 else "")


# Typer prints an argument's Python type beside its name (`FILE <list[Path]>`) and braces around a
# required one (`{FILE}...`); the metavar every argument here has says it the way a person reads it.
typer.core.TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]
typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]

app = typer.Typer(
    name="specdiff",
    help="Change control for job class specifications kept as JSON in Git.\n\n"
    "Import the documents you have, render specs as the official document, validate them and "
    "keep them in canonical form; diff revisions in the document's own terms, draft and check "
    "effective-date records, and write the pull-request summary. Exit codes: 0 ok, 1 problems "
    "found, 2 bad input or usage, 3 bug, 130 interrupted.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


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


# Each command module registers its command(s) on `app`; the order here is the order of --help.
from specdiff.cli import init, import_, render, validate, fmt, show, new, edit  # noqa: E402,F401
from specdiff.cli import diff, log, summary, packet, draft, approve, check, ledger, lifecycle, refs  # noqa: E402,F401
from specdiff.cli import ci, gitdriver  # noqa: E402,F401


def _prog_name() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "specdiff"
    return "git specdiff" if name == "git-specdiff" else "specdiff"


def main(argv: list[str] | None = None) -> int:
    """Run the full CLI inside the one error boundary (specdiff.boundary)."""
    from specdiff.boundary import guarded, parser_exit

    args = sys.argv[1:] if argv is None else list(argv)

    def run() -> int:
        result = app(args=args, prog_name=_prog_name(), standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK

    return guarded(run, extra=parser_exit)

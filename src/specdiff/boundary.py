"""The one error boundary: SpecdiffError -> one line per problem on stderr and its exit code;
a usage error of the command line -> one line naming the option (exit 2); ^C -> 130; anything
else is a bug -> exit 3 with a short note, never a traceback."""
from __future__ import annotations

import sys
from collections.abc import Callable

from specdiff.errors import EXIT_BUG, EXIT_ERROR, EXIT_INTERRUPTED, SpecdiffError
from specdiff.textutil import single_line  # one line, controls shown: no value drives the terminal


def say(line: str) -> None:
    print(line, file=sys.stderr)


def one_line(text: str) -> str:
    return " ".join(text.split())


def guarded(run: Callable[[], int], *, extra: Callable[[BaseException], int | None] | None = None) -> int:
    """Run a command; `extra` may handle exceptions of a front end (the CLI parser's) first."""
    try:
        return run()
    except SpecdiffError as error:
        for one in getattr(error, "errors", None) or [error]:
            say(f"specdiff: error: {single_line(str(one))}")
        return error.exit_code
    except KeyboardInterrupt:
        return _interrupted()
    except Exception as bug:  # noqa: BLE001 - the boundary: anything else is a bug
        if _interrupt_inside(bug):
            return _interrupted()
        handled = extra(bug) if extra else None
        if handled is not None:
            return handled
        say(f"specdiff: internal error: {type(bug).__name__}: {single_line(one_line(str(bug)))}")
        say("specdiff: this is a bug in specdiff; please report it with the command you ran")
        return EXIT_BUG


def _interrupted() -> int:
    """^C: one line, exit 130. Objects a library was building when ^C came may complain as they are
    collected at exit ("Exception ignored in ..."): after an interruption that is noise, not news."""
    sys.unraisablehook = lambda unraisable: None
    say("specdiff: interrupted")
    return EXIT_INTERRUPTED


def _interrupt_inside(error: BaseException) -> bool:
    """^C that a library wrapped in its own error (Python wraps one raised in `__set_name__` in a
    RuntimeError while a class is being created): still an interruption, not a bug."""
    seen: set[int] = set()
    cause: BaseException | None = error
    while cause is not None and id(cause) not in seen:
        if isinstance(cause, KeyboardInterrupt):
            return True
        seen.add(id(cause))
        cause = cause.__cause__ or cause.__context__
    return False


def parser_exit(error: BaseException) -> int | None:
    """Exits and usage errors of the command-line parser (Typer), for the boundary."""
    import typer
    from typer._click import exceptions as parser_errors

    if isinstance(error, typer.Exit):
        return int(error.exit_code)
    if isinstance(error, parser_errors.NoArgsIsHelpError):
        error.show()
        return EXIT_ERROR
    if isinstance(error, parser_errors.UsageError):
        context = error.ctx
        where = f"; see `{context.command_path} --help`" if context is not None else ""
        message = single_line(one_line(error.format_message()).replace("Value error, ", "").rstrip("."))
        say(f"specdiff: error: {message}{where}")
        return EXIT_ERROR
    if isinstance(error, typer.Abort):
        say("specdiff: interrupted")
        return EXIT_INTERRUPTED
    if isinstance(error, parser_errors.ClickException):
        say(f"specdiff: error: {one_line(error.format_message())}")
        return EXIT_ERROR
    return None

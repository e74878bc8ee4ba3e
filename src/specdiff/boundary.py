"""The one error boundary: SpecdiffError -> one line per problem on stderr and its exit code;
^C -> 130; anything else is a bug -> exit 3 with a short note, never a traceback."""
from __future__ import annotations

import sys
from collections.abc import Callable

from specdiff.errors import EXIT_BUG, EXIT_INTERRUPTED, SpecdiffError


def say(line: str) -> None:
    print(line, file=sys.stderr)


def guarded(run: Callable[[], int], *, extra: Callable[[BaseException], int | None] | None = None) -> int:
    """Run a command; `extra` may handle exceptions of a front end (the CLI parser's) first."""
    try:
        return run()
    except SpecdiffError as error:
        for line in str(error).splitlines():
            say(f"specdiff: error: {line}")
        return error.exit_code
    except KeyboardInterrupt:
        say("specdiff: interrupted")
        return EXIT_INTERRUPTED
    except Exception as bug:  # noqa: BLE001 - the boundary: anything else is a bug
        handled = extra(bug) if extra else None
        if handled is not None:
            return handled
        say(f"specdiff: internal error: {type(bug).__name__}: {bug}")
        say("specdiff: this is a bug in specdiff; please report it with the command you ran")
        return EXIT_BUG

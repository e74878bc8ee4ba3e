"""The one error hierarchy of specdiff, and the exit codes the CLI maps it to.

Everything below the CLI raises these instead of printing or exiting; the CLI's
single error boundary turns them into one line on stderr and an exit code.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_PROBLEMS = 1  # the command ran and found problems (e.g. invalid specs)
EXIT_ERROR = 2  # bad input, bad usage, or a repository problem
EXIT_BUG = 3  # an unexpected exception: a bug in specdiff
EXIT_INTERRUPTED = 130


class SpecdiffError(Exception):
    """A problem the user can fix; the message says where and how."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, path: str | None = None, where: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.where = where

    def __str__(self) -> str:
        place = ":".join(p for p in (self.path, self.where) if p)
        return f"{place}: {self.message}" if place else self.message

    @property
    def detail(self) -> str:
        """The message with its place inside the file (line:col or pointer), without the file."""
        return f"{self.where}: {self.message}" if self.where else self.message


class UsageError(SpecdiffError):
    """The command line asks for something impossible."""


class LoadError(SpecdiffError):
    """A file could not be read or parsed."""


class ImportFailure(SpecdiffError):
    """A document could not be turned into a spec."""


class SchemaError(SpecdiffError):
    """A spec does not match the schema."""


class WriteError(SpecdiffError):
    """An output file could not (or must not) be written."""


class ManyErrors(SpecdiffError):
    """Several problems found before giving up; each is reported on its own line."""

    def __init__(self, errors: list[SpecdiffError]) -> None:
        super().__init__(f"{len(errors)} problem(s)")
        self.errors = errors
        self.exit_code = max((e.exit_code for e in errors), default=EXIT_ERROR)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


class GitError(SpecdiffError):
    """The repository or a revision cannot be used as asked."""


class NoSpecsError(SpecdiffError):
    """No spec where the command looked (no specs folder, an empty one, a folder without specs)."""


class ConfigError(SpecdiffError):
    """The [tool.specdiff] configuration is not valid."""

"""A problem found in a spec file: where it is, what is wrong, how bad it is."""
from __future__ import annotations

from dataclasses import dataclass

from specdiff.vocab import ERROR, WARNING, Severity

__all__ = ["ERROR", "WARNING", "Problem"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding; `line`/`col` are filled in from the file's text when reported."""

    path: str
    pointer: str  # "" for a problem of the whole file (unreadable, not JSON)
    message: str
    severity: Severity = ERROR
    line: int = 0
    col: int = 0

    def render(self) -> str:
        """`path:line:col: /pointer: message` (warnings say so)."""
        place = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        label = "warning: " if self.severity == WARNING else ""
        pointer = f"{self.pointer}: " if self.pointer else ""
        return f"{place}: {pointer}{label}{self.message}"

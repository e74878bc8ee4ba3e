"""The choices of the command-line options (each an Enum, so --help lists them)."""
from __future__ import annotations

from enum import Enum


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class LogFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Level(str, Enum):
    substantive = "substantive"
    minor = "minor"
    editorial = "editorial"
    record = "record"


class ShowFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class DraftFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class LedgerFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


class SummaryFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"

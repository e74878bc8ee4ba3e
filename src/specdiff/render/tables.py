"""One name -> renderer table per output. The command line's --format choices are the keys of these
tables, so a format exists in the help exactly when a renderer exists for it.

Every renderer is a pure function of the data it renders and the run's `Options` (colour, the
longest comment): same data, same bytes.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TYPE_CHECKING, TypeVar

from specdiff.diff.model import DiffReport
from specdiff.render import RENDERERS as DOCUMENT_RENDERERS
from specdiff.render import diff_html, diff_json, diff_markdown, diff_text, drafts, log, register
from specdiff.render import migration, summary_markdown, summary_other
from specdiff.render.envelope import json_document
from specdiff.render.log import LogView
from specdiff.render.register import LedgerView

if TYPE_CHECKING:
    from specdiff.control.draft import Draft
    from specdiff.control.register import DueRow
    from specdiff.history import InForce
    from specdiff.importer.migration import ReportRow
    from specdiff.pr.model import PullSummary

T = TypeVar("T")


@dataclass(frozen=True)
class Options:
    """How this run wants its output: colour on a terminal, the longest Markdown comment."""

    color: bool = False
    max_chars: int = summary_markdown.DEFAULT_MAX_CHARS


Table = Mapping[str, Callable[[T, Options], str]]


def _plain(renderer: Callable[[T], str]) -> Callable[[T, Options], str]:
    """A renderer that needs no options."""
    return lambda data, _options: renderer(data)


def _document(name: str) -> Callable[[dict[str, Any], Options], str]:
    from specdiff.render import render

    return lambda spec, _options: render(spec, name)


DOCUMENT: Table[dict[str, Any]] = {name: _document(name) for name in DOCUMENT_RENDERERS}

DIFF: Table[DiffReport] = {
    "text": lambda report, options: diff_text.render_text(report, color=options.color),
    "markdown": _plain(diff_markdown.render_markdown),
    "json": _plain(diff_json.render_json),
    "html": _plain(diff_html.render_html),
}

LOG: Table[LogView] = {"text": _plain(log.log_text), "markdown": _plain(log.log_markdown),
                       "json": _plain(log.log_json)}

LEDGER: Table[LedgerView] = {"table": _plain(register.ledger_table), "csv": _plain(register.ledger_csv),
                             "json": _plain(register.ledger_json), "markdown": _plain(register.ledger_markdown)}

DUE: Table[tuple[DueRow, ...]] = {"text": _plain(register.due_text), "json": _plain(register.due_json)}

DRAFTS: Table[tuple[Draft, ...]] = {"text": _plain(drafts.drafts_text), "markdown": _plain(drafts.drafts_markdown),
                                    "json": _plain(drafts.drafts_json)}

SUMMARY: Table[PullSummary] = {
    "markdown": lambda summary, options: summary_markdown.render_summary_markdown(summary, options.max_chars),
    "html": _plain(summary_other.render_summary_html),
    "json": _plain(summary_other.render_summary_json),
}


MIGRATION: Table[tuple[ReportRow, ...]] = {"csv": _plain(migration.migration_csv),
                                            "json": _plain(migration.migration_json)}


def _show_json(found: InForce, _options: Options) -> str:
    return json_document(class_code=found.class_code, as_of=found.day, found=found.found, answer=found.answer,
                         commit=found.commit, effective=found.effective, spec=found.spec)


def _show_document(name: str) -> Callable[[InForce, Options], str]:
    from specdiff.render import render

    return lambda found, _options: render(found.spec or {}, name)


SHOW: Table[InForce] = {**{name: _show_document(name) for name in DOCUMENT_RENDERERS}, "json": _show_json}


def rendered(table: Table[T], name: str, data: T, options: Options | None = None) -> str:
    """The data in the named format of a table."""
    return table[name](data, options or Options())

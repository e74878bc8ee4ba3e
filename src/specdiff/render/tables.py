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
from specdiff.render import diff_side_by_side
from specdiff.render import migration, summary_markdown, summary_other
from specdiff.render.docx import Stamp
from specdiff.render.envelope import json_document
from specdiff.render.log import LogView
from specdiff.render.register import LedgerView

if TYPE_CHECKING:
    from specdiff.control.draft import Draft
    from specdiff.control.register import DueRow
    from specdiff.history import InForce
    from specdiff.importer.migration import ReportRow
    from specdiff.pr.model import PullSummary
    from specdiff.pr.packet import Packet

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

# `diff --side-by-side`: the formats that can show the old and new documents in two columns.
DIFF_SIDE_BY_SIDE: Table[DiffReport] = {"html": _plain(diff_side_by_side.render_side_by_side)}

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


# Binary formats (a package of bytes, written with --output): renderers of the data and the Stamp (who and
# when: the new side's commit author and date, for tracked changes and the package's properties).
BinaryTable = Mapping[str, Callable[[T, Stamp], bytes]]


def _document_docx(spec: dict[str, Any], stamp: Stamp) -> bytes:
    from specdiff.render.document import build_document
    from specdiff.render.docx import render_docx

    return render_docx(build_document(spec), stamp)


def _diff_docx(report: DiffReport, stamp: Stamp) -> bytes:
    from specdiff.render.docx_diff import render_docx_diff

    return render_docx_diff(report, stamp)


def _summary_docx(summary: PullSummary, stamp: Stamp) -> bytes:
    """The summary's classes (BASE...HEAD) as the diff's Word document with tracked changes."""
    report = DiffReport(summary.base, summary.head, tuple(found.spec for found in summary.classes))
    return _diff_docx(report, stamp)


def _document_pdf(spec: dict[str, Any], _stamp: Stamp) -> bytes:
    from specdiff.render.document import build_document
    from specdiff.render.pdf import render_pdf, spec_date

    return render_pdf(build_document(spec), spec_date(spec))


def _diff_pdf(report: DiffReport, stamp: Stamp) -> bytes:
    from specdiff.render.pdf_diff import render_pdf_diff

    return render_pdf_diff(report, stamp.date)


DOCUMENT_BINARY: BinaryTable[dict[str, Any]] = {"docx": _document_docx, "pdf": _document_pdf}
DIFF_BINARY: BinaryTable[DiffReport] = {"docx": _diff_docx, "pdf": _diff_pdf}
def _summary_pdf(summary: PullSummary, stamp: Stamp) -> bytes:
    """The summary's classes (BASE...HEAD) as the diff's PDF redline."""
    from specdiff.render.pdf_diff import render_pdf_diff

    report = DiffReport(summary.base, summary.head, tuple(found.spec for found in summary.classes))
    return render_pdf_diff(report, stamp.date)


SUMMARY_BINARY: BinaryTable[PullSummary] = {"docx": _summary_docx, "pdf": _summary_pdf}


def rendered_bytes(table: BinaryTable[T], name: str, data: T, stamp: Stamp | None = None) -> bytes:
    """The data in the named binary format of a table."""
    return table[name](data, stamp or Stamp())


# `specdiff packet`: the commission packet of a batch, as one printable page or a binary document.
def _packet_html(packet: Packet, _options: Options) -> str:
    from specdiff.render.packet_html import render_packet_html

    return render_packet_html(packet)


def _packet_docx(packet: Packet, stamp: Stamp) -> bytes:
    from specdiff.render.packet_docx import render_packet_docx

    return render_packet_docx(packet, stamp)


def _packet_pdf(packet: Packet, stamp: Stamp) -> bytes:
    from specdiff.render.packet_pdf import render_packet_pdf

    return render_packet_pdf(packet, stamp.date)


PACKET: Table[Packet] = {"html": _packet_html}
PACKET_BINARY: BinaryTable[Packet] = {"docx": _packet_docx, "pdf": _packet_pdf}

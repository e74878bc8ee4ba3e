"""Renderers for `specdiff ledger` and `specdiff due` (pure functions of their rows)."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, fields

from specdiff.control.register import DueRow, LedgerRow
from specdiff.render.escape import escape_markdown
from specdiff.textutil import json_dumps, printable

LEDGER_HEADINGS = {"class_code": "Class", "title": "Title", "effective": "Effective", "revised": "REV",
                   "final_no": "Final No.", "reasons": "Reasons", "reviewed": "Reviewed", "inferred": "Inferred",
                   "retired": "Retired"}


def _cells(row: LedgerRow) -> list[str]:
    return ["yes" if value is True else "" if value is False else str(value) for value in asdict(row).values()]


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
             for line in [header, *rows]]
    return printable("\n".join(lines)) + "\n"


def render_ledger(rows: list[LedgerRow], fmt: str, *, by_final: bool) -> str:
    """The register as table, csv, json or markdown; --by-final groups rows by Final No."""
    if by_final:
        rows = sorted(rows, key=lambda r: (r.final_no == "", r.final_no, r.class_code))
    header = list(LEDGER_HEADINGS.values())
    if fmt == "json":
        return json_dumps({"version": 1, "records": [asdict(r) for r in rows]}) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([f.name for f in fields(LedgerRow)])
        writer.writerows(_cells(r) for r in rows)
        return out.getvalue()
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
        lines += ["| " + " | ".join(escape_markdown(c) for c in _cells(r)) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    if by_final:
        blocks = []
        for number in dict.fromkeys(r.final_no for r in rows):
            group = [_cells(r) for r in rows if r.final_no == number]
            blocks.append(f"Final No. {number or '(none)'}: {len(group)} record(s)\n" + _table(header, group))
        return "\n".join(blocks)
    return _table(header, [_cells(r) for r in rows])


def render_due(rows: list[DueRow]) -> str:
    """One line per class due for review, oldest first."""
    lines = [f"{r.class_code}  {r.title}  last {r.last_kind} {r.last or '-'}  due since {r.due or 'unknown'}"
             for r in rows]
    return printable("\n".join(lines)) + ("\n" if lines else "")

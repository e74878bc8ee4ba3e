"""Renderers of the register (`specdiff ledger`) and of the classes due for review (`specdiff due`)."""
from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from specdiff.control.register import DueRow, LedgerRow
from specdiff.render.envelope import json_document
from specdiff.render.escape import csv_cell, escape_markdown
from specdiff.textutil import single_line

# The table and Markdown columns (CSV and JSON carry every field, the clause included).
LEDGER_HEADINGS = {"class_code": "Class", "title": "Title", "salary_group": "Salary Group", "effective": "Effective",
                   "revised": "REV", "final_no": "Final No.", "reasons": "Reasons", "approvals_text": "Approvals",
                   "flags": "Flags"}
# CSV columns and JSON fields, in order (approvals: `ROLE: NAME MM/DD/YYYY; ...` in CSV, objects in JSON).
LEDGER_FIELDS = ("class_code", "title", "salary_group", "effective", "revised", "final_no", "reasons", "reviewed",
                 "inferred", "retired", "baselined", "flags", "approvals", "clause")


@dataclass(frozen=True)
class LedgerView:
    """The rows of the register, and whether they are grouped by Final No."""

    rows: tuple[LedgerRow, ...]
    by_final: bool = False

    def ordered(self) -> list[LedgerRow]:
        if not self.by_final:
            return list(self.rows)
        return sorted(self.rows, key=lambda r: (r.final_no == "", r.final_no, r.class_code))


def _cell(value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    return "yes" if value is True else "" if value is False else str(value)


def _cells(row: LedgerRow) -> list[str]:
    """The table's cells of a row (LEDGER_HEADINGS)."""
    return [_cell(getattr(row, key)) for key in LEDGER_HEADINGS]


def _fields(row: LedgerRow) -> dict[str, object]:
    """Every field of a row, for JSON (LEDGER_FIELDS)."""
    found = {key: getattr(row, key) for key in LEDGER_FIELDS}
    found.update(flags=list(row.flags), approvals=[asdict(approval) for approval in row.approvals])
    return found


def _csv_cells(row: LedgerRow) -> list[str]:
    """Every field of a row as CSV cells, none a formula (LEDGER_FIELDS)."""
    values = {**_fields(row), "flags": row.flags, "approvals": row.approvals_text}
    return [csv_cell(_cell(values[key])) for key in LEDGER_FIELDS]


def _table(header: list[str], rows: list[list[str]]) -> str:
    rows = [[single_line(cell) for cell in row] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
             for line in [header, *rows]]
    return "\n".join(lines) + "\n"


def _by_final(rows: list[LedgerRow]) -> dict[str, list[list[str]]]:
    """The rows' cells grouped by Final No. in one pass, groups and rows in the order of rows."""
    groups: dict[str, list[list[str]]] = {}
    for row in rows:
        groups.setdefault(row.final_no, []).append(_cells(row))
    return groups


def ledger_table(view: LedgerView) -> str:
    rows, header = view.ordered(), list(LEDGER_HEADINGS.values())
    if not view.by_final:
        return _table(header, [_cells(r) for r in rows])
    return "\n".join(f"Final No. {number or '(none)'}: {len(group)} record(s)\n" + _table(header, group)
                     for number, group in _by_final(rows).items())


def ledger_csv(view: LedgerView) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LEDGER_FIELDS)
    writer.writerows(_csv_cells(r) for r in view.ordered())
    return out.getvalue()


def ledger_json(view: LedgerView) -> str:
    return json_document(records=[_fields(r) for r in view.ordered()])


def ledger_markdown(view: LedgerView) -> str:
    header = list(LEDGER_HEADINGS.values())
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(escape_markdown(c) for c in _cells(r)) + " |" for r in view.ordered()]
    return "\n".join(lines) + "\n"


def due_text(rows: tuple[DueRow, ...]) -> str:
    """One line per class due for review, oldest first."""
    lines = [single_line(f"{r.class_code}  {r.title}  last {r.last_kind} {r.last or '-'}  "
                         f"due since {r.due or 'unknown'}") for r in rows]
    return "\n".join(lines) + ("\n" if lines else "")


def due_json(rows: tuple[DueRow, ...]) -> str:
    return json_document(due=[asdict(r) for r in rows])

"""Renderers of the migration report (`specdiff import DIR --report FILE`): CSV, or JSON for a .json file."""
from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

from specdiff.render.envelope import json_document
from specdiff.render.escape import csv_cell
from specdiff.textutil import single_line

if TYPE_CHECKING:
    from specdiff.importer.migration import ReportRow

# The columns of the CSV and the fields of each JSON row, in order.
FIELDS = ("file", "class_code", "title", "result", "reason", "spec", "warnings", "warning_text",
          "inferred_sections", "word_coverage")
RESULTS = ("imported", "refused", "exists", "duplicate")


def _cells(row: ReportRow) -> list[str]:
    """A row as CSV cells: one line each, control characters shown, never a formula; lists joined with ` | `."""
    values = {**_fields(row), "warnings": str(len(row.warnings)), "warning_text": " | ".join(row.warnings),
              "inferred_sections": " ".join(row.inferred_sections),
              "word_coverage": "" if row.word_coverage is None else f"{row.word_coverage:.4f}"}
    return [csv_cell(single_line(str(values[name]))) for name in FIELDS]


def _fields(row: ReportRow) -> dict[str, Any]:
    return {"file": row.file, "class_code": row.class_code, "title": row.title, "result": row.result,
            "reason": row.reason, "spec": row.spec, "warnings": len(row.warnings),
            "warning_text": list(row.warnings), "inferred_sections": list(row.inferred_sections),
            "word_coverage": row.word_coverage}


def migration_csv(rows: tuple[ReportRow, ...]) -> str:
    """The report as CSV (RFC 4180, a header row, `\\n` line ends)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(FIELDS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue()


def migration_json(rows: tuple[ReportRow, ...]) -> str:
    """The report as a versioned JSON document: totals, then one object per file."""
    counts = {name: sum(1 for row in rows if row.result == name) for name in RESULTS}
    return json_document(totals={"documents": len(rows), **counts}, files=[_fields(row) for row in rows])

"""Import fidelity on real documents: what the importer makes of every document in a folder.

    .venv/bin/python bench/fidelity.py ../shared/corpus [--output fidelity.md]

Per document: imported or refused (with the reason), word coverage (the share of the document's content
words found in the imported JSON or in the text specdiff renders from it; specdiff.importer.coverage),
round trip (the spec rendered as text and imported again: the share of the spec's words the second
import gives back, and whether it is the same spec), and the fields found. Then the totals. Files whose
name starts with `.` or `_`, and README files, are not documents. A first line `SOURCE: ...` (where a
corpus text was taken from) is not part of the document and is dropped before importing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

META = ("$schema", "baseline")


@dataclass(frozen=True)
class Measured:
    """One document: its result, why (refused) or what to check (warnings), and the figures."""

    name: str
    result: str
    class_code: str = ""
    reason: str = ""
    warnings: int = 0
    coverage: float | None = None
    round_trip: float | None = None
    same: bool = False
    fields: tuple[str, ...] = ()
    trip_problem: str = ""


def documents(folder: Path) -> list[Path]:
    """The documents of a folder, sorted: not hidden, not `_index.tsv`-like, not a README."""
    return sorted(path for path in folder.iterdir() if path.is_file() and not path.name.startswith((".", "_"))
                  and not path.name.upper().startswith("README"))


def without_source_line(data: bytes) -> bytes:
    """The document without its first line when that line is `SOURCE: ...`."""
    if not data.startswith(b"SOURCE:"):
        return data
    end = data.find(b"\n")
    return b"" if end < 0 else data[end + 1:]


def measure(path: Path, work: Path) -> Measured:
    """Import one document (its SOURCE line dropped) and measure what came of it."""
    from specdiff.importer.migration import import_one
    from specdiff.render import render

    copy = work / path.name
    copy.write_bytes(without_source_line(path.read_bytes()))
    outcome = import_one(copy, work / "out", render=render)
    if outcome.planned is None:
        return Measured(path.name, "refused", reason=outcome.reason)
    spec = outcome.spec
    ratio, same, problem = round_trip(spec)
    return Measured(path.name, "imported", class_code=str(spec.get("class_code", "")), warnings=len(outcome.notes),
                    coverage=outcome.coverage.ratio if outcome.coverage else None, round_trip=ratio, same=same,
                    fields=found_fields(spec), trip_problem=problem)


def found_fields(spec: dict[str, Any]) -> tuple[str, ...]:
    """The spec's top-level fields that hold something, in the spec's order (not $schema, not baseline)."""
    return tuple(key for key, value in spec.items() if key not in META and value not in (None, "", [], {}))


def round_trip(spec: dict[str, Any]) -> tuple[float, bool, str]:
    """Render the spec as text, import that text again: (share of words given back, same spec, why the second
    import failed if it did)."""
    from specdiff.errors import SpecdiffError
    from specdiff.importer import import_text
    from specdiff.importer.coverage import values, words
    from specdiff.render import render

    try:
        again = import_text(render(spec, "text"), source="<rendered>").spec
    except SpecdiffError as error:
        return 0.0, False, error.message
    first, second = _words(spec, values, words), _words(again, values, words)
    both = sum((first & second).values())
    total = sum(first.values()) + sum(second.values())
    ratio = 2 * both / total if total else 1.0
    return ratio, _core(spec) == _core(again), ""


def _words(spec: dict[str, Any], values: Any, words: Any) -> Counter[str]:
    found: Counter[str] = words("\n".join(values(_core(spec))))
    return found


def _core(spec: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in spec.items() if key not in META}


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def table(rows: list[Measured]) -> str:
    """The per-document Markdown table, then the totals."""
    lines = ["| document | result | class | words kept | round trip | same spec | warnings | fields found / reason |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        detail = f"{len(row.fields)}: {' '.join(row.fields)}" if row.result == "imported" else row.reason
        if row.trip_problem:
            detail += f"; rendered text not imported again: {row.trip_problem}"
        lines.append(f"| {_cell(row.name)} | {row.result} | {_cell(row.class_code) or '-'} | {_figure(row.coverage)} "
                     f"| {_figure(row.round_trip)} | {'yes' if row.same else '-'} | {row.warnings} | {_cell(detail)} |")
    return "\n".join(lines) + "\n\n" + totals(rows) + "\n"


def _mean(found: list[float]) -> str:
    return f"{sum(found) / len(found):.3f}" if found else "-"


def totals(rows: list[Measured]) -> str:
    """One line of totals: imported, refused, word coverage and round trip over the imported documents."""
    imported = [row for row in rows if row.result == "imported"]
    coverages = [row.coverage for row in imported if row.coverage is not None]
    trips = [row.round_trip for row in imported if row.round_trip is not None]
    return (f"Totals: {len(rows)} documents, {len(imported)} imported, {len(rows) - len(imported)} refused; "
            f"words kept: mean {_mean(coverages)}, lowest {_figure(min(coverages, default=None))}, "
            f"{sum(1 for c in coverages if c >= 0.99)} of {len(imported)} at 0.99 or more; "
            f"round trip: mean {_mean(trips)}, {sum(1 for row in imported if row.same)} of {len(imported)} "
            f"the same spec.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("corpus", type=Path, help="the folder of documents to import")
    parser.add_argument("--output", type=Path, help="also write the table to this file")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus}: is not a folder")
    with tempfile.TemporaryDirectory() as temp:
        rows = [measure(path, Path(temp)) for path in documents(args.corpus)]
    if not rows:
        parser.error(f"{args.corpus}: holds no documents")
    text = table(rows)
    sys.stdout.write(text)
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

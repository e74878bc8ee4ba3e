"""bench/fidelity.py on a folder of our own documents (the bundled seeds, each under a `SOURCE:` line as the
corpus texts are): the table's shape, each row's result and the totals. No timing, and nothing read from
outside the repository (the real corpus is the script's argument, never the tests')."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEED_FILES

sys.path.insert(0, str(REPO / "bench"))

import fidelity  # noqa: E402

HEADER = "| document | result | class | words kept | round trip | same spec | warnings | fields found / reason |"


def corpus(folder: Path) -> Path:
    folder.mkdir()
    for seed in SEED_FILES:
        source = f"SOURCE: https://example.org/{seed.name}\n".encode()
        (folder / seed.name).write_bytes(source + seed.read_bytes())
    (folder / "zz_notes.txt").write_text("SOURCE: https://example.org/notes\nNo headings in this text.\n",
                                         encoding="utf-8")
    (folder / "README.md").write_text("# Not a document\n", encoding="utf-8")
    (folder / "_index.tsv").write_text("file\tnotes\n", encoding="utf-8")
    return folder


def test_fidelity_table_shape_rows_and_totals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "fidelity.md"
    assert fidelity.main([str(corpus(tmp_path / "corpus")), "--output", str(output)]) == 0
    printed = capsys.readouterr().out
    assert output.read_text(encoding="utf-8") == printed
    lines = printed.splitlines()
    assert lines[0] == HEADER and lines[1].count("---") == 8
    rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:] if line.startswith("| ")]
    assert [row[0] for row in rows] == [seed.name for seed in SEED_FILES] + ["zz_notes.txt"]  # not README, _index
    assert all(len(row) == 8 for row in rows)
    for row, seed in zip(rows, SEED_FILES, strict=False):
        assert (row[1], row[2], row[5]) == ("imported", seed.name.split("_")[1], "yes"), row
        assert float(row[3]) >= 0.99 and float(row[4]) == 1.0, row
        assert re.fullmatch(r"\d+: class_code title .*", row[7]), row
    assert rows[-1][1:7] == ["refused", "-", "-", "-", "-", "0"] and rows[-1][7].startswith("no section headings")
    assert lines[-1].startswith(f"Totals: {len(SEED_FILES) + 1} documents, {len(SEED_FILES)} imported, 1 refused; ")
    assert f"{len(SEED_FILES)} of {len(SEED_FILES)} at 0.99 or more" in lines[-1]
    assert f"round trip: mean 1.000, {len(SEED_FILES)} of {len(SEED_FILES)} the same spec." in lines[-1]


def test_the_source_line_is_dropped_and_only_it() -> None:
    assert fidelity.without_source_line(b"SOURCE: x\nPURPOSE\n") == b"PURPOSE\n"
    assert fidelity.without_source_line(b"PURPOSE\nSOURCE: x\n") == b"PURPOSE\nSOURCE: x\n"


def test_a_lost_word_lowers_the_coverage(tmp_path: Path) -> None:
    """The measure can fail: a spec missing a duty keeps fewer words than the document has."""
    from specdiff.importer.coverage import word_coverage

    seed = SEED_FILES[1]
    measured = fidelity.measure(seed, tmp_path)
    assert measured.coverage == 1.0
    from specdiff.importer import import_text

    spec = import_text(seed.read_text(encoding="utf-8")).spec
    spec["duties"]["items"].pop(0)
    assert word_coverage(seed.read_text(encoding="utf-8"), spec).ratio < 1.0


def test_not_a_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        fidelity.main([str(tmp_path / "missing")])
    assert stop.value.code == 2 and "is not a folder" in capsys.readouterr().err

"""`specdiff import DIR --report FILE`: a migration imports what it can, refuses the rest with a reason per
document, writes the report (CSV or JSON), shows progress only on a terminal, and exits 1 when some were
refused. Without a folder and without --report, import stays all or nothing."""
from __future__ import annotations

import csv
import io
import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS

GOOD = ("000_5681MP_bare.txt", "001_5258MP_headed.txt", "002_0029MP_headed.txt")
TITLES = {"5681MP": "Labor Relations Assistant Chief", "5258MP": "Agency Labor Relations Manager",
          "0029MP": "Labor Relations Program Assistant"}
NO_HEADINGS = "Some notes about a class.\nThey have no section headings at all.\n"


def folder(root: Path) -> Path:
    """docs/: two good seeds, 5258MP twice (one in a sub-folder), no headings, binary, a hidden file;
    out/ already holds 0029MP (so its document is `exists`)."""
    docs = root / "docs"
    (docs / "sub").mkdir(parents=True)
    for name in GOOD:
        shutil.copy(SEEDS / name, docs / name)
    shutil.copy(SEEDS / "001_5258MP_headed.txt", docs / "sub" / "5258MP_again.txt")
    (docs / "notes.txt").write_text(NO_HEADINGS, encoding="utf-8")
    (docs / "scan.bin").write_bytes(b"\x00\x9c\xff\xfe" * 40)
    (docs / ".DS_Store").write_bytes(b"\x00\x01")
    (root / "out").mkdir()
    (root / "out" / "0029MP.json").write_text("{}\n", encoding="utf-8")  # never read, never overwritten
    return docs


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_a_folder_imports_the_good_refuses_the_rest_and_reports_each(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "docs", "-o", "out", "--report", "report.csv")
    assert run.code == 1, run.err
    assert run.out == "wrote out/5681MP.json (from docs/000_5681MP_bare.txt)\n"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["0029MP.json", "5681MP.json"]
    assert (tmp_path / "out" / "0029MP.json").read_text(encoding="utf-8") == "{}\n"
    report = rows((tmp_path / "report.csv").read_text(encoding="utf-8"))
    assert [(r["file"], r["class_code"], r["result"], r["spec"]) for r in report] == [
        ("docs/000_5681MP_bare.txt", "5681MP", "imported", "out/5681MP.json"),
        ("docs/001_5258MP_headed.txt", "5258MP", "duplicate", ""),
        ("docs/002_0029MP_headed.txt", "0029MP", "exists", ""),
        ("docs/notes.txt", "", "refused", ""),
        ("docs/scan.bin", "", "refused", ""),
        ("docs/sub/5258MP_again.txt", "5258MP", "duplicate", ""),
    ]
    by_file = {r["file"]: r for r in report}
    assert by_file["docs/000_5681MP_bare.txt"]["title"] == TITLES["5681MP"]
    assert by_file["docs/000_5681MP_bare.txt"]["warnings"] == "1"
    assert "title 'Labor Relations Assistant Chief' taken from the cancellation clause" in \
        by_file["docs/000_5681MP_bare.txt"]["warning_text"]
    assert by_file["docs/000_5681MP_bare.txt"]["word_coverage"] == "1.0000"
    assert by_file["docs/001_5258MP_headed.txt"]["reason"] == (
        "class 5258MP is also in docs/sub/5258MP_again.txt; none of them was written: import the right one on its own")
    assert by_file["docs/002_0029MP_headed.txt"]["reason"] == ("out/0029MP.json already exists; pass --force to "
                                                               "overwrite it")
    assert by_file["docs/notes.txt"]["reason"].startswith("no section headings found")
    assert by_file["docs/scan.bin"]["reason"] and by_file["docs/scan.bin"]["word_coverage"] == ""
    err = run.err.splitlines()
    assert "skipped hidden: docs/.DS_Store" in err
    for row in report[1:]:  # one stderr line per document not imported, naming it and why
        assert f"{row['result']}: {row['file']}: {row['reason']}" in err
    assert err[-1] == ("imported 1 of 6 documents (2 refused, 1 exists, 2 duplicate); 1 with warnings; "
                       "report: report.csv")


def test_all_good_exits_0_and_the_json_report_has_totals(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in GOOD:
        shutil.copy(SEEDS / name, docs / name)
    monkeypatch.chdir(tmp_path)
    run = cli("import", "docs", "-o", "out", "--report", "report.json")
    assert run.code == 0, run.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["0029MP.json", "5258MP.json", "5681MP.json"]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["version"] == 1
    assert report["totals"] == {"documents": 3, "imported": 3, "refused": 0, "exists": 0, "duplicate": 0}
    assert [(f["class_code"], f["title"], f["result"], f["word_coverage"]) for f in report["files"]] == [
        (code, TITLES[code], "imported", 1.0) for code in ("5681MP", "5258MP", "0029MP")]
    assert report["files"][0]["inferred_sections"] == [] and report["files"][0]["warnings"] == 1


def test_force_replaces_existing_specs_and_a_folder_without_report_warns_on_stderr(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder(tmp_path)
    (tmp_path / "docs" / "sub" / "5258MP_again.txt").unlink()
    monkeypatch.chdir(tmp_path)
    run = cli("import", "docs", "-o", "out", "--force")
    assert run.code == 1  # notes.txt and scan.bin are still refused
    assert json.loads((tmp_path / "out" / "0029MP.json").read_text(encoding="utf-8"))["class_code"] == "0029MP"
    assert "warning: docs/000_5681MP_bare.txt: docs/000_5681MP_bare.txt:63: no title line" in run.err
    assert not list(tmp_path.glob("*.csv"))


def test_without_folder_or_report_import_stays_all_or_nothing(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    docs = folder(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = cli("import", str(docs / GOOD[0]), str(docs / "notes.txt"), "-o", "fresh")
    assert run.code == 2 and not (tmp_path / "fresh").exists()
    assert "no section headings found" in run.err


def test_a_hostile_file_name_is_inert_in_the_report_and_on_stderr(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    hostile = "=cmd|' -C calc'!A0\n\x1b[31mred.txt"
    (docs / hostile).write_text(NO_HEADINGS, encoding="utf-8")
    shutil.copy(SEEDS / GOOD[1], docs / "+good.txt")
    monkeypatch.chdir(tmp_path)
    run = cli("import", "docs", "-o", "out", "--report", "report.csv")
    assert run.code == 1
    assert "\x1b" not in run.err + run.out and len(run.err.splitlines()) == 2  # the refusal, the summary
    text = (tmp_path / "report.csv").read_text(encoding="utf-8")
    assert "\x1b" not in text
    report = rows(text)
    assert [r["result"] for r in report] == ["imported", "refused"]
    assert report[0]["file"] == "docs/+good.txt"
    assert report[1]["file"].startswith("docs/=cmd") and "\n" not in report[1]["file"]
    for cell in (cell for row in report for cell in row.values()):
        assert not cell.startswith(("=", "+", "-", "@")), cell
    assert rows((tmp_path / "report.csv").read_text(encoding="utf-8"))[1]["reason"].startswith("no section")


def test_formula_cells_are_quoted(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "=HYPERLINK.txt").write_text(NO_HEADINGS, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("import", "=HYPERLINK.txt", "-o", "out", "--report", "report.csv")
    assert run.code == 1 and "refused: =HYPERLINK.txt: no section headings" in run.err
    assert rows((tmp_path / "report.csv").read_text(encoding="utf-8"))[0]["file"] == "'=HYPERLINK.txt"


@pytest.mark.parametrize("place", ["a-file/report.csv", "missing/report.csv", "."])
def test_a_report_that_cannot_be_written_is_a_usage_error_before_anything(  # type: ignore[no-untyped-def]
        cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, place: str) -> None:
    folder(tmp_path)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    run = cli("import", "docs", "-o", "fresh", "--report", place)
    assert run.code == 2 and "Traceback" not in run.err
    assert len(run.err.splitlines()) == 1 and run.err.startswith(f"specdiff: error: {place}: ")
    assert not (tmp_path / "fresh").exists() and not list(tmp_path.rglob("report.csv"))
    assert not list(tmp_path.rglob("*.tmp"))


def test_usage_errors(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    folder(tmp_path)
    (tmp_path / "empty" / ".git-like").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    empty = cli("import", "empty", "-o", "fresh")
    assert empty.code == 2
    assert "empty: is a directory with no documents to import (1 hidden entries skipped)" in empty.err
    update = cli("import", "docs", "--update", "-o", "fresh")
    assert update.code == 2 and "--update" in update.err
    code = cli("import", "docs", "--class-code", "1234AB", "-o", "fresh")
    assert code.code == 2 and "--class-code" in code.err
    assert not (tmp_path / "fresh").exists()


def _spawn(cwd: Path, *, tty: bool) -> str:
    """stderr of a real `specdiff import docs` process, on a pseudo-terminal or a pipe."""
    command = [str(Path(sys.executable).parent / "specdiff"), "import", "docs", "-o", "out"]
    if not tty:
        return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120).stderr
    leader, follower = pty.openpty()
    with subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=follower,
                          stdin=subprocess.DEVNULL) as proc:
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal closed: the process is done
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=120)
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_only_on_a_terminal(tmp_path: Path) -> None:
    for name in ("tty", "pipe"):
        docs = tmp_path / name / "docs"
        docs.mkdir(parents=True)
        for seed in GOOD:
            shutil.copy(SEEDS / seed, docs / seed)
    on_tty = _spawn(tmp_path / "tty", tty=True)
    assert "importing" in on_tty and "3/3" in on_tty, on_tty
    piped = _spawn(tmp_path / "pipe", tty=False)
    assert "importing" not in piped and "[#" not in piped, piped
    assert piped.splitlines()[-1].startswith("imported 3 of 3 documents")
    assert sorted(p.name for p in (tmp_path / "tty" / "out").iterdir()) == sorted(
        p.name for p in (tmp_path / "pipe" / "out").iterdir())



def test_a_report_inside_the_folder_is_not_imported_on_the_next_run(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(SEEDS / GOOD[2], docs / GOOD[2])
    monkeypatch.chdir(tmp_path)
    assert cli("import", "docs", "-o", "out", "--report", "docs/report.csv").code == 0
    again = cli("import", "docs", "-o", "out", "--report", "docs/report.csv")
    assert again.code == 1
    assert [(r["file"], r["result"]) for r in rows((docs / "report.csv").read_text(encoding="utf-8"))] == [
        ("docs/002_0029MP_headed.txt", "exists")]

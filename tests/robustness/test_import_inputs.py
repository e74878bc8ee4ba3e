"""Bad or odd documents for `specdiff import`: a valid spec with nothing lost, or one clear line
and exit 2 with nothing written."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SEEDS
from helpers import one_line_error

pytestmark = pytest.mark.category("import")
SEED = (SEEDS / "001_5258MP_headed.txt").read_text(encoding="utf-8")


def run_import(cli, tmp_path: Path, content: bytes, *extra: str):  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_bytes(content)
    out = tmp_path / "out"
    return cli("import", str(doc), "--out-dir", str(out), *extra), out


@pytest.mark.parametrize("name, content, needle", [
    ("empty text", b"", "the document is empty"),
    ("only blank lines", b"\n\n  \n\t\n", "the document is empty"),
    ("binary junk", bytes(range(256)) * 4, "not UTF-8 text"),
    ("a text with no headings", b"Some notes about a job.\nNothing else here.\n", "no section headings found"),
    ("a truncated spec without its effective date", SEED.split("EFFECTIVE DATE")[0].encode("utf-8"),
     "no EFFECTIVE DATE"),
])
def test_refused_documents(cli, tmp_path: Path, name: str, content: bytes, needle: str) -> None:  # type: ignore[no-untyped-def]
    run, out = run_import(cli, tmp_path, content)
    one_line_error(run, 2, "doc.txt", needle)
    assert not out.exists()


def imported(cli, tmp_path: Path, content: str, *extra: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    run, out = run_import(cli, tmp_path, content.encode("utf-8"), *extra)
    assert run.code == 0, run.err
    assert "Traceback" not in run.err
    [path] = out.glob("*.json")
    spec: dict = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    assert cli("validate", str(path)).code in (0, 1) and "Traceback" not in cli("validate", str(path)).err
    return spec


def test_headings_only(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Records Examiner (1234AB)\nPURPOSE OF JOB CLASS (NATURE OF WORK)\nEXAMPLES OF DUTIES\n"
    spec = imported(cli, tmp_path, text)
    assert set(spec) == {"$schema", "class_code", "title", "baseline"}
    assert spec["baseline"] == {}  # no records: no `through`


def test_a_spec_cut_in_the_middle_of_its_duties(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cut = SEED[: SEED.index("Oversees performance management system;")]
    spec = imported(cli, tmp_path, cut)
    assert spec["duties"]["items"][-1].startswith("Analyzes complex workplace situations")


def test_a_spec_pasted_twice_keeps_every_word(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = imported(cli, tmp_path, SEED + "\n" + SEED.split("PURPOSE OF JOB CLASS", 1)[1].join(
        ["PURPOSE OF JOB CLASS", ""]))
    assert len(spec["other_sections"]) >= 15  # the repeats are kept, not dropped
    assert spec["other_sections"][0]["heading"] == "PURPOSE OF JOB CLASS (NATURE OF WORK)"


@pytest.mark.parametrize("transform", [
    lambda t: t.replace("\n", "\r\n"),
    lambda t: t.replace("  ", "\t"),
    lambda t: "\ufeff" + t,
], ids=["windows line endings", "tabs", "byte order mark"])
def test_line_endings_tabs_and_bom(cli, tmp_path: Path, transform) -> None:  # type: ignore[no-untyped-def]
    spec = imported(cli, tmp_path, transform(SEED))
    assert spec["class_code"] == "5258MP" and len(spec["duties"]["items"]) == 21


def test_very_long_lines(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    long_duty = "Performs " + "very " * 1_900 + "long work;"  # 9,519 characters: under the 10,000 cap
    spec = imported(cli, tmp_path, SEED.replace("Oversees performance management system;", long_duty))
    assert long_duty in spec["duties"]["items"]


def test_a_line_over_the_size_cap_is_refused_naming_the_place(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "long.txt"
    source.write_text(SEED.replace("Oversees performance management system;", "Performs " + "very " * 200_000),
                      encoding="utf-8")
    run = cli("import", str(source), "--out-dir", str(tmp_path / "out"))
    assert run.code == 2 and "Traceback" not in run.err and len(run.err.splitlines()) == 1
    assert "characters long, over the limit of 10,000" in run.err and not (tmp_path / "out").exists()


def test_text_in_another_script(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    greek = "Εκτελεί καθήκοντα διαχείρισης εργασιακών σχέσεων;"
    chinese = "负责劳动关系管理工作；"
    text = SEED.replace("Oversees performance management system;", greek).replace(
        "Prepares and maintains relevant documentation;", chinese)
    spec = imported(cli, tmp_path, text)
    assert greek in spec["duties"]["items"] and chinese in spec["duties"]["items"]

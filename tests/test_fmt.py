"""`specdiff fmt`: canonical JSON, idempotent, --check changes nothing, broken files untouched."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import REPO

SPECS = REPO / "specs"


def scrambled(tmp_path: Path) -> Path:
    spec = json.loads((SPECS / "0029MP.json").read_text(encoding="utf-8"))
    reordered = dict(reversed(list(spec.items())))
    path = tmp_path / "0029MP.json"
    path.write_text(json.dumps(reordered, indent=4, ensure_ascii=True), encoding="utf-8")
    return path


def test_bundled_specs_pass_check(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    run = cli("fmt", "--check")
    assert run.code == 0 and run.out == ""


def test_check_reports_without_writing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = scrambled(tmp_path)
    before = path.read_bytes()
    run = cli("fmt", "--check", str(path))
    assert run.code == 1
    assert run.out.strip() == f"would reformat {path}"
    assert path.read_bytes() == before


def test_fmt_writes_canonical_form_and_is_idempotent(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = scrambled(tmp_path)
    first = cli("fmt", str(path))
    assert first.code == 0 and first.out.strip() == f"reformatted {path}"
    assert path.read_bytes() == (SPECS / "0029MP.json").read_bytes()  # schema order, 2 spaces, UTF-8, newline
    second = cli("fmt", str(path))
    assert second.code == 0 and second.out == ""
    assert path.read_bytes() == (SPECS / "0029MP.json").read_bytes()


def test_broken_file_is_reported_and_left_alone(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "X1.json"
    bad.write_text('{"class_code": "X1", "class_code": "X2"}', encoding="utf-8")
    shutil.copy(SPECS / "5258MP.json", tmp_path)
    run = cli("fmt", str(tmp_path))
    assert run.code == 1
    assert run.err.strip().splitlines()[0] == f"specdiff: error: {bad}: duplicate key 'class_code'; keep one of them"
    assert bad.read_text(encoding="utf-8") == '{"class_code": "X1", "class_code": "X2"}'


def test_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("fmt", str(tmp_path / "nope.json"))
    assert run.code == 2 and "no such file or directory" in run.err


def test_a_run_with_nothing_to_do_says_what_it_checked(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("fmt", "--check")
    assert run.code == 0 and run.out == "" and run.err == "ok: 5 spec(s) in canonical form\n"

"""The CLI end to end: import (all or nothing, never overwriting), render, validate, exit codes."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

SEED = str(SEEDS / "001_5258MP_headed.txt")


def test_import_writes_one_spec_per_class_and_says_so(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("import", SEED, str(SEEDS / "002_0029MP_headed.txt"), "--out-dir", str(tmp_path))
    assert run.code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0029MP.json", "5258MP.json"]
    assert f"wrote {tmp_path / '5258MP.json'} (from {SEED})" in run.out
    spec = json.loads((tmp_path / "5258MP.json").read_text(encoding="utf-8"))
    assert spec["$schema"] == "urn:specdiff:schema:job-class:1"  # no schema/ folder above tmp_path


def test_import_into_a_repo_points_schema_at_its_schema_folder(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "schema").mkdir()
    shutil.copy(REPO / "schema" / "job-class.schema.json", tmp_path / "schema")
    assert cli("import", SEED, "--out-dir", str(tmp_path / "specs")).code == 0
    spec = json.loads((tmp_path / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    assert spec["$schema"] == "../schema/job-class.schema.json"


def test_import_never_overwrites_without_force(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "5258MP.json"
    target.write_text("keep me", encoding="utf-8")
    run = cli("import", SEED, "--out-dir", str(tmp_path))
    assert run.code == 2
    assert run.err.strip() == f"specdiff: error: {target}: already exists; pass --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"
    assert cli("import", SEED, "--out-dir", str(tmp_path), "--force").code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["class_code"] == "5258MP"


def test_import_is_all_or_nothing(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.txt"
    bad.write_text("just some words\nwith no headings\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    out = tmp_path / "out"
    run = cli("import", SEED, str(bad), str(empty), "--out-dir", str(out))
    assert run.code == 2
    lines = run.err.strip().splitlines()
    assert len(lines) == 2  # both bad files reported, each on one line
    assert lines[0].startswith(f"specdiff: error: {bad}: no section headings found")
    assert lines[1].startswith(f"specdiff: error: {empty}: the document is empty")
    assert not out.exists()
    assert "Traceback" not in run.err


@pytest.mark.parametrize("setup, message", [
    (lambda p: p.mkdir(), "is a directory with no documents to import"),  # a folder is a migration
    (lambda p: None, "no such file"),
    (lambda p: p.write_bytes(b"PURPOSE OF JOB CLASS\n\xff\xfe bad\n"), "not UTF-8 text"),
])
def test_unreadable_input_is_one_line_exit_2(cli, tmp_path: Path, setup, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "doc.txt"
    setup(path)
    run = cli("import", str(path), "--out-dir", str(tmp_path / "out"))
    assert run.code == 2
    assert run.err.count("\n") == 1 and message in run.err and str(path) in run.err


def test_missing_class_code_names_the_fix(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = tmp_path / "doc.txt"
    doc.write_text("Records Examiner\nPURPOSE OF JOB CLASS (NATURE OF WORK)\nExamines records.\n", encoding="utf-8")
    run = cli("import", str(doc), "--out-dir", str(tmp_path))
    assert run.code == 2 and "--class-code" in run.err and str(doc) in run.err
    ok = cli("import", str(doc), "--out-dir", str(tmp_path), "--class-code", "1234AB", "--title", "Records Examiner")
    assert ok.code == 0
    spec = json.loads((tmp_path / "1234AB.json").read_text(encoding="utf-8"))
    assert spec["title"] == "Records Examiner"
    assert spec["other_sections"][0]["content"]["items"] == ["Records Examiner"]  # never dropped


def test_class_code_option_needs_a_single_file(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run = cli("import", SEED, SEED, "--class-code", "X1", "--out-dir", str(tmp_path))
    assert run.code == 2 and "one document" in run.err


def test_render_by_class_code_and_to_a_file(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    run = cli("render", "5258MP")
    assert run.code == 0 and run.out.startswith("State of Connecticut Executive Branch\n")
    out = tmp_path / "5258MP.html"
    run = cli("render", "specs/5258MP.json", "--format", "html", "--output", str(out))
    assert run.code == 0 and run.out.strip() == f"wrote {out}"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_render_refuses_an_invalid_spec(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "X1.json"
    path.write_text(json.dumps({"class_code": "X1", "title": 5}), encoding="utf-8")
    run = cli("render", str(path))
    assert run.code == 2
    assert run.err.startswith(f"specdiff: error: {path}:/title: 5 is not of type 'string'")


def test_render_unknown_class_code(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    run = cli("render", "9999ZZ")
    assert run.code == 2 and "no spec specs/9999ZZ.json" in run.err


def test_unexpected_exception_is_reported_as_a_bug(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import specdiff.render as render_module

    def boom(spec: object, fmt: str = "text") -> str:
        raise RuntimeError("kaput")

    monkeypatch.setattr(render_module, "render", boom)
    run = cli("render", "5258MP")
    assert run.code == 3
    assert "internal error: RuntimeError: kaput" in run.err and "Traceback" not in run.err


def test_usage_error_exit_2(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("render", "5258MP", "--format", "rtf")
    assert run.code == 2 and "rtf" in run.err


def test_version(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("--version")
    assert run.code == 0 and run.out.startswith("specdiff ")


def _bin(name: str) -> str:
    path = Path(sys.executable).parent / name
    assert path.exists(), f"console script {name} is not installed"
    return str(path)


def test_console_script_and_git_subcommand(tmp_path: Path) -> None:
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    direct = subprocess.run([_bin("specdiff"), "render", str(REPO / "specs" / "0029MP.json")],
                            capture_output=True, text=True, env=env)
    assert direct.returncode == 0 and "Labor Relations Program Assistant (0029MP)" in direct.stdout
    via_git = subprocess.run(["git", "specdiff", "-h"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert via_git.returncode == 0, via_git.stderr  # (git answers `--help` itself, with a man page)
    assert "Usage: git specdiff" in via_git.stdout


def test_help_does_not_load_heavy_libraries() -> None:
    """`specdiff --help` starts fast: jsonschema, GitPython and deepdiff are imported only by commands."""
    code = ("import sys\nfrom specdiff.cli import main\nrc = main(['--help'])\n"
            "print(sorted(m for m in ('jsonschema', 'git', 'deepdiff', 'referencing') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_hook_commands_start_without_the_cli_framework() -> None:
    """`specdiff validate FILE` (the pre-commit hook) loads neither typer nor jsonschema for a valid spec."""
    code = ("import sys\nfrom specdiff.entry import main\n"
            f"rc = main(['validate', {str(REPO / 'specs' / '5258MP.json')!r}])\n"
            "print(rc, sorted(m for m in ('typer', 'jsonschema', 'git', 'deepdiff') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "0 []"


@pytest.mark.parametrize("args", [["validate"], ["validate", "--strict"], ["fmt", "--check"]])
def test_lean_and_full_paths_give_the_same_output(args: list[str], tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from specdiff import cli, entry

    specs = tmp_path / "specs"
    specs.mkdir()
    shutil.copy(REPO / "specs" / "5257MP.json", specs)  # warnings: no salary group, no record
    (specs / "X1.json").write_text('{"class_code": "X1", "title": ""}', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    lean_code = entry.main(args)
    lean = capsys.readouterr()
    full_code = cli.main(args)
    full = capsys.readouterr()
    assert (lean_code, lean.out, lean.err) == (full_code, full.out, full.err)
    assert lean_code == 1 and (lean.out or lean.err)


def test_ctrl_c_wrapped_by_a_library_is_an_interruption_not_a_bug(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import specdiff.render as render_module

    def interrupted_while_a_class_is_made(spec: object, fmt: str = "text") -> str:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as interrupt:  # what Python does to ^C inside __set_name__
            raise RuntimeError("Error calling __set_name__ on 'Field' instance") from interrupt

    monkeypatch.setattr(render_module, "render", interrupted_while_a_class_is_made)
    run = cli("render", "5258MP")
    assert run.code == 130 and run.err == "specdiff: interrupted\n"

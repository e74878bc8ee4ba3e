"""What an audit of the reshaped gate found (trying it as a new and as a hostile user), each case
proved fixed: no comparison of nothing passes, JSON that is not JSON is refused, nothing hangs or
crashes, and one-line messages stay one line. Each test failed before its fix."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import sys
from pathlib import Path
from typing import Any

import pytest

from gitrepo import SpecRepo
from helpers import one_line_error, one_problem_line, snapshot
from specdiff.render.escape import escape_markdown

SPECDIFF = Path(sys.executable).parent / "specdiff"
pytestmark = pytest.mark.category("audit")


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)


def no_crash(run: Any) -> Any:
    assert run.code != 3 and "Traceback" not in run.out + run.err and "internal error" not in run.err, run.err
    return run


def test_a_repository_without_specs_is_never_a_pass(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo()
    (repo.root / "README.md").write_text("no specs here\n", encoding="utf-8")
    repo.commit("readme")
    for args in (["check"], ["diff"], ["summary", "HEAD"], ["ci", "run", "--base", "HEAD", "--head", "HEAD"]):
        one_line_error(cli(*args), 2, "no spec (*.json) in specs/")
    (repo.root / "specdiff.toml").write_text('specs_dir = "catalgo"\n', encoding="utf-8")  # a typo'd folder
    one_line_error(cli("check"), 2, "no spec (*.json) in catalgo/")


def test_rename_code_refuses_while_a_spec_cannot_be_read(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP", "5681MP")
    retired = cli("retire", "0029MP", "--effective", "01/01/2030", "--replaced-by", "5681MP", "--final", "30-001")
    assert retired.code == 0
    path = repo.root / "specs" / "0029MP.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"class_code"', '"class_code": "x",,"y"', 1),
                    encoding="utf-8")
    before = snapshot(repo.root)
    one_line_error(cli("rename-code", "5681MP", "5682MP"), 2, "specs/0029MP.json", "nothing was written")
    assert snapshot(repo.root) == before


@pytest.mark.parametrize("value, needle", [
    ("NaN", "NaN is not a JSON number"), ("Infinity", "Infinity is not a JSON number"),
    ("1e999", "too large a number"), ("9" * 5000, "too many digits"),
])
def test_numbers_json_does_not_have_are_refused(cli, make_repo, value: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    path = repo.root / "specs" / "5258MP.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"max": 65.4', f'"max": {value}', 1), encoding="utf-8")
    before = path.read_bytes()
    one_problem_line(no_crash(cli("validate")), 1, "specs/5258MP.json", needle)
    one_line_error(no_crash(cli("render", "5258MP")), 2, "specs/5258MP.json", needle)
    assert no_crash(cli("fmt")).code == 1 and path.read_bytes() == before  # never rewritten as Infinity


def test_half_a_surrogate_pair_is_refused_and_a_whole_one_kept(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    path = repo.root / "specs" / "5258MP.json"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"Agency Labor Relations Manager"', '"Agency \\ud800 Manager"', 1), encoding="utf-8")
    one_problem_line(no_crash(cli("validate")), 1, "half a character")
    one_line_error(no_crash(cli("retire", "5258MP", "--effective", "01/01/2030")), 2, "half a character")
    path.write_text(text.replace('"Agency Labor Relations Manager"', '"Agency \\ud83d\\ude00 Manager"', 1),
                    encoding="utf-8")
    assert "Agency \U0001f600 Manager" in no_crash(cli("render", "5258MP")).out


def test_the_summary_shows_invalid_specs_even_when_no_spec_changed(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    spec = repo.spec("0029MP")
    spec["purpose"] = ["Duties are interpreted at the level of Agency Labor Relations Manager."]
    repo.write(spec)
    repo.commit("a reference")
    assert cli("retire", "5258MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    repo.commit("retire the class 0029MP refers to")
    repo.git("commit", "-q", "--allow-empty", "-m", "nothing")
    run = no_crash(cli("summary", "HEAD~1"))
    assert run.code == 1 and "specs/0029MP.json" in run.out and "retired" in run.out, run.out
    assert "no spec changed" not in run.out


def test_ctrl_c_while_the_full_cli_loads_exits_130(make_repo) -> None:  # type: ignore[no-untyped-def]
    import signal
    import time

    from test_gate_regressions import interpreter_start

    repo: SpecRepo = make_repo("5258MP")
    first = max(0.03, 2 * interpreter_start())  # from specdiff's first line on (Python's start-up is Python's)
    traced = []
    for delay in [first + 0.02 * step for step in range(12)]:
        process = subprocess.Popen([str(SPECDIFF), "diff", "HEAD"], cwd=repo.root, env=repo.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if process.returncode not in (0, 130, -signal.SIGINT) or b"Traceback" in err:
            traced.append((delay, process.returncode, err[-200:]))
    assert traced == []


def test_an_editor_that_cannot_run_keeps_the_edit(cli, make_repo, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the kept edit goes here, not the machine's /tmp
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    before = repo.spec("5258MP")
    run = no_crash(cli("edit", "5258MP"))
    assert run.code == 1 and "cannot run the editor '/nonexistent/editor'" in run.err and "--from" in run.err
    assert repo.spec("5258MP") == before


def test_sticky_id_says_which_line_is_not_a_comment(make_repo) -> None:  # type: ignore[no-untyped-def]
    for given in ("garbage\n", "[1]\n", '{"id": "x"}\n'):
        done = subprocess.run([str(SPECDIFF), "ci", "sticky-id"], input=given, capture_output=True, text=True)
        assert done.returncode == 2 and done.stderr.startswith("specdiff: error: stdin line 1: not a comment object")
        assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_a_pipe_in_the_specs_folder_does_not_hang_the_hook(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    os.mkfifo(repo.root / "specs" / "8888MP.json")
    for args in (["validate"], ["ledger"], ["fmt", "--check"]):
        done = subprocess.run([str(SPECDIFF), *args], cwd=repo.root, env=repo.env, capture_output=True, text=True,
                              timeout=30)
        assert done.returncode == 1 and "specs/8888MP.json" in done.stdout + done.stderr
        assert "is not a regular file" in done.stdout + done.stderr


def test_show_as_of_does_not_invent_a_date_for_undated_revisions(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5257MP")  # a posting: no record, no EST
    assert cli("retire", "5257MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    repo.commit("retire")
    run = no_crash(cli("show", "5257MP", "--as-of", "01/01/2025"))
    assert run.code == 1 and "cannot be told" in run.out and "established" not in run.out, run.out


def test_deleting_a_retired_spec_is_not_a_missing_retirement(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    assert cli("retire", "0029MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    repo.commit("retire")
    repo.git("rm", "-q", "specs/0029MP.json")
    assert cli("check").code == 0
    repo.git("rm", "-q", "specs/5258MP.json")
    assert "specs/5258MP.json: 5258MP: the spec was deleted" in cli("check").out


@pytest.mark.parametrize("value", ["abc", "-1", "1e3"])
def test_a_size_limit_that_is_not_a_number_is_an_error(cli, make_repo, monkeypatch, value: str) -> None:  # type: ignore[no-untyped-def]
    make_repo("5258MP")
    monkeypatch.setenv("SPECDIFF_MAX_FILE_BYTES", value)
    one_line_error(cli("validate"), 2, "SPECDIFF_MAX_FILE_BYTES", "not a number")


def test_a_small_limit_is_said_in_bytes(cli, make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    make_repo("5258MP")
    monkeypatch.setenv("SPECDIFF_MAX_FILE_BYTES", "1000")
    line = one_problem_line(cli("validate"), 1, "specs/5258MP.json")
    assert "is over the 1,000 bytes limit" in line and "0.0 MB" not in line


def test_a_file_name_with_a_newline_stays_on_one_line(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    shutil.copy(repo.root / "specs" / "5258MP.json", repo.root / "specs" / "59\n99MP.json")
    run = cli("validate")
    lines = [line for line in run.out.splitlines() if "99MP.json" in line]
    assert run.code == 1 and lines and all(line.startswith("specs/59\u240a99MP.json:") for line in lines), run.out
    assert not any(line.startswith("99MP.json") for line in run.out.splitlines())


def test_markdown_escapes_a_list_number_but_not_an_amount() -> None:
    assert escape_markdown("65.4") == "65.4"
    assert escape_markdown("1. First") == "1\\. First"
    assert escape_markdown("12) twelve") == "12\\) twelve"


def test_validate_of_a_missing_path_never_says_ok(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo("5258MP")
    run = cli("validate", "nosuch.json")
    assert run.code == 2 and "ok:" not in run.err


def test_json_on_an_ascii_console_keeps_every_character(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    spec = repo.spec("5258MP")
    spec["title"] = "Agency \u2014 Labor \u017ftatute Manager \U0001f600"
    repo.write(spec)
    repo.commit("title")
    done = subprocess.run([str(SPECDIFF), "diff", "HEAD~1", "HEAD", "-f", "json"], cwd=repo.root,
                          env={**repo.env, "PYTHONIOENCODING": "ascii"}, capture_output=True)
    assert done.returncode == 0 and done.stdout.isascii()
    assert json.loads(done.stdout)["specs"][0]["title"] == spec["title"]


def test_a_filter_path_that_holds_no_spec_is_an_error(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    (repo.root / "docs").mkdir()
    (repo.root / "docs" / "notes.md").write_text("x\n", encoding="utf-8")
    one_line_error(cli("diff", "HEAD", "docs/notes.md"), 2, "docs/notes.md", "no spec can be there")
    assert cli("diff", "HEAD", "specs").code == 0 and cli("diff", "HEAD", ".").code == 0


def test_usage_lines_read_as_a_person_writes_them(cli) -> None:  # type: ignore[no-untyped-def]
    assert "Usage: specdiff summary [OPTIONS] BASE [HEAD]" in cli("summary", "--help").out
    run = cli("draft", "5258MP", "--write", "--effective")
    assert run.code == 2 and ".;" not in run.err and len(run.err.splitlines()) == 1

"""Regression tests for the "Why" bullets of issue 12: places where the change-control gate passed
silently, crashed, or answered wrongly. One test (or a few) per bullet, each named after what it
proves; each failed on the code before the fix. Real git repositories, no mocks."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gitrepo import SpecRepo

SEEDS = ("5258MP", "0029MP", "5681MP")
SPECDIFF = Path(sys.executable).parent / "specdiff"
CRASH_MARKERS = ("Traceback", "internal error", "AttributeError", "UnicodeDecodeError", "UnicodeEncodeError")
Cases = list[tuple[list[str], int]]


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """`ci run` is given --base/--head; an Actions environment around the suite must not leak in."""
    for name in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY", "GITHUB_OUTPUT"):
        monkeypatch.delenv(name, raising=False)


def crashed(run: Any) -> bool:
    return run.code == 3 or any(marker in run.out + run.err for marker in CRASH_MARKERS)


def one_error(run: Any, code: int, *needles: str) -> str:
    """The single `specdiff: error:` line of a run that failed as expected; needles are case-insensitive."""
    assert run.code == code, (run.code, run.out, run.err)
    assert not crashed(run), run.err
    lines: list[str] = [line for line in run.err.splitlines() if line.startswith("specdiff: error:")]
    assert len(lines) == 1, run.err
    for needle in needles:
        assert needle.casefold() in lines[0].casefold(), (needle, lines[0])
    return lines[0]


def mismatches(cli: Callable[..., Any], cases: Cases, named: str = "") -> list[tuple[list[str], int, str]]:
    """Cases whose exit code differs, that crashed, or whose output does not name `named` (for exit 2:
    in exactly one error line)."""
    wrong = []
    for args, code in cases:
        run = cli(*args)
        errors = [line for line in run.err.splitlines() if line.startswith("specdiff: error:")]
        unnamed = code and named and named not in run.out + run.err
        if run.code != code or crashed(run) or unnamed or code == 2 and not (len(errors) == 1 and named in errors[0]):
            wrong.append((args, run.code, (run.err or run.out)[-300:]))
    return wrong


def edit(repo: SpecRepo, code: str, change: Callable[[dict[str, Any]], None]) -> None:
    spec = repo.spec(code)
    change(spec)
    repo.write(spec)


def wrong_shape(repo: SpecRepo) -> bytes:
    """5258MP as valid JSON of the wrong shape: duties is a string, not a list."""
    return (json.dumps({**repo.spec("5258MP"), "duties": "just a string"}, indent=2) + "\n").encode()


def raise_pay(spec: dict[str, Any]) -> None:
    spec["salary"]["group"] = "MP 67"


def committed_bad(repo: SpecRepo, bad: bytes) -> None:
    """Commit 1 good ("import"), commit 2 makes 5258MP bad ("two"), commit 3 restores it ("three")."""
    path = repo.root / "specs" / "5258MP.json"
    good = path.read_bytes()
    path.write_bytes(bad)
    repo.commit("two")
    path.write_bytes(good)
    repo.commit("three")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if ".git" not in p.parts and p.is_file()}


# 1. A mistyped revision was taken as a path filter: nothing printed, exit 0.

@pytest.mark.parametrize("args", [["mian"], ["mian", "HEAD"], ["mian", "HEAD", "--fail-on", "substantive"]])
def test_a_mistyped_revision_is_an_error_with_a_suggestion(cli, make_repo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    repo.commit("two")
    one_error(cli("diff", *args), 2, "mian", "did you mean", "main")


# 2. A mistyped class code or section filtered everything away in silence.

def test_a_mistyped_class_code_is_an_error_with_a_suggestion(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    repo.commit("two")
    one_error(cli("diff", "HEAD~1", "HEAD", "5258PM"), 2, "5258PM", "did you mean", "5258MP")


def test_an_unknown_section_is_an_error_naming_it(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    repo.commit("two")
    one_error(cli("diff", "HEAD~1", "HEAD", "--section", "FOO"), 2, "FOO")


def test_a_filter_or_a_diff_that_matches_nothing_says_so(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    repo.commit("two")
    filtered = cli("diff", "HEAD~1", "HEAD", "--section", "EXAMPLES OF DUTIES")
    assert filtered.code == 0 and not crashed(filtered), filtered.err
    said = (filtered.out + filtered.err).casefold()
    assert "no change matches the filters" in said and "1 change(s) left out" in said, (filtered.out, filtered.err)
    nothing = cli("diff")  # HEAD against a clean work tree
    assert nothing.code == 0 and "no spec changed" in (nothing.out + nothing.err).casefold(), (nothing.out, nothing.err)


# 3. The specs folder was relative to the current directory; outside a repository all was "ok".

def test_every_command_gives_the_same_result_from_a_subfolder(cli, make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    repo.commit("two")
    (repo.root / "docs" / "a" / "b").mkdir(parents=True)
    (repo.root / "docs" / "a" / "b" / "notes.txt").write_text("notes\n", encoding="utf-8")
    commands = [["validate"], ["ledger"], ["due"], ["draft", "5258MP"], ["render", "5258MP"],
                ["diff", "HEAD~1", "HEAD"], ["check"], ["log", "5258MP"]]
    from_root = {tuple(args): cli(*args) for args in commands}
    assert from_root[("validate",)].code == 0 and "5258MP" in from_root[("render", "5258MP")].out
    different = []
    for folder in ("specs", "docs/a/b"):
        monkeypatch.chdir(repo.root / folder)
        for args in commands:
            run, root = cli(*args), from_root[tuple(args)]
            if (run.code, run.out, run.err) != (root.code, root.out, root.err):
                different.append((folder, args, run.code, (run.err or run.out)[:200]))
    assert different == []


def test_outside_a_repository_validate_and_new_say_so_and_write_nothing(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    one_error(cli("validate"), 2, "repository")
    one_error(cli("new", "7001MP", "--title", "X"), 2)
    assert list(outside.iterdir()) == []


def test_no_specs_folder_or_an_empty_folder_is_an_error_not_zero_specs_valid(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo()
    (repo.root / "specs").rmdir()
    (repo.root / "README.md").write_text("no specs here\n", encoding="utf-8")
    repo.commit("readme")
    one_error(cli("validate"), 2, "specs")
    (repo.root / "emptyfolder").mkdir()
    (repo.root / "emptyfolder" / "notes.txt").write_text("not a spec\n", encoding="utf-8")
    one_error(cli("validate", "emptyfolder/"), 2, "emptyfolder")


# 4. A valid-JSON spec of the wrong shape reached the engine: "internal error: AttributeError".

def test_a_wrong_shape_spec_in_the_work_tree_is_reported_not_crashed(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    (repo.root / "specs" / "5258MP.json").write_bytes(wrong_shape(repo))
    before = snapshot(repo.root)
    cases: Cases = [(["diff"], 2), (["check"], 1), (["draft", "5258MP", "--effective", "01/01/2030", "--write"], 2),
                    (["summary", "HEAD"], 0),
                    (["ci", "run", "--base", "HEAD", "--head", "HEAD", "--comment-file", str(tmp_path / "c.md")], 0)]
    assert mismatches(cli, cases, named="5258MP.json") == []
    assert snapshot(repo.root) == before


def test_a_wrong_shape_spec_committed_is_reported_not_crashed(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    committed_bad(repo, wrong_shape(repo))
    comment = tmp_path / "comment.md"
    before = snapshot(repo.root)
    cases: Cases = [(["diff", "HEAD~2", "HEAD~1"], 2), (["check", "--base", "HEAD~1"], 1),
                    (["draft", "5258MP", "--base", "HEAD~1", "--effective", "01/01/2030", "--write"], 2),
                    (["summary", "HEAD~2", "HEAD~1"], 1),
                    (["ci", "run", "--base", "HEAD~2", "--head", "HEAD~1", "--comment-file", str(comment)], 1)]
    assert mismatches(cli, cases, named="5258MP.json") == []
    assert snapshot(repo.root) == before
    assert "5258MP.json" in comment.read_text(encoding="utf-8")


# 5. A non-UTF-8 spec was decoded outside the loading path: "internal error: UnicodeDecodeError".

def test_a_non_utf8_spec_is_reported_not_crashed(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    not_utf8 = b'{"title": "\xff"}'
    (repo.root / "specs" / "5258MP.json").write_bytes(not_utf8)
    assert mismatches(cli, [(["diff"], 2)], named="5258MP.json") == []
    repo.git("checkout", "-q", "--", "specs/5258MP.json")
    committed_bad(repo, not_utf8)
    comment = tmp_path / "comment.md"
    cases: Cases = [(["summary", "HEAD~2", "HEAD~1"], 1),
                    (["ci", "run", "--base", "HEAD~2", "--head", "HEAD~1", "--comment-file", str(comment)], 1)]
    assert mismatches(cli, cases, named="5258MP.json") == []
    assert "5258MP.json" in comment.read_text(encoding="utf-8")


# 6. A class could disappear from the register without a retirement record.

def test_a_staged_deletion_fails_check_until_the_class_is_retired(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    repo.git("rm", "-q", "specs/5258MP.json")
    run = cli("check")
    assert run.code == 1 and not crashed(run), (run.out, run.err)
    assert "5258MP" in run.out + run.err and "retire" in (run.out + run.err).casefold(), (run.out, run.err)


def test_a_committed_deletion_is_not_change_control_satisfied(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    repo.git("rm", "-q", "specs/5258MP.json")
    repo.commit("delete")
    summary = cli("summary", "main^", "main")
    assert summary.code == 1 and not crashed(summary), (summary.out, summary.err)
    assert "change control satisfied" not in summary.out
    comment = tmp_path / "comment.md"
    ci = cli("ci", "run", "--base", "main^", "--head", "main", "--comment-file", str(comment))
    assert ci.code == 1 and not crashed(ci), (ci.out, ci.err)
    assert "change control satisfied" not in comment.read_text(encoding="utf-8")


def test_a_spec_renamed_out_of_the_specs_folder_is_reported_removed(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    repo.git("mv", "specs/5258MP.json", "specs/5258MP.json.bak")
    repo.commit("rename away")
    run = cli("summary", "HEAD~1", "HEAD")
    assert run.code == 1 and not crashed(run), (run.out, run.err)
    assert "no spec changed" not in run.out and "5258MP" in run.out
    assert any(word in run.out.casefold() for word in ("removed", "deleted")), run.out


@pytest.mark.parametrize("name", [b"specs/7001MP\nnew.json", b"specs/7001MP\xff.json"], ids=["newline", "not-utf8"])
def test_a_spec_file_name_git_quotes_is_reported_by_diff(cli, make_repo, name: bytes) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    spec = {**repo.spec("5681MP"), "class_code": "7001MP", "title": "Labor Relations Deputy Chief"}
    with open(os.path.join(os.fsencode(repo.root), name), "wb") as file:
        file.write((json.dumps(spec, indent=2) + "\n").encode())
    repo.commit("odd name")
    run = cli("diff", "HEAD~1", "HEAD")
    assert not crashed(run), run.err
    assert "7001MP" in run.out + run.err, (run.code, run.out, run.err)


# 7. The summary showed "✅ Valid" for a class that validate rejects (reference to a retired class).

def test_a_reference_to_a_retired_class_makes_the_summary_and_ci_fail(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", lambda spec: spec["minimum_qualifications"].__setitem__("notes", [
        "NOTE: For state employees this experience is interpreted at the level of Labor Relations Program Assistant."]))
    assert cli("retire", "0029MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    assert cli("draft", "5258MP", "--effective", "01/01/2030", "--final", "30-002", "--write").code == 0
    repo.commit("retire 0029MP, refer to it")
    validate = cli("validate")
    assert validate.code == 1
    errors = [line for line in validate.out.splitlines() if "5258MP.json" in line and "warning" not in line]
    assert any("retired" in line for line in errors), validate.out
    overview = [line for line in cli("summary", "HEAD~1", "HEAD").out.splitlines() if line.startswith("| 5258MP")]
    assert overview and "❌" in overview[0], overview  # the Valid cell
    classes = cli("summary", "HEAD~1", "HEAD", "-f", "json").json()["classes"]
    [entry] = [c for c in classes if c["class_code"] == "5258MP"]
    assert entry["validation"], entry
    comment = tmp_path / "comment.md"
    ci = cli("ci", "run", "--base", "HEAD~1", "--head", "HEAD", "--comment-file", str(comment))
    assert ci.code == 1 and "change control satisfied" not in comment.read_text(encoding="utf-8")


# 8. ledger, due and --next-final skipped a spec they could not parse.

def break_0029mp(repo: SpecRepo) -> None:
    path = repo.root / "specs" / "0029MP.json"
    path.write_text(path.read_text(encoding="utf-8").rstrip().removesuffix("}").rstrip() + ",\n}\n", encoding="utf-8")


@pytest.mark.parametrize("args", [["ledger"], ["due", "--as-of", "01/01/2040"]], ids=["ledger", "due"])
def test_the_register_reports_an_unreadable_spec_and_keeps_the_others(cli, make_repo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    break_0029mp(repo)
    run = cli(*args)
    assert run.code == 1 and not crashed(run), (run.code, run.out, run.err)
    assert "0029MP.json" in run.err
    assert "5258MP" in run.out and "5681MP" in run.out


def test_next_final_refuses_to_run_over_an_unreadable_spec(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    break_0029mp(repo)
    one_error(cli("draft", "5258MP", "--next-final", "--effective", "01/01/2030"), 2, "0029MP.json")


# 9. draft --write wrote a record dated on or before the current one (5258MP's is 2022-04-22).

@pytest.mark.parametrize("day", ["01/01/2020", "04/22/2022"], ids=["before", "equal"])
def test_draft_write_refuses_an_effective_date_not_after_the_current_record(cli, make_repo, day: str) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    edit(repo, "5258MP", raise_pay)
    before = snapshot(repo.root)
    one_error(cli("draft", "5258MP", "--write", "--effective", day, "--next-final"), 2)
    assert snapshot(repo.root) == before
    for code, current in (("5681MP", "01/03/2023"), ("5258MP", day)):  # retire: the same rule
        one_error(cli("retire", code, "--effective", current), 2)
    assert snapshot(repo.root) == before


# 10. Before the first committed revision, show --as-of answered from the commit, not the records.

def test_show_as_of_before_the_first_commit_answers_from_the_records(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo(*SEEDS)
    run = cli("show", "5258MP", "--as-of", "03/01/2021")
    assert run.code == 1 and not crashed(run), run.err
    assert "10/25/2019" in run.out and "not in this repository" in run.out, run.out
    assert "not yet in force" not in run.out


# 11. Usage errors were four lines of Typer; help showed <list[Path]> and {spec}.

@pytest.mark.parametrize("args, option, choices", [
    (["render", "5258MP", "-f", "bogus"], "-f", ("text", "markdown", "html")),  # "-f" is in "--format" too
    (["diff", "--fail-on", "bogus"], "--fail-on", ("substantive", "minor", "editorial", "record")),
    (["validate", "--nope"], "--nope", ()),
], ids=["render-format", "diff-fail-on", "validate-unknown-option"])
def test_a_usage_error_is_one_line_naming_the_option_and_choices(cli, make_repo, args: list[str], option: str,  # type: ignore[no-untyped-def]
                                                                 choices: tuple[str, ...]) -> None:
    make_repo(*SEEDS)
    run = cli(*args)
    assert run.code == 2 and not crashed(run), (run.code, run.err)
    assert len(run.err.strip().splitlines()) == 1, run.err
    one_error(run, 2, option, *choices)


@pytest.mark.parametrize("command", ["validate", "import", "diff"])
def test_help_shows_metavars_a_person_reads(cli, command: str) -> None:  # type: ignore[no-untyped-def]
    run = cli(command, "--help")
    assert run.code == 0
    assert "<list[" not in run.out and "{" not in run.out.split("\n\n", 1)[0], run.out


# 12. A non-UTF-8 console crashed on non-ASCII text; ^C during start-up printed a traceback.

@pytest.fixture
def non_ascii_repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo(*SEEDS)
    edit(repo, "5258MP", lambda spec: spec.__setitem__("title", "Agency Labor Relations Manager — ſenior"))
    edit(repo, "5681MP", lambda spec: spec["minimum_qualifications"].__setitem__("notes", [
        "NOTE: This experience is interpreted at the level of Labor Relations Ŝpecialist — ſenior."]))
    repo.commit("non-ASCII title and note")
    return repo


def run_console(repo: SpecRepo, *args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**repo.env, "PYTHONIOENCODING": encoding}
    return subprocess.run([str(SPECDIFF), *args], cwd=repo.root, env=env, capture_output=True, timeout=60)


@pytest.mark.parametrize("encoding", ["cp1252", "ascii"])
def test_non_ascii_text_on_a_narrow_console_encoding_does_not_crash(non_ascii_repo: SpecRepo, encoding: str) -> None:
    failed = []
    for args in (["render", "5258MP"], ["diff", "HEAD~1", "HEAD"], ["validate"], ["ledger"]):
        result = run_console(non_ascii_repo, *args, encoding=encoding)
        text = (result.stdout + result.stderr).decode(encoding, errors="replace")
        shown = "5681MP" if args == ["validate"] else "5258MP"  # validate prints the note's warning
        if result.returncode != 0 or any(marker in text for marker in CRASH_MARKERS) or shown not in text:
            failed.append((args, result.returncode, text[-300:]))
    assert failed == []


def interpreter_start() -> float:
    """How long this machine takes to start Python and run the console script's own first line."""
    times = []
    for _ in range(3):
        started = time.monotonic()
        subprocess.run([sys.executable, "-c", "import re, sys"], check=True)
        times.append(time.monotonic() - started)
    return sorted(times)[1]


def test_ctrl_c_at_any_moment_exits_130_without_a_traceback(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo(*SEEDS)
    env = {**repo.env, "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    full = subprocess.run([str(SPECDIFF), "validate"], cwd=repo.root, env=env, capture_output=True, timeout=60)
    assert full.returncode == 0, full.stderr
    runtime = time.monotonic() - started
    # From the moment specdiff's own code runs (after Python's start-up, which is Python's to handle:
    # twice the time a bare interpreter takes to start here) up to a little past a whole run.
    first = max(0.03, 2 * interpreter_start())
    last = max(first + 0.05, min(1.5, runtime * 1.3))
    count = max(10, min(40, int(15 / max(runtime, last / 2))))
    interrupted = []
    for step in range(count):
        delay = first + (last - first) * step / (count - 1)
        process = subprocess.Popen([str(SPECDIFF), "validate"], cwd=repo.root, env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(delay)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=60)
        if process.returncode not in (130, -signal.SIGINT, 0) or b"Traceback" in err:
            interrupted.append((round(delay, 3), process.returncode, err.decode(errors="replace")[-200:]))
    assert interrupted == []

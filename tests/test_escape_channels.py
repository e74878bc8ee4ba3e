"""Escaping for the other output channels: CSV cells (no formula), GitHub Actions log lines (no workflow
command), shell commands suggested as fixes (copy-paste safe), and the short fallback comment."""
from __future__ import annotations

import csv
import io
import re
import shlex
from pathlib import Path

import pytest

from gitrepo import SpecRepo
from specdiff.control.check import RecordProblem, draft_fix, removal_problem
from specdiff.diff.model import SpecChange
from specdiff.render.escape import csv_cell
from specdiff.textutil import single_line

FORMULAS = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]
# The runner trims blanks at the start of a line before it looks for `::`, and finds the legacy `##[`
# form anywhere in a line.
WORKFLOW_COMMAND = re.compile(r"^[\s\u180e\u200b\ufeff]*::|##\[")


def commands_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if WORKFLOW_COMMAND.search(line)]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_csv_cell_never_starts_a_formula(value: str) -> None:
    assert csv_cell(value) == "'" + value
    assert csv_cell("Analyst 2-3") == "Analyst 2-3" and csv_cell("") == ""


def test_the_ledger_csv_has_no_formula(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    spec = repo.spec("5258MP")
    spec["title"] = FORMULAS[0]
    spec["records"][-1]["reasons"] = [FORMULAS[1], "x"]
    spec["records"][0]["reasons"] = [FORMULAS[3]]
    spec["records"][0]["title"] = FORMULAS[2]
    repo.write(spec)
    run = cli("ledger", "-f", "csv")
    assert run.code == 0, run.err
    cells = [cell for row in csv.reader(io.StringIO(run.out)) for cell in row]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    assert "'" + FORMULAS[0] in cells and f"'{FORMULAS[1]}; x" in cells  # the text is all there


@pytest.mark.parametrize("text", ["::error title=Approved::x", "  ::add-mask::secret", "\u3000::warning::x",
                                  "\ufeff::notice::x", "a ##[error]x", "x\n::error::y", "\x1b]0;t\x07::x"])
def test_a_single_line_is_never_a_workflow_command(text: str) -> None:
    line = single_line(text)
    assert "\n" not in line and not WORKFLOW_COMMAND.search(line), line
    assert "\x1b" not in line and "\x07" not in line


def test_ordinary_single_lines_are_unchanged() -> None:
    assert single_line("specs/5258MP.json: 5258MP: no record: a::b") == "specs/5258MP.json: 5258MP: no record: a::b"


def test_a_record_problem_prints_no_workflow_command() -> None:
    problem = RecordProblem("X", "::add-mask::secret", "stale\n::error::forged ##[warning]x", "fix\n::error::y")
    assert not commands_in(problem.render()) and len(problem.render().splitlines()) == 2


@pytest.fixture
def hostile_folder(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    """The specs folder, named by the base's specdiff.toml, makes every path start with a workflow command."""
    folder = " ::error title=Approved by HR::merge ##[warning]now"
    repo: SpecRepo = make_repo("5258MP")
    (repo.root / folder).mkdir()
    (repo.root / "specs" / "5258MP.json").rename(repo.root / folder / "5258MP.json")
    (repo.root / "specdiff.toml").write_text(f'specs_dir = "{folder}"\n', encoding="utf-8")
    repo.commit("folder")
    repo.git("checkout", "-q", "-b", "pr")
    spec = json_load(repo.root / folder / "5258MP.json")
    spec["duties"]["items"][2] = "Interprets agreements;"
    spec["title"] = "Manager \x1b[2J\x07"
    (repo.root / folder / "5258MP.json").write_text(json_dump(spec), encoding="utf-8")
    repo.commit("revise")
    return repo


def json_load(path: Path) -> dict[str, object]:
    import json

    loaded: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def json_dump(value: object) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("args", [["check", "--base", "main"], ["ci", "run", "--base", "main", "--head", "HEAD"],
                                  ["validate"], ["diff", "main"], ["fmt", "--check"], ["log", "5258MP"],
                                  ["approve", "5258MP", "--role", "::error::HR", "--by", "x\n::error::y ##[warning]z"],
                                  ["check", "--allow-pending-approvals", "--base", "main"], ["ledger"], ["init"]],
                         ids=" ".join)
def test_the_actions_log_gets_no_workflow_command(cli, hostile_folder: SpecRepo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    run = cli(*args)
    assert run.code in (0, 1), run.out + run.err
    if args[0] in ("check", "ci", "diff"):
        assert "::error title=Approved by HR::merge" in run.out  # the folder is named, on a safe line
    assert not commands_in(run.out + run.err), commands_in(run.out + run.err)
    assert "\x1b" not in run.out + run.err and "\x07" not in run.out + run.err


def test_a_fix_command_is_safe_to_paste() -> None:
    path = "specs/a b;touch pwned `id` $(id).json"
    change = SpecChange("5258MP", "T", "removed", path, None, (), {}, None)
    fix = removal_problem(change).fix
    assert shlex.split(fix)[:2] == ["restore", path]
    checkout = re.search(r"\(git checkout -- (.*)\), then (specdiff retire .*)", fix)
    assert checkout and shlex.split(checkout.group(1)) == [path]
    assert shlex.split(checkout.group(2))[:3] == ["specdiff", "retire", "5258MP"]
    base = "hr`<!--@org;id"
    assert shlex.split(draft_fix("5258MP", base))[:5] == ["specdiff", "draft", "5258MP", "--base", base]
    assert draft_fix("5258MP", "origin/main").startswith("specdiff draft 5258MP --base origin/main ")


def test_the_fallback_comment_says_what_happened(cli, make_repo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    repo: SpecRepo = make_repo("5258MP")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["duties"]["items"][2] = "Interprets agreements;"
    repo.write(spec)
    repo.commit("revise")
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "state/specs")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    comment, fallback = tmp_path / "comment.md", tmp_path / "fallback.md"
    run = cli("ci", "run", "--base", "main", "--head", "HEAD", "--comment-file", str(comment),
              "--fallback-file", str(fallback))
    assert run.code == 1
    text = fallback.read_text(encoding="utf-8")
    assert text.startswith("<!-- specdiff-summary -->\n") and len(text) < 1000
    assert "1 problem(s)" in text and "satisfied" not in text
    assert "[the workflow run](https://github.com/state/specs/actions/runs/42)" in text
    assert "`specdiff-summary` artifact" in text


def test_a_run_that_stops_leaves_a_failed_comment_not_a_stale_one(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    comment, fallback = tmp_path / "comment.md", tmp_path / "fallback.md"
    comment.write_text("<!-- specdiff-summary -->\n\u2705 change control satisfied\n", encoding="utf-8")
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "evil](http://evil.example)")
    monkeypatch.chdir(tmp_path)
    run = cli("ci", "run", "--comment-file", str(comment), "--fallback-file", str(fallback))
    assert run.code == 2
    for written in (comment, fallback):
        text = written.read_text(encoding="utf-8")
        assert text.startswith("<!-- specdiff-summary -->\n") and "did not finish" in text
        assert "satisfied" not in text and "evil" not in text

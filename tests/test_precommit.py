"""Real pre-commit, in a temporary git repository, runs the hooks this repo publishes.

The hooks are taken from .pre-commit-hooks.yaml and run as `language: system` with the
installed specdiff (a `language: python` hook would make pre-commit install specdiff from
the network). A broken spec blocks the commit with the validator's message; a fixed one passes.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO

BIN = Path(sys.executable).parent


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git repo with a pinned author, specs/ holding one valid spec, and the hooks installed."""
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    shutil.copy(REPO / "specs" / "5258MP.json", root / "specs")
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    # specdiff-records (change control) has its own test in test_change_control.py; here the edits
    # are about validation and formatting, not about records.
    hooks = [hook for hook in published if hook["id"] != "specdiff-records"]
    for hook in hooks:
        hook.update(language="system", entry=str(BIN / hook["entry"]))
    config = {"repos": [{"repo": "local", "hooks": hooks}]}
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    run(root, sys.executable, "-m", "pre_commit", "install")
    git(root, "add", "-A")
    assert commit(root, "initial").returncode == 0
    return root


def env(root: Path) -> dict[str, str]:
    global_config = root.parent / "gitconfig"
    global_config.touch()
    return {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
            "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
            "GIT_CONFIG_GLOBAL": str(global_config), "GIT_CONFIG_NOSYSTEM": "1",
            "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"), "NO_COLOR": "1"}


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=root, env=env(root), capture_output=True, text=True)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = run(root, "git", *args)
    assert result.returncode == 0, result.stderr
    return result


def commit(root: Path, message: str) -> subprocess.CompletedProcess[str]:
    return run(root, "git", "commit", "-q", "-m", message)


def edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    spec = json.loads(path.read_text(encoding="utf-8"))
    change(spec)
    path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_broken_spec_blocks_the_commit_and_a_fixed_one_passes(repo: Path) -> None:
    spec = repo / "specs" / "5258MP.json"
    edit(spec, lambda s: s["salary"].update(hourly={"min": 65.40, "max": 47.97}))
    git(repo, "add", "-A")
    blocked = commit(repo, "swap pay")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "specs/5258MP.json:8:15: /salary/hourly: hourly minimum 65.40 is above the maximum 47.97" in output
    assert git(repo, "log", "--format=%s").stdout.split() == ["initial"]

    def fix(s):  # type: ignore[no-untyped-def]
        s["salary"].update(hourly={"min": 47.97, "max": 65.40})
        s["supervision_exercised"] = ["Supervises a staff of labor relations professionals."]

    edit(spec, fix)
    git(repo, "add", "-A")
    passed = commit(repo, "fix pay")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert git(repo, "log", "--format=%s").stdout.split("\n")[0] == "fix pay"


def test_a_cross_file_problem_blocks_the_commit(repo: Path) -> None:
    copy = repo / "specs" / "5681MP.json"
    shutil.copy(repo / "specs" / "5258MP.json", copy)  # same class code in a second file
    git(repo, "add", "-A")
    blocked = commit(repo, "copy")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "specs/5681MP.json:3:17: /class_code: class code '5258MP' does not match the file name" in output
    assert "class code '5258MP' is also used by specs/5258MP.json" in output


def test_the_fmt_hook_rewrites_a_spec_then_lets_it_through(repo: Path) -> None:
    spec = repo / "specs" / "5258MP.json"
    value = json.loads(spec.read_text(encoding="utf-8"))
    value["supervision_exercised"] = ["Supervises a staff of labor relations professionals."]
    spec.write_text(json.dumps(value, indent=4), encoding="utf-8")  # 4 spaces, ASCII escapes: not canonical
    git(repo, "add", "-A")
    first = commit(repo, "reword")
    assert first.returncode != 0 and "files were modified by this hook" in first.stdout + first.stderr
    assert spec.read_text(encoding="utf-8").startswith('{\n  "$schema": "../schema/job-class.schema.json",\n')
    git(repo, "add", "-A")
    second = commit(repo, "reword")
    assert second.returncode == 0, second.stdout + second.stderr
    assert git(repo, "status", "--porcelain").stdout == ""


def test_this_repos_config_runs_the_published_hooks() -> None:
    """.pre-commit-config.yaml (local, system) and .pre-commit-hooks.yaml describe the same hooks."""
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = config["repos"][0]["hooks"]

    def essentials(hook: dict) -> tuple:  # type: ignore[type-arg]
        return (hook["id"], hook["entry"], hook["files"], hook.get("pass_filenames", True),
                hook.get("require_serial", False))

    assert sorted(map(essentials, local)) == sorted(map(essentials, published))
    assert {hook["language"] for hook in local} == {"system"}


def test_the_staged_spec_is_checked_against_an_untouched_committed_one(repo: Path) -> None:
    """pass_filenames: the hook gets only the staged file, and still sees every other spec's class code."""
    shutil.copy(REPO / "specs" / "5257MP.json", repo / "specs")
    git(repo, "add", "-A")
    assert commit(repo, "add 5257MP").returncode == 0
    value = json.loads((repo / "specs" / "5257MP.json").read_text(encoding="utf-8"))
    (repo / "specs" / "9999ZZ.json").write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")  # 5257MP's code in a new file
    git(repo, "add", "specs/9999ZZ.json")
    blocked = commit(repo, "copy")
    assert blocked.returncode != 0
    output = blocked.stdout + blocked.stderr
    assert "specs/9999ZZ.json:3:17: /class_code: class code '5257MP' is also used by specs/5257MP.json" in output
    assert "(checked against 2 others)" in output  # only the staged file was named: the others came from the cache
    assert git(repo, "log", "--format=%s").stdout.split("\n")[0] == "add 5257MP"


def test_a_second_commit_on_a_branch_passes_the_records_hook(tmp_path: Path) -> None:
    """Issue 14: the records hook compares with the merge base of main, so a branch needs one record per
    class, however many commits it has (the hook used to compare with HEAD and ask again)."""
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    shutil.copy(REPO / "specs" / "5258MP.json", root / "specs")
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    for hook in hooks:
        entry, *args = hook["entry"].split()
        hook.update(language="system", entry=" ".join([str(BIN / entry), *args]))
    (root / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}),
                                                  encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    run(root, sys.executable, "-m", "pre_commit", "install")
    git(root, "add", "-A")
    assert commit(root, "5258MP as approved").returncode == 0
    git(root, "switch", "-q", "-c", "revise-5258MP")
    spec = root / "specs" / "5258MP.json"
    edit(spec, lambda s: s["salary"].update(group="MP 67"))
    git(root, "add", "-A")
    blocked = commit(root, "revise pay, no record")
    assert blocked.returncode != 0 and "no new effective-date record" in blocked.stdout + blocked.stderr
    drafted = run(root, str(BIN / "specdiff"), "draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001",
                  "--write")
    assert drafted.returncode == 0, drafted.stderr
    git(root, "add", "-A")
    first = commit(root, "revise pay, with its record")
    assert first.returncode == 0, first.stdout + first.stderr
    edit(spec, lambda s: s["salary"].update(group="MP 68"))  # revised again on the same branch
    git(root, "add", "-A")
    second = run(root, "git", "commit", "-m", "pay again")
    assert second.returncode == 0, second.stdout + second.stderr
    said = second.stdout + second.stderr
    assert re.search(r"^specdiff check \(change control\)\.+Passed$", said, re.M), said  # the hook ran, and passed
    records = json.loads(spec.read_text(encoding="utf-8"))["records"]
    assert [r["effective"] for r in records][-2:] == ["2022-04-22", "2024-07-05"]  # one record for the branch

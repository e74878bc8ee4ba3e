"""The GitHub Action, run locally: its own step scripts from action.yml, a fake event payload and
job summary, a temporary repository, and a fake `gh` that records what would be posted."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from gitrepo import SpecRepo

BIN = Path(sys.executable).parent
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
FAKE_GH = """#!/usr/bin/env bash
# A stand-in for the GitHub CLI: logs every call; answers the comment listing from $FAKE_COMMENTS.
echo "$*" >> "$FAKE_GH_LOG"
if [ "$1" = "api" ] && [ "$2" = "--paginate" ]; then cat "$FAKE_COMMENTS"; fi
for refused in ${FAKE_GH_REFUSE:-}; do  # bodies GitHub refuses (too long, an outage)
  case "$*" in *"body=@"*"$refused"*) exit 1 ;; esac
done
"""


@pytest.fixture
def pr(tmp_path: Path) -> tuple[SpecRepo, dict[str, str]]:
    """A repo whose branch revises 5258MP's pay without a record, and the Actions environment."""
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    base = repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    head = repo.commit("raise pay")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": head}}}),
                     encoding="utf-8")
    runner = tmp_path / "runner"
    runner.mkdir()
    (runner / "gh").write_text(FAKE_GH, encoding="utf-8")
    (runner / "gh").chmod(0o755)
    env = {**repo.env, "GITHUB_EVENT_PATH": str(event), "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
           "GITHUB_OUTPUT": str(tmp_path / "output"), "RUNNER_TEMP": str(runner), "GITHUB_REPOSITORY": "state/specs",
           "PR": "7", "GH_TOKEN": "fake", "FAKE_GH_LOG": str(tmp_path / "gh.log"),
           "FAKE_COMMENTS": str(tmp_path / "comments.jsonl"),
           "PATH": f"{runner}{os.pathsep}{BIN}{os.pathsep}{os.environ['PATH']}"}
    (tmp_path / "comments.jsonl").write_text("", encoding="utf-8")
    return repo, env


EXPRESSIONS = {"${{ github.action_path }}": str(REPO), "${{ github.token }}": "fake",
               "${{ github.event.pull_request.number }}": "7",
               **{f"${{{{ inputs.{name} }}}}": str(spec["default"]) for name, spec in ACTION["inputs"].items()}}


def _step(name: str) -> dict[str, object]:
    found: dict[str, object] = next(s for s in ACTION["runs"]["steps"] if s.get("name") == name)
    return found


def step(name: str) -> str:
    """A step's script as the runner gets it: no expression is pasted into it (inputs come through env)."""
    script = str(_step(name)["run"])
    assert "${{" not in script, f"{name}: an expression in a run: script is pasted in unescaped; use env:"
    return script


def step_env(name: str) -> dict[str, str]:
    """A step's env: with its expressions evaluated as the runner would (inputs at their defaults)."""
    found = _step(name).get("env") or {}
    assert isinstance(found, dict)
    return {key: EXPRESSIONS[str(value)] for key, value in found.items()}


def run_step(name: str, repo: SpecRepo, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-e", "-c", step(name)], cwd=repo.root, env={**env, **step_env(name)},
                          capture_output=True, text=True)


def test_action_reports_a_missing_record_in_every_output(pr) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    result = run_step("Validate, check records, summarise", repo, env)
    assert result.returncode == 0, result.stderr  # the step records the result; a later step fails the job
    assert Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8") == "result=problems\n"
    summary = Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")
    assert "## specdiff: 1 class changed" in summary and "no new effective-date record" in summary
    comment = (Path(env["RUNNER_TEMP"]) / "specdiff-comment.md").read_text(encoding="utf-8")
    assert comment.startswith("<!-- specdiff-summary -->") and len(comment) <= 65000
    assert (Path(env["RUNNER_TEMP"]) / "specdiff-summary.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")
    assert "specs/5258MP.json: 5258MP: no new effective-date record" in result.stdout
    failing = run_step("Fail on problems", repo, env)
    assert failing.returncode == 1


def test_action_posts_once_then_updates_its_own_comment(pr) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    run_step("Validate, check records, summarise", repo, env)
    posted = run_step("Post or update the summary comment", repo, env)
    assert posted.returncode == 0, posted.stderr
    log = Path(env["FAKE_GH_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[-1].startswith("api -X POST repos/state/specs/issues/7/comments -F body=@")
    comments = [{"id": 11, "body": "<!-- specdiff-summary --> forged", "user": "someone"},
                {"id": 42, "body": "<!-- specdiff-summary -->\n## specdiff", "user": "github-actions[bot]"}]
    Path(env["FAKE_COMMENTS"]).write_text("".join(json.dumps(c) + "\n" for c in comments), encoding="utf-8")
    run_step("Post or update the summary comment", repo, env)
    log = Path(env["FAKE_GH_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[-1].startswith("api -X PATCH repos/state/specs/issues/comments/42 -F body=@")


def test_a_clean_pull_request_passes(pr, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    monkeypatch.chdir(repo.root)
    cli("draft", "5258MP", "--base", "main", "--effective", "07/05/2024", "--final", "24-001", "--write")
    head = repo.commit("record")
    event = json.loads(Path(env["GITHUB_EVENT_PATH"]).read_text(encoding="utf-8"))
    event["pull_request"]["head"]["sha"] = head
    Path(env["GITHUB_EVENT_PATH"]).write_text(json.dumps(event), encoding="utf-8")
    result = run_step("Validate, check records, summarise", repo, env)
    assert result.returncode == 0 and Path(env["GITHUB_OUTPUT"]).read_text(encoding="utf-8") == "result=ok\n"
    assert "change control satisfied" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def test_a_shallow_clone_says_to_fetch_full_history(pr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", "--branch", "pr", f"file://{repo.root}", str(clone)],
                   env=env, check=True)
    name = "Validate, check records, summarise"
    result = subprocess.run(["bash", "-e", "-c", step(name)], cwd=clone, env={**env, **step_env(name)},
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "set `fetch-depth: 0` on actions/checkout" in result.stderr
    assert "fetch-depth: 0" in Path(env["GITHUB_STEP_SUMMARY"]).read_text(encoding="utf-8")


def test_without_an_event_payload(cli, pr, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo, _ = pr
    monkeypatch.chdir(repo.root)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    run = cli("ci", "run")
    assert run.code == 2 and "GITHUB_EVENT_PATH is not set" in run.err


def test_workflow_is_safe_and_fetches_full_history() -> None:
    workflow_text = (REPO / ".github" / "workflows" / "specdiff.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(workflow_text)
    assert "pull_request_target" not in workflow_text
    steps = workflow["jobs"]["specdiff"]["steps"]
    assert steps[0]["with"]["fetch-depth"] == 0 and steps[1]["uses"] == "./"
    assert ACTION["runs"]["using"] == "composite"
    comment_step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Post or update the summary comment")
    assert "head.repo.full_name == github.repository" in comment_step["if"]  # forks: no write token, no post


PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


def _uses(document: object) -> list[str]:
    if isinstance(document, dict):
        return [str(v) for k, v in document.items() if k == "uses"] + [u for v in document.values() for u in _uses(v)]
    if isinstance(document, list):
        return [u for v in document for u in _uses(v)]
    return []


def test_every_action_is_pinned_by_commit_and_no_input_is_pasted_into_a_script() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "specdiff.yml").read_text(encoding="utf-8"))
    third_party = [u for u in _uses(ACTION) + _uses(workflow) if u != "./"]
    assert third_party and all(PINNED.match(u) for u in third_party), third_party
    scripts = [str(s["run"]) for s in ACTION["runs"]["steps"] if "run" in s]
    assert scripts and not any("${{" in script for script in scripts)


def test_the_workflow_keeps_no_token_and_runs_once_per_pull_request() -> None:
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "specdiff.yml").read_text(encoding="utf-8"))
    checkout = workflow["jobs"]["specdiff"]["steps"][0]
    assert checkout["with"]["persist-credentials"] is False
    assert "pull_request.number" in workflow["concurrency"]["group"] and workflow["concurrency"]["cancel-in-progress"]


def test_the_fork_recipe_takes_the_pull_request_from_the_trusted_event() -> None:
    folder = REPO / "examples" / "workflows"
    first = yaml.safe_load((folder / "specdiff-pr.yml").read_text(encoding="utf-8"))
    second = yaml.safe_load((folder / "specdiff-comment.yml").read_text(encoding="utf-8"))
    assert first["permissions"] == {"contents": "read"}  # the fork's code runs with a read-only token
    assert first["jobs"]["specdiff"]["steps"][0]["with"]["persist-credentials"] is False
    steps = second["jobs"]["comment"]["steps"]
    assert not any("checkout" in str(s.get("uses", "")) for s in steps)  # the write-token job runs no PR code
    post = next(s for s in steps if "run" in s)
    assert post["env"]["PR"] == "${{ github.event.workflow_run.pull_requests[0].number }}"
    assert "${{" not in post["run"] and "$PR" in post["run"]
    third_party = [u for u in _uses(first) + _uses(second) if not u.startswith("your-org/")]
    assert all(PINNED.match(u) for u in third_party), third_party


SATISFIED = {"id": 42, "user": "github-actions[bot]",
             "body": "<!-- specdiff-summary -->\n\u2705 change control satisfied"}


def test_a_comment_that_cannot_be_posted_is_replaced_by_the_short_fallback(pr) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    Path(env["FAKE_COMMENTS"]).write_text(json.dumps(SATISFIED) + "\n", encoding="utf-8")
    run_step("Validate, check records, summarise", repo, env)
    posted = run_step("Post or update the summary comment", repo, {**env, "FAKE_GH_REFUSE": "specdiff-comment.md"})
    assert posted.returncode == 0, posted.stderr
    log = Path(env["FAKE_GH_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[-1].startswith("api -X PATCH repos/state/specs/issues/comments/42") and "specdiff-fallback.md" in log[-1]
    fallback = (Path(env["RUNNER_TEMP"]) / "specdiff-fallback.md").read_text(encoding="utf-8")
    assert fallback.startswith("<!-- specdiff-summary -->") and "satisfied" not in fallback


def test_when_nothing_can_be_posted_the_stale_comment_is_removed(pr) -> None:  # type: ignore[no-untyped-def]
    repo, env = pr
    Path(env["FAKE_COMMENTS"]).write_text(json.dumps(SATISFIED) + "\n", encoding="utf-8")
    run_step("Validate, check records, summarise", repo, env)
    refused = {**env, "FAKE_GH_REFUSE": "specdiff-comment.md specdiff-fallback.md"}
    posted = run_step("Post or update the summary comment", repo, refused)
    assert posted.returncode == 1
    log = Path(env["FAKE_GH_LOG"]).read_text(encoding="utf-8").splitlines()
    assert log[-1] == "api -X DELETE repos/state/specs/issues/comments/42"

"""The benchmark generator at small N (so it cannot rot); no timing here, bench/run.py measures."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from generate import generate  # noqa: E402


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def test_generated_repository_is_valid_realistic_and_deterministic(tmp_path: Path, cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    facts = generate(tmp_path / "a", classes=15, commits=12, changed=6, log_commits=30, seed=3)
    repo, log_repo = Path(facts["repo"]), Path(facts["log_repo"])
    assert int(git(repo, "rev-list", "--count", "HEAD")) == 12
    assert len(git(repo, "diff", "--name-only", "bench-base", "bench-head").split()) == facts["changed"] == 6
    assert int(git(log_repo, "rev-list", "--count", "HEAD")) == 30
    monkeypatch.chdir(repo)
    validation = cli("validate")
    assert validation.code == 0, validation.out  # generated specs pass every rule (warnings allowed)
    report = cli("diff", "bench-base", "bench-head", "--format", "json").json()
    assert len(report["specs"]) == 6 and all(spec["changes"] for spec in report["specs"])
    kinds = {c["kind"] for spec in report["specs"] for c in spec["changes"]}
    assert "changed" in kinds or "added" in kinds
    monkeypatch.chdir(log_repo)
    assert len(cli("log", facts["log_class"], "-f", "json").json()["commits"]) == 30
    again = generate(tmp_path / "b", classes=15, commits=12, changed=6, log_commits=30, seed=3)
    same = git(Path(again["repo"]), "rev-parse", "HEAD^{tree}") == git(repo, "rev-parse", "HEAD^{tree}")
    assert same and json.loads(json.dumps(again))["classes"] == facts["classes"]

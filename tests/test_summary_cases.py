"""Golden pull-request summaries, through real git (a main branch and a PR branch) and the CLI.

Each folder of tests/cases/summary/ holds base/ (specs on main), head/ (specs on the pull request's
branch) and expected.md / expected.json: `specdiff summary main` on the branch.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from gitrepo import SpecRepo

CASES = Path(__file__).parent / "cases" / "summary"
FORMATS = {"md": "markdown", "json": "json"}  # expected.<suffix>: --format


def command(case: Path, suffix: str) -> list[str]:
    """The specdiff command whose output expected.<suffix> holds."""
    return ["summary", "main", "--format", FORMATS[suffix]]


def build(case: Path, root: Path) -> SpecRepo:
    repo = SpecRepo(root)
    for spec in sorted((case / "base").iterdir()):
        shutil.copy(spec, root / "specs")
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pull-request")
    for spec in (root / "specs").iterdir():
        spec.unlink()
    for spec in sorted((case / "head").iterdir()):
        shutil.copy(spec, root / "specs")
    repo.commit("the pull request")
    return repo


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_summary(cli, case: str, fmt: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(CASES / case, tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    run = cli(*command(CASES / case, fmt))
    problems = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))["problem_count"]
    assert run.code == (1 if problems else 0), run.err  # a summary that lists problems fails the run
    assert run.out == (CASES / case / f"expected.{fmt}").read_text(encoding="utf-8")

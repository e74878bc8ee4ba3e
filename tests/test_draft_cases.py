"""Golden change-control cases, through real git and the real CLI.

Each folder of tests/cases/draft/ holds before/ (the specs at the base commit), after/ (the specs
in the working tree), `args` (the command), and expected.json (its output). README says what it shows.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import REPO
from gitrepo import SpecRepo

CASES = Path(__file__).parent / "cases" / "draft"
FORMATS = {"json": "json"}  # expected.json: the output of the command in `args`


def command(case: Path, suffix: str) -> list[str]:
    """The specdiff command whose output expected.<suffix> holds."""
    return (case / "args").read_text(encoding="utf-8").split()


def build(case: Path, root: Path) -> SpecRepo:
    repo = SpecRepo(root)
    for spec in (case / "before").glob("*.json"):
        shutil.copy(spec, root / "specs")
    repo.commit("base")
    for spec in (root / "specs").glob("*.json"):
        spec.unlink()
    for spec in (case / "after").glob("*.json"):
        shutil.copy(spec, root / "specs")
    return repo


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
def test_golden_draft(cli, case: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(CASES / case, tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    run = cli(*command(CASES / case, "json"))
    assert run.code == 0, run.err
    assert run.json() == json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("code", ["5258MP", "0029MP", "5681MP"])
def test_seed_clause_is_reproduced_up_to_the_final_number(cli, code: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch) -> None:
    repo = build(CASES / f"seed-{code}", tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    [draft] = cli("draft", code, "--format", "json").json()["drafts"]
    seed_clause = json.loads((REPO / "specs" / f"{code}.json").read_text(encoding="utf-8"))["records"][-1][
        "cancellation_clause"]
    drafted = draft["record"]["cancellation_clause"]
    # Word for word up to the Final No. (none was given). Whitespace is compared collapsed: the
    # 5258MP seed has a stray non-breaking space after the title.
    assert drafted.split() == seed_clause.rsplit(" Final", 1)[0].split()
    assert draft["reasons"] == ["add Acknowledgement section", "modify content"]

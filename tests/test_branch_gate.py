"""The gate on a branch (issue 14, point 3): `check` and `draft` compare with the merge base of the
base branch, so a branch carries one record per class, not one per commit; `--base` still overrides."""
from __future__ import annotations

import pytest

from gitrepo import SpecRepo


def revise(repo: SpecRepo, group: str) -> None:
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = group
    repo.write(spec)


@pytest.fixture
def branch(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    repo.git("checkout", "-q", "-b", "revise-5258MP")
    return repo


def test_a_second_revision_on_a_branch_needs_no_second_record(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(branch, "MP 67")
    assert cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write").code == 0
    assert cli("check").code == 0
    branch.commit("revise pay, with its record")
    revise(branch, "MP 68")  # revised again on the same branch
    run = cli("check")
    assert run.code == 0, run.out  # against the merge base with main: the branch's record covers it
    assert cli("check", "--base", "HEAD").code == 1  # against the last commit, as before: a new record wanted


def test_draft_on_a_branch_drafts_against_the_merge_base(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(branch, "MP 67")
    cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write")
    branch.commit("first revision on the branch")
    revise(branch, "MP 68")
    clause = cli("draft", "5258MP", "-f", "json").json()["drafts"][0]["record"]["cancellation_clause"]
    # the revision replaced is the one in force at the merge base (MP 65, April 22, 2022), not the branch's
    assert "in Salary Group MP 65 approved effective April 22, 2022" in clause
    assert "change salary group" in clause


def test_the_base_branch_comes_from_the_policy(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (branch.root / "specdiff.toml").write_text('base_branch = "trunk"\n', encoding="utf-8")
    run = cli("check")
    assert run.code == 2 and "base_branch 'trunk'" in run.err and "--base" in run.err
    branch.git("branch", "trunk", "main")
    revise(branch, "MP 67")
    assert "no new effective-date record" in cli("check").out

"""`specdiff log`: a class's history from real git, following renames, one summary per commit."""
from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import SpecRepo


@pytest.fixture
def history_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecRepo:
    """50 commits of 5258MP: a created spec, 47 duty edits, a section added, a rename."""
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    spec = repo.spec("5258MP")
    acknowledgement = spec.pop("acknowledgement")
    repo.write(spec)
    repo.commit("create 5258MP")
    for number in range(47):
        spec["duties"]["items"].append(f"Performs assignment number {number} for the agency;")
        repo.write(spec)
        repo.commit(f"add duty {number}")
    spec["acknowledgement"] = acknowledgement
    repo.write(spec)
    repo.commit("add acknowledgement")
    repo.git("mv", "specs/5258MP.json", "specs/5258MP-v2.json")
    spec["duties"]["items"][2] = "Interprets and ensures strict adherence to collective bargaining agreements;"
    repo.write(spec, "5258MP-v2.json")
    repo.commit("rename and reword")
    monkeypatch.chdir(repo.root)
    for key, value in repo.env.items():
        monkeypatch.setenv(key, value)
    return repo


def test_fifty_commits_listed_with_summaries(cli, history_repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("log", "specs/5258MP-v2.json", "--reverse", "-f", "json")
    assert run.code == 0, run.err
    commits = run.json()["commits"]
    assert len(commits) == 50
    assert [c["subject"] for c in commits[:2]] == ["create 5258MP", "add duty 0"]
    assert commits[0]["summary"] == "class created"
    assert all(c["summary"] == "Examples of Duties: 1 added" for c in commits[1:48])
    assert commits[48]["summary"] == "Acknowledgement added"
    assert commits[49]["summary"] == "renamed from specs/5258MP.json; Examples of Duties: 1 reworded"
    assert commits[49]["old_path"] == "specs/5258MP.json" and commits[49]["new_path"] == "specs/5258MP-v2.json"
    assert commits[1]["author"] == "Analyst" and commits[1]["date"] == "2024-01-02"


def test_text_newest_first_by_default(cli, history_repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    lines = cli("log", "specs/5258MP-v2.json").out.splitlines()
    assert len(lines) == 101  # 50 commits of two lines, and the record the first one added
    assert lines[0].endswith("Analyst: rename and reword") and lines[-3].endswith("Analyst: create 5258MP")
    assert lines[-2:] == ["    class created", "    record effective 04/22/2022, Final No. 22-007"]


def test_markdown_table(cli, history_repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    out = cli("log", "specs/5258MP-v2.json", "-f", "markdown").out.splitlines()
    assert out[0] == "| Date | Commit | Author | Subject | Changes | Record |" and len(out) == 52
    assert out[-1].endswith("| class created | effective 04/22/2022, Final No. 22-007 |")


def test_unknown_class(cli, history_repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("log", "9999ZZ")
    assert run.code == 2 and "no commit touches specs/9999ZZ.json" in run.err


def test_log_shows_the_record_a_commit_added(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write")
    repo.commit("pay, with its record")
    entries = cli("log", "5258MP", "-f", "json").json()["commits"]
    assert entries[0]["record"]["effective"] == "2024-07-05" and entries[0]["record"]["final_no"] == "24-001"
    assert "    record effective 07/05/2024, Final No. 24-001" in cli("log", "5258MP").out.splitlines()

"""Git edge cases for diff, log, check and summary: each works, or says in one line why not (exit 2)."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from gitrepo import SpecRepo, git_env
from helpers import one_line_error

pytestmark = pytest.mark.category("git")


@pytest.fixture
def repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    spec_repo: SpecRepo = make_repo("5258MP")
    spec = spec_repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    spec_repo.write(spec)
    spec_repo.commit("two")
    return spec_repo


def test_not_a_repository(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    for args in (["diff"], ["log", "5258MP"], ["check"], ["summary", "main"], ["git", "install"]):
        one_line_error(cli(*args), 2, "not a git repository")


def test_a_bare_repository(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    subprocess.run(["git", "init", "-q", "--bare", str(tmp_path / "bare.git")], check=True)
    monkeypatch.chdir(tmp_path / "bare.git")
    one_line_error(cli("diff"), 2, "bare repository")


def test_an_empty_repository(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    empty = SpecRepo(tmp_path / "empty")
    monkeypatch.chdir(empty.root)
    one_line_error(cli("diff"), 2, "the repository has no commits yet")
    one_line_error(cli("log", "5258MP"), 2)
    one_line_error(cli("check"), 2, "no spec (*.json) in specs/")  # nothing to check is not a pass
    empty.add_seed_spec("5258MP")
    assert cli("check").err == "ok: 1 changed spec(s), records in order\n"  # new before the first commit


def test_unknown_and_option_like_revisions(cli, repo: SpecRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("diff", "v9.9..HEAD"), 2, "unknown revision 'v9.9'")
    one_line_error(cli("diff", "--", "-p"), 2, "looks like an option")
    target = tmp_path / "written-by-git"
    one_line_error(cli("summary", "--", f"--output={target}"), 2, "looks like an option")
    assert not target.exists()
    one_line_error(cli("draft", "5258MP", "--base", "--exec=x"), 2, "looks like an option")
    one_line_error(cli("check", "--base", "nope"), 2, "unknown revision 'nope'")


def test_a_shallow_clone_without_the_base(cli, repo: SpecRepo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], env=repo.env, check=True)
    monkeypatch.chdir(clone)
    one_line_error(cli("diff", "HEAD~1", "HEAD"), 2, "git fetch --unshallow")


def test_a_detached_head(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    repo.git("checkout", "-q", "--detach", "HEAD~1")
    assert cli("diff", "HEAD", "main", "-f", "json").json()["specs"][0]["changes"][0]["new"] == "MP 67"


def test_a_merge_commit_as_base_or_head(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    repo.git("checkout", "-q", "-b", "side", "HEAD~1")
    spec = repo.spec("5258MP")
    spec["title"] = "Agency Labor Relations Director"
    repo.write(spec)
    repo.commit("retitle")
    repo.git("checkout", "-q", "main")
    repo.git("merge", "-q", "--no-edit", "side")
    changes = cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"][0]["changes"]
    assert [c["path"] for c in changes] == ["/title"]
    assert cli("diff", "HEAD", "HEAD~2", "-f", "json").code == 0
    assert len(cli("log", "5258MP", "-f", "json").json()["commits"]) == 3  # the merge itself changes nothing new


def test_renamed_and_edited_deleted_and_outside_specs(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    repo.git("mv", "specs/5258MP.json", "specs/5258MP-moved.json")
    (repo.root / "notes.json").write_text('{"not": "a spec"}', encoding="utf-8")
    repo.commit("move")
    [spec] = cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"]
    assert spec["status"] == "renamed"  # notes.json outside specs/ is not a spec
    (repo.root / "specs" / "5258MP-moved.json").unlink()
    repo.commit("delete")
    assert cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"][0]["status"] == "removed"


def test_a_path_with_spaces_and_non_ascii_letters(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    repo.git("mv", "specs/5258MP.json", "specs/Café spec 5258MP.json")
    spec = repo.spec("Café spec 5258MP")
    spec["title"] = "Agency Labor Relations Director"
    repo.write(spec, "Café spec 5258MP.json")
    repo.commit("odd name")
    report = cli("diff", "HEAD~1", "HEAD", "-f", "json").json()
    assert report["specs"][0]["new_path"] == "specs/Café spec 5258MP.json"
    narrowed = cli("diff", "HEAD~1", "HEAD", "-f", "json", "--", "specs/Café spec 5258MP.json").json()
    assert len(narrowed["specs"]) == 1
    assert len(cli("log", "specs/Café spec 5258MP.json", "-f", "json").json()["commits"]) == 3


def test_a_users_diff_driver_is_kept(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (repo.root / ".gitattributes").write_text("specs/*.json diff=mine\n*.txt text\n", encoding="utf-8")
    repo.git("config", "--local", "diff.mine.textconv", "cat")
    one_line_error(cli("git", "install"), 2, "already sets a diff driver", "--force")
    assert (repo.root / ".gitattributes").read_text(encoding="utf-8") == "specs/*.json diff=mine\n*.txt text\n"
    assert repo.git("config", "--local", "diff.mine.textconv").strip() == "cat"


def test_environment_isolation_helper_is_pinned(tmp_path: Path) -> None:
    env = git_env(tmp_path)
    assert env["GIT_AUTHOR_NAME"] == "Analyst" and env["GIT_CONFIG_NOSYSTEM"] == "1"

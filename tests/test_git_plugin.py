"""`specdiff git install`: real git runs specdiff as textconv and as external diff driver."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gitrepo import SpecRepo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecRepo:
    spec_repo = SpecRepo(tmp_path / "repo")
    spec_repo.add_seed_spec("5258MP")
    spec_repo.add_seed_spec("0029MP")
    spec_repo.commit("import")
    spec = spec_repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    spec_repo.write(spec)
    spec_repo.git("mv", "specs/0029MP.json", "specs/0029MP-renamed.json")
    renamed = spec_repo.spec("0029MP-renamed")
    renamed["title"] = "Labor Relations Program Associate"
    spec_repo.write(renamed, "0029MP-renamed.json")
    spec_repo.commit("revise")
    monkeypatch.chdir(spec_repo.root)
    monkeypatch.setenv("PATH", f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}")
    for key, value in spec_repo.env.items():
        monkeypatch.setenv(key, value)
    return spec_repo


def git(repo: SpecRepo, *args: str) -> str:
    result = subprocess.run(["git", "--no-pager", *args], cwd=repo.root, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_install_then_git_diff_is_semantic_and_log_p_is_rendered(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("git", "install")
    assert run.code == 0
    assert "wrote .gitattributes: specs/*.json diff=specdiff" in run.out
    assert (repo.root / ".gitattributes").read_text(encoding="utf-8") == "specs/*.json diff=specdiff\n"

    semantic = git(repo, "diff", "HEAD~1", "HEAD")
    assert "    ~ [substantive] MP [-65-]{+67+}" in semantic
    # a rename: git passes 9 arguments
    header = "0029MP Labor Relations Program Associate (renamed) specs/0029MP.json -> specs/0029MP-renamed.json"
    assert header in semantic
    assert "    ~ [substantive] Labor Relations Program [-Assistant-]{+Associate+}" in semantic

    rendered = git(repo, "log", "-p", "-1")
    assert "-MP 65\n+MP 67" in rendered  # textconv: the documents' text, line by line
    assert "+Labor Relations Program Associate (0029MP)" in rendered
    assert "[substantive]" in git(repo, "log", "-p", "--ext-diff", "-1")
    assert "-MP 65\n+MP 67" in git(repo, "diff", "--no-ext-diff", "HEAD~1", "HEAD")


def test_textconv_only_and_uninstall(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("git", "install", "--textconv-only").code == 0
    assert "-MP 65\n+MP 67" in git(repo, "diff", "HEAD~1", "HEAD")
    run = cli("git", "uninstall")
    assert run.code == 0 and "removed 'specs/*.json diff=specdiff'" in run.out
    assert not (repo.root / ".gitattributes").exists()
    assert '-    "group": "MP 65",' in git(repo, "diff", "HEAD~1", "HEAD")  # plain JSON diff again
    assert "nothing to remove" in cli("git", "uninstall").out


def test_a_users_own_driver_is_not_overwritten(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    attributes = repo.root / ".gitattributes"
    attributes.write_text("*.md text\nspecs/*.json diff=mine\n", encoding="utf-8")
    run = cli("git", "install")
    assert run.code == 2 and "already sets a diff driver" in run.err and "--force" in run.err
    assert attributes.read_text(encoding="utf-8") == "*.md text\nspecs/*.json diff=mine\n"
    assert cli("git", "install", "--force").code == 0
    assert attributes.read_text(encoding="utf-8") == "*.md text\nspecs/*.json diff=specdiff\n"
    cli("git", "uninstall")
    assert attributes.read_text(encoding="utf-8") == "*.md text\nspecs/*.json diff=mine\n"  # as it was before


def test_textconv_falls_back_to_the_raw_text_of_a_broken_spec(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "X1.json"
    broken.write_text('{"class_code": ', encoding="utf-8")
    run = cli("git", "textconv", str(broken))
    assert run.code == 0 and run.out == '{"class_code": '


def test_diff_driver_argument_count(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("git", "diff-driver", "a", "b", "c")
    assert run.code == 2 and "7 or 9 arguments" in run.err

"""Nothing lost, nothing half-written: every write is atomic, keeps the file's mode, refuses to
overwrite unless asked, and leaves the old content whole when it fails."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import REPO, SEEDS
from gitrepo import SpecRepo
from helpers import one_line_error
from specdiff import store
from specdiff.errors import WriteError

pytestmark = pytest.mark.category("writes")


def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "5258MP.json"
    target.write_text("old content\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError, match="No space left on device"):
        store.write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["5258MP.json"]  # no temporary file left behind


def test_an_interrupted_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "5258MP.json"
    target.write_text("old content\n", encoding="utf-8")
    real_fsync = os.fsync

    def interrupted(fd: int) -> None:
        real_fsync(fd)
        raise KeyboardInterrupt  # ^C between writing the new content and putting it in place

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.write_atomic(target, "new content\n")
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["5258MP.json"]


def test_writes_keep_the_file_mode(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    spec = tmp_path / "0029MP.json"
    spec.write_text(json.dumps(json.loads((REPO / "specs" / "0029MP.json").read_text(encoding="utf-8")), indent=4),
                    encoding="utf-8")
    spec.chmod(0o640)
    assert cli("fmt", str(spec)).code == 0
    assert stat.S_IMODE(spec.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.md"
    store.write_atomic(fresh, "x\n")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask  # a new file gets the usual mode, not 0600


def test_import_refuses_to_overwrite_and_force_replaces(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "5258MP.json"
    target.write_text("analyst's work\n", encoding="utf-8")
    seed = str(SEEDS / "001_5258MP_headed.txt")
    one_line_error(cli("import", seed, "--out-dir", str(tmp_path)), 2, "already exists", "--force")
    assert target.read_text(encoding="utf-8") == "analyst's work\n"
    assert cli("import", seed, "--out-dir", str(tmp_path), "--force").code == 0


def test_draft_write_never_writes_an_invalid_spec(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("one")
    spec = repo.spec("5258MP")
    spec["title"] = "Agency Labor Relations Director"
    repo.write(spec)
    monkeypatch.chdir(repo.root)
    before = (repo.root / "specs" / "5258MP.json").read_bytes()
    run = cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-7", "--write")
    one_line_error(run, 2, "specs/5258MP.json", "would not match the schema", "/records/2/final_no")
    assert (repo.root / "specs" / "5258MP.json").read_bytes() == before


def test_git_install_keeps_existing_attributes_and_config(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    (repo.root / ".gitattributes").write_text("*.md text eol=lf\n*.png binary\n", encoding="utf-8")
    repo.commit("one")
    repo.git("config", "--local", "user.signingkey", "ABC123")
    monkeypatch.chdir(repo.root)
    assert cli("git", "install").code == 0
    assert (repo.root / ".gitattributes").read_text(encoding="utf-8") == (
        "*.md text eol=lf\n*.png binary\nspecs/*.json diff=specdiff\n")
    assert cli("git", "uninstall").code == 0
    assert (repo.root / ".gitattributes").read_text(encoding="utf-8") == "*.md text eol=lf\n*.png binary\n"
    assert repo.git("config", "--local", "user.signingkey").strip() == "ABC123"

"""The pull-request and clone boundary, and where specdiff may write (issue 13): a pull request is
checked under its base's rules; a clone's configuration runs no program; no write leaves the specs
folder, replaces a read-only file or takes another user's file. Each test failed before its fix."""
from __future__ import annotations

import json
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from gitrepo import SpecRepo
from helpers import one_line_error, snapshot

pytestmark = pytest.mark.category("boundary")


@pytest.fixture(autouse=True)
def _no_ci_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY", "SPECDIFF_MAX_FILE_BYTES"):
        monkeypatch.delenv(name, raising=False)


def test_a_clone_s_fsmonitor_hook_is_never_run(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    marker = repo.root.parent / "hook-ran"
    hook = repo.root.parent / "hook.sh"
    hook.write_text(f"#!/bin/sh\ntouch {marker}\n", encoding="utf-8")
    hook.chmod(0o755)
    repo.git("config", "core.fsmonitor", str(hook))
    for args in (["diff"], ["check"], ["draft", "5258MP"], ["diff", "--staged"]):
        assert cli(*args).code == 0
    assert not marker.exists()


def test_a_pull_request_cannot_move_the_specs_folder_to_pass(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["duties"] = "x"
    repo.write(spec)
    (repo.root / "other").mkdir()
    (repo.root / "other" / "0029MP.json").write_text(json.dumps(repo.spec("0029MP")), encoding="utf-8")
    (repo.root / "specdiff.toml").write_text('specs_dir = "other"\n', encoding="utf-8")
    repo.commit("move the gate")
    comment = repo.root.parent / "comment.md"
    run = cli("ci", "run", "--base", "main", "--head", "HEAD", "--comment-file", str(comment))
    assert run.code == 1 and "change control satisfied" not in comment.read_text(encoding="utf-8")
    assert "specs/5258MP.json" in comment.read_text(encoding="utf-8")


def test_a_pull_request_cannot_raise_its_own_size_limit(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    (repo.root / "specdiff.toml").write_text("max_file_bytes = 20000\n", encoding="utf-8")
    repo.commit("limit")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["purpose"] = ["x" * 30_000]
    repo.write(spec)
    (repo.root / "specdiff.toml").write_text("max_file_bytes = 10000000000\n", encoding="utf-8")
    repo.commit("bigger, and a bigger limit")
    run = cli("summary", "main")
    assert run.code == 1 and "is over the 20 KB limit" in run.out, run.out


@pytest.mark.parametrize("args", [
    ["retire", "../../outside", "--effective", "01/01/2030"], ["new", "../outside", "--title", "X"],
    ["rename-code", "5258MP", "../../outside"], ["draft", "../outside", "--effective", "01/01/2030", "--write"],
])
def test_no_write_leaves_the_specs_folder(cli, make_repo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    valid = json.dumps(repo.spec("5258MP"))
    (repo.root / "outside").write_text(valid, encoding="utf-8")  # ../outside seen from specs/, where it runs
    (repo.root.parent / "outside.json").write_text(valid, encoding="utf-8")  # specs/../../outside.json
    os.chdir(repo.root / "specs")
    before = snapshot(repo.root.parent)
    run = cli(*args)
    assert run.code == 2 and "Traceback" not in run.err, run.err
    assert snapshot(repo.root.parent) == before


def test_a_specs_folder_linked_out_of_the_repository_is_refused(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "5258MP.json").write_text(json.dumps(repo.spec("5258MP")), encoding="utf-8")  # not canonical
    for file in (repo.root / "specs").iterdir():
        file.unlink()
    (repo.root / "specs").rmdir()
    (repo.root / "specs").symlink_to(elsewhere)
    before = snapshot(elsewhere)
    for args in (["validate"], ["fmt"], ["render", "5258MP"]):
        one_line_error(cli(*args), 2, "outside the repository")
    assert snapshot(elsewhere) == before


def test_a_read_only_spec_is_refused_not_replaced(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    path = repo.root / "specs" / "5258MP.json"
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    path.chmod(0o444)
    before = path.read_bytes()
    run = cli("draft", "5258MP", "--effective", "01/01/2030", "--write")
    one_line_error(run, 2, "specs/5258MP.json", "read-only")
    assert path.read_bytes() == before and oct(path.stat().st_mode & 0o777) == oct(0o444)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a file another user owns (CI runs as root)")
def test_a_write_as_root_keeps_the_owner_and_group(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    path = repo.root / "specs" / "5258MP.json"
    path.write_text(json.dumps(repo.spec("5258MP"), indent=4), encoding="utf-8")  # not canonical: fmt rewrites it
    os.chown(path, 12345, 23456)
    assert cli("fmt").code == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (12345, 23456)


def test_git_install_quotes_the_program_path(cli, make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import specdiff.cli.gitdriver as gitdriver

    repo: SpecRepo = make_repo("5258MP")
    odd = "/opt/my venv/bin/specdiff;touch pwned"
    monkeypatch.setattr(gitdriver, "_executable", lambda: odd)
    assert cli("git", "install").code == 0
    for key, verb in (("textconv", "textconv"), ("command", "diff-driver")):
        value = repo.git("config", "--get", f"diff.specdiff.{key}").strip()
        assert shlex.split(value) == [odd, "git", verb]


def test_uninstall_puts_back_what_install_replaced(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    attributes = repo.root / ".gitattributes"
    original = b"*.md text\r\nspecs/*.json diff=mine\r\n*.txt text\r\n"
    attributes.write_bytes(original)
    repo.git("config", "diff.specdiff.textconv", "my-own-tool")
    repo.git("config", "diff.specdiff.xfuncname", "^[A-Z ]+$")
    assert cli("git", "install", "--force").code == 0
    assert attributes.read_bytes() == b"*.md text\r\nspecs/*.json diff=specdiff\r\n*.txt text\r\n"
    assert cli("git", "uninstall").code == 0
    assert attributes.read_bytes() == original
    assert repo.git("config", "--get", "diff.specdiff.textconv").strip() == "my-own-tool"
    assert repo.git("config", "--get", "diff.specdiff.xfuncname").strip() == "^[A-Z ]+$"
    done = subprocess.run(["git", "config", "--get-regexp", "specdiff-backup"], cwd=repo.root, env=repo.env,
                          capture_output=True, text=True)
    assert done.stdout == ""  # nothing of specdiff's left behind


def _peak_kib(args: list[str], repo: SpecRepo) -> int:
    """The peak resident memory (KiB) of one specdiff run in a child process."""
    import sys

    probe = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    specdiff = str(Path(sys.executable).parent / "specdiff")
    done = subprocess.run([sys.executable, "-c", probe, specdiff, *args], cwd=repo.root, env=repo.env,
                          capture_output=True, text=True, check=True)
    return int(done.stdout.strip())


def test_files_over_the_size_limit_are_refused_before_they_are_read(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    normal = _peak_kib(["diff", "HEAD"], repo)
    filler = ("x" * 1023 + "\n") * 12_000  # 12 MB each, over the 5 MB limit
    for number in range(8):
        (repo.root / "specs" / f"90{number}0MP.json").write_text(filler, encoding="utf-8")
    committed = repo.commit("eight files of 12 MB")
    assert committed
    for args in (["diff", "HEAD~1", "HEAD"], ["summary", "HEAD~1"]):
        peak = _peak_kib(args, repo)
        assert peak < 2 * normal + 20_000, (args, peak, normal)  # never the 96 MB read whole
    (repo.root / "specs" / "9100MP.json").write_text(filler, encoding="utf-8")  # and in the working tree
    assert _peak_kib(["diff"], repo) < 2 * normal + 20_000

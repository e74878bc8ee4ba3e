"""Every command against every bad spec, in the work tree and in history (issue 12's matrix).

specs/5258MP.json of a repo holding 5258MP, 0029MP and 5681MP is made bad in one of 16 ways, in
one of two places: "worktree" (commit "one" good, the file made bad and not committed) or
"committed" (commit "one" good, "two" makes it bad, "three" restores it; the work tree is clean).
Each command then gives the contract's exit code, no traceback, names the file where the contract
says it reports it, and changes nothing. A second test runs every command from specs/ and from a
nested folder and expects what it printed from the root.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from conftest import REPO
from gitrepo import SpecRepo, git_env
from helpers import snapshot

SPEC = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
GOOD = (REPO / "specs" / "5258MP.json").read_bytes()
CODES = ("5258MP", "0029MP", "5681MP")
BAD_FILE = "5258MP.json"
SEED = REPO / "tests" / "data" / "seeds" / "001_5258MP_headed.txt"  # the document of the spec made bad
LIMIT = max((REPO / "specs" / f"{code}.json").stat().st_size for code in CODES) + 2_000  # for "oversize"


def changed(spec_change: Callable[[dict[str, Any]], None]) -> bytes:
    spec = json.loads(json.dumps(SPEC))
    spec_change(spec)
    return (json.dumps(spec, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def padded(spec: dict[str, Any]) -> None:
    spec["purpose"][-1] += " Padding." * 2_000  # a valid spec, only too big


class Bad(NamedTuple):
    name: str
    content: bytes | None  # None: a symlink to a valid spec outside the repository
    keyword: str  # what the line naming the file must also say


BAD_INPUTS = [
    Bad("text", changed(lambda s: s.update(title=["x"])), "/title"),
    Bad("paragraphs", changed(lambda s: s.update(purpose="one string")), "/purpose"),
    Bad("list", changed(lambda s: s.update(duties="just a string")), "/duties"),
    Bad("list item", changed(lambda s: s["duties"]["items"].append({"txt": "x"})),
        f"/duties/items/{len(SPEC['duties']['items'])}"),
    Bad("list style", changed(lambda s: s["duties"].update(style="stars")), "/duties/style"),
    Bad("code and name", changed(lambda s: s.update(bargaining_unit="(02)-MANAGERIAL")), "/bargaining_unit"),
    Bad("pay range", changed(lambda s: s["salary"]["hourly"].update(min="47.97")), "/salary/hourly/min"),
    Bad("date", changed(lambda s: s.update(established=20191025)), "/established"),
    Bad("record", changed(lambda s: s["records"].append("2024-01-01")), f"/records/{len(SPEC['records'])}"),
    Bad("boolean", changed(lambda s: s["records"][0].update(inferred="yes")), "/records/0/inferred"),
    Bad("other section", changed(lambda s: s.update(other_sections=[{"heading": 5}])), "/other_sections/0/heading"),
    Bad("not UTF-8", b'{"title": "\xff"}', "UTF-8"),
    Bad("invalid JSON", GOOD.rstrip()[:-1].rstrip() + b",\n}\n", "JSON"),  # a trailing comma
    Bad("oversize", changed(padded), "limit"),
    Bad("symlink", None, "symlink"),
    Bad("duplicate keys", b'{\n  "title": "Duplicate",' + GOOD.lstrip()[1:], "duplicate"),
]


class Use(NamedTuple):
    args: str  # split on spaces; {comment} is the comment file (outside the repository), {seed} 5258MP's document,
    # {report} a migration report file (outside the repository)
    code: int
    report: str  # where the bad file is named: see check_report; "" = nowhere required


class Command(NamedTuple):
    name: str
    worktree: Use
    committed: Use


COMMANDS = [
    Command("validate", Use("validate", 1, "problem"), Use("validate", 0, "")),
    Command("fmt", Use("fmt", 1, "stderr"), Use("fmt", 0, "")),
    Command("render", Use("render 5258MP", 2, "error"), Use("render 5258MP", 0, "")),
    Command("diff", Use("diff", 2, "error"), Use("diff HEAD~2 HEAD~1", 2, "error")),
    Command("check", Use("check", 1, "stdout"), Use("check --base HEAD~1", 1, "stdout")),
    Command("draft", Use("draft 5258MP --effective 01/01/2030 --write", 2, "error"),
            Use("draft 5258MP --base HEAD~1 --effective 01/01/2030 --write", 2, "error")),
    Command("ledger", Use("ledger", 1, "rows"), Use("ledger", 0, "")),
    Command("due", Use("due --as-of 01/01/2040", 1, "rows"), Use("due --as-of 01/01/2040", 0, "")),
    Command("summary", Use("summary HEAD", 0, ""), Use("summary HEAD~2 HEAD~1", 1, "summary")),
    Command("packet", Use("packet HEAD -f html", 0, ""), Use("packet HEAD~2 HEAD~1 -f html", 1, "summary")),
    Command("log", Use("log 5258MP", 0, ""), Use("log 5258MP", 2, "error")),
    Command("show", Use("show 5258MP --as-of 01/01/2023", 0, ""), Use("show 5258MP --as-of 01/01/2023", 2, "error")),
    Command("ci-run", Use("ci run --base HEAD --head HEAD", 0, ""),
            Use("ci run --base HEAD~2 --head HEAD~1 --comment-file {comment}", 1, "ci")),
    Command("refs", Use("refs 0029MP", 1, "stderr"), Use("refs 0029MP", 0, "")),
    Command("review", Use("review 5258MP --revised 01/01/2030", 2, "error"),
            Use("review 5258MP --revised 01/01/2030", 0, "")),
    # Where the work tree is good, each writing command is given what it must refuse: nothing is written.
    Command("retire", Use("retire 5258MP --effective 01/01/2030 --final 30-001", 2, "error"),
            Use("retire 5258MP --effective 01/01/2000 --final 30-001", 2, "")),
    Command("rename-code", Use("rename-code 0029MP 0030MP", 2, "error"), Use("rename-code 0029MP 5681MP", 2, "")),
    Command("new", Use("new 7001MP --title Deputy --like 5258MP", 2, "error"), Use("new 5258MP --title Deputy", 2, "")),
    Command("edit", Use("edit 5258MP", 2, "error"), Use("edit 5258MP", 0, "")),  # EDITOR=true: saved unchanged
    Command("approve", Use("approve 5258MP --role HR --by Ann", 2, "error"),
            Use("approve 5258PM --role HR --by Ann", 2, "")),  # committed: a class code that no spec has
    Command("import-update", Use("import --update {seed}", 2, "error"), Use("import --update {seed}", 0, "")),
    # A migration never reads the existing spec: the document of 5258MP is reported as "exists", the report
    # written outside the repository, nothing in it changed.
    Command("import-report", Use("import {seed} --report {report}", 1, "exists"),
            Use("import {seed} --report {report}", 1, "exists")),
    Command("git-textconv", Use("git textconv specs/5258MP.json", 0, ""), Use("git textconv specs/5258MP.json", 0, "")),
]
PLACES = ("worktree", "committed")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def enter(root: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make root the current directory, with git pinned and no CI or size-limit settings around."""
    monkeypatch.chdir(root)
    for key, value in git_env(home).items():
        if key.startswith("GIT_"):
            monkeypatch.setenv(key, value)
    for key in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY", "SPECDIFF_MAX_FILE_BYTES", "VISUAL"):
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("EDITOR", "true")  # `edit`: an editor that saves the text unchanged


def state(root: Path) -> tuple[dict[str, str], dict[str, str], str]:
    """Files (hash and mode), symlinks (target) and `git status` of a work tree."""
    links = {str(p.relative_to(root)): os.readlink(p) for p in root.rglob("*")
             if p.is_symlink() and ".git" not in p.relative_to(root).parts}
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                            capture_output=True, text=True, check=True).stdout
    return snapshot(root), links, status


def make_bad(repo: SpecRepo, bad: Bad, outside: Path) -> None:
    path = repo.root / "specs" / BAD_FILE
    path.unlink()
    if bad.content is None:
        os.symlink(outside, path)
    else:
        path.write_bytes(bad.content)


def build(root: Path, bad: Bad, place: str, outside: Path) -> None:
    repo = SpecRepo(root)
    for code in CODES:
        repo.add_seed_spec(code)
    repo.commit("one")
    make_bad(repo, bad, outside)
    if place == "committed":
        repo.commit("two")
        (root / "specs" / BAD_FILE).unlink()  # not through a symlink: the outside file stays as it is
        repo.add_seed_spec("5258MP")
        repo.commit("three")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Bad, str], Path]:
    """The repository of one (bad input, place), built once; tests copy it."""
    outside = tmp_path_factory.mktemp("outside") / BAD_FILE
    outside.write_bytes(GOOD)
    cache: dict[tuple[str, str], Path] = {}

    def get(bad: Bad, place: str) -> Path:
        if (bad.name, place) not in cache:
            root = tmp_path_factory.mktemp(f"{slug(bad.name)}-{place}") / "repo"
            build(root, bad, place, outside)
            cache[bad.name, place] = root
        return cache[bad.name, place]

    return get


def names_file(line: str, keyword: str) -> bool:
    """The line names the bad file and says what is wrong with it."""
    return BAD_FILE in line and keyword.lower() in line.replace(BAD_FILE, "").lower()


def check_report(run: Any, report: str, keyword: str, comment: Path) -> None:
    out, err = run.out.splitlines(), run.err.splitlines()
    if report == "error":  # strict: exactly one error line, naming the file
        errors = [line for line in err if line.startswith("specdiff: error:")]
        assert len(errors) == 1 and names_file(errors[0], keyword), run.err
    elif report == "problem":  # validate
        assert any(line.startswith(f"specs/{BAD_FILE}:") and names_file(line, keyword) for line in out), run.out
    elif report == "stdout":  # check
        assert any(names_file(line, keyword) for line in out), run.out
    elif report in ("stderr", "rows"):  # fmt; ledger and due also keep the other classes' rows
        assert any(names_file(line, keyword) for line in err), run.err
        if report == "rows":
            assert "0029MP" in run.out and "5681MP" in run.out, run.out
    elif report == "summary":
        assert BAD_FILE in run.out + run.err and re.search(r"invalid|unreadable", run.out + run.err, re.I), run.out
    elif report == "ci":
        assert any(names_file(line, keyword) for line in out + err), run.out + run.err
        assert comment.is_file() and BAD_FILE in comment.read_text(encoding="utf-8")
    elif report == "exists":  # import --report
        assert any(line.startswith("exists: ") and f"specs/{BAD_FILE} already exists" in line for line in err), run.err
    else:
        assert report == "", report


CASES = [pytest.param(command, place, bad, id=f"{command.name}-{place}-{slug(bad.name)}")
         for command in COMMANDS for place in PLACES for bad in BAD_INPUTS]


@pytest.mark.category("every-command")
@pytest.mark.parametrize("command, place, bad", CASES)
def test_every_command_with_a_bad_spec(cli, built: Callable[[Bad, str], Path], tmp_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest,
                                       command: Command, place: str, bad: Bad) -> None:
    request.node.user_properties.append(("command", command.name))
    use: Use = getattr(command, place)
    root = tmp_path / "repo"
    shutil.copytree(built(bad, place), root, symlinks=True)
    enter(root, tmp_path, monkeypatch)
    if bad.name == "oversize":
        monkeypatch.setenv("SPECDIFF_MAX_FILE_BYTES", str(LIMIT))
    comment = tmp_path / "comment.md"
    before = state(root)
    run = cli(*[arg.format(comment=comment, seed=SEED, report=tmp_path / "report.csv") for arg in use.args.split()])
    assert "Traceback" not in run.out + run.err and "internal error" not in run.out + run.err, run.err
    assert run.code == use.code, (run.code, run.out, run.err)
    check_report(run, use.report, bad.keyword, comment)
    assert state(root) == before  # nothing written, nothing staged


# Every command from the root, from specs/ and from a nested folder: the same exit code and output.
GOOD_RUNS = ["validate", "fmt --check", "render 5258MP", "diff HEAD~1 HEAD", "check --base HEAD~1",
             "draft 5258MP --base HEAD~1", "ledger", "due --as-of 01/01/2040", "summary HEAD~1 HEAD",
             "packet HEAD~1 HEAD -f html", "log 5258MP", "show 5258MP --as-of 01/01/2023",
             "ci run --base HEAD~1 --head HEAD", "refs 0029MP",
             "review 5681MP --revised 01/01/2030", "edit 5258MP",
             "check --allow-pending-approvals --base HEAD~1"]  # (git textconv takes a path from git: cwd-relative)


@pytest.fixture(scope="module")
def good_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Commit "one": the seeds and docs/a/b; "two": 5258MP revised, with its new record."""
    repo = SpecRepo(tmp_path_factory.mktemp("good") / "repo")
    for code in CODES:
        repo.add_seed_spec(code)
    (repo.root / "docs" / "a" / "b").mkdir(parents=True)
    (repo.root / "docs" / "a" / "b" / "notes.md").write_text("Notes.\n", encoding="utf-8")
    repo.commit("one")
    spec = repo.spec("5258MP")
    spec["duties"]["items"][0] = spec["duties"]["items"][0].rstrip(";") + " and leads contract negotiations;"
    spec["records"].append({
        "effective": "2024-03-01", "revised": "2024-02-15", "final_no": "24-001",
        "cancellation_clause": "This replaces the existing specification for the class of Agency Labor Relations "
                               "Manager in Salary Group MP 65 approved effective April 22, 2022. (Revised to modify "
                               "content) Final No. 24-001",
        "reasons": ["modify content"]})  # in the schema's key order: fmt --check passes
    repo.write(spec)
    repo.commit("two")
    return repo.root


@pytest.mark.category("cwd")
@pytest.mark.parametrize("args", GOOD_RUNS, ids=[args.replace("ci run", "ci-run").split()[0] for args in GOOD_RUNS])
def test_every_command_gives_the_same_from_any_folder(cli, good_repo: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch, args: str) -> None:
    root = tmp_path / "repo"
    shutil.copytree(good_repo, root, symlinks=True)
    enter(root, tmp_path, monkeypatch)
    from_root = cli(*args.split())
    printed = from_root.out + from_root.err
    assert from_root.code == 0 and "Traceback" not in printed and "internal error" not in printed, printed
    assert str(root) not in printed and str(root.resolve()) not in printed  # paths are repo-relative
    for folder in ("specs", "docs/a/b"):
        monkeypatch.chdir(root / folder)
        assert cli(*args.split()) == from_root, folder

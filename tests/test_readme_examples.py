"""Every README example runs as written (issue 14).

The `sh` blocks of README.md are read with markdown-it-py and run with the installed specdiff in a copy
of "the README's world": the files a checkout of specdiff has (specs/, schema/, examples/,
tests/data/seeds/, tests/data/update/) and a specdiff.toml that requires two approvals, in a git
repository whose `main` (also `origin/main`) holds the specs as approved and whose branch
`revise-5258MP` holds the revised 5258MP without its record, as the examples tell it. The commands of a
block run in order in a fresh copy of that world; each must exit as the README says: 0, or the code its
comment gives as "(exit N)". The block of "Start a spec repository" runs as one script, in order, in an
empty folder, with real git and the real pre-commit hooks. The few commands that cannot run here are
listed with the reason (and the test that covers them); a new example is either run or listed.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from conftest import REPO
from gitrepo import git_env

README = REPO / "README.md"
BIN = Path(sys.executable).parent
STORY = "Start a spec repository"
NOT_RUN = {
    "python3 -m venv .venv": "installs specdiff; .ci/run runs it on a clean clone",
    ".venv/bin/python -m pytest": "the test suite itself",
    ".venv/bin/pip install -r bench/requirements.txt": "a benchmark (minutes); bench/RESULTS.md has its figures",
    ".venv/bin/pip install -q -e '.[test]' && .venv/bin/pre-commit install": "installs the hooks into this checkout; "
                                                                                 "tests/test_precommit.py runs them",
    ".venv/bin/python bench/fidelity.py ": "measures a corpus of real texts kept outside the repository; "
                                                             "tests/test_fidelity.py runs it on the seeds",
    ".venv/bin/python bench/hook_scale.py": "a benchmark (minutes: 20,000 specs); bench/RESULTS.md has its figures",
    "specdiff import 5258MP.docx": "needs a Word file; tests/test_import_formats.py makes one from each seed",
    "specdiff import 5681MP.pdf": "needs a PDF; tests/test_import_formats.py prints one from each seed with Chromium",
    "specdiff import scan.pdf": "needs a scanned PDF; tests/test_import_formats.py builds one",
    "specdiff import broken.docx": "needs a damaged Word file; tests/test_import_formats.py makes one",
    "EDITOR=nano specdiff edit 5258MP": "waits for a person at the editor; tests/test_edit.py drives edit with a "
                                       "scripted editor",
}


@dataclass(frozen=True)
class Example:
    section: str
    line: int
    command: str
    expected: int


def _command_and_comment(text: str) -> tuple[str, str]:
    """A command line and its trailing comment (`  # ...`)."""
    parts = re.split(r"\s{2,}#\s?", text, maxsplit=1)
    return parts[0].strip(), parts[1] if len(parts) > 1 else ""


def _examples_of(block: str, section: str, first_line: int) -> list[Example]:
    found: list[tuple[int, str, list[str]]] = []
    for number, text in enumerate(block.splitlines(), start=first_line):
        if not text.strip():
            continue
        if text.startswith("#"):
            if found:
                found[-1][2].append(text)
            continue
        command, comment = _command_and_comment(text)
        found.append((number, command, [comment]))
    return [Example(section, number, command, _expected_exit(comments)) for number, command, comments in found]


def _expected_exit(comments: list[str]) -> int:
    said = re.search(r"\(exit (\d+)\b", " ".join(comments))
    return int(said.group(1)) if said else 0


def readme_blocks() -> list[list[Example]]:
    """The commands of every `sh` block, in order, with the heading each sits under."""
    section, blocks = "", []
    tokens = MarkdownIt().parse(README.read_text(encoding="utf-8"))
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            section = tokens[index + 1].content
        if token.type == "fence" and token.info.strip() == "sh" and token.map:
            blocks.append(_examples_of(token.content, section, token.map[0] + 2))
    return [block for block in blocks if block]


def readme_examples() -> list[Example]:
    """Every command of every `sh` block."""
    return [example for block in readme_blocks() for example in block]


def _env(home: Path) -> dict[str, str]:
    env = git_env(home)
    env.update(PATH=f"{BIN}{os.pathsep}{env['PATH']}", NO_COLOR="1", PRE_COMMIT_HOME=str(home / "pre-commit"),
               GIT_AUTHOR_DATE="", GIT_COMMITTER_DATE="")
    for key in ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE"):
        env.pop(key)
    return env


def _git(cwd: Path, env: dict[str, str], *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The README's world: the checkout's files, main as approved, a branch revising 5258MP."""
    home = tmp_path_factory.mktemp("home")
    env = _env(home)
    root = tmp_path_factory.mktemp("world") / "specdiff"
    for folder in ("specs", "schema", "examples", "tests/data/seeds", "tests/data/update", "tests/data/layouts"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "specdiff.toml").write_text('approvals_required = ["HR Director", "Budget Office"]\n', encoding="utf-8")
    _git(root, env, "init", "-q", "-b", "main")
    _git(root, env, "add", "-A")
    _git(root, env, "commit", "-q", "-m", "The specs as approved")
    origin = root.parent / "origin.git"
    _git(root.parent, env, "clone", "-q", "--bare", str(root), str(origin))
    _git(root, env, "remote", "add", "origin", str(origin))
    _git(root, env, "fetch", "-q", "origin")
    _git(root, env, "switch", "-q", "-c", "revise-5258MP")
    revised = json.loads((root / "examples" / "5258MP.revised.json").read_text(encoding="utf-8"))
    revised["records"] = revised["records"][:-1]  # its record is what `draft --write` adds
    (root / "specs" / "5258MP.json").write_text(json.dumps(revised, indent=2, ensure_ascii=False) + "\n",
                                                encoding="utf-8")
    _git(root, env, "commit", "-q", "-am", "Revise 5258MP: minimum qualifications, duties, salary group")
    return root, env


def _run(command: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def not_run(example: Example) -> str | None:
    """Why an example cannot run here (None: it runs)."""
    return next((reason for start, reason in NOT_RUN.items() if example.command.startswith(start)), None)


RUNNABLE = [[example for example in block if not_run(example) is None]
            for block in readme_blocks() if block[0].section != STORY]
RUNNABLE = [block for block in RUNNABLE if block]


@pytest.mark.parametrize("block", RUNNABLE, ids=[f"L{b[0].line}:{b[0].command[:40]}" for b in RUNNABLE])
def test_a_readme_block_runs_as_written(block: list[Example], world: tuple[Path, dict[str, str]],
                                        tmp_path: Path) -> None:
    """A block's commands run in order in one fresh copy of the world, each exiting as the README says."""
    root, env = world
    copy = tmp_path / "specdiff"
    shutil.copytree(root, copy, symlinks=True)
    for example in block:
        result = _run(example.command, copy, env)
        assert "Traceback" not in result.stderr, result.stderr
        assert result.returncode == example.expected, (f"README.md:{example.line}: {example.command}\n"
                                                       f"{result.stdout[-2000:]}\n{result.stderr[-2000:]}")


def test_the_examples_not_run_here_are_listed_with_a_reason() -> None:
    examples = readme_examples()
    listed = {start for example in examples for start in NOT_RUN if example.command.startswith(start)}
    assert listed == set(NOT_RUN), "NOT_RUN names a command the README no longer has"
    assert sum(map(len, RUNNABLE)) >= 20  # the README's examples are found, not silently none
    print("\n".join(f"not run: {command}: {reason}" for command, reason in NOT_RUN.items()))


EDITOR_SCRIPT = """import pathlib, sys
page = pathlib.Path(sys.argv[1])
lines = page.read_text(encoding="utf-8").split("\\n")
page.write_text("\\n".join("MP 67" if line == "MP 65" else line for line in lines), encoding="utf-8")
"""


def _story() -> list[Example]:
    return [example for example in readme_examples() if example.section == STORY]


def _script(examples: list[Example]) -> str:
    """The story's commands in one shell, each followed by a line with its exit status."""
    return "".join(f"{example.command}\necho \"@@ {index} $?\" >&2\n" for index, example in enumerate(examples))


def test_start_a_spec_repository_runs_as_written_through_the_real_hooks(tmp_path: Path) -> None:
    examples = _story()
    assert [e.command.split()[1] for e in examples if e.command.startswith("specdiff ")][:3] == [
        "init", "import", "edit"]
    (tmp_path / "specdiff").symlink_to(REPO)  # SEEDS=../specdiff/tests/data/seeds, as a checkout beside it
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR_SCRIPT, encoding="utf-8")
    env = {**_env(tmp_path), "EDITOR": f"{sys.executable} {editor}"}
    env.pop("VISUAL", None)
    result = subprocess.run(["bash", "-c", _script(examples)], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=600)
    statuses = dict(re.findall(r"^@@ (\d+) (\d+)$", result.stderr, re.M))
    log = f"{result.stdout[-3000:]}\n{result.stderr[-4000:]}"
    assert "Traceback" not in result.stderr, log
    for index, example in enumerate(examples):
        assert statuses.get(str(index)) == str(example.expected), f"README.md:{example.line}: {example.command}\n{log}"
    _assert_the_story_happened(tmp_path / "classes", env)


def _assert_the_story_happened(repo: Path, env: dict[str, str]) -> None:
    """What the story claims: hooks installed and run, baselines committed, the revision approved and merged."""
    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout

    assert (repo / ".git" / "hooks" / "pre-commit").read_text(encoding="utf-8").find("pre-commit") >= 0
    assert git("log", "--format=%s", "main").splitlines()[-1] == "Baseline: the catalog as approved"
    assert sorted(git("ls-tree", "--name-only", "HEAD", "specs/").split()) == [
        f"specs/{code}.json" for code in ("0029MP", "5257MP", "5258MP", "5681MP", "5989VR")]
    spec = json.loads((repo / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    assert spec["$schema"] == "../schema/job-class.schema.json"
    assert spec["salary"]["group"] == "MP 67"
    current = spec["records"][-1]
    assert current["effective"] == "2026-07-05" and "MP 65" in current["cancellation_clause"]
    assert [(a["role"], a["by"]) for a in current["approvals"]] == [("HR Director", "Dana Whitfield"),
                                                                    ("Labor Relations", "Sam Ortiz")]
    for code in ("5257MP", "5989VR"):  # postings without a record: baselined, nothing invented
        baselined = json.loads((repo / "specs" / f"{code}.json").read_text(encoding="utf-8"))
        assert "baseline" in baselined and not baselined.get("records")
    summary = (repo / "summary.md").read_text(encoding="utf-8")
    assert "Dana Whitfield" in summary and "Sam Ortiz" in summary

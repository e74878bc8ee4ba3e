"""Golden diff cases, run through real git and the real CLI.

Each folder of tests/cases/diff/ holds before.json and/or after.json (a missing side means the
spec was added or deleted), an optional `paths` file ("OLD NEW" for a rename), and the expected
`specdiff diff HEAD~1 HEAD` output as expected.json, .txt, .md and .html. README says what it shows.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import SpecRepo

CASES = Path(__file__).parent / "cases" / "diff"
FORMATS = {"json": "json", "txt": "text", "md": "markdown", "html": "html"}  # expected.<suffix>: --format


def command(case: Path, suffix: str) -> list[str]:
    """The specdiff command whose output expected.<suffix> holds."""
    return ["diff", "HEAD~1", "HEAD", "--format", FORMATS[suffix]]


def build(case: Path, root: Path) -> SpecRepo:
    repo = SpecRepo(root)
    either = case / ("before.json" if (case / "before.json").exists() else "after.json")
    code = json.loads(either.read_text(encoding="utf-8"))["class_code"]
    old_path = new_path = f"specs/{code}.json"
    if (case / "paths").exists():
        old_path, new_path = (case / "paths").read_text(encoding="utf-8").split()
    if (case / "before.json").exists():
        (root / old_path).write_text((case / "before.json").read_text(encoding="utf-8"), encoding="utf-8")
    (root / "specs" / ".keep").touch()
    repo.commit("before")
    (root / old_path).unlink(missing_ok=True)
    if (case / "after.json").exists():
        (root / new_path).write_text((case / "after.json").read_text(encoding="utf-8"), encoding="utf-8")
    repo.commit("after")
    return repo


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir()))
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_golden_case(cli, case: str, fmt: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(CASES / case, tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    run = cli(*command(CASES / case, fmt))
    assert run.code == 0, run.err
    assert run.out == (CASES / case / f"expected.{fmt}").read_text(encoding="utf-8")

"""The typed library API re-exported by `specdiff`: it works without the CLI, and a mypy --strict
consumer type-checks against it (real types, not `object` or `Any`)."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import specdiff
from conftest import REPO, seed_text

CONSUMER = '''
from __future__ import annotations

import specdiff
from specdiff import SpecdiffError


def title_of(path: str) -> str:
    return str(specdiff.load_spec(path)["title"])


def changed_sections(base: str) -> list[str]:
    report: specdiff.DiffReport = specdiff.compare_revisions(base)
    return [change.section for change in report.changes]


def clause(old_path: str, new_path: str) -> str:
    try:
        old, new = specdiff.load_spec(old_path), specdiff.load_spec(new_path)
        draft = specdiff.draft_record(old, new, effective="2024-07-05")
    except SpecdiffError as error:
        return str(error)
    return str(draft.record["cancellation_clause"])


def page(path: str) -> str:
    imported: specdiff.ImportResult = specdiff.import_text("text", source=path)
    return specdiff.render_spec(imported.spec, "html") + "".join(specdiff.validate_spec(imported.spec))
'''


def test_library_round_trip_without_the_cli() -> None:
    result = specdiff.import_text(seed_text("002_0029MP_headed.txt"), source="002")
    assert specdiff.validate_spec(result.spec) == []
    assert "Labor Relations Program Assistant (0029MP)" in specdiff.render_spec(result.spec, "text")
    assert specdiff.load_spec(REPO / "specs" / "0029MP.json")["class_code"] == "0029MP"


def test_diff_and_draft_two_specs() -> None:
    old = specdiff.load_spec(REPO / "specs" / "5258MP.json")
    new = {**old, "salary": {**old["salary"], "group": "MP 67"}}
    change = specdiff.diff_specs(old, new, old_path="a", new_path="a")
    assert [(c.path, c.level) for c in change.changes] == [("/salary/group", "substantive")]
    draft = specdiff.draft_record(old, new, effective="2024-07-05", final="24-001")
    assert draft.needed and "in Salary Group MP 65 approved effective April 22, 2022" in draft.record[
        "cancellation_clause"]


def test_compare_revisions_of_a_repository(make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    spec = repo.spec("5258MP")
    spec["title"] = "Agency Labor Relations Director"
    repo.write(spec)
    repo.commit("retitle")
    report = specdiff.compare_revisions("HEAD~1", "HEAD", repository=repo.root)
    assert [c.path for c in report.changes] == ["/title"]
    with pytest.raises(specdiff.GitError, match="unknown revision 'nope'"):
        specdiff.compare_revisions("nope", repository=repo.root)


def test_a_strict_consumer_type_checks_and_a_wrong_one_does_not(tmp_path: Path) -> None:
    good = tmp_path / "consumer.py"
    good.write_text(textwrap.dedent(CONSUMER), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(good)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    wrong = tmp_path / "wrong.py"
    wrong.write_text("import specdiff\n\ncount: int = specdiff.render_spec({})\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(wrong)],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and 'expression has type "str", variable has type "int"' in result.stdout


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        specdiff.nope  # noqa: B018

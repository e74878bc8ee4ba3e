"""tests/update_cases.py rebuilds a golden file exactly (so updating goldens stays one command)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import test_diff_cases
import update_cases


def test_update_rewrites_a_missing_expected_file_identically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = test_diff_cases.CASES / "reworded-duty"
    copy = tmp_path / "diff" / case.name
    shutil.copytree(case, copy)
    (copy / "expected.md").unlink()
    (copy / "expected.txt").write_text("stale\n", encoding="utf-8")
    monkeypatch.setattr(test_diff_cases, "CASES", tmp_path / "diff")
    changed = update_cases.update(test_diff_cases)
    assert sorted(path.name for path in changed) == ["expected.md", "expected.txt"]
    for name in ("expected.json", "expected.md", "expected.txt", "expected.html"):
        assert (copy / name).read_bytes() == (case / name).read_bytes()

"""Shared checks for the robustness matrix: one clear line, the right exit code, nothing changed."""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder (not .git) with the hash of its bytes and its mode."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if ".git" in path.parts or not path.is_file() or path.is_symlink():
            continue
        found[str(path.relative_to(folder))] = hashlib.sha256(path.read_bytes()).hexdigest() + oct(path.stat().st_mode)
    return found


def one_line_error(run: Any, code: int, *needles: str) -> str:
    """The single error line of a run that failed as expected."""
    assert run.code == code, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err
    lines = [line for line in run.err.splitlines() if line.startswith("specdiff: error:")]
    assert len(lines) == 1, run.err
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]


def one_problem_line(run: Any, code: int, *needles: str) -> str:
    """The single problem line (stdout) of a validate run."""
    assert run.code == code, (run.code, run.out, run.err)
    assert "Traceback" not in run.out + run.err
    lines = [line for line in run.out.splitlines() if ": warning: refers to '" not in line]
    assert len(lines) == 1, run.out
    for needle in needles:
        assert needle in lines[0], (needle, lines[0])
    return lines[0]

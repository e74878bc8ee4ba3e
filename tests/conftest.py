"""Shared fixtures: the bundled seed documents and an in-process CLI runner."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from specdiff.entry import main
from specdiff.importer import ImportResult, import_text

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"
REPO = Path(__file__).parent.parent
SEED_FILES = sorted(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".spec-part.txt"))
SEED_CODES = {p.name: p.stem.split("_")[1] for p in SEED_FILES}


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


def import_seed(name: str) -> ImportResult:
    return import_text(seed_text(name), source=name)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `specdiff ARGS...` in-process; returns exit code, stdout and stderr."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run

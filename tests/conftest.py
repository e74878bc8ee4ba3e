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


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """Print how many robustness cases each category (and each command) has, so the figures can be tracked."""
    counts: dict[str, int] = {}
    per_command: dict[str, int] = {}
    for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", []):
        for name, value in getattr(report, "user_properties", []):
            if name == "category":
                counts[value] = counts.get(value, 0) + 1
            elif name == "command":
                per_command[value] = per_command.get(value, 0) + 1
    if counts:
        listed = ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
        terminalreporter.write_line(f"robustness cases per category: {listed} (total {sum(counts.values())})")
    if per_command:
        listed = ", ".join(f"{name} {count}" for name, count in sorted(per_command.items()))
        terminalreporter.write_line(f"robustness cases per command: {listed} (total {sum(per_command.values())})")


@pytest.fixture(autouse=True)
def _record_category(request: pytest.FixtureRequest) -> None:
    marker = request.node.get_closest_marker("category")
    if marker is not None:
        request.node.user_properties.append(("category", marker.args[0]))


@pytest.fixture
def make_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A real git repo holding the given seed specs in one commit, made the current directory,
    with git's identity and configuration pinned for every command the test runs."""
    from gitrepo import SpecRepo

    def make(*codes: str, name: str = "repo") -> SpecRepo:
        repo = SpecRepo(tmp_path / name)
        for code in codes:
            repo.add_seed_spec(code)
        if codes:
            repo.commit("import")
        monkeypatch.chdir(repo.root)
        for key, value in repo.env.items():
            monkeypatch.setenv(key, value)
        return repo

    return make


@pytest.fixture
def soffice() -> str:
    """LibreOffice's soffice: the Word tests convert with it; skipped locally without it, a failure in CI."""
    import os
    import shutil

    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is not installed; .ci/run installs Debian's libreoffice-writer-nogui package")
        pytest.skip("soffice is not installed (apt-get install libreoffice-writer-nogui); CI always runs this test")
    return found

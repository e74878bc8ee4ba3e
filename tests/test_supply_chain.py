"""The supply chain of the action: every dependency it installs is locked with hashes, the lock
covers what pyproject.toml asks for, and no locked version is one with a known vulnerability (an
offline check against requirements/advisories.toml; no network)."""
from __future__ import annotations

import re
import sys

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

LOCK = REPO / "requirements" / "action.txt"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)")


def locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) of every requirement in the lock."""
    found: dict[str, tuple[str, list[str]]] = {}
    current = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = canonicalize_name(match.group("name"))
            found[current] = (match.group("version"), [])
        elif current and line.strip().startswith("--hash=sha256:"):
            found[current][1].append(line.strip().removeprefix("--hash=sha256:").rstrip(" \\"))
        elif line.strip() and not line.lstrip().startswith("#"):
            assert line.startswith("    "), f"requirements/action.txt: {line!r} is not pinned with =="
    return found


def runtime_requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    wanted = [Requirement(text) for text in project["project"]["dependencies"]]
    build = [Requirement(text) for text in project["build-system"]["requires"]]
    return [req for req in wanted + build if req.marker is None or req.marker.evaluate()]


def test_every_locked_requirement_is_pinned_with_hashes() -> None:
    lock = locked()
    assert len(lock) >= 10
    assert all(hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes) for _, hashes in lock.values())


@pytest.mark.parametrize("requirement", runtime_requirements(), ids=str)
def test_the_lock_satisfies_pyproject(requirement: Requirement) -> None:
    version, _ = locked()[canonicalize_name(requirement.name)]
    assert requirement.specifier.contains(version, prereleases=True), (requirement, version)


def test_no_locked_version_has_a_known_vulnerability() -> None:
    advisories = tomllib.loads((REPO / "requirements" / "advisories.toml").read_text(encoding="utf-8"))["advisory"]
    lock = locked()
    hit = [(a["id"], a["package"], lock[a["package"]][0]) for a in advisories
           if a["package"] in lock and SpecifierSet(a["vulnerable"]).contains(lock[a["package"]][0])]
    assert hit == []


def test_pyproject_rules_out_the_known_vulnerable_versions() -> None:
    advisories = tomllib.loads((REPO / "requirements" / "advisories.toml").read_text(encoding="utf-8"))["advisory"]
    for requirement in runtime_requirements():
        for advisory in advisories:
            if canonicalize_name(requirement.name) != advisory["package"]:
                continue
            floor = next(s.version for s in requirement.specifier if s.operator == ">=")
            assert not SpecifierSet(advisory["vulnerable"]).contains(floor), (requirement, advisory["id"])


def test_the_check_would_see_a_vulnerable_version() -> None:
    assert SpecifierSet("<3.1.41").contains("3.1.40") and not SpecifierSet("<3.1.41").contains("3.2.1")

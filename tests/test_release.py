"""Versions are published properly: one version, a CHANGELOG entry for it, and every `rev:` and `@v`
that the README, the workflows and `specdiff init` hand out names that version (issue 14)."""
from __future__ import annotations

import re
import sys
from importlib.metadata import version as installed_version

from conftest import REPO

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib
from specdiff.version import __version__

TAG = f"v{__version__}"
PUBLISHED = [REPO / "README.md", REPO / ".github" / "workflows" / "specdiff.yml"]


def test_the_installed_package_has_the_one_version() -> None:
    assert installed_version("specdiff") == __version__
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and project["dynamic"] == ["version"]  # read from specdiff/version.py


def test_the_changelog_opens_with_this_version_and_a_date() -> None:
    text = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert releases and releases[0][0] == __version__
    assert [name for name, _ in releases] == sorted({name for name, _ in releases},
                                                    key=lambda v: tuple(map(int, v.split("."))), reverse=True)
    for name, _ in releases:
        assert re.search(rf"^\[{re.escape(name)}\]: \S+", text, re.M), f"no link for {name}"


def test_every_published_rev_and_action_ref_names_this_version() -> None:
    refs = []
    for path in PUBLISHED:
        text = path.read_text(encoding="utf-8")
        refs += [(path.name, ref) for ref in re.findall(r"rev:\s*(v[\w.]+)", text)]
        refs += [(path.name, ref) for ref in re.findall(r"specdiff@(v[\w.]+)", text)]
    assert refs, "no rev: or @v reference found"
    assert [ref for ref in refs if ref[1] != TAG] == []

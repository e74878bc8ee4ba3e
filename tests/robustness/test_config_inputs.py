"""Bad configuration: one line naming the file and the key, exit 2, nothing written."""
from __future__ import annotations


import pytest

from gitrepo import SpecRepo
from helpers import one_line_error, snapshot

pytestmark = pytest.mark.category("config")


@pytest.fixture
def repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    spec_repo: SpecRepo = make_repo("5258MP")
    spec = spec_repo.spec("5258MP")
    spec["title"] = "Agency Labor Relations Director"
    spec_repo.write(spec)
    return spec_repo


@pytest.mark.parametrize("file, text, needle", [
    ("specdiff.toml", "clause_template = 'x'\n", "unknown key 'clause_template'"),
    ("specdiff.toml", "review_years = true\n", "review_years must be a int, not bool"),
    ("specdiff.toml", "max_file_bytes = '5MB'\n", "max_file_bytes must be a int, not str"),
    ("specdiff.toml", "named_sections = ['Appointment']\n", "named_sections must map a name"),
    ("specdiff.toml", "clause_date = 'iso'\n", "clause_date must be 'long' or 'numeric'"),
    ("specdiff.toml", "clause = '{title} replaced {when}'\n", "clause: unknown placeholder {when}"),
    ("specdiff.toml", "final = 'Final {0}'\n", "final: unknown placeholder {0}"),
    ("specdiff.toml", "new_class = 'New {final'\n", "new_class: invalid template"),
    ("specdiff.toml", "[[oops\n", "cannot read the configuration"),
    ("pyproject.toml", "[tool.specdiff]\nreview_years = 'five'\n", "review_years must be a int"),
    ("pyproject.toml", "[tool]\nspecdiff = 5\n", "[tool.specdiff] must be a table"),
])
def test_bad_configuration(cli, repo: SpecRepo, file: str, text: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    (repo.root / file).write_text(text, encoding="utf-8")
    before = snapshot(repo.root)
    for args in (["draft", "5258MP", "--effective", "07/05/2024", "--write"], ["check"], ["due"]):
        one_line_error(cli(*args), 2, file, needle)
    assert snapshot(repo.root) == before

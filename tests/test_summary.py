"""The pull-request summary: hostile text neutralised, truncation at scale, determinism, --output."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import SpecRepo
from htmlpage import Page

HOSTILE = "<img src=x onerror=alert(1)> </details> @org/team #1 ``` `` ` | pipe | [x](http://evil.example)"


@pytest.fixture
def pull_request(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecRepo:
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(repo.root)
    return repo


def test_markdown_and_html_neutralise_hostile_text(cli, pull_request: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = pull_request.spec("5258MP")
    spec["title"] = f"Manager {HOSTILE}"
    spec["duties"]["items"].append(HOSTILE + " " + "long text " * 40)  # long: collapsed into <details>
    pull_request.write(spec)
    pull_request.commit("hostile")
    markdown = cli("summary", "main").out
    for raw in ("<img", "</details> @", "@org/team", "#1 ", "```", "[x](", "| pipe |"):
        assert raw not in markdown, raw
    assert markdown.count("<details>") == markdown.count("</details>")  # only specdiff's own, balanced
    assert "&lt;img src=x onerror=alert(1)&gt;" in markdown

    parser = Page(cli("summary", "main", "--format", "html").out)
    assert "img" not in parser.tags and "script" not in parser.tags and "details" not in parser.tags
    assert any(HOSTILE in text for text in parser.texts)


def test_three_hundred_classes_give_a_readable_truncated_summary(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                 monkeypatch) -> None:
    repo = SpecRepo(tmp_path / "big")
    base = json.loads((Path(__file__).parent.parent / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    for number in range(300):
        spec = {**base, "class_code": f"{6000 + number}MP", "title": f"Labor Relations Analyst {number}"}
        repo.write(spec)
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    for number in range(300):
        spec = repo.spec(f"{6000 + number}MP")
        spec["duties"]["items"][2] = f"Interprets and ensures adherence to agreements, revision {number};"
        repo.write(spec)
    repo.commit("revise 300 classes")
    monkeypatch.chdir(repo.root)
    out = cli("summary", "main", "--max-chars", "65000").out
    assert len(out) <= 65000
    assert "## specdiff: 300 classes changed" in out
    assert out.count("\n| 6") == 300  # every class is in the overview table
    note = out.strip().splitlines()[-1]
    assert "class section(s) left out to fit 65,000 characters" in note
    assert "the full report is in the job summary and the `specdiff-summary` artifact" in note
    small = cli("summary", "main", "--max-chars", "5000").out
    assert len(small) <= 5000 and "left out to fit 5,000 characters" in small


def test_summary_is_deterministic_and_writes_a_file(cli, pull_request: SpecRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = pull_request.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    pull_request.write(spec)
    pull_request.commit("pay")
    first, second = cli("summary", "main").out, cli("summary", "main").out
    assert first == second
    out = tmp_path / "summary.md"
    run = cli("summary", "main", "--output", str(out))
    assert run.code == 1 and out.read_text(encoding="utf-8") == first and f"wrote {out}" in run.err  # no record yet
    assert first.startswith("<!-- specdiff-summary -->\n")


def test_no_change(cli, pull_request: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert "no spec changed" in cli("summary", "main").out

"""`specdiff diff` on real temporary git repositories."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from gitrepo import SpecRepo
from htmlpage import Page


@pytest.fixture
def repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    return make_repo("5258MP", "0029MP")  # type: ignore[no-any-return]


def reword_duty(repo: SpecRepo) -> None:
    spec = repo.spec("5258MP")
    spec["duties"]["items"][2] = "Interprets and ensures strict adherence to collective bargaining agreements;"
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)


def test_two_commits_json_lists_changes_with_every_field(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    repo.commit("revise 5258MP")
    run = cli("diff", "HEAD~1", "HEAD", "--format", "json")
    assert run.code == 0, run.err
    report = run.json()
    assert (report["version"], report["old"], report["new"]) == (1, "HEAD~1", "HEAD")
    [spec] = report["specs"]
    assert (spec["class_code"], spec["status"], spec["old_path"]) == ("5258MP", "modified", "specs/5258MP.json")
    changes = {c["path"]: c for c in spec["changes"]}
    assert set(changes) == {"/salary/group", "/duties/items/2"}
    duty = changes["/duties/items/2"]
    assert set(duty) == {"id", "class_code", "path", "section", "kind", "level", "old", "new", "redline"}
    assert (duty["section"], duty["kind"], duty["level"]) == ("EXAMPLES OF DUTIES", "changed", "minor")
    inserted = [seg["text"].strip() for seg in duty["redline"] if seg["kind"] == "ins"]
    assert inserted == ["strict"]
    assert changes["/salary/group"]["level"] == "substantive" and len(duty["id"]) == 12


def test_range_forms_and_working_tree(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    assert "working tree" in cli("diff").out  # HEAD vs the files
    first = repo.git("rev-parse", "HEAD").strip()
    repo.commit("revise")
    dotted = cli("diff", "HEAD~1..HEAD", "--format", "json").json()
    assert dotted["specs"][0]["changes"] and cli("diff", f"{first}...HEAD", "-f", "json").json()["specs"]
    assert cli("diff", "HEAD").out == "No spec changed (HEAD -> working tree).\n"  # nothing changed since: said


def test_staged_compares_with_the_index(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    assert cli("diff", "--staged").out == "No spec changed (HEAD -> index).\n"
    repo.git("add", "-A")
    run = cli("diff", "--staged", "-f", "json")
    assert run.json()["new"] == "index" and len(run.json()["specs"][0]["changes"]) == 2


def test_renamed_added_and_deleted_specs(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    repo.git("mv", "specs/0029MP.json", "specs/0029MP-old.json")
    (repo.root / "specs" / "5258MP.json").unlink()
    repo.add_seed_spec("5681MP")
    repo.commit("shuffle")
    specs = {s["class_code"]: s for s in cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"]}
    assert specs["0029MP"]["status"] == "renamed"
    assert (specs["0029MP"]["old_path"], specs["0029MP"]["new_path"]) == ("specs/0029MP.json",
                                                                          "specs/0029MP-old.json")
    assert specs["5258MP"]["status"] == "removed" and specs["5258MP"]["changes"][0]["kind"] == "removed"
    assert specs["5681MP"]["status"] == "added" and specs["5681MP"]["changes"][0]["level"] == "substantive"


def test_renamed_and_edited_in_one_commit(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    repo.git("mv", "specs/5258MP.json", "specs/5258MP-renamed.json")
    repo.commit("rename and edit")
    [spec] = cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"]
    assert spec["status"] == "renamed" and len(spec["changes"]) == 2


def test_narrow_by_class_code(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    spec = repo.spec("0029MP")
    spec["title"] = "Labor Relations Program Associate"
    repo.write(spec)
    assert [s["class_code"] for s in cli("diff", "-f", "json").json()["specs"]] == ["0029MP", "5258MP"]
    assert [s["class_code"] for s in cli("diff", "HEAD", "0029MP", "-f", "json").json()["specs"]] == ["0029MP"]
    assert [s["class_code"] for s in cli("diff", "-f", "json", "--", "specs/5258MP.json").json()["specs"]] == [
        "5258MP"]


def test_exit_code_and_fail_on(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("diff", "--exit-code").code == 0
    spec = repo.spec("5258MP")
    spec["purpose"][0] = spec["purpose"][0].replace("agency\u2019s", "agency's")
    repo.write(spec)
    assert cli("diff", "--exit-code").code == 1
    assert cli("diff", "--fail-on", "editorial").code == 1
    assert cli("diff", "--fail-on", "minor").code == 0
    assert cli("diff", "--ignore-editorial", "--exit-code").code == 0
    reword_duty(repo)
    assert cli("diff", "--fail-on", "substantive").code == 1
    only = cli("diff", "--section", "examples of duties", "-f", "json").json()
    assert [c["section"] for c in only["specs"][0]["changes"]] == ["EXAMPLES OF DUTIES"]
    assert [c["level"] for c in cli("diff", "--level", "editorial", "-f", "json").json()["specs"][0]["changes"]] == [
        "editorial"]


def test_text_output_word_diff_without_colour(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    out = cli("diff").out
    assert "5258MP Agency Labor Relations Manager (modified) specs/5258MP.json" in out
    assert "    ~ [substantive] MP [-65-]{+67+}" in out
    assert "\x1b[" not in out


@pytest.mark.parametrize("revision", ["--output=/tmp/specdiff-pwned", "-p", "--exec=touch x"])
def test_option_like_revisions_are_refused_and_write_nothing(cli, repo: SpecRepo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                             revision: str) -> None:
    target = Path("/tmp/specdiff-pwned")
    target.unlink(missing_ok=True)
    run = cli("diff", "--", revision.replace("/tmp/specdiff-pwned", str(target)), "HEAD")
    assert run.code == 2
    assert "is not a revision (it looks like an option)" in run.err and run.err.count("\n") == 1
    assert not target.exists() and not (repo.root / "x").exists()


def test_errors_are_one_line_exit_2(cli, repo: SpecRepo, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run = cli("diff", "nosuchbranch..HEAD")
    assert run.code == 2 and "unknown revision 'nosuchbranch'" in run.err
    run = cli("diff", "HEAD~5")  # neither a revision nor a path: an error, not an empty filter
    assert run.code == 2 and "unknown revision 'HEAD~5'" in run.err
    run = cli("diff", "HEAD", "--", str(tmp_path))
    assert run.code == 2 and "is outside the repository" in run.err
    outside = tmp_path / "plain"
    outside.mkdir()
    monkeypatch.chdir(outside)
    run = cli("diff")
    assert run.code == 2 and run.err.strip() == (
        "specdiff: error: not a git repository (or any parent folder); run specdiff inside your spec repository "
        "(`specdiff diff` needs one)")


def test_shallow_clone_missing_the_base_says_to_fetch(cli, repo: SpecRepo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch) -> None:
    reword_duty(repo)
    repo.commit("second")
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo.root}", str(clone)], env=repo.env,
                   check=True)
    monkeypatch.chdir(clone)
    run = cli("diff", "HEAD~1", "HEAD")
    assert run.code == 2 and "git fetch --unshallow" in run.err


def test_no_git_processes_are_left_behind(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    repo.commit("revise")
    assert cli("diff", "HEAD~1", "HEAD").code == 0
    children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children")
    leftover = [pid for pid in children.read_text().split() if "cat-file" in
                Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")]
    assert leftover == []


HOSTILE = ("<script>alert(1)</script> </details> @someone #123 ```rm -rf``` | pipe "
           "[link](http://evil.example) <img src=x onerror=alert(1)>")


def test_markdown_escapes_hostile_spec_text(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = repo.spec("5258MP")
    spec["duties"]["items"].append(HOSTILE)
    spec["title"] = "Manager <b>bold</b> @boss"
    repo.write(spec)
    out = cli("diff", "-f", "markdown").out
    for raw in ("<script>", "</details>", "<img", "@someone", "@boss", "#123", "```", "[link](", "<b>"):
        assert raw not in out, raw
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    table_row = next(line for line in out.splitlines() if line.startswith("| CLASS TITLE"))
    assert table_row.count(" | ") == 3  # the spec's own | cannot add a column
    assert "<ins>" in out  # specdiff's own markup is still there


def test_html_is_the_document_with_tracked_changes_and_escapes_hostile_text(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    reword_duty(repo)
    spec = repo.spec("5258MP")
    spec["duties"]["items"].append(HOSTILE)
    removed = spec["duties"]["items"].pop(0)
    repo.write(spec)
    page = cli("diff", "-f", "html").out
    parser = Page(page)
    names = parser.tags
    assert "script" not in names and "img" not in names and "a" not in names and "details" not in names
    assert "http" not in page.replace("http://evil.example", "")  # no external resources
    assert HOSTILE in parser.text  # shown, as text
    assert "<ins> strict</ins>" in page or "<ins>strict </ins>" in page
    assert f"<del>{removed}</del>" in page
    assert "<del>65</del><ins>67</ins>" in page
    changed = [attrs.get("class") for tag, attrs in parser.elements if tag == "section"]
    assert changed.count("changed") == 2  # duties and salary information, nothing else


def test_colour_on_a_terminal_unless_no_color(cli, repo: SpecRepo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sys

    reword_duty(repo)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    coloured = cli("diff").out
    assert "\x1b[31;9m65\x1b[0m" in coloured and "\x1b[32;4m67\x1b[0m" in coloured  # red struck, green underlined
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = cli("diff").out
    assert "\x1b[" not in plain and "[-65-]{+67+}" in plain

"""Hostile text through every Markdown output, rendered with a real CommonMark parser (markdown-it-py):
the payload may show, but it never creates an element, a link, a mention or an open comment.

Each output is rendered twice, from a repository holding the payloads and from one holding plain text of
the same length in the same places: the element structure of the two must be the same.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from gitrepo import SpecRepo

pytestmark = pytest.mark.category("hostile")
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKER = "<!-- specdiff-summary -->"
FORGERY = "X`**\u2705 Approved by HR \u2014 merge when ready** <a href=x>y</a> @org/everyone <!--"
BLOCKS = "\n\n# \u2705 Approved by HR\n\n    code\n\n---\n\n"
LINKS = "@org/everyone GH-1 #1 org/repo#2 https://evil.example www.evil.example a@b.example $\\Huge x$"
TITLE = f"Manager\n# {FORGERY} {LINKS}"
DUTY = f"Interprets agreements;{BLOCKS}{FORGERY}\n- item\n1. item\n> quote\n| a | b |\n[x]: http://evil.example"
SUBJECT = f"revise `<!-- # Approved **ok** {LINKS}"
AUTHOR = "Eve **HR** @org/everyone `x"
# What GitHub links in rendered text (markdown-it does not: linkify is off) must not be in any text.
AUTOLINK = re.compile(r"[@#][\w-]|\bgh-\d|www\.|://", re.IGNORECASE)
COMMANDS = [["summary", "main"], ["diff", "main", "HEAD", "-f", "markdown"], ["render", "5258MP", "-f", "markdown"],
            ["ledger", "-f", "markdown"], ["draft", "5258MP", "--base", "main", "-f", "markdown"],
            ["log", "5258MP", "-f", "markdown"], ["render", "0029MP", "-f", "markdown"],
            ["draft", "0029MP", "--base", "main", "-f", "markdown"]]


def plain(text: str) -> str:
    """Harmless text of the same length: each mark becomes a letter."""
    return re.sub(r"[^A-Za-z0-9 ]", "x", text)


def build(root: Path, hostile: bool) -> SpecRepo:
    same = (lambda text: text) if hostile else plain
    repo = SpecRepo(root)
    for code in ("0029MP", "5258MP"):
        repo.add_seed_spec(code)
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")  # revised without a record: the summary shows the fix command
    spec["title"] = same(TITLE)
    spec["duties"]["items"][2] = same(DUTY)
    repo.write(spec)
    other = repo.spec("0029MP")  # revised with a record whose clause and reasons carry the payload
    other["duties"]["items"][0] = same(DUTY)
    record = dict(other["records"][-1])
    record.update(effective="2030-01-01", revised="2029-12-01", final_no="29-001",
                  cancellation_clause=f"{record['cancellation_clause']} {same(FORGERY)}",
                  reasons=[same(FORGERY), same(LINKS)],
                  approvals=[{"role": same(FORGERY), "by": same(LINKS), "date": "2029-12-15"}])  # the checklist
    other["records"].append(record)
    repo.write(other)
    repo.env["GIT_AUTHOR_NAME"] = same(AUTHOR)
    repo.commit(same(SUBJECT))
    return repo


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """Every command's Markdown, from the hostile repository and from the plain one."""
    import os

    from specdiff.entry import main

    found: dict[str, dict[str, str]] = {}
    for kind in ("hostile", "plain"):
        repo = build(tmp_path_factory.mktemp(kind) / "repo", kind == "hostile")
        before = os.getcwd()
        os.chdir(repo.root)
        try:
            found[kind] = {" ".join(args): _run(main, args) for args in COMMANDS}
        finally:
            os.chdir(before)
    return found


def _run(main: Any, args: list[str]) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    assert code in (0, 1), (args, code)
    return out.getvalue()


def flat(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *flat(token.children or [])]]


def shape(markdown: str) -> Counter[tuple[str, str]]:
    """How many of each element the Markdown makes (text left out)."""
    return Counter((t.type, t.tag) for t in flat(MD.parse(markdown)) if t.type not in ("text", "text_special"))


OWN_HTML = re.compile(r"(<!-- specdiff-summary -->|</?(?:del|ins)>|</details>|<details><summary>[^<>]*</summary>)\s*")


def foreign_html(tokens: list[Token]) -> list[str]:
    """HTML in the Markdown that specdiff did not write itself."""
    return [t.content for t in tokens if t.type.startswith("html") and not OWN_HTML.fullmatch(t.content)]


def outside_code(markdown: str, spans: list[str]) -> str:
    """The Markdown without specdiff's comment marker and without the text of its code spans."""
    for span in spans:
        markdown = markdown.replace(span, "")
    return markdown.replace(MARKER, "")


def texts(markdown: str) -> str:
    return "\n".join(t.content for t in flat(MD.parse(markdown)) if t.type == "text")


@pytest.mark.parametrize("command", [" ".join(args) for args in COMMANDS])
def test_the_payload_creates_no_element(outputs: dict[str, dict[str, str]], command: str) -> None:
    hostile, benign = outputs["hostile"][command], outputs["plain"][command]
    assert shape(hostile) == shape(benign), (shape(hostile) - shape(benign), shape(benign) - shape(hostile))
    assert not foreign_html(flat(MD.parse(hostile)))
    code = [t.content for t in flat(MD.parse(hostile)) if t.type == "code_inline"]
    assert "<!--" not in outside_code(hostile, code)  # no comment left open to hide what follows
    kinds = {(t.type, t.tag) for t in flat(MD.parse(hostile))}
    assert not kinds & {("link_open", "a"), ("image", "img"), ("code_block", "code"), ("fence", "code")}
    assert ("heading_open", "h1") not in kinds or command.startswith("render")


@pytest.mark.parametrize("command", [" ".join(args) for args in COMMANDS])
def test_no_mention_reference_or_link_reaches_github(outputs: dict[str, dict[str, str]], command: str) -> None:
    shown = texts(outputs["hostile"][command])
    assert not AUTOLINK.findall(shown), AUTOLINK.findall(shown)
    if not command.startswith(("log", "draft 0029MP")):  # neither shows the payloads
        assert "Approved by HR" in shown  # shown, as text


def test_the_summary_keeps_its_overview_table_and_every_section(outputs: dict[str, dict[str, str]]) -> None:
    tokens = flat(MD.parse(outputs["hostile"]["summary main"]))
    kinds = [(t.type, t.tag) for t in tokens]
    body = kinds[kinds.index(("tbody_open", "tbody")):kinds.index(("tbody_close", "tbody"))]
    assert body.count(("tr_open", "tr")) == 2  # the overview table: one row per changed class
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h3"]
    assert headings[:3] == ["Problems", "Overview", "Approval checklist"] and len(headings) == 5, headings
    fixes = [t.content for t in tokens if t.type == "code_inline"]
    assert any(fix.startswith("specdiff draft 5258MP --base main") for fix in fixes), fixes
    assert "Approved by HR" in texts(outputs["hostile"]["summary main"].split("**Approvals of the new record:**")[1])
    assert "signed by @\u200dorg" in outputs["hostile"]["summary main"]  # the hostile approval, as text


@pytest.fixture
def deleted_spec(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[SpecRepo, str]:
    """A pull request deleting a spec whose file name is the comment-forgery payload (no `/` in a name)."""
    name = FORGERY.replace("</a>", "<b>").replace("@org/", "@org-")
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("0029MP")
    (repo.root / "specs" / f"{name}.json").write_text(
        (Path(__file__).parents[2] / "specs" / "5258MP.json").read_text(encoding="utf-8"), encoding="utf-8")
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    (repo.root / "specs" / f"{name}.json").unlink()
    repo.commit("delete")
    monkeypatch.chdir(repo.root)
    return repo, f"specs/{name}.json"


def test_a_file_name_cannot_forge_the_comment(cli, deleted_spec: tuple[SpecRepo, str],  # type: ignore[no-untyped-def]
                                              tmp_path: Path) -> None:
    _, path = deleted_spec
    comment = tmp_path / "comment.md"
    run = cli("ci", "run", "--base", "main", "--head", "HEAD", "--comment-file", str(comment))
    assert run.code == 1, run.err
    for markdown in (comment.read_text(encoding="utf-8"), cli("summary", "main").out):
        tokens = flat(MD.parse(markdown))
        kinds = [t.type for t in tokens]
        strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
        assert "link_open" not in kinds and not [text for text in strong if "Approved" in text], strong
        assert not foreign_html(tokens)
        fixes = [t.content for t in tokens if t.type == "code_inline"]
        assert "<!--" not in outside_code(markdown, fixes)
        assert len(fixes) == 1 and path in fixes[0], fixes  # the whole name, inside the one code span
        assert kinds.count("table_open") == 1 and kinds.count("tr_open") == 2  # the overview survives
        assert "@org" not in texts(markdown)


def test_a_hostile_base_name_cannot_forge_the_comment(cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    base = "hr`<!--@org"  # a valid branch name: git allows backticks, `<`, `!` and `@`
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("main")
    repo.git("branch", base)
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["duties"]["items"][2] = "Interprets agreements;"
    repo.write(spec)
    repo.commit("revise")
    monkeypatch.chdir(repo.root)
    for args in (["summary", base], ["diff", base, "HEAD", "-f", "markdown"]):
        markdown = cli(*args).out
        tokens = flat(MD.parse(markdown))
        assert "<!--" not in outside_code(markdown, [t.content for t in tokens if t.type == "code_inline"]), args
        assert not foreign_html(tokens), args
        assert "@org" not in texts(markdown)
    fixes = [t.content for t in flat(MD.parse(cli("summary", base).out)) if t.type == "code_inline"]
    assert any(f"--base {base}" in fix or f"--base '{base}'" in fix for fix in fixes), fixes

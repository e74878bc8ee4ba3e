"""Hostile text in specs and commit subjects is shown, never obeyed, in every output format."""
from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import SpecRepo

pytestmark = pytest.mark.category("hostile")
ANSI = "\x1b[2J\x1b]0;pwned\x07\x1b[31mRED"  # clear screen, set window title, colour
BIDI = "admin\u202etxt.exe"  # a right-to-left override ("Trojan Source")
MARKUP = "<script>alert(1)</script> </details> @org/team #1 ``` | [x](http://evil.example)"
HOSTILE = f"{ANSI} {BIDI} {MARKUP}"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecRepo:
    spec_repo = SpecRepo(tmp_path / "repo")
    spec_repo.add_seed_spec("5258MP")
    spec_repo.commit("one")
    spec_repo.git("checkout", "-q", "-b", "pr")
    spec = spec_repo.spec("5258MP")
    spec["title"] = f"Manager {ANSI}"
    spec["duties"]["items"][2] = HOSTILE
    spec_repo.write(spec)
    spec_repo.commit(f"retitle {ANSI} {BIDI}")
    monkeypatch.chdir(spec_repo.root)
    return spec_repo


def raw_controls(text: str) -> list[str]:
    return sorted({c for c in text if (ord(c) < 32 and c not in "\n\t") or 0x7f <= ord(c) <= 0x9f
                   or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069})


@pytest.mark.parametrize("args", [
    ["diff", "main", "HEAD"], ["diff", "main", "HEAD", "-f", "markdown"], ["diff", "main", "HEAD", "-f", "html"],
    ["log", "5258MP"], ["log", "5258MP", "-f", "markdown"], ["render", "5258MP"],
    ["render", "5258MP", "-f", "markdown"],
    ["render", "5258MP", "-f", "html"], ["summary", "main"], ["summary", "main", "-f", "html"],
    ["draft", "5258MP", "--base", "main"], ["ledger"], ["validate"],
    ["check", "--base", "main"], ["due", "--as-of", "01/01/2040"], ["show", "5258MP", "--as-of", "01/01/2023"],
    ["refs", "5258MP"], ["ledger", "-f", "markdown"], ["ci", "run", "--base", "main", "--head", "HEAD"],
    ["review", "5258MP", "--base", "main"], ["git", "textconv", "specs/5258MP.json"],
    ["new", "7001MP", "--title", "Deputy", "--like", "5258MP"], ["rename-code", "5258MP", "5260MP"],
    ["retire", "5258MP", "--effective", "01/01/2030", "--final", "30-001"],
    ["approve", "5258MP", "--role", f"HR {ANSI}", "--by", f"Eve {BIDI} {MARKUP}"],
], ids=lambda args: " ".join(args))
def test_no_control_character_reaches_the_output(cli, repo: SpecRepo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    run = cli(*args)
    assert run.code in (0, 1), run.err
    assert raw_controls(run.out + run.err) == []
    shown = run.out + run.err
    assert "Traceback" not in shown and "internal error" not in shown
    if args[0] in ("diff", "render", "summary", "log"):
        assert "\u241b" in shown  # ESC is shown as its visible symbol
    if args[0] in ("diff", "log") and "html" not in args:
        assert "U+202E" in shown  # the bidi override is named, not applied


@pytest.mark.parametrize("args", [["diff", "main", "HEAD", "-f", "json"], ["summary", "main", "-f", "json"],
                                  ["log", "5258MP", "-f", "json"]], ids=lambda a: " ".join(a))
def test_json_keeps_the_text_exact_and_escaped(cli, repo: SpecRepo, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    run = cli(*args)
    assert raw_controls(run.out) == []  # written as \\u001b and \\u202e escapes

    def strings(node: object) -> list[str]:
        if isinstance(node, dict):
            return [s for value in node.values() for s in strings(value)]
        if isinstance(node, list):
            return [s for value in node for s in strings(value)]
        return [node] if isinstance(node, str) else []

    found = strings(run.json())
    assert any(HOSTILE in text for text in found) or any(f"retitle {ANSI} {BIDI}" in text for text in found)


@pytest.mark.parametrize("fmt, inert", [("markdown", ("<script>", "</details> @", "@org/team", "[x](http")),
                                        ("html", ("<script>", "</details>"))])
def test_markup_cannot_be_injected(cli, repo: SpecRepo, fmt: str, inert: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    # In HTML, @mentions, #1 and fences are plain text to a browser; only markup matters there.
    out = cli("diff", "main", "HEAD", "-f", fmt).out
    for raw in inert:
        assert raw not in out, raw


@pytest.mark.parametrize("args, named", [
    (["validate"], True), (["diff"], True), (["fmt", "--check"], False), (["check"], False), (["ledger"], False),
    (["render", "specs/\x1b[31m\n::error::x.json"], False),
], ids=lambda a: " ".join(a) if isinstance(a, list) else str(a))
def test_a_hostile_file_name_never_starts_a_line_or_drives_the_terminal(cli, repo: SpecRepo,  # type: ignore[no-untyped-def]
                                                                        args: list[str], named: bool) -> None:
    hostile = repo.root / "specs" / "\x1b[31m\n::error::x.json"
    hostile.write_text((repo.root / "specs" / "5258MP.json").read_text(encoding="utf-8"), encoding="utf-8")
    run = cli(*args)
    assert run.code in (0, 1, 2) and "Traceback" not in run.out + run.err, run.err
    assert raw_controls(run.out + run.err) == []
    assert not any(line.startswith("::") for line in (run.out + run.err).splitlines())  # no workflow command
    if named:  # the file is named, its escape and line break shown as symbols
        assert "\u241b[31m\u240a::error::x.json" in run.out + run.err, run.out + run.err

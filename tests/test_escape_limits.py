"""The pull-request summary never exceeds --max-chars, whatever the codes and titles (GitHub refuses a
comment over 65,536 characters, and then an earlier "satisfied" comment would stay up)."""
from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from specdiff.control.check import RecordProblem, draft_fix
from specdiff.diff.model import Change, Segment, SpecChange
from specdiff.pr.model import ClassSummary, PullSummary
from specdiff.render.summary_markdown import render_summary_markdown

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MARKS = "<b>*_`|@x #1 "  # each mark escapes to more characters than it takes
TITLE_TEXTS = [MARKS, "abcdefghij ", "_"]


def _code(number: int) -> str:
    """The longest valid class code (16 characters), with underscores that escape to two each."""
    return f"C{number:03d}" + "_" * 12


def _title(number: int, words: str = MARKS) -> str:
    return (f"Analyst {number} " + words * 300)[:300]


def _class(number: int, long_text: bool, words: str) -> ClassSummary:
    code, title = _code(number), _title(number, words)
    text = (title + " ") * (8 if long_text else 1)
    changes = (Change(code, "/title", "CLASS TITLE", "changed", "Old " + title, title, "substantive"),
               Change(code, "/duties/items/2", "EXAMPLES OF DUTIES", "changed", text, text + " more", "minor",
                      (Segment("keep", text), Segment("ins", " more"))),
               Change(code, f"/records/{number}", "EFFECTIVE-DATE RECORDS", "added", None,
                      {"final_no": f"{number % 100:02d}-{number:03d}", "effective": "2030-01-01"}, "record"))
    spec = SpecChange(code, title, "modified", f"specs/{code}.json", f"specs/{code}.json", changes, {}, {})
    records = (RecordProblem(code, spec.new_path or "", f"the clause names title {title!r} but the revision it "
                             "replaces has another", draft_fix(code, "origin/main")),)
    return ClassSummary(spec, f"title and duties of {title}", "stale", records, (f"/title: {title} is long",),
                        title * 3, False, (f"pay: {title}",), (f"specs/{_code(number + 1)}.json (/title)",))


def big_summary(count: int = 400, long_text: bool = False, words: str = MARKS) -> PullSummary:
    classes = tuple(_class(number, long_text, words) for number in range(count))
    unreadable = tuple((f"specs/{_code(n)}x.json", f"not JSON: {_title(n)}") for n in range(count // 4))
    return PullSummary("origin/main" + MARKS * 10, "HEAD", classes, unreadable,
                       tuple(f"specs/{_code(n)}.json: {_title(n)}" for n in range(count // 4)))


@pytest.mark.parametrize("max_chars", [65_000, 5_000, 1_500])
@pytest.mark.parametrize("long_text", [False, True])
@pytest.mark.parametrize("words", TITLE_TEXTS)
def test_four_hundred_classes_stay_within_max_chars(max_chars: int, long_text: bool, words: str) -> None:
    """400 classes, 300-character titles, the longest valid codes (the Done-when of issue 13)."""
    text = render_summary_markdown(big_summary(long_text=long_text, words=words), max_chars)
    assert len(text) <= max_chars
    assert text.startswith("<!-- specdiff-summary -->\n## specdiff: 400 classes changed\n")
    assert "left out" in text.splitlines()[-1] and "`specdiff-summary` artifact" in text.splitlines()[-1]
    tokens = [t for token in MD.parse(text) for t in [token, *(token.children or [])]]
    html = [t.content.strip() for t in tokens if t.type.startswith("html")]
    assert set(html) <= {"<!-- specdiff-summary -->", "<ins>", "</ins>", "<del>", "</del>"}, html


@pytest.mark.parametrize("max_chars", [65_000, 5_000, 1_500])
def test_the_left_out_note_is_bounded_by_its_reserve(max_chars: int) -> None:
    """The note used to list twenty codes of any length: with long codes it alone broke the limit."""
    summary = big_summary(60)
    huge = tuple(ClassSummary(SpecChange(c.spec.class_code * 500, c.spec.title, "modified", None, "x", ()), "x",
                              "ok", (), (), None, False, ()) for c in summary.classes)
    text = render_summary_markdown(PullSummary("main", "HEAD", huge, ()), max_chars)
    assert len(text) <= max_chars and "class section(s) left out" in text


@pytest.mark.parametrize("max_chars", [1, 10, 30, 200, 1_000])
def test_even_a_tiny_limit_is_kept(max_chars: int) -> None:
    text = render_summary_markdown(big_summary(20), max_chars)
    assert len(text) <= max_chars
    assert text == "" or text.endswith("\n")


def test_a_summary_that_fits_is_whole() -> None:
    summary = big_summary(3)
    text = render_summary_markdown(summary, 1_000_000)
    assert "left out" not in text and len(re.findall(r"^### C\d{3}", text, re.MULTILINE)) == 3


def test_the_job_summary_fits_in_its_byte_limit() -> None:
    """GitHub takes at most 1 MiB of job summary from a step: bytes of UTF-8, not characters."""
    from specdiff.cli.ci import _within_bytes

    text = _within_bytes(big_summary(60, words="\U0001f534\u2705 "), 20_000)
    assert len(text.encode("utf-8")) <= 20_000 and "left out" in text

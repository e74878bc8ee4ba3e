"""PDF output: `render --format pdf` (the official document) and `diff --format pdf` (the redline).

PDFs are checked through what a reader sees, with pdfplumber: the extracted words, the fonts of
headings, the bullets, the lines drawn through deleted words and under inserted ones, the change
bar in the margin. Never the bytes, except that two runs must give the same bytes.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from conftest import SEED_FILES, import_seed
from specdiff.diff.model import DiffReport, SpecChange
from specdiff.diff.report import compare
from specdiff.render import render
from specdiff.render.document import ItemList, build_document, item_lines
from specdiff.render.pdf import pdf_date, render_pdf, spec_date
from specdiff.render.pdf_diff import render_pdf_diff
from test_diff_cases import build

CASES = Path(__file__).parent / "cases" / "diff"
CASE_NAMES = sorted(p.name for p in CASES.iterdir())
LEFT_MARGIN = 72.0


def words(data: bytes) -> list[str]:
    """The words of every page, in reading order."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return " ".join(page.extract_text() or "" for page in pdf.pages).split()


def chars(data: bytes) -> list[dict[str, Any]]:
    """Every character drawn, with its page number, and whether a line strikes or underlines it."""
    found = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for number, page in enumerate(pdf.pages):
            rules = [line for line in page.lines if abs(line["top"] - line["bottom"]) < 0.5]
            for char in page.chars:
                found.append({**char, "page": number, "struck": _crossed(char, rules, 0.35, 0.75),
                              "underlined": _crossed(char, rules, 0.8, 1.1)})
    return found


def _crossed(char: dict[str, Any], rules: list[dict[str, Any]], low: float, high: float) -> bool:
    """Whether a horizontal rule runs across the char between low and high of its height (from the top)."""
    middle = (char["x0"] + char["x1"]) / 2
    height = char["bottom"] - char["top"]
    return any(rule["x0"] <= middle <= rule["x1"] and low <= (rule["top"] - char["top"]) / height <= high
               for rule in rules)


def marked(found: list[dict[str, Any]], key: str) -> set[str]:
    """The words made of consecutive chars that carry the mark `key` (struck or underlined)."""
    runs, current, where = [], "", None
    for char in found:
        if (char["page"], round(char["top"])) != where:  # a new line ends a word
            runs.append(current)
            current, where = "", (char["page"], round(char["top"]))
        if char[key]:
            current += char["text"]
        else:
            runs.append(current)
            current = ""
    runs.append(current)
    return {word for run in runs for word in run.split()}


def bars(data: bytes) -> list[tuple[int, float, float]]:
    """(page, top, bottom) of every vertical rule in the left margin: the change bars."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [(number, line["top"], line["bottom"]) for number, page in enumerate(pdf.pages)
                for line in page.lines if line["x0"] == line["x1"] and line["x0"] < LEFT_MARGIN]


def seed_spec(name: str) -> dict[str, Any]:
    result = import_seed(name)
    assert result.spec is not None
    return result.spec


def case_report(case: str) -> DiffReport:
    def side(name: str) -> dict[str, Any] | None:
        path = CASES / case / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    old, new = side("before.json"), side("after.json")
    change = compare("specs/x.json" if old else None, "specs/x.json" if new else None, old, new)
    return DiffReport("HEAD~1", "HEAD", (change,))


def segment_words(spec: SpecChange, kind: str) -> set[str]:
    """The words the redline of a change set deletes ("del") or inserts ("ins")."""
    found: set[str] = set()
    for change in spec.changes:
        found.update(w for s in change.redline if s.kind == kind for w in s.text.split())
        whole = change.old if kind == "del" else change.new
        if change.kind == ("removed" if kind == "del" else "added") and isinstance(whole, str):
            found.update(whole.split())
    return found


# --- render --format pdf -----------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_render_pdf_has_the_words_of_the_document(seed: str) -> None:
    spec = seed_spec(seed)
    document = build_document(spec)
    expected = render(spec, "text").split()
    if document.letterhead is None:  # the PDF always heads the page with the title and code
        expected = f"{document.title} ({document.class_code})".split() + expected
    assert words(render_pdf(document)) == expected


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_render_pdf_headings_are_bold_and_the_title_larger(seed: str) -> None:
    document = build_document(seed_spec(seed))
    with pdfplumber.open(io.BytesIO(render_pdf(document))) as pdf:
        text_lines = [line for page in pdf.pages for line in page.extract_text_lines()]
    by_text = {line["text"]: line for line in text_lines}
    for section in document.sections:
        if section.heading:
            line = by_text[section.heading]
            assert all("Bold" in c["fontname"] for c in line["chars"] if c["text"].strip()), section.heading
    body_size = by_text[document.sections[0].heading or ""]["chars"][0]["size"]
    title = next(line for line in text_lines if line["text"].startswith(document.title))
    assert title["chars"][0]["size"] > body_size and "Bold" in title["chars"][0]["fontname"]


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_render_pdf_prints_a_bullet_or_number_for_every_item(seed: str) -> None:
    document = build_document(seed_spec(seed))
    lines = [line for s in document.sections for b in s.blocks if isinstance(b, ItemList)
             for line in item_lines(b.items, b.numbered)]
    found = words(render_pdf(document))
    assert found.count("\u2022") == sum(1 for _, number, _ in lines if number is None)
    numbered = [number for _, number, _ in lines if number is not None]
    assert all(f"{number}." in found for number in numbered)


def test_render_pdf_indents_nested_items_deeper() -> None:
    spec = {"class_code": "1234AB", "title": "Nested", "ksa": {"style": "bullet", "items": [
        {"text": "Knowledge of", "items": ["filing;", {"text": "law of", "items": ["contracts."]}]}]}}
    with pdfplumber.open(io.BytesIO(render_pdf(build_document(spec)))) as pdf:
        x0 = {w["text"]: w["x0"] for w in pdf.pages[0].extract_words()}
    assert x0["Knowledge"] < x0["filing;"] < x0["contracts."]


# --- diff --format pdf -------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_NAMES)
def test_diff_pdf_strikes_deletions_and_underlines_insertions(case: str) -> None:
    report = case_report(case)
    found = chars(render_pdf_diff(report))
    spec = report.specs[0]
    deleted, inserted = segment_words(spec, "del"), segment_words(spec, "ins")
    assert deleted <= marked(found, "struck"), deleted - marked(found, "struck")
    assert inserted <= marked(found, "underlined"), inserted - marked(found, "underlined")
    shown = any(c["struck"] or c["underlined"] for c in found if c["page"] > 0 or c["top"] > 110)
    assert shown == any(c.kind != "moved" for c in spec.changes)  # a move is noted, a rename has no change


def test_diff_pdf_marks_only_the_changed_words() -> None:
    found = chars(render_pdf_diff(case_report("reworded-duty")))
    body = [c for c in found if c["top"] > 110]  # below the legend
    assert marked(body, "underlined") == {"consistent"}
    assert marked(body, "struck") == set()
    assert "Interprets" not in marked(found, "underlined")


def test_a_deleted_spec_is_struck_through_whole() -> None:
    found = [c for c in chars(render_pdf_diff(case_report("deleted-spec"))) if c["top"] > 110 and c["text"].strip()]
    struck = [c for c in found if c["struck"]]
    assert len(struck) > 0.8 * len(found)


@pytest.mark.parametrize("case", CASE_NAMES)
def test_diff_pdf_has_a_change_bar_beside_each_changed_line(case: str) -> None:
    data = render_pdf_diff(case_report(case))
    found = chars(data)
    margin_bars = bars(data)
    assert bool(margin_bars) == bool(case_report(case).specs[0].changes)  # a renamed file changes no text
    changed = [c for c in found if (c["struck"] or c["underlined"]) and c["top"] > 110]
    for char in changed:
        assert any(page == char["page"] and top <= char["top"] + 1 and char["bottom"] - 1 <= bottom
                   for page, top, bottom in margin_bars), char["text"]


def test_a_moved_item_is_noted_with_a_change_bar() -> None:
    data = render_pdf_diff(case_report("moved-duty"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        line = next(line for page in pdf.pages for line in page.extract_text_lines() if "(moved)" in line["text"])
    assert line["text"].startswith("\u2022 Conducts a variety of investigations")
    assert any(top <= line["top"] <= bottom for _, top, bottom in bars(data))


def test_unchanged_paragraphs_have_no_change_bar() -> None:
    data = render_pdf_diff(case_report("reworded-duty"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        line = next(w for w in page.extract_words() if w["text"] == "Proactively")
    assert not any(top <= line["top"] <= bottom for _, top, bottom in bars(data))


def test_each_changed_spec_starts_a_page_and_an_empty_report_says_so() -> None:
    one, two = case_report("reworded-duty"), case_report("salary-group")
    both = DiffReport("A", "B", one.specs + two.specs)
    with pdfplumber.open(io.BytesIO(render_pdf_diff(both))) as pdf:
        starts = [n for n, page in enumerate(pdf.pages) if "State of Connecticut" in (page.extract_text() or "")[:200]]
    assert len(starts) == 2 and starts[0] == 0
    assert "changed" in words(render_pdf_diff(DiffReport("A", "B", ())))[-1]


# --- determinism, hostile and Unicode text -------------------------------------------------------------


def test_same_input_same_bytes_in_one_process_and_across_processes() -> None:
    spec = seed_spec(SEED_FILES[1].name)
    first = render_pdf(build_document(spec), spec_date(spec))
    assert first == render_pdf(build_document(spec), spec_date(spec))
    assert render_pdf_diff(case_report("moved-duty")) == render_pdf_diff(case_report("moved-duty"))
    code = ("import json,sys; from specdiff.render.document import build_document; "
            "from specdiff.render.pdf import render_pdf, spec_date; spec = json.loads(sys.stdin.read()); "
            "sys.stdout.buffer.write(render_pdf(build_document(spec), spec_date(spec)))")
    env = {"PYTHONHASHSEED": "7", "PATH": "", "TZ": "Asia/Tokyo"}  # another hash seed, another time zone
    other = subprocess.run([sys.executable, "-c", code], input=json.dumps(spec).encode(), capture_output=True,
                           check=True, env=env).stdout
    assert other == first


def test_the_creation_date_comes_from_the_input_never_the_clock() -> None:
    spec = seed_spec(SEED_FILES[1].name)  # REV: 4/21/2022
    assert b"/CreationDate (D:20220421000000+00'00')" in render_pdf(build_document(spec), spec_date(spec))
    assert b"/CreationDate (D:20000101000000+00'00')" in render_pdf(build_document(spec))
    dated = render_pdf_diff(case_report("moved-duty"), "2026-05-04T10:00:00Z")
    assert b"/CreationDate (D:20260504100000+00'00')" in dated
    assert pdf_date("not a date") == pdf_date(None) == "D:20000101000000+00'00'"


def test_different_input_gives_a_different_document_id() -> None:
    spec = seed_spec(SEED_FILES[1].name)
    changed = {**spec, "title": spec["title"] + " II"}

    def ident(data: bytes) -> bytes:
        return data[data.rindex(b"/ID"):][:80]

    assert ident(render_pdf(build_document(spec))) != ident(render_pdf(build_document(changed)))


HOSTILE = [
    "<b>bold?</b> & <font name=\"x\">not markup</font> &amp; <br/>",
    "\u201cCurly\u201d \u2018quotes\u2019 \u2022 bullet \u00a7 5-196 \u2014 dash \u2026 \u20ac",
    "\u6f22\u5b57 \u0416\u0438\u0437\u043d\u044c \u05e9\u05dc\u05d5\u05dd \U0001F600 e\u0301",
    "ctrl \x1b[31m \x00 \x07 bidi \u202e evil \u2066 lone \ud800 surrogate",
    "x" * 3000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=["markup", "typography", "scripts", "controls", "long-word"])
def test_hostile_and_unicode_text_never_crashes(text: str) -> None:
    spec = {"class_code": "1234AB", "title": text[:200], "jurisdiction": text[:100], "purpose": [text],
            "duties": {"style": "numbered", "items": [text, {"text": text, "items": [text]}]},
            "records": [{"effective": "2020-01-05", "cancellation_clause": text}]}
    data = render_pdf(build_document(spec))
    found = " ".join(words(data))
    if text.startswith("<b>"):
        assert "<b>bold?</b>" in found and "&amp;" in found  # shown, not obeyed
    if text.startswith("\u201c"):
        assert "\u201cCurly\u201d" in found and "\u00a7" in found and "\u2022" in found
    if text.startswith("\u6f22"):  # scripts the bundled font lacks are named, never an empty box
        assert "<U+6F22><U+5B57>" in found and "<U+1F600>" in found and "\u00e9" in found
    if text.startswith("ctrl"):
        assert "<U+001B>[31m" in found and "<U+202E>" in found and "<U+FFFD>" in found
    assert "\x00" not in found
    old = {**spec, "purpose": ["Plain words."]}
    render_pdf_diff(DiffReport("A", "B", (compare("specs/x.json", "specs/x.json", old, spec),)))


def test_nesting_deeper_than_the_page_is_wide_still_renders() -> None:
    item: Any = "leaf."
    for depth in range(60):
        item = {"text": f"level {depth}", "items": [item]}
    spec = {"class_code": "1234AB", "title": "Deep", "ksa": {"style": "bullet", "items": [item]}}
    assert "leaf." in words(render_pdf(build_document(spec)))


def test_missing_reportlab_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from specdiff.errors import UsageError
    from specdiff.render import pdf

    monkeypatch.setitem(sys.modules, "reportlab", None)
    pdf.styles.cache_clear()
    try:
        with pytest.raises(UsageError, match=r"pip install 'specdiff\[formats\]'"):
            render_pdf(build_document(seed_spec(SEED_FILES[0].name)))
    finally:
        pdf.styles.cache_clear()


# --- the command line ----------------------------------------------------------------------------------


def test_render_format_pdf_writes_the_file_and_says_so(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    target = tmp_path / "5258MP.pdf"
    run = cli("render", "5258MP", "--format", "pdf", "--output", str(target))
    assert run.code == 0, run.err
    assert f"wrote {target}" in run.out + run.err
    assert words(target.read_bytes()) == render(repo.spec("5258MP"), "text").split()


@pytest.mark.parametrize("case", ["reworded-duty", "deleted-spec"])
def test_diff_format_pdf_writes_the_redline(cli, case: str, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(CASES / case, tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    target = tmp_path / "redline.pdf"
    run = cli("diff", "HEAD~1", "HEAD", "--format", "pdf", "--output", str(target))
    assert run.code == 0, run.err
    found = chars(target.read_bytes())
    assert marked(found, "struck" if case == "deleted-spec" else "underlined") and bars(target.read_bytes())
    assert words(target.read_bytes())[:3] == ["specdiff", "HEAD~1", "->"]


def test_without_reportlab_the_command_says_how_to_install_it(cli, make_repo, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from specdiff.render import pdf

    make_repo("5258MP")
    monkeypatch.setitem(sys.modules, "reportlab", None)
    pdf.styles.cache_clear()
    try:
        run = cli("render", "5258MP", "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    finally:
        pdf.styles.cache_clear()
    assert run.code == 2
    assert run.err.strip().count("\n") == 0 and "pip install 'specdiff[formats]'" in run.err
    assert "Traceback" not in run.err and not (tmp_path / "x.pdf").exists()


def test_summary_format_pdf_is_the_redline_of_the_branch(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(CASES / "reworded-duty", tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    target = tmp_path / "summary.pdf"
    run = cli("summary", "HEAD~1", "HEAD", "--format", "pdf", "--output", str(target))
    assert run.code in (0, 1), run.err  # 1: the summary lists problems (here: no new record)
    assert target.exists() and f"wrote {target}" in run.err
    assert marked(chars(target.read_bytes()), "underlined") >= {"consistent"} and bars(target.read_bytes())

"""`specdiff diff --format html --side-by-side`: the old and new documents in two aligned columns.

Structure (render/diff_side_by_side.py on a real diff of a seed spec), escaping, the option on the
command line (HTML only), and the page in headless Chromium: the new column to the right of the old,
each paired item at the same height in both.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from browser import FLAGS, require_chromium
from conftest import REPO
from gitrepo import SpecRepo
from htmlpage import Page
from specdiff.api import diff_specs
from specdiff.diff.model import DiffReport
from specdiff.render.diff_side_by_side import render_side_by_side
from specdiff.render.document import build_document

REWORDED_OLD = "Oversees performance management system;"
REWORDED_NEW = "Oversees the performance appraisal system;"
ADDED = "Negotiates side letters with union stewards;"
MOVED = "Conducts a variety of investigations and determines appropriate action;"
REMOVED = "Coordinates and participates in Agency Labor Management meetings;"
NESTED_OLD = "labor relations, collective bargaining and human resources management;"
NESTED_NEW = "labor relations, interest arbitration and human resources management;"
LENGTHENED_OLD = "Prepares and maintains relevant documentation;"
LENGTHENED_NEW = "Prepares and maintains relevant documentation of grievances, hearings and arbitration for audit;"
HOSTILE = "<script>alert(1)</script> & <img src=x onerror=alert(2)> \"quoted\""


def seed(code: str) -> dict[str, Any]:
    return json.loads((REPO / "specs" / f"{code}.json").read_text(encoding="utf-8"))


def revised(old: dict[str, Any]) -> dict[str, Any]:
    """5258MP with a reworded, an added, a moved and a removed duty, a reworded nested KSA item, no
    special requirements and a new pay group."""
    new = copy.deepcopy(old)
    duties = new["duties"]["items"]
    duties[duties.index(REWORDED_OLD)] = REWORDED_NEW
    duties[duties.index(LENGTHENED_OLD)] = LENGTHENED_NEW
    duties.insert(0, duties.pop(duties.index(MOVED)))
    duties.remove(REMOVED)
    duties.insert(4, ADDED)
    nested = new["ksa"]["items"][0]["items"]
    nested[nested.index(NESTED_OLD)] = NESTED_NEW
    del new["special_requirements"]
    new["salary"]["group"] = "MP 67"
    return new


def page_of(old: dict[str, Any] | None, new: dict[str, Any] | None) -> str:
    spec = diff_specs(old, new, old_path="specs/5258MP.json" if old else None,
                      new_path="specs/5258MP.json" if new else None)
    return render_side_by_side(DiffReport("main", "pr", (spec,)))


@dataclass
class Cell:
    tag: str
    css: str
    html_tags: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    inserted: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.texts)


@dataclass
class TableRow:
    css: str
    change: str
    section: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def old(self) -> Cell:
        return self.cells[0]

    @property
    def new(self) -> Cell:
        return self.cells[1]


class Rows(HTMLParser):
    """The rows of the side-by-side tables: each with its two cells, their text, insertions and deletions."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows: list[TableRow] = []
        self.section = ""
        self.open: list[str] = []  # ins/del currently open inside a cell
        self.in_cell = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "tbody":
            self.section = found.get("data-section", found.get("class", ""))
        elif tag == "tr":
            self.rows.append(TableRow(found.get("class", ""), found.get("data-change", ""), self.section))
        elif tag in ("td", "th") and self.rows:
            self.rows[-1].cells.append(Cell(tag, found.get("class", "")))
            self.in_cell = True
        elif self.in_cell:
            self.rows[-1].cells[-1].html_tags.append(tag + ("." + found["class"] if "class" in found else ""))
            if tag in ("ins", "del"):
                self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("ins", "del") and self.open:
            self.open.pop()
        self.in_cell = self.in_cell and tag not in ("td", "th")

    def handle_data(self, data: str) -> None:
        if not self.in_cell:
            return
        cell = self.rows[-1].cells[-1]
        cell.texts.append(data)
        if "ins" in self.open:
            cell.inserted.append(data)
        if "del" in self.open:
            cell.deleted.append(data)

    def having(self, text: str) -> TableRow:
        """The one row whose old or new cell shows this text."""
        found = [row for row in self.rows if len(row.cells) == 2 and (text in row.old.text or text in row.new.text)]
        assert len(found) == 1, (text, found)
        return found[0]


@pytest.fixture(scope="module")
def rows() -> Rows:
    old = seed("5258MP")
    return Rows(page_of(old, revised(old)))


def test_each_section_is_a_row_of_old_and_new_heading(rows: Rows) -> None:
    old = build_document(seed("5258MP"))
    headings = [row for row in rows.rows if row.css == "heading"]
    assert [(h.old.text, h.new.text) for h in headings if h.new.text] == [
        (s.heading, s.heading) for s in old.sections if s.heading and s.id != "special_requirements"]
    assert all(h.old.tag == h.new.tag == "th" and h.old.css == "old" and h.new.css == "new" for h in headings)


def test_a_section_only_in_the_old_document_is_struck_with_an_empty_new_side(rows: Rows) -> None:
    heading = next(row for row in rows.rows if row.css == "heading" and row.section == "special_requirements")
    assert heading.old.deleted == ["SPECIAL REQUIREMENTS"] and heading.new.text == ""
    body = [row for row in rows.rows if row.section == "special_requirements" and row.css != "heading"]
    assert len(body) == 2 and all(row.change == "removed" and row.new.css == "new empty" for row in body)


def test_two_schema_sections_with_similar_names_are_never_paired() -> None:
    old = seed("5258MP")
    new = copy.deepcopy(old)
    del old["minimum_qualifications"]["special_experience"], new["minimum_qualifications"]["general_experience"]
    headings = [row for row in Rows(page_of(old, new)).rows if row.css == "heading"]
    general = next(row for row in headings if row.section == "general_experience")
    special = next(row for row in headings if row.section == "special_experience")
    assert general.old.deleted and general.new.text == ""
    assert special.new.inserted and special.old.text == ""


def test_a_reworded_item_sits_in_one_row_deleted_words_left_inserted_right(rows: Rows) -> None:
    row = rows.having("Oversees")
    assert row.change == "reworded" and row.section == "duties"
    assert row.old.text.endswith(REWORDED_OLD) and row.new.text.endswith(REWORDED_NEW)
    assert "management" in "".join(row.old.deleted) and row.old.inserted == []
    assert "appraisal" in "".join(row.new.inserted) and "the" in "".join(row.new.inserted) and row.new.deleted == []


def test_a_reworded_nested_item_is_paired_under_its_paired_parent(rows: Rows) -> None:
    ksa = [row for row in rows.rows if row.section == "ksa" and row.css != "heading"]
    parent = next(i for i, row in enumerate(ksa) if "Considerable knowledge of" in row.new.text)
    nested = next(i for i, row in enumerate(ksa) if "interest arbitration" in row.new.text)
    assert parent < nested <= parent + 3 and ksa[nested].change == "reworded"
    assert "collective bargaining" in "".join(ksa[nested].old.deleted)
    assert ksa[parent].change == ""  # the parent itself did not change


def test_an_added_item_has_an_empty_old_cell(rows: Rows) -> None:
    row = rows.having(ADDED)
    assert row.change == "added" and row.old.css == "old empty" and row.old.text == ""
    assert row.new.inserted == [ADDED]


def test_a_removed_item_has_an_empty_new_cell(rows: Rows) -> None:
    row = rows.having(REMOVED)
    assert row.change == "removed" and row.new.css == "new empty" and row.new.text == ""
    assert row.old.deleted == [REMOVED]


def test_a_moved_item_is_marked_in_both_columns(rows: Rows) -> None:
    row = rows.having(MOVED)
    assert row.change == "moved"
    assert "span.moved" in row.old.html_tags and "span.moved" in row.new.html_tags
    duties = [r for r in rows.rows if r.section == "duties" and r.css != "heading"]
    assert duties[0] is row  # at its new place, first
    assert sum("span.moved" in r.new.html_tags for r in rows.rows) == 1


def test_unchanged_items_are_plain_and_scalars_are_redlined(rows: Rows) -> None:
    same = [row for row in rows.rows if row.css == "same"]
    assert len(same) > 20 and all(r.old.text == r.new.text and not r.old.deleted and not r.new.inserted for r in same)
    pay = next(row for row in rows.rows if row.section == "salary_information" and row.css != "heading")
    assert pay.old.deleted == ["65"] and pay.new.inserted == ["67"]


def test_a_new_class_has_only_a_new_column_and_a_removed_class_only_an_old_one() -> None:
    spec = seed("5258MP")
    added = [r for r in Rows(page_of(None, spec)).rows if r.section]  # every row but the column headings
    assert len(added) > 40 and all(r.old.text == "" for r in added) and all(r.new.text for r in added)
    assert any(REMOVED in r.new.inserted for r in added)
    removed = [r for r in Rows(page_of(spec, None)).rows if r.section]
    assert len(removed) > 40 and all(r.new.text == "" for r in removed) and all(r.old.text for r in removed)
    assert any(REMOVED in r.old.deleted for r in removed)


def test_hostile_text_is_text_not_markup() -> None:
    old = seed("5258MP")
    new = copy.deepcopy(old)
    new["duties"]["items"][0] += " " + HOSTILE
    new["duties"]["items"].append(HOSTILE)
    other = {"heading": HOSTILE, "after": "duties", "content": {"style": "bullet", "items": [HOSTILE]}}
    new["other_sections"] = [other]
    new["title"] = HOSTILE
    html = page_of(old, new)
    page = Page(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert page.text.count(HOSTILE) >= 4  # an added duty, another section's heading and item, the title
    assert "<script>" not in html and "onerror=alert(2)>" not in html


def test_the_page_is_self_contained_and_deterministic() -> None:
    old = seed("5258MP")
    html = page_of(old, revised(old))
    assert html == page_of(old, revised(old))
    page = Page(html)
    assert "script" not in page.tags and "link" not in page.tags and "http" not in html.split("<body>")[0]
    assert page.tags.count("table") == 1 and page.tags.count("article") == 1


@pytest.fixture
def pr_repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    repo.git("checkout", "-q", "-b", "pr")
    repo.write(revised(repo.spec("5258MP")))
    repo.commit("revise")
    return repo


def test_cli_side_by_side_writes_the_page(pr_repo: SpecRepo, cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("diff", "main", "pr", "--format", "html", "--side-by-side")
    assert run.code == 0 and run.err == ""
    rows = Rows(run.out)
    assert rows.having(ADDED).old.css == "old empty" and rows.having(MOVED).change == "moved"
    assert "table" not in Page(cli("diff", "main", "pr", "--format", "html").out).tags  # the redline is unchanged


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_cli_side_by_side_needs_html(pr_repo: SpecRepo, cli, fmt: str) -> None:  # type: ignore[no-untyped-def]
    run = cli("diff", "main", "pr", "--format", fmt, "--side-by-side")
    assert run.code == 2 and run.out == ""
    assert run.err.count("\n") == 1 and "--side-by-side" in run.err and "--format html" in run.err
    assert "Traceback" not in run.err


# -- in a real browser -------------------------------------------------------------------------------


@pytest.fixture
def chromium() -> str:
    return require_chromium()


# Each cell's box, and the box of its content (where its text starts): a column can only be misaligned
# through its content (e.g. vertical-align), since cells of one table row share their top.
CELL_BOXES = """() => [...document.querySelectorAll('table.side tr')].map(tr => {
  const content = c => { const r = document.createRange(); r.selectNodeContents(c); return r.getBoundingClientRect(); };
  const [a, b] = [...tr.children].map(c => {
    const box = c.getBoundingClientRect(), text = content(c);
    return {x: box.x, right: box.right, width: box.width, top: text.height ? text.top : box.top, h: text.height};
  });
  return {cls: tr.className, change: tr.dataset.change || '', text: tr.children[1].textContent,
          old: {x: a.x, right: a.right, top: a.top, w: a.width, h: a.h},
          new: {x: b.x, right: b.right, top: b.top, w: b.width, h: b.h},
          filled: tr.children[0].textContent !== '' && tr.children[1].textContent !== ''};
})"""


@pytest.mark.browser
def test_side_by_side_in_headless_chromium(chromium: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    old = seed("5258MP")
    page_file = tmp_path / "side.html"
    page_file.write_text(page_of(old, revised(old)), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1000})
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(page_file.as_uri())
        boxes = page.evaluate(CELL_BOXES)
        reworded = page.locator("tr[data-change='reworded']", has_text="Oversees")
        inserted = reworded.locator("td.new ins", has_text="appraisal")
        assert inserted.is_visible()
        assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
        deleted = reworded.locator("td.old del", has_text="management")
        assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert page.locator("tr[data-change='moved'] span.moved").count() == 2
        shot = tmp_path / "side.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert len(boxes) > 40
    for box in boxes:  # every row: the new column right of the old, both as wide, both cells at one height
        assert box["new"]["x"] >= box["old"]["right"] - 1, box
        assert abs(box["old"]["w"] - box["new"]["w"]) <= 2 and box["old"]["w"] > 300, box
        if box["filled"]:
            assert abs(box["old"]["top"] - box["new"]["top"]) <= 3, box
    longer = next(box for box in boxes if "arbitration for audit" in box["text"])  # one line paired with two
    assert longer["change"] == "reworded" and longer["new"]["h"] > 1.5 * longer["old"]["h"]
    assert abs(longer["old"]["top"] - longer["new"]["top"]) <= 3
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    assert shot.stat().st_size > 10_000

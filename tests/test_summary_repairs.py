"""Summary repairs (issue 16): a new class in full, retirements in words, scalar changes as old -> new,
headings as the schema spells them, phrase redlines, complete batches, an HTML header equal to the
Markdown's, a RETIRED banner and an approval checklist."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gitrepo import SpecRepo
from htmlpage import Page
from specdiff.diff.model import Segment
from specdiff.diff.redline import redline
from specdiff.diff.values import describe, describe_change

REWORDED = "Receives administrative direction from the Under Secretary for Labor Relations or other " \
           "administrative official of higher grade."
RETIREMENT = "abolished effective 01/01/2027; replaced by the class of Agency Labor Relations Manager (5258MP)"


@pytest.fixture
def branch(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SpecRepo:  # type: ignore[no-untyped-def]
    """main: 0029MP and 5258MP; the branch: 5258MP revised (pay, a reworded phrase, a space added),
    7001MP new, 0029MP retired and replaced by 5258MP."""
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.add_seed_spec("0029MP")
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    monkeypatch.chdir(repo.root)
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 59"
    spec["supervision_received"] = [REWORDED]
    spec["purpose"][0] = spec["purpose"][0].replace("Office of Labor Relations", "Office of Labor  Relations", 1)
    spec["records"].append({"effective": "2024-09-01", "revised": "2024-08-20", "final_no": "24-020",
                            "cancellation_clause": "This replaces the existing specification. Final No. 24-020",
                            "reasons": ["modify content"]})
    repo.write(spec)
    new = repo.spec("0029MP")
    new.update(class_code="7001MP", title="Labor Relations Deputy Chief")
    new["records"] = [{"effective": "2024-09-01", "revised": "2024-08-20", "final_no": "24-020",
                       "cancellation_clause": "New class. Final No. 24-020", "reasons": ["new class"]}]
    repo.write(new)
    assert cli("retire", "0029MP", "--effective", "01/01/2027", "--replaced-by", "5258MP", "--final",
               "24-020").code == 0
    repo.commit("the pull request")
    return repo



def outputs(cli) -> tuple[str, str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The summary of the branch as Markdown, HTML and JSON (one problem: 5258MP's clause is stale)."""
    runs = [cli("summary", "main", "--format", fmt) for fmt in ("markdown", "html", "json")]
    assert [run.code for run in runs] == [1, 1, 1], runs[0].err
    return runs[0].out, runs[1].out, json.loads(runs[2].out)


def by_code(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["class_code"]: c for c in report["classes"]}


def test_a_new_class_is_shown_in_full(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    duty = "Assists administrators in budget tracking, development and implementation;"
    section = markdown[markdown.index("### 7001MP"):]
    details = section[section.index("<details><summary>The new class in full</summary>"):]
    assert duty in details[:details.index("</details>")]
    assert "###### EXAMPLES OF DUTIES" in details and "###### SALARY INFORMATION" in details
    page = html[html.index("7001MP Labor Relations Deputy Chief: the new class in full"):]
    assert duty in page[:page.index("</details>")]
    assert duty in by_code(report)["7001MP"]["spec"]["duties"]["items"]
    assert by_code(report)["5258MP"]["spec"] is None  # only a new class is carried whole


def test_a_retirement_reads_in_words(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    assert f"<ins>{RETIREMENT}; Final No. 24-020</ins>" in markdown
    assert "cancellation\\_clause" not in markdown and '"cancellation_clause"' not in html
    assert by_code(report)["0029MP"]["what"] == f"class retired: {RETIREMENT}; Final No. 24-020"
    text = cli("diff", "main").out
    assert f"+ [record] {RETIREMENT}; Final No. 24-020" in text and "cancellation_clause" not in text


def test_records_listed_whole_read_in_words_not_json() -> None:
    records = [{"effective": "2027-01-01", "retired": True, "replaced_by": "5258MP", "final_no": "26-001",
                "cancellation_clause": "This class is abolished effective January 1, 2027. It is replaced by "
                                       "the class of Agency Labor Relations Director (5258MP). Final No. 26-001"}]
    assert describe(records) == ("abolished effective 01/01/2027; replaced by the class of Agency Labor "
                                 "Relations Director (5258MP); Final No. 26-001")


def test_a_record_that_only_gained_a_field_says_which(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    old = {"effective": "2019-10-25", "final_no": "19-004"}
    new = {**old, "reasons": ["modify content"]}
    assert describe_change(old, new) == "effective 2019-10-25; Final No. 19-004: reasons added (modify content)"
    assert describe_change({"effective": "2019-10-25"}, {"effective": "2019-11-01"}) == \
        "effective 2019-10-25 -> effective 2019-11-01"
    spec = branch.spec("5258MP")
    spec["records"][0]["reasons"] = ["first record"]
    branch.write(spec)
    text = cli("diff", "--format", "text").out
    assert "+ [record] record 1: reasons added: first record" in text
    markdown = cli("diff", "--format", "markdown").out
    assert "**added** (record): record 1: reasons added: first record" in markdown


def test_scalar_changes_read_old_to_new_under_schema_headings(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    what = by_code(report)["5258MP"]["what"]
    assert what.startswith("Salary group: MP 65 -> MP 59; PURPOSE OF JOB CLASS (NATURE OF WORK): 1 reworded;")
    assert "reworded; SUPERVISION RECEIVED: 1 reworded; EFFECTIVE-DATE RECORDS: 1 added" in what
    assert "Salary group: MP 65 -&gt; MP 59" in markdown and "Salary group: MP 65 -&gt; MP 59" in html
    assert "Purpose of Job Class" not in markdown + html and "Salary Information" not in markdown


def test_redlines_group_a_reworded_phrase_and_name_spacing(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert redline("from the Undersecretary - Office of Policy and", "from the Under Secretary for Policy and") == (
        Segment("keep", "from the "), Segment("del", "Undersecretary - Office of"),
        Segment("ins", "Under Secretary for"), Segment("keep", " Policy and"))
    assert redline("a b c", "a x c") == (Segment("keep", "a "), Segment("del", "b"), Segment("ins", "x"),
                                         Segment("keep", " c"))  # a kept word still splits two changes
    markdown, html, _ = outputs(cli)
    assert "<del>Undersecretary of</del><ins>Under Secretary for</ins> Labor Relations" in markdown
    assert "Office of Labor <ins>(a space added)</ins>Relations" in markdown
    assert "<ins> </ins>" not in markdown and "<ins> </ins>" not in html and "(a space added)" in html
    assert "{+(a space added)+}" in cli("diff", "main").out
    assert "<ins>(a space added)</ins>" in cli("diff", "main", "--format", "markdown").out


def test_headline_batches_count_new_classes_and_retirements(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    assert "New records: Final No. 24-020: 0029MP, 5258MP, 7001MP." in markdown
    assert "<p>New records: Final No. 24-020: 0029MP, 5258MP, 7001MP.</p>" in html
    assert report["batches"] == {"24-020": ["0029MP", "5258MP", "7001MP"]}


def test_html_header_says_what_the_markdown_header_says(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, _ = outputs(cli)
    texts = " ".join(Page(html).texts)
    for said in ("3 changed (1 new, 1 revised, 1 retired, 0 renamed) \u00b7 changes: 2 substantive, 1 minor, "
                 "2 record, 1 editorial \u00b7 \u274c 1 problem(s)",
                 "substantive change to pay: SALARY INFORMATION: 5258MP",
                 "the clause does not say which revision it replaces", "Comparing main...HEAD"):
        assert said in markdown.replace("**", ""), said
        assert said in texts, said


def test_a_retired_class_has_a_banner(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    section = markdown[markdown.index("### 0029MP"):]
    assert section.split("\n")[2] == f"**RETIRED: {RETIREMENT}; Final No. 24-020.**"
    assert f'<p class="retired" id="retired-0029MP">RETIRED: {RETIREMENT}; Final No. 24-020.</p>' in html
    assert by_code(report)["0029MP"]["retired"].startswith(RETIREMENT)
    assert markdown.count("**RETIRED:") == 1


def test_an_approval_checklist_lists_each_class(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    markdown, html, report = outputs(cli)
    checklist = markdown[markdown.index("### Approval checklist"):].split("\n\n")[1].split("\n")
    assert checklist == [
        "- [ ] 0029MP Labor Relations Program Assistant: approve the retirement (retired, \U0001f535 record)",
        "- [ ] 5258MP Agency Labor Relations Manager: approve the revision (revised, \U0001f534 substantive)",
        "- [ ] 7001MP Labor Relations Deputy Chief: approve the new class (new, \U0001f534 substantive)"]
    texts = Page(html).texts
    assert "Approval checklist" in texts
    assert any("7001MP Labor Relations Deputy Chief: approve the new class (new, substantive)" in t for t in texts)
    assert [c["to_approve"] for c in report["classes"]] == ["the retirement", "the revision", "the new class"]


HOSTILE = "<img src=x onerror=alert(1)> </details> @org/team #1 ``` | pipe | [x](http://evil.example)"


def test_a_hostile_new_class_stays_escaped_in_full(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = branch.spec("7001MP")
    spec["duties"]["items"].append(HOSTILE)
    branch.write(spec)
    branch.commit("hostile")
    markdown, html, _ = outputs(cli)
    for raw in ("<img", "</details> @", "@org/team", "```", "[x]("):
        assert raw not in markdown, raw
    assert markdown.count("<details>") == markdown.count("</details>") == 1
    page = Page(html)
    assert "img" not in page.tags and any(HOSTILE in text for text in page.texts)
    assert cli("summary", "main").out == markdown  # deterministic


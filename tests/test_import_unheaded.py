"""Layouts without section headings (V3, V4) and old DAS pages (V5, V6): each fixture in
tests/data/layouts/v3_* .. v6_* imports to its golden JSON, with nothing lost.

The fixtures are invented classes written in the layouts of real documents: V3 a Connecticut spec whose
heading lines were stripped, V4 an older JobAps page without headings, V5 an old DAS page (header row,
colon headings, CC block; one page with two class codes), V6 the same DAS page saved as pipe tables.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from specdiff import schema
from specdiff.errors import ImportFailure
from specdiff.importer import ImportResult, das, import_text
from specdiff.render import render
from specdiff.validator import validate_spec
from test_no_word_lost import values, words

LAYOUTS = Path(__file__).parent / "data" / "layouts"
FIXTURES = sorted(p.name for p in LAYOUTS.glob("v[3-6]_*.txt"))
HEADINGS = {name.upper() for info in schema.sections() for name in info.names}
# Lines whose facts are asserted field by field below: the DAS header row and its values (a date such
# as "Mar 15, 1998" is stored as 1998-03-15), the CC header labels, the trailer, the letterhead.
FRAME = re.compile(r"^(Class Code .*Eff\.Date|\d{4} +[A-Z]{2} - \d+.*|CC|Final#|Occup\. Group|Bargaining Unit|EEO"
                   r"|CC +Final# .*|(?:(?:CLASS|EST|REV): \S+;\s*)+|State of Connecticut|.*\(\d{4}[A-Z]{2}\)"
                   r"|\$.* Yearly)$")


def load(name: str, **options: Any) -> ImportResult:
    result = import_text((LAYOUTS / name).read_text(encoding="utf-8"), source=name, **options)
    assert validate_spec(result.spec) == []
    return result


def golden(name: str) -> Any:
    return json.loads((LAYOUTS / name.replace(".txt", ".expected.json")).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_imports_to_its_golden_spec(name: str) -> None:
    assert load(name).spec == golden(name)


def content_lines(name: str) -> list[str]:
    """The fixture's lines (pipe rows flattened) without headings and the frame checked field by field."""
    text = das.flatten_pipes((LAYOUTS / name).read_text(encoding="utf-8"))
    kept = []
    for line in text.splitlines():
        line = " ".join(line.split())
        parts = [part.rstrip(":").upper() for part in line.split(" / ")]
        if all(part in HEADINGS for part in parts) or FRAME.match(line):
            continue
        kept.append(line)
    return kept


@pytest.mark.parametrize("name", FIXTURES)
def test_no_word_of_the_fixture_is_lost(name: str) -> None:
    spec = load(name).spec
    missing = words("\n".join(content_lines(name))) - words("\n".join(values(spec)))
    assert not missing, f"words of {name} missing from the JSON: {dict(missing)}"


@pytest.mark.parametrize("name", FIXTURES)
def test_inferred_sections_are_never_printed_and_the_spec_renders(name: str) -> None:
    spec = load(name).spec
    for form in ("text", "markdown", "html"):
        out = render(spec, form)
        assert "inferred_sections" not in out and "INFERRED SECTIONS" not in out


# V3: headings stripped -------------------------------------------------------------------------

def test_v3_sections_are_recovered_from_order_and_wording() -> None:
    result = load("v3_headings_stripped.txt")
    spec = result.spec
    assert spec["class_code"] == "4471MP"
    assert spec["title"] == "Shellfish Sanitation Program Supervisor"  # from the clause, with a warning
    assert spec["inferred_sections"] == [
        "purpose", "supervision_received", "supervision_exercised", "duties", "ksa", "general_experience",
        "special_experience", "substitutions_allowed", "special_requirements", "designation",
        "occupational_group", "bargaining_unit", "eeo", "salary_information", "acknowledgement",
        "cancellation_clause", "effective_date"]
    assert spec["supervision_received"][0].startswith("Receives administrative direction")
    assert spec["supervision_exercised"] == ["Directs the staff of the shellfish sanitation unit."]
    assert len(spec["duties"]["items"]) == 4 and spec["ksa"]["items"][0].startswith("Considerable knowledge")
    quals = spec["minimum_qualifications"]
    assert quals["general_experience"][0].startswith("Seven (7) years")
    assert quals["special_experience"][0].startswith("Two (2) years of the General Experience")
    assert quals["notes"][0].startswith("NOTE:")
    assert spec["bargaining_unit"] == {"code": "04", "name": "ADMINISTRATIVE & RESIDUAL"}
    assert spec["eeo"] == {"code": "2", "name": "Professional"}
    assert spec["salary"]["group"] == "MP 64"
    current = spec["records"][-1]
    assert current["effective"] == "2024-02-14" and current["final_no"] == "24-017"
    assert current["cancellation_clause"].endswith("approved effective June 4, 2010. (Revised to update "
                                                   "minimum qualifications) Final 24-017")  # wrapped over 5 lines
    [warning] = [w for w in result.warnings if "inferred" in w]
    assert warning.startswith("v3_headings_stripped.txt:1: no section headings; sections inferred")
    assert "purpose, supervision_received" in warning and "delete inferred_sections" in warning


def test_v3_run_in_and_substitution_naming_the_general_experience() -> None:
    spec = load("v3_run_in.txt").spec
    assert (spec["class_code"], spec["title"]) == ("7782EE", "Climate Planning Analyst")
    assert spec["duties"]["style"] == "run-in" and len(spec["duties"]["items"]) == 5
    assert spec["ksa"]["items"][0] == "Knowledge of climate science and emission accounting methods;"
    quals = spec["minimum_qualifications"]
    assert "special_experience" not in quals  # "... of the General Experience" in a substitution
    assert quals["substitutions_allowed"]["items"][0].startswith("A Master's degree")
    assert spec["supervision_exercised"] == ["May lead staff as assigned."]


def test_a_heading_in_the_document_means_nothing_is_inferred() -> None:
    text = (LAYOUTS / "v3_run_in.txt").read_text(encoding="utf-8")
    text = text.replace("Works under", "SUPERVISION RECEIVED\nWorks under", 1)
    result = import_text(text, source="headed.txt")
    assert "inferred_sections" not in result.spec
    assert not any("inferred" in w for w in result.warnings)


@pytest.mark.parametrize("text", [
    "Some notes about a job.\nNothing else here.\n",
    "Works under the general supervision of a supervisor.\nThe office is open on weekdays.\n",
])
def test_text_naming_fewer_than_two_sections_is_still_refused(text: str) -> None:
    with pytest.raises(ImportFailure, match="no section headings found"):
        import_text(text, source="notes.txt")


# V4: older JobAps without headings ---------------------------------------------------------------

def test_v4_letterhead_prefixed_run_in_duties_and_rate_table() -> None:
    spec = load("v4_older_jobaps.txt").spec
    assert (spec["class_code"], spec["title"]) == ("8346TX", "Highway Structures Trades Worker")
    assert spec["salary"]["hourly"] == {"min": 26.85, "max": 31.4}
    duties = spec["duties"]
    assert duties["style"] == "run-in"
    assert [g["heading"] for g in duties["groups"]] == ["STRUCTURES PAINTING:", "STRUCTURES CARPENTRY:"]
    assert duties["groups"][0]["items"][0] == "Cleans and prepares steel surfaces;"
    assert len(duties["groups"][1]["items"]) == 4
    assert spec["ksa"]["style"] == "run-in"
    experience = spec["minimum_qualifications"]["general_experience"]
    assert experience[1].startswith("1. DEPARTMENT OF TRANSPORTATION: (1) Two (2) years")
    assert "OR (2) completion" in experience[1]
    [table] = spec["other_sections"]
    assert table["content"]["items"] == ["Assignment Minimum Maximum", "Structures Painter $26.85 $30.10",
                                         "Structures Carpenter $27.60 $31.40"]
    assert "purpose" in spec["inferred_sections"] and "duties" in spec["inferred_sections"]


# V5 and V6: old DAS pages ----------------------------------------------------------------------

def test_v5_header_row_colon_headings_and_cc_block() -> None:
    result = load("v5_das_page.txt")
    spec = result.spec
    assert (spec["class_code"], spec["title"]) == ("5391", "Fisheries Hatchery Coordinator")
    assert spec["designation"] == "Classified/Competitive"
    assert spec["salary"]["group"] == "VR 99"
    assert spec["purpose"][0].startswith("In the Department of Environmental Protection")
    assert spec["ksa"]["items"][0] == "Considerable knowledge of fish culture methods;"
    assert spec["occupational_group"] == {"code": "13", "name": "Natural Science"}
    assert spec["bargaining_unit"] == {"code": "09", "name": "ENGINEERING"}
    current = spec["records"][-1]
    assert current["final_no"] == "838" and current["effective"] == "1998-03-15"
    assert current["cancellation_clause"].startswith("This replaces the existing specification")
    assert spec["records"][0] == {"effective": "1991-07-01", "title": "Hatchery Program Coordinator",
                                  "salary_group": "VR 97", "inferred": True}
    assert {"after": "cancellation_clause", "content": {"style": "paragraphs", "items": ["IFD:rk"]}} \
        in spec["other_sections"]
    assert "inferred_sections" not in spec  # the page has headings
    assert any("internal tag line" in w for w in result.warnings)


def test_v5_page_with_two_class_codes_keeps_both() -> None:
    spec = load("v5_das_two_codes.txt").spec
    assert spec["class_code"] == "6120" and spec["salary"]["group"] == "VR 94"
    assert spec["also_coded"] == [{"class_code": "6121", "pay_plan": "VR 96"}]
    assert "former_codes" not in spec
    assert spec["designation"] == "Unclassified"
    assert spec["eeo"] == {"code": "1", "name": "Officials/Administrators"}  # CC block one label a line
    assert spec["records"][-1]["final_no"] == "912"
    headings = [entry.get("heading") for entry in spec["other_sections"]]
    assert headings == ["APPOINTMENTS:", "TERM OF APPOINTMENT:", "RATE OF COMPENSATION:", None]


def test_v6_pipe_table_reads_as_v5() -> None:
    spec = load("v6_das_pipes.txt").spec
    assert (spec["class_code"], spec["title"]) == ("4218", "State Library Conservator")
    assert spec["records"][-1]["final_no"] == "838"
    assert spec["duties"]["style"] == "run-in" and len(spec["duties"]["items"]) == 5
    assert spec["bargaining_unit"] == {"code": "08", "name": "SOCIAL & HUMAN SERVICES"}


def test_pipe_rows_flatten_one_line_for_one_line() -> None:
    text = (LAYOUTS / "v6_das_pipes.txt").read_text(encoding="utf-8")
    flat = das.flatten_pipes(text)
    assert len(flat.split("\n")) == len(text.split("\n"))
    assert "GENERAL STATEMENT OF DUTIES:" in flat.split("\n")
    other = "| a | b |\n| c | d |\n| e | f |\n"
    assert das.flatten_pipes(other) == other  # not a DAS page: left as it is


def test_a_broken_cc_block_is_kept_not_lost() -> None:
    text = (LAYOUTS / "v5_das_page.txt").read_text(encoding="utf-8").replace("5391    838", "5391    eight")
    spec = import_text(text, source="broken.txt").spec
    assert "final_no" not in spec["records"][-1]
    assert "eight" in json.dumps(spec) and "CC Final# Occup. Group" in json.dumps(spec)


def test_cli_import_writes_the_flag_and_says_what_was_inferred(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    run = cli("import", str(LAYOUTS / "v3_headings_stripped.txt"), "--out-dir", str(out))
    assert run.code == 0, run.err
    assert "sections inferred from their order and wording" in run.err and "Traceback" not in run.err
    written = json.loads((out / "4471MP.json").read_text(encoding="utf-8"))
    assert written["inferred_sections"][:2] == ["purpose", "supervision_received"]
    assert cli("validate", str(out / "4471MP.json")).code in (0, 1)
    assert "/inferred_sections" not in cli("validate", str(out / "4471MP.json")).err


DAS_PAGE = (LAYOUTS / "v5_das_page.txt").read_text(encoding="utf-8")
HOSTILE = {
    "years without experience": lambda n: "Receives direction from the chief.\n" + "1 years " * (n // 8) + "\nMP 64\n",
    "one paragraph wrapped over many lines": lambda n: "Receives direction from the chief.\n" + "a\n" * (n // 2)
    + "MP 64\n",
    "many standalone lines": lambda n: "Receives direction from the chief.\n" + "MP 64\n" * (n // 6),
    "a long pipe row": lambda n: "| Class Code | Pay Plan | Class Title | Eff.Date |\n" * 3 + "|" * n + "\n",
    "a long CC value line": lambda n: DAS_PAGE + "\nCC Final# Occup. Group Bargaining Unit EEO\n1234 838"
    + " (1)-a" * (n // 6) + "\n",
    "many CC lines": lambda n: DAS_PAGE + "CC\n" * (n // 3),
}


def _seconds(text: str) -> float:
    import contextlib
    import time

    start = time.perf_counter()
    with contextlib.suppress(ImportFailure):
        import_text(text, source="hostile.txt")
    return time.perf_counter() - start


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_new_layout_readers_are_linear(case: str) -> None:
    """Ten times the text takes about ten times as long (a quadratic reader would take a hundred)."""
    make = HOSTILE[case]
    small = min(_seconds(make(10_000)) for _ in range(3))
    large = min(_seconds(make(100_000)) for _ in range(3))
    assert large <= 3 * 10 * max(small, 1e-3), (small, large)


def test_a_table_inside_a_section_does_not_split_it() -> None:
    text = (LAYOUTS / "v4_older_jobaps.txt").read_text(encoding="utf-8")
    table = "Assignment              Minimum     Maximum\nStructures Painter      $26.85      $30.10"
    text = text.replace("Works under", table + "\n\nThe rates above apply statewide.\n\nWorks under", 1)
    spec = import_text(text, source="table.txt").spec
    assert spec["purpose"][-1] == "The rates above apply statewide."
    assert spec["inferred_sections"].count("purpose") == 1
    assert len(spec["other_sections"]) == 2  # each table in its place


def test_an_impossible_eff_date_is_one_clear_error() -> None:
    text = (LAYOUTS / "v5_das_page.txt").read_text(encoding="utf-8").replace("Mar 15, 1998", "Feb 30, 1998")
    with pytest.raises(ImportFailure) as failure:
        import_text(text, source="bad.txt")
    assert str(failure.value).startswith("bad.txt:4: Eff.Date 'Feb 30, 1998' in the header row is not a real date")


def test_a_cc_block_naming_another_code_is_reported() -> None:
    text = (LAYOUTS / "v5_das_page.txt").read_text(encoding="utf-8").replace("5391    838", "5931    838")
    result = import_text(text, source="cc.txt")
    assert result.spec["class_code"] == "5391"
    assert "cc.txt:32: the CC block names class code '5931', the header row '5391'; using '5391'" in result.warnings


def test_confirming_inferred_sections_is_not_a_revision() -> None:
    """Deleting inferred_sections (the analyst confirmed them) is a record-level change: no new record;
    dropping a second class code is substantive."""
    from specdiff.control.reasons import needs_record
    from specdiff.diff.engine import diff_specs
    from specdiff.policy import Policy

    spec = golden("v3_headings_stripped.txt")
    confirmed = {key: value for key, value in spec.items() if key != "inferred_sections"}
    [change] = diff_specs(spec, confirmed)
    assert (change.path, change.level, change.section) == ("/inferred_sections", "record", "INFERRED SECTIONS")
    assert not needs_record([change], Policy())
    two = golden("v5_das_two_codes.txt")
    [dropped] = diff_specs(two, {key: value for key, value in two.items() if key != "also_coded"})
    assert dropped.level == "substantive" and needs_record([dropped], Policy())

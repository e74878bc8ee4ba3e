"""Other states' layouts (issue 15): a document with recognisable structure is never refused.

Each `tests/data/layouts/st_*.txt` is an invented class written in the shape of a real page of another
state (Virginia, Missouri, Washington, Kansas, Iowa, and the series pages of California, Delaware and New
York); its golden `.expected.json` was reviewed by eye. Besides the golden comparison, each layout's key facts
are asserted one by one, and every word of each fixture must be kept.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from specdiff.errors import ImportFailure
from specdiff.importer import ImportResult, import_text
from specdiff.importer.coverage import word_coverage
from specdiff.importer.spec_builder import UNKNOWN_TITLE
from specdiff.render import render
from specdiff.validator import validate_spec

LAYOUTS = Path(__file__).parent / "data" / "layouts"
FIXTURES = sorted(p.stem for p in LAYOUTS.glob("st_*.txt"))


def load(name: str, **options: Any) -> ImportResult:
    """Import a fixture under its own file name (the name may carry the class code)."""
    text = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    result = import_text(text, source=f"{name}.txt", **options)
    assert validate_spec(result.spec) == []
    return result


def others(spec: dict[str, Any]) -> list[str | None]:
    return [entry.get("heading") for entry in spec.get("other_sections", [])]


def test_there_is_a_fixture_for_each_state_layout() -> None:
    assert len(FIXTURES) == 8


@pytest.mark.parametrize("name", FIXTURES)
def test_each_state_layout_imports_to_its_reviewed_golden(name: str) -> None:
    expected = json.loads((LAYOUTS / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert load(name).spec == expected


@pytest.mark.parametrize("name", FIXTURES)
def test_no_word_of_a_state_layout_is_lost(name: str) -> None:
    spec = load(name).spec
    text = (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")
    coverage = word_coverage(text, spec, rendered=[render(spec, "text")])
    assert coverage.missing == () and coverage.ratio == 1.0


def test_virginia_title_line_gives_title_and_code_and_class_concept_is_the_purpose() -> None:
    result = load("st_va_title_code")
    spec = result.spec
    assert (spec["class_code"], spec["title"]) == ("71408", "BRIDGE SAFETY INSPECTOR")
    assert spec["purpose"][0].startswith("This is the senior inspector class")
    assert others(spec) == [None, "DISTINGUISHING FEATURES OF THE WORK"]
    assert spec["other_sections"][0]["content"]["items"] == ["BRIDGE SAFETY INSPECTOR 71408 C"]  # the mark kept
    assert not any("file name" in w for w in result.warnings)


def test_missouri_code_from_a_lower_case_file_name_and_title_from_the_first_line() -> None:
    result = load("st_mo_summary_07fo20")
    spec = result.spec
    assert (spec["class_code"], spec["title"]) == ("07fo20", "Ferry Operations Coordinator (Level 2)")
    assert len(spec["purpose"]) == 2 and spec["ksa"]["items"][0].startswith("In addition to those")
    assert spec["salary"] == {"group": "G11"}
    assert others(spec) == [None, "Typical qualifications"]  # the title line is also kept as written
    assert any("taken from the file name" in w for w in result.warnings)


def test_missouri_empty_pay_grade_is_left_empty_with_a_warning() -> None:
    text = (LAYOUTS / "st_mo_summary_07fo20.txt").read_text(encoding="utf-8").replace("G11\n", "")
    result = import_text(text, source="st_mo_summary_07fo30.txt")
    assert result.spec["class_code"] == "07fo30" and "salary" not in result.spec
    assert any("'Pay grade' has no text" in w for w in result.warnings)


def test_washington_headings_of_the_same_meaning_fill_fields_the_rest_kept_in_order() -> None:
    spec = load("st_wa_class-4417_history").spec
    assert spec["class_code"] == "4417" and spec["title"] == UNKNOWN_TITLE
    assert spec["purpose"] == ["Coordinates the upkeep of state park trails and the volunteers who maintain them."]
    assert spec["duties"]["items"][0].startswith("Schedules trail crews") and spec["ksa"]["items"]
    assert others(spec) == ["Distinguishing Characteristics", "Legal Requirement(s)", "Desirable Qualifications",
                            "Class Specification History"]


def test_kansas_inline_pay_grade_is_the_salary_group_and_the_prose_after_it_is_not_a_salary_note() -> None:
    result = load("st_ks_2290k3_factors")
    spec = result.spec
    assert spec["class_code"] == "2290k3" and spec["salary"] == {"group": "19"}
    assert others(spec) == [None, "Standard Classification Factors"]
    assert spec["other_sections"][0]["content"]["items"][0].startswith("This is skilled records work")
    assert any("text after Pay Grade: '19' has no field" in w for w in result.warnings)


def test_iowa_page_without_headings_imports_by_its_class_code_line() -> None:
    spec = load("st_ia_class_code").spec
    assert spec["class_code"] == "04321" and spec["title"] == UNKNOWN_TITLE
    items = spec["other_sections"][0]["content"]["items"]
    assert len(items) == 5 and items[0].startswith("Under limited supervision") and items[-1].startswith("Prepares")


def test_a_series_page_is_the_spec_of_the_class_its_file_name_names_with_a_warning() -> None:
    result = load("st_ca_series_5512")
    assert (result.spec["class_code"], result.spec["title"]) == ("5512", "Harbor Patrol Officer II")
    warning = next(w for w in result.warnings if "describes" in w)
    assert "3 classes (Harbor Patrol Officer I (5511), Harbor Patrol Officer II (5512), Harbor Patrol Supervisor " \
           "(5513))" in warning and "imported as the spec of Harbor Patrol Officer II (5512)" in warning
    rows = result.spec["other_sections"][0]["content"]["items"]
    assert "HP10 5511 Harbor Patrol Officer I" in rows and "HP30 5513 Harbor Patrol Supervisor" in rows


def test_a_series_class_can_be_chosen_with_class_code() -> None:
    spec = load("st_ca_series_5512", class_code="5513").spec
    assert (spec["class_code"], spec["title"]) == ("5513", "Harbor Patrol Supervisor")


@pytest.mark.parametrize(("name", "code", "title", "count"), [
    ("st_de_series", "PKRG01", "Parks Ranger I", 3),
    ("st_ny_series", "2210410", "FOREST RESOURCE PLANNER 1", 2),
])
def test_a_series_page_without_a_code_in_its_name_is_the_spec_of_its_first_class(name: str, code: str, title: str,
                                                                                  count: int) -> None:
    result = load(name)
    assert (result.spec["class_code"], result.spec["title"]) == (code, title)
    assert any(f"the page describes {count} classes" in w for w in result.warnings)


def test_delaware_series_named_in_the_file_name_picks_that_class() -> None:
    text = (LAYOUTS / "st_de_series.txt").read_text(encoding="utf-8")
    spec = import_text(text, source="de_series_PKRG03_multi-class.txt").spec
    assert (spec["class_code"], spec["title"]) == ("PKRG03", "Parks Ranger Supervisor")


@pytest.mark.parametrize("text", [
    "Some notes about a job.\nNothing else here.\n",
    "Recruitment #200101-1234AB-001\nIntroduction\nWe are hiring.\n",  # a posting cut off before its spec
])
def test_text_without_recognisable_structure_is_still_refused(text: str) -> None:
    with pytest.raises(ImportFailure, match="no section headings found"):
        import_text(text, source="notes.txt")

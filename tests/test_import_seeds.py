"""Each real seed imports into a spec the schema accepts, with the facts the document states."""
from __future__ import annotations

import pytest

from conftest import SEED_FILES, import_seed
from specdiff.validator import validate_spec


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_seed_imports_into_a_valid_spec(seed: str) -> None:
    result = import_seed(seed)
    assert validate_spec(result.spec) == []
    assert result.spec["class_code"] == seed.split("_")[1]


def test_headed_layout_letterhead_and_pay_ranges() -> None:
    spec = import_seed("001_5258MP_headed.txt").spec
    assert spec["jurisdiction"] == "State of Connecticut Executive Branch"
    assert spec["title"] == "Agency Labor Relations Manager"
    assert spec["salary"] == {
        "group": "MP 65",
        "hourly": {"min": 47.97, "max": 65.40},
        "biweekly": {"min": 3837.13, "max": 5231.58},
        "yearly": {"min": 100149.00, "max": 136544.00},
    }


def test_headed_layout_sections_are_item_lists() -> None:
    spec = import_seed("001_5258MP_headed.txt").spec
    assert len(spec["purpose"]) == 2
    assert len(spec["duties"]["items"]) == 21
    assert spec["duties"]["items"][-1] == "Performs related duties as required."
    knowledge = spec["ksa"]["items"][0]
    assert knowledge["text"] == "Considerable knowledge of"
    assert knowledge["items"][2] == "labor relations, collective bargaining and human resources management;"
    assert [type(i).__name__ for i in spec["ksa"]["items"]] == ["dict", "str", "dict", "dict", "dict"]
    assert len(spec["minimum_qualifications"]["substitutions_allowed"]["items"]) == 3
    assert spec["minimum_qualifications"]["notes"][0].startswith("NOTE: For state employees")
    assert spec["special_requirements"]["items"][0] == "Incumbents in this class may be required to travel."


def test_code_name_pairs() -> None:
    spec = import_seed("001_5258MP_headed.txt").spec
    assert spec["occupational_group"] == {"code": "27", "name": "Personnel"}
    assert spec["bargaining_unit"] == {"code": "02", "name": "MANAGERIAL"}
    assert spec["eeo"] == {"code": "1", "name": "Officials and Administrators"}
    assert spec["designation"] == "Classified/Competitive"


def test_records_current_and_the_one_replaced() -> None:
    spec = import_seed("001_5258MP_headed.txt").spec
    earlier, current = spec["records"]
    assert earlier == {"effective": "2019-10-25", "title": "Agency Labor Relations Manager",
                       "salary_group": "MP 65", "inferred": True}
    assert current["effective"] == "2022-04-22"
    assert current["revised"] == "2022-04-21"
    assert current["final_no"] == "22-007"
    assert current["reasons"] == ["add Acknowledgement section", "modify content"]
    assert current["cancellation_clause"].endswith("(Revised to add Acknowledgement section and modify content) "
                                                   "Final No. 22-007")
    assert spec["established"] == "2019-10-25"


def test_bare_layout_three_line_trailer_and_final_without_no() -> None:
    result = import_seed("000_5681MP_bare.txt")
    spec = result.spec
    assert "jurisdiction" not in spec  # the bare layout has no letterhead
    assert spec["title"] == "Labor Relations Assistant Chief"
    assert any("title" in w and "cancellation clause" in w for w in result.warnings)
    assert spec["established"] == "1988-09-23"
    assert spec["records"][-1]["revised"] == "2023-01-06"
    assert spec["records"][-1]["effective"] == "2023-01-03"
    assert spec["records"][-1]["final_no"] == "23-001"
    assert spec["salary"] == {"group": "MP 73"}


def test_bare_layout_flat_dash_bullets_nest_by_lead_in() -> None:
    items = import_seed("000_5681MP_bare.txt").spec["ksa"]["items"]
    assert items[0]["text"] == "Considerable knowledge of"
    assert len(items[0]["items"]) == 7
    assert items[1] == "Knowledge of human resources administration;"
    assert items[2] == {"text": "Considerable", "items": [
        "interpersonal skills;", "oral and written communication skills;", "negotiating skill;"]}
    assert items[3] == "Considerable ability to interpret and apply statutes, contracts and regulations;"


def test_posting_class_code_from_recruitment_number_and_grouped_duties() -> None:
    result = import_seed("003_5257MP_posting.txt")
    spec = result.spec
    assert spec["class_code"] == "5257MP"
    assert spec["title"] == "Agency Labor Relations Specialist"
    groups = spec["duties"]["groups"]
    assert [g["heading"] for g in groups] == ["AGENCY:", "OFFICE OF LABOR RELATIONS:"]
    assert [len(g["items"]) for g in groups] == [12, 14]
    assert "records" not in spec
    assert spec["acknowledgement"][0].startswith("As defined by Sec. 5-196")


def test_posting_reports_what_it_left_out() -> None:
    left_out = import_seed("003_5257MP_posting.txt").left_out
    assert [part.heading for part in left_out] == [
        "(posting header)", "Introduction", "ABOUT US", "YOUR\u00a0ROLE", "Selection Plan", "Conclusion",
        "AN AFFIRMATIVE ACTION/EQUAL OPPORTUNITY EMPLOYER"]
    selection = left_out[4]
    assert (selection.first_line, selection.last_line) == (22, 38)


def test_posting_run_in_duties_numbered_requirements_and_preferred() -> None:
    spec = import_seed("004_5989VR_posting.txt").spec
    duties = spec["duties"]
    assert duties["style"] == "run-in"
    assert len(duties["items"]) == 16
    assert duties["items"][1] == "performs/learns the duties of the designated function;"
    assert spec["ksa"]["style"] == "run-in"
    assert spec["ksa"]["items"][-1] == "managerial aptitude."
    assert spec["special_requirements"]["style"] == "numbered"
    assert len(spec["special_requirements"]["items"]) == 5
    assert not spec["special_requirements"]["items"][0].startswith("1.")
    assert spec["preferred_qualifications"]["groups"] == [
        {"heading": "Preferred Education:", "items": ["A law degree or a Master\u2019s Degree in labor relations."]}]
    assert spec["minimum_qualifications"]["statement"][0].startswith("Candidates must be able to meet")
    assert [p.heading for p in import_seed("004_5989VR_posting.txt").left_out] == [
        "(posting header)", "Introduction", "Conclusion", "AN AFFIRMATIVE ACTION/EQUAL OPPORTUNITY EMPLOYER"]


def test_non_breaking_spaces_and_curly_quotes_are_kept() -> None:
    spec = import_seed("001_5258MP_headed.txt").spec
    assert "agency\u2019s labor relations program" in spec["purpose"][0]
    assert "statutes, \u00a0regulations" in spec["ksa"]["items"][0]["items"][1]

"""Real-world layouts (issue 15): JobAps headed (V1) with sub-headings, JobAps dashed (V2), other states.

Each fixture in tests/data/layouts/ is an invented class written in the layout of real public documents;
its golden `<name>.expected.json` was reviewed by eye. Besides the golden comparison, each layout's key
facts are asserted one by one, so a golden regenerated carelessly cannot hide a regression.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from specdiff import rules
from specdiff.errors import ImportFailure
from specdiff.importer import ImportResult, import_text
from specdiff.problems import WARNING
from specdiff.render import render
from specdiff.store import dump_spec
from specdiff.validator import validate_spec

LAYOUTS = Path(__file__).parent / "data" / "layouts"
# The other engineer's fixtures (v3_ to v6_) have their own tests.
FIXTURES = sorted(p.stem for p in LAYOUTS.glob("*.txt") if not p.name.startswith(("v3_", "v4_", "v5_", "v6_")))


def text_of(name: str) -> str:
    return (LAYOUTS / f"{name}.txt").read_text(encoding="utf-8")


def load(name: str, text: str | None = None, **options: Any) -> ImportResult:
    """Import a fixture (or a text derived from it); the spec must match the schema."""
    result = import_text(text_of(name) if text is None else text, source=f"{name}.txt", **options)
    assert validate_spec(result.spec) == []
    return result


def replaced(text: str, old: str, new: str) -> str:
    assert old in text, f"{old!r} not in the fixture"
    return text.replace(old, new)


def warned(result: ImportResult, words: str) -> bool:
    return any(words in warning for warning in result.warnings)


@pytest.mark.parametrize("name", FIXTURES)
def test_each_layout_imports_to_its_reviewed_golden(name: str) -> None:
    expected: dict[str, Any] = json.loads((LAYOUTS / f"{name}.expected.json").read_text(encoding="utf-8"))
    assert load(name).spec == expected


@pytest.mark.parametrize("name", FIXTURES)
def test_each_layout_passes_the_analyst_rules(name: str) -> None:
    spec = load(name).spec
    path = f"{spec['class_code']}.json"
    problems = [problem for rule in rules.PER_SPEC for problem in rule(path, spec)
                if problem.severity != WARNING]
    assert problems == []


# V1 JobAps headed -----------------------------------------------------------------------------


def test_agency_sub_headings_become_groups_of_duties() -> None:
    duties = load("v1_agency_subheads").spec["duties"]
    assert [group["heading"] for group in duties["groups"]] == ["DEPARTMENT OF HARBOR AFFAIRS",
                                                                 "OFFICE OF COASTAL PLANNING"]
    assert duties["groups"][0]["items"] == ["Assigns moorings and docks to permit holders;",
                                            "Inspects pump-out stations and orders repairs;"]
    assert duties["groups"][1]["items"][-1] == "Performs related duties as required."


def test_level_sub_headings_with_and_without_colon_are_kept_in_order() -> None:
    spec = load("v1_level_subheads").spec
    assert [group["heading"] for group in spec["duties"]["groups"]] == ["LEAD LEVEL", "ADVANCED WORKING LEVEL",
                                                                        "GENERAL"]
    assert spec["guidelines"] == [
        "WORKING LEAD LEVEL:",
        "\u2022 Incumbents lead a unit of at least two other professional employees.",
        "\u2022 Final sign-off authority rests with the supervisor to whom the lead reports.",
        "ADVANCED WORKING LEVEL:",
        "\u2022 Incumbents manage whole projects with limited review.",
        "\u2022 The work requires contact with farm owners, boards and consultants.",
    ]
    assert "other_sections" not in spec  # no sub-heading was taken for a section of its own


def test_bullets_and_notes_in_prose_sections_keep_their_place_and_words() -> None:
    spec = load("v1_agency_subheads").spec
    assert spec["purpose"][1:] == ["\u2022 Mooring and dock assignments", "\u2022 Vessel pump-out stations",
                                   "\u2022 Seasonal launch permits"]
    assert spec["guidelines"][-1] == "NOTES: Positions in this class may be assigned to a seasonal schedule."


def test_posting_boilerplate_before_the_first_heading_is_kept_with_a_warning() -> None:
    result = load("v1_agency_subheads")
    first = result.spec["other_sections"][0]
    assert "heading" not in first and first["after"] is None
    assert first["content"]["items"][0].startswith("We are currently accepting applications")
    assert warned(result, "v1_agency_subheads.txt:8: text before the first section")


def test_a_real_heading_after_sub_headed_duties_still_starts_a_section() -> None:
    text = replaced(text_of("v1_level_subheads"), "KNOWLEDGE, SKILL AND ABILITY",
                    "PHYSICAL REQUIREMENTS\n\nAble to walk fields.\n\nKNOWLEDGE, SKILL AND ABILITY")
    spec = load("v1_level_subheads", text).spec
    assert [group["heading"] for group in spec["duties"]["groups"]][-1] == "GENERAL"
    assert spec["other_sections"] == [{"heading": "PHYSICAL REQUIREMENTS", "after": "duties",
                                       "content": {"style": "paragraphs", "items": ["Able to walk fields."]}}]


@pytest.mark.parametrize("name", ["v1_agency_subheads", "v1_level_subheads", "md_nature_of_work"])
def test_groups_and_kept_sections_survive_render_and_reimport(name: str) -> None:
    spec = load(name).spec
    assert load(name, render(spec, "text")).spec == spec


# V2 JobAps dashed -----------------------------------------------------------------------------


def test_dashed_layout_joins_hard_wraps_and_reads_the_three_line_trailer() -> None:
    spec = load("v2_dashed_complete").spec
    assert spec["class_code"] == "6120TW" and spec["established"] == "1999-06-01"
    assert spec["duties"]["items"][1] == "Reviews rate schedules filed by operators and reports overcharges;"
    assert spec["minimum_qualifications"]["general_experience"] == [
        "Three (3) years of experience in vehicle inspection, towing or automotive repair."]
    assert spec["records"][-1]["cancellation_clause"].endswith("(Revised to modify content) Final No. 24-031")


def test_sections_without_a_field_stay_in_order_under_other_sections() -> None:
    others = load("v2_dashed_complete").spec["other_sections"]
    assert [o["heading"] for o in others] == ["APPOINTMENT", "COMPENSATION GUIDELINES", "PHYSICAL REQUIREMENTS"]
    assert others[2]["content"] == {"style": "bullet", "items": [
        "Able to climb onto truck beds and crouch under vehicles.", "Able to lift forty pounds."]}


def test_an_empty_salary_information_is_left_empty_with_a_warning() -> None:
    result = load("v2_dashed_complete")
    assert "salary" not in result.spec
    assert warned(result, "section 'SALARY INFORMATION' has no text")


def test_an_empty_effective_date_takes_the_rev_date_flagged_unknown() -> None:
    result = load("v2_dashed_complete")
    current = result.spec["records"][-1]
    assert current["effective"] == current["revised"] == "2024-07-15"
    assert current["effective_unknown"] is True
    assert result.spec["records"][0] == {"effective": "2011-03-04", "title": "Tow Operations Inspector",
                                         "salary_group": "AR 18", "inferred": True}
    assert warned(result, "v2_dashed_complete.txt:46: EFFECTIVE DATE is empty: the record takes the REV date")
    assert not warned(result, "section 'EFFECTIVE DATE' has no text")  # one warning, not two


def test_a_written_effective_date_is_not_flagged() -> None:
    text = replaced(text_of("v2_dashed_complete"), "EFFECTIVE DATE\n", "EFFECTIVE DATE\n07/19/2024\n")
    current = load("v2_dashed_complete", text).spec["records"][-1]
    assert current["effective"] == "2024-07-19" and "effective_unknown" not in current


def test_an_empty_effective_date_without_rev_keeps_the_clause_and_makes_no_record() -> None:
    text = replaced(text_of("v2_dashed_complete"), "REV: 7/15/2024;\n", "")
    result = load("v2_dashed_complete", text)
    assert [record.get("inferred") for record in result.spec["records"]] == [True]
    kept = result.spec["other_sections"][-1]
    assert kept["heading"] == "CANCELLATION CLAUSE"
    assert kept["content"]["items"][0].startswith("This replaces the existing specification")
    assert warned(result, "EFFECTIVE DATE is empty and there is no REV date")


def test_a_missing_effective_date_heading_is_still_refused() -> None:
    text = replaced(text_of("v2_dashed_complete"), "EFFECTIVE DATE\n", "")
    with pytest.raises(ImportFailure, match="no EFFECTIVE DATE; add an EFFECTIVE DATE section"):
        import_text(text, source="v2.txt")


def test_a_record_flagged_effective_unknown_is_a_valid_spec_for_validate(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = load("v2_dashed_complete").spec
    path = tmp_path / f"{spec['class_code']}.json"
    path.write_text(dump_spec(spec), encoding="utf-8")
    run = cli("validate", str(path))
    assert run.code == 0, run.out + run.err


# Other states ---------------------------------------------------------------------------------


def test_maryland_headings_map_to_fields_by_schema_aliases() -> None:
    spec = load("md_nature_of_work").spec
    assert (spec["class_code"], spec["title"]) == ("004821", "LIGHTHOUSE PRESERVATION OFFICER")
    assert spec["salary"] == {"group": "14", "yearly": {"min": 58200.0, "max": 91400.0}}
    assert spec["purpose"][0].startswith("A Lighthouse Preservation Officer maintains")
    assert spec["duties"]["items"][0] == "Inspects masonry, lantern rooms and fog signals and schedules repairs;"
    assert [o["heading"] for o in spec["other_sections"]] == ["LICENSES, REGISTRATIONS AND CERTIFICATIONS",
                                                              "Class Specification History"]


def test_pennsylvania_code_table_dated_code_line_and_colon_headings() -> None:
    result = load("pa_definition")
    spec = result.spec
    assert (spec["class_code"], spec["title"], spec["established"]) == ("41207", "BRIDGE TOLL SUPERVISOR",
                                                                       "1988-03-15")
    assert spec["purpose"][0] == "This is supervisory work directing the collection of tolls at a river bridge."
    assert spec["ksa"]["items"] == ["Knowledge of cash handling procedures.", "Ability to supervise others."]
    assert spec["minimum_qualifications"]["statement"] == ["Two years of experience as a toll collector."]
    assert spec["other_sections"][-1]["heading"] == "Legal Requirement(s):"


@pytest.mark.parametrize(("line", "code"), [
    ("Job Code: 77120", "77120"),
    ("JOB CODE 630200", "630200"),
    ("Class Code:  06507", "06507"),
])
def test_other_states_code_lines_give_the_class_code(line: str, code: str) -> None:
    text = f"{line}\nTOLL BOOTH ATTENDANT\nDEFINITION:\nCollects tolls.\n"
    spec = load("inline", text).spec
    assert (spec["class_code"], spec["title"]) == (code, "TOLL BOOTH ATTENDANT")


def test_a_title_line_just_above_a_code_line_is_the_title() -> None:
    text = "Job Specification Details\n\nBridge Toll Supervisor\n\nJob Code 630201\nDefinition\nLeads toll staff.\n"
    spec = load("inline", text).spec
    assert (spec["class_code"], spec["title"]) == ("630201", "Bridge Toll Supervisor")
    assert spec["purpose"] == ["Leads toll staff."]


def test_a_class_line_gives_the_code_of_a_document_without_letterhead() -> None:
    spec = load("inline", "NATURE OF WORK\nCollects tolls.\nCLASS: 004410;\n", title="Toll Collector").spec
    assert (spec["class_code"], spec["purpose"]) == ("004410", ["Collects tolls."])


# Pay of 37.5-hour, 35-hour and per-diem classes -----------------------------------------------


def test_a_37_5_hour_header_imports_and_passes_the_pay_rule() -> None:
    spec = load("v1_level_subheads").spec
    assert spec["title"] == "Soil Conservation Analyst 3 (37.5 Hour)"
    assert spec["salary"]["hourly"] == {"min": 41.92, "max": 60.34}
    assert list(rules.pay_ranges("7455SE.json", spec)) == []


def _salary(hourly: float, biweekly: float, yearly: float) -> dict[str, Any]:
    return {"hourly": {"min": hourly, "max": hourly}, "biweekly": {"min": biweekly, "max": biweekly},
            "yearly": {"min": yearly, "max": yearly}}


@pytest.mark.parametrize(("title", "salary"), [
    ("Clerk (35 Hour)", _salary(30.00, 2100.00, 54810.00)),
    ("Analyst (37.5 Hour)", _salary(41.93, 3144.60, 82074.00)),  # hourly rounded from biweekly / 75
    ("Analyst (40 Hour)", _salary(30.00, 2400.00, 62641.00)),  # yearly off by 1.00: the State's rounding
    ("Per Diem Interpreter", _salary(30.00, 2100.00, 54810.00)),
    ("Per Diem Interpreter", _salary(30.00, 2250.00, 58725.00)),
])
def test_the_pay_rule_accepts_real_state_figures(title: str, salary: dict[str, Any]) -> None:
    assert list(rules.pay_ranges("X.json", {"class_code": "X", "title": title, "salary": salary})) == []


@pytest.mark.parametrize(("title", "salary", "message"), [
    ("Analyst", _salary(30.00, 2250.00, 58725.00), "biweekly min 2,250.00 does not match hourly min 30.00 x 80"),
    ("Analyst (37.5 Hour)", _salary(30.00, 2400.00, 62640.00), "hourly min 30.00 x 75 = 2,250.00"),
    ("Analyst", _salary(30.00, 2400.00, 62642.00), "yearly min 62,642.00 does not match biweekly min"),
])
def test_the_pay_rule_still_catches_wrong_figures(title: str, salary: dict[str, Any], message: str) -> None:
    problems = list(rules.pay_ranges("X.json", {"class_code": "X", "title": title, "salary": salary}))
    assert any(message in problem.message for problem in problems), problems


def test_an_unknown_effective_date_renders_empty_and_reads_back_the_same() -> None:
    """The stand-in date is not printed as if it were real: the EFFECTIVE DATE prints empty, as the document
    had it, so the rendered text imports again to the same spec (flag included)."""
    from specdiff.importer import import_text
    from specdiff.render import render

    text = (Path(__file__).parent / "data" / "layouts" / "v2_dashed_complete.txt").read_text(encoding="utf-8")
    spec = import_text(text, source="v2_dashed_complete.txt").spec
    assert spec["records"][-1]["effective_unknown"] is True
    page = render(spec, "text")
    assert "EFFECTIVE DATE\n\nCLASS:" in page and "07/15/2024" not in page.split("EFFECTIVE DATE")[-1]
    assert import_text(page, source="rendered.txt").spec == spec

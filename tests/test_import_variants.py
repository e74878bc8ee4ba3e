"""Layout variants of real documents: each fixture in tests/data/variants/ stresses one feature.

The fixtures are short documents built from the seeds' own vocabulary. Every test checks
concrete facts of the imported spec (field values, item counts, exact item texts), and every
imported spec must match the schema.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest

from specdiff.errors import ImportFailure, SpecdiffError
from specdiff.importer import ImportResult, import_text
from specdiff.validator import validate_spec

DATA = Path(__file__).parent / "data"
VARIANTS = DATA / "variants"
FIXTURES = sorted(p.name for p in VARIANTS.glob("*.txt"))
CLASS_CODE_NEEDED = {"10_no_class_code.txt": "1234AB"}

NBSP = "\u00a0"


def variant_text(name: str) -> str:
    return (VARIANTS / name).read_text(encoding="utf-8")


def load(name: str, text: str | None = None, **options: Any) -> ImportResult:
    """Import a fixture (or a text derived from it); the spec must match the schema."""
    result = import_text(variant_text(name) if text is None else text, source=name, **options)
    assert validate_spec(result.spec) == []
    return result


def replaced(text: str, old: str, new: str) -> str:
    """`text` with `old` replaced; fails loudly if `old` is not there (no silent no-op variants)."""
    assert old in text, f"{old!r} not in the fixture"
    return text.replace(old, new)


def clause_line(text: str) -> str:
    """The line under CANCELLATION CLAUSE, as printed."""
    lines = text.splitlines()
    return lines[[line.strip() for line in lines].index("CANCELLATION CLAUSE") + 2].strip()


@pytest.mark.parametrize("name", FIXTURES)
def test_every_variant_imports_into_a_valid_spec(name: str) -> None:
    result = load(name, class_code=CLASS_CODE_NEEDED.get(name))
    assert result.spec["class_code"]
    assert result.spec["title"]


# 1. Hard-wrapped lines -----------------------------------------------------------------------


def test_wrapped_paragraphs_are_joined_with_single_spaces() -> None:
    spec = load("01_wrapped_lines.txt").spec
    assert spec["purpose"] == [
        "In the Office of Policy and Management, Office of Labor Relations this class is deployed at an "
        "agency and is accountable for providing leadership over the staff and operations of an agency's "
        "labor relations program.",
        "In a state agency this class is accountable for providing leadership over the staff and operations "
        "of an agency's labor relations program that involves collective bargaining agreements not under the "
        "jurisdiction of the Office of Labor Relations.",
    ]


def test_wrapped_bullet_items_are_joined_and_counted_once() -> None:
    spec = load("01_wrapped_lines.txt").spec
    assert spec["duties"] == {"style": "bullet", "items": [
        "Partners with and is accountable for successful relationships with agency leadership to ensure "
        "alignment of labor relations support with organizational goals and strategies;",
        "Proactively analyzes data and plans for emerging agency labor relations needs;",
        "Advises executives, administrators, managers and supervisors on collective bargaining agreements "
        "and other employee relations issues;",
        "Coordinates and participates in Agency Labor Management meetings;",
        "Analyzes, interprets and prepares data in a variety of ways to support labor relations activity in "
        "negotiations and arbitrations; prepares narrative and statistical reports;",
        "Performs related duties as required.",
    ]}
    assert spec["ksa"]["items"] == [
        {"text": "Considerable knowledge of", "items": [
            "and ability to apply management principles and practices within a matrixed organization;",
            "labor relations, collective bargaining and human resources management;",
        ]},
        "Knowledge of employee classification and compensation;",
    ]
    assert spec["minimum_qualifications"]["substitutions_allowed"]["items"] == [
        "College training may be substituted for the General Experience on the basis of fifteen (15) semester "
        "hours equaling one half (1/2) year of experience to a maximum of four (4) years for a Bachelor's degree.",
        "A law degree may be substituted for two (2) additional years of the General Experience.",
    ]


def test_wrapped_cancellation_clause_is_read_as_one_line() -> None:
    spec = load("01_wrapped_lines.txt").spec
    earlier, current = spec["records"]
    assert current["cancellation_clause"] == (
        "This replaces the existing specification for the class of Agency Labor Relations Manager in Salary "
        "Group MP 65 approved effective October 25, 2019. (Revised to add Acknowledgement section and modify "
        "content) Final No. 22-007")
    assert current["final_no"] == "22-007"
    assert earlier == {"effective": "2019-10-25", "title": "Agency Labor Relations Manager",
                       "salary_group": "MP 65", "inferred": True}


def test_wrap_right_after_an_abbreviation_is_joined() -> None:
    # Item 2 is wrapped (continuation lines not indented) right after "C.G.S.": the next line
    # "5-234." ends the item; it is neither a new item nor a sub-heading.
    spec = load("02_run_in_duties.txt").spec
    assert spec["special_requirements"] == {"style": "numbered", "items": [
        "The work schedule for this classification is full-time. Incumbents must work a full-time forty (40) "
        "hours per week schedule.",
        "Incumbents in this class will be eligible for reclassification to the designated class without "
        "competitive examination upon successful completion of the development program and satisfactory "
        "service in accordance with C.G.S. 5-234.",
        "No additional working test period shall be required upon successful completion of the development "
        "program.",
    ]}


# 2. Duties as one '; '-separated paragraph ---------------------------------------------------


def test_run_in_duties_are_split_at_semicolons() -> None:
    spec = load("02_run_in_duties.txt").spec
    assert spec["duties"] == {"style": "run-in", "items": [
        "Participates in a formal development program designed to develop the knowledge and skills needed in "
        "order to qualify for appointment and advancement to a designated managerial or professional/ "
        "confidential class;",
        "performs/learns the duties of the designated function;",
        "acts as a negotiator;",
        "coordinates labor relations contract proposals;",
        "conducts research into current labor relations issues;",
        "facilitates dispute resolution through mediation;",
        "may serve as a witness;",
        "performs related duties as required.",
    ]}


def test_run_in_ksa_wrapped_over_two_lines_is_one_list() -> None:
    ksa = load("02_run_in_duties.txt").spec["ksa"]
    assert ksa["style"] == "run-in"
    assert len(ksa["items"]) == 7
    assert all(item.endswith(";") for item in ksa["items"][:-1])
    assert ksa["items"][3] == "considerable ability to analyze and solve problems;"
    assert ksa["items"][4] == "considerable ability to effect and manage change;"
    assert ksa["items"][-1] == "managerial aptitude."


# 3. CLASS/EST/REV trailer on one line or three -----------------------------------------------


@pytest.mark.parametrize("path", [
    VARIANTS / "03a_trailer_one_line.txt",
    VARIANTS / "03b_trailer_three_lines.txt",
    DATA / "seeds" / "000_5681MP_bare.txt",
], ids=lambda path: path.name)
def test_trailer_dates_on_one_line_or_three(path: Path) -> None:
    result = import_text(path.read_text(encoding="utf-8"), source=path.name)
    assert validate_spec(result.spec) == []
    assert result.spec["class_code"] == "5681MP"
    assert result.spec["established"] == "1988-09-23"
    assert result.spec["records"][-1]["revised"] == "2023-01-06"
    assert result.spec["records"][-1]["effective"] == "2023-01-03"


def test_trailer_layout_does_not_change_the_spec() -> None:
    assert load("03a_trailer_one_line.txt").spec == load("03b_trailer_three_lines.txt").spec


# 4. Final No. forms --------------------------------------------------------------------------


@pytest.mark.parametrize(("final", "number"), [
    ("Final No. 22-007", "22-007"),
    ("Final 22-007", "22-007"),
    ("Final# 838", "838"),
])
def test_final_number_forms(final: str, number: str) -> None:
    text = replaced(variant_text("04_final_no.txt"), "Final No. 22-007", final)
    current = load("04_final_no.txt", text).spec["records"][-1]
    assert current["final_no"] == number
    assert current["cancellation_clause"] == clause_line(text)
    assert current["cancellation_clause"].endswith(f"modify content) {final}")


# 5. Salary Group / Salary group in the clause ------------------------------------------------


@pytest.mark.parametrize("words", ["Salary group", "Salary Group"])
def test_salary_group_capitalisation_in_the_clause(words: str) -> None:
    text = replaced(variant_text("05_salary_group_lower.txt"), "Salary group", words)
    records = load("05_salary_group_lower.txt", text).spec["records"]
    assert len(records) == 2
    assert records[0] == {"effective": "2019-10-25", "title": "Agency Labor Relations Manager",
                          "salary_group": "MP 65", "inferred": True}
    assert records[1]["effective"] == "2022-04-22"
    assert records[1]["reasons"] == ["modify content"]


# 6. Title recovered from the cancellation clause ---------------------------------------------


def test_missing_title_is_taken_from_the_cancellation_clause() -> None:
    result = load("06_missing_title.txt")
    assert result.spec["title"] == "Labor Relations Program Assistant"
    assert "jurisdiction" not in result.spec
    assert result.spec["class_code"] == "0029MP"
    title_warnings = [w for w in result.warnings if "'Labor Relations Program Assistant'" in w]
    assert len(title_warnings) == 1
    assert "cancellation clause" in title_warnings[0]
    assert title_warnings[0].startswith("06_missing_title.txt:")


def test_given_title_wins_over_the_cancellation_clause() -> None:
    result = load("06_missing_title.txt", title="Labor Relations Program Assistant (Confidential)")
    assert result.spec["title"] == "Labor Relations Program Assistant (Confidential)"
    assert not [w for w in result.warnings if "title" in w]
    assert result.spec["records"][0]["title"] == "Labor Relations Program Assistant"


# 7. Old DAS pages with colon headings --------------------------------------------------------


def test_old_das_colon_headings_land_in_their_fields() -> None:
    result = load("07_das_colon_headings.txt")
    spec = result.spec
    assert spec["class_code"] == "5257MP"
    assert spec["purpose"] == ["In the Office of Policy and Management, Office of Labor Relations this class is "
                               "accountable for independently performing labor relations activities."]
    assert spec["supervision_received"] == ["Works under the general supervision of an employee of higher grade."]
    assert spec["duties"]["style"] == "run-in"
    assert spec["duties"]["items"][0] == "Conducts a variety of investigations and determines appropriate action;"
    assert len(spec["duties"]["items"]) == 4
    assert spec["ksa"]["style"] == "run-in"
    assert spec["ksa"]["items"][-1] == "ability to effectively conduct investigations."
    assert len(spec["ksa"]["items"]) == 4
    quals = spec["minimum_qualifications"]
    assert quals["general_experience"] == [
        "Eight (8) years of professional experience in labor relations or human resources management."]
    assert quals["special_experience"] == [
        "Two (2) years of the General Experience must have been in the administration of investigations, "
        "progressive discipline or handling of grievances and arbitrations."]
    assert quals["substitutions_allowed"] == {"style": "paragraphs", "items": [
        "College training may be substituted for the General Experience on the basis of fifteen (15) semester "
        "hours equaling one-half (1/2) year of experience to a maximum of four (4) years for a Bachelor's degree."]}
    assert "statement" not in quals  # EXPERIENCE AND TRAINING: has no text of its own
    assert spec["special_requirements"] == {"style": "numbered", "items": [
        "Incumbents in this class may be required to possess and retain a valid Motor Vehicle Operator's license.",
        "Incumbents in this class may be required to travel.",
    ]}
    assert "other_sections" not in spec
    assert spec["established"] == "1996-03-01"
    assert spec["records"][-1]["effective"] == "2004-06-25"
    assert spec["records"][-1]["final_no"] == "838"
    assert spec["title"] == "Labor Relations Specialist"


# 8. Non-breaking spaces and curly quotes -----------------------------------------------------


def test_nbsp_and_curly_quotes_are_kept_as_text() -> None:
    spec = load("08_nbsp_curly_quotes.txt").spec
    assert spec["purpose"][0].endswith("an agency\u2019s labor relations program.")
    assert spec["purpose"][1] == (f"The{NBSP}State of Connecticut\u2019s Office of Labor Relations (OLR) serves as the "
                                  "Governor\u2019s designated representative on collective bargaining matters.")
    duties = spec["duties"]["items"]
    assert duties[0].startswith("Prepares and presents state\u2019s case")
    assert duties[1] == "Explains the \u201cSalary Calculation\u201d section of the job class to candidates;"
    # NBSP at the edges of an item is layout, not text; NBSP after the bullet glyph too.
    assert duties[2] == "Assists administrators in budget tracking, development and implementation;"
    assert duties[3] == "Performs related duties as required."
    assert spec["ksa"]["items"][0]["items"][0] == (
        f"relevant state and federal laws, statutes, {NBSP}regulations, policies and procedures;")
    assert spec["preferred_qualifications"]["items"] == ["A law degree or a Master\u2019s Degree in labor relations."]
    assert f"for administrative purposes.{NBSP} As such" in spec["acknowledgement"][0]
    current = spec["records"][-1]
    assert f"Agency Labor Relations Manager{NBSP} in Salary Group MP 65" in current["cancellation_clause"]
    assert spec["records"][0]["title"] == "Agency Labor Relations Manager"  # NBSP around the name stripped

    as_json = json.dumps(spec, ensure_ascii=False)
    for char in (NBSP, "\u2019", "\u201c", "\u201d"):
        assert char in as_json
    assert json.loads(json.dumps(spec)) == spec  # the \u escapes of ASCII JSON give the same characters


# 9. Unknown sections -------------------------------------------------------------------------

UNKNOWN = {
    "WORKING CONDITIONS": ("duties", "paragraphs", [
        "Incumbents in this class may be required to work beyond the normal work schedule during contract "
        "negotiations."]),
    "NOTES": ("special_experience", "bullet", [
        "Experience gained in a State of Connecticut agency is credited at the level of the class held.",
        "Part-time experience is credited on a pro-rated basis."]),
    "PHYSICAL REQUIREMENTS": ("special_requirements", "paragraphs", [
        "Incumbents in this class must be able to lift and carry records boxes weighing up to twenty (20) "
        "pounds."]),
    "APPOINTMENT": ("special_requirements", "paragraphs", [
        "Appointment to this class is subject to the successful completion of a six (6) month working test "
        "period."]),
}


def test_unknown_sections_are_kept_in_order_after_their_official_section() -> None:
    result = load("09_unknown_sections.txt")
    others = result.spec["other_sections"]
    assert [(o["heading"], o["after"]) for o in others] == [(h, after) for h, (after, _, _) in UNKNOWN.items()]
    for other in others:
        _, style, items = UNKNOWN[other["heading"]]
        assert other["content"] == {"style": style, "items": items}
    # the official sections around them are intact
    assert len(result.spec["duties"]["items"]) == 3
    assert result.spec["minimum_qualifications"]["special_experience"] == [
        "Two (2) years of the General Experience must have been at a paraprofessional level."]
    assert "notes" not in result.spec["minimum_qualifications"]
    assert result.spec["special_requirements"]["items"] == ["Incumbents in this class may be required to travel."]
    assert result.spec["designation"] == "Classified/Competitive"


def test_unknown_sections_warn_once_each_and_lose_no_word() -> None:
    text = variant_text("09_unknown_sections.txt")
    result = load("09_unknown_sections.txt")
    for heading in UNKNOWN:
        assert len([w for w in result.warnings if f"'{heading}'" in w]) == 1
    assert len(result.warnings) == len(UNKNOWN)

    kept = json.dumps(result.spec["other_sections"], ensure_ascii=False)
    lines = text.splitlines()
    for heading in UNKNOWN:
        start = lines.index(heading) + 1
        body = []
        for line in lines[start:]:
            if line.strip() and line.strip().isupper():
                break
            body.append(line)
        for word in re.findall(r"[\w()/-]+", " ".join(body)):
            assert word in kept, f"{word!r} of {heading} was lost"


# 10. No class code ---------------------------------------------------------------------------


def test_no_class_code_fails_naming_the_file_and_the_option() -> None:
    source = "tests/data/variants/10_no_class_code.txt"
    with pytest.raises(ImportFailure) as caught:
        import_text(variant_text("10_no_class_code.txt"), source=source)
    assert isinstance(caught.value, SpecdiffError)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(source)
    assert "--class-code" in message


def test_no_class_code_imports_when_one_is_given() -> None:
    spec = load("10_no_class_code.txt", class_code="1234AB").spec
    assert spec["class_code"] == "1234AB"
    assert spec["title"] == "Labor Relations Specialist"
    assert spec["established"] == "1996-03-01"
    assert spec["records"][-1]["revised"] == "2022-04-21"
    assert len(spec["duties"]["items"]) == 5


# 11. CRLF, tabs and a BOM --------------------------------------------------------------------


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def bom(text: str) -> str:
    return "\ufeff" + text


def tabs(text: str) -> str:
    """Indent with tabs (one per two spaces), a tab after some bullets and inside the trailer."""
    text = re.sub(r"(?m)^((?:  )+)", lambda m: "\t" * (len(m.group(1)) // 2), text)
    text = replaced(text, "\u2022 Acts as a negotiator;", "\u2022\tActs as a negotiator;")
    return replaced(text, "CLASS: 5257MP; EST:", "CLASS:\t5257MP;\tEST:")


def everything(text: str) -> str:
    return bom(crlf(tabs(text)))


@pytest.mark.parametrize("transform", [crlf, bom, tabs, everything], ids=lambda f: f.__name__)
def test_crlf_tabs_and_bom_give_the_same_spec(transform: Callable[[str], str]) -> None:
    text = variant_text("12a_grouped_nested.txt")
    changed = transform(text)
    assert changed != text
    assert load("12a_grouped_nested.txt", changed).spec == load("12a_grouped_nested.txt").spec


@pytest.mark.parametrize("transform", [crlf, bom], ids=lambda f: f.__name__)
def test_crlf_and_bom_keep_hard_wrap_joining(transform: Callable[[str], str]) -> None:
    text = variant_text("01_wrapped_lines.txt")
    assert load("01_wrapped_lines.txt", transform(text)).spec == load("01_wrapped_lines.txt").spec


# 12. Grouped duties and nested KSA -----------------------------------------------------------


@pytest.mark.parametrize("name", ["12a_grouped_nested.txt", "12b_flat_dash_lists.txt"])
def test_duties_grouped_under_sub_headings(name: str) -> None:
    duties = load(name).spec["duties"]
    assert duties["style"] == "bullet"
    assert "items" not in duties
    assert [g["heading"] for g in duties["groups"]] == ["AGENCY:", "OFFICE OF LABOR RELATIONS:"]
    agency, olr = duties["groups"]
    assert agency["items"][0] == "Conducts a variety of investigations and determines appropriate action;"
    assert agency["items"][-1] == "Performs related duties as required."
    assert olr["items"][0] == "Acts as a negotiator;"
    assert olr["items"][-1] == "Performs related duties as required."
    assert (len(agency["items"]), len(olr["items"])) == ((3, 4) if name.startswith("12a") else (3, 3))


@pytest.mark.parametrize(("name", "bullet"), [("12a_grouped_nested.txt", "  \u2022 "),
                                              ("12b_flat_dash_lists.txt", "- ")], ids=["bullets", "dashes"])
def test_sub_heading_after_an_item_without_final_period(name: str, bullet: str) -> None:
    text = replaced(variant_text(name), f"{bullet}Performs related duties as required.\nOFFICE",
                    f"{bullet}Performs related duties as required\nOFFICE")
    groups = load(name, text).spec["duties"]["groups"]
    assert [g["heading"] for g in groups] == ["AGENCY:", "OFFICE OF LABOR RELATIONS:"]
    assert groups[0]["items"][-1] == "Performs related duties as required"
    assert groups[1]["items"][0] == "Acts as a negotiator;"


def test_ksa_nested_by_indent() -> None:
    assert load("12a_grouped_nested.txt").spec["ksa"] == {"style": "bullet", "items": [
        {"text": "Knowledge of", "items": [
            "and ability to apply management principles and practices within a matrixed organization;",
            "relevant state and federal laws, statutes, regulations, policies and procedures;",
            "labor relations, collective bargaining and human resources management;",
        ]},
        {"text": "Considerable", "items": [
            "interpersonal skills;",
            "oral and written communications skills;",
        ]},
        "Skill in writing technical contract provisions;",
        {"text": "Ability to", "items": [
            "effectively conduct investigations;",
            "prepare for and present cases at arbitration or other administrative hearings;",
        ]},
        "And some supervisory ability.",
    ]}


def test_flat_dash_ksa_nested_by_lead_in() -> None:
    assert load("12b_flat_dash_lists.txt").spec["ksa"] == {"style": "bullet", "items": [
        {"text": "Considerable knowledge of", "items": [
            "and ability to apply management principles and practices;",
            "relevant state and federal laws, statutes and regulations;",
            "collective bargaining and labor relations;",
        ]},
        "Knowledge of human resources administration;",
        {"text": "Considerable", "items": [
            "interpersonal skills;",
            "oral and written communication skills;",
            "negotiating skill;",
        ]},
        "Considerable ability to interpret and apply statutes, contracts and regulations;",
        {"text": "Ability to", "items": [
            "effectively serve as an advocate;",
            "counsel employees.",
        ]},
    ]}

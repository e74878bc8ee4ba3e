"""What the importer does with text that has no obvious place: it keeps it, or stops with a clear error."""
from __future__ import annotations

import textwrap

import pytest

from specdiff.errors import ImportFailure
from specdiff.importer import import_text
from specdiff.validator import validate_spec

HEAD = "State of Connecticut Executive Branch\n\nRecords Examiner (1234AB)\n\n"


def doc(body: str) -> str:
    return HEAD + textwrap.dedent(body)


def imported(body: str):  # type: ignore[no-untyped-def]
    result = import_text(doc(body), source="doc.txt")
    assert validate_spec(result.spec) == []
    return result


def test_a_repeated_section_is_kept_with_a_warning() -> None:
    result = imported("""\
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        Examines records.
        SUPERVISION RECEIVED
        Works under supervision.
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        Examines records again.
        """)
    assert result.spec["purpose"] == ["Examines records."]
    other = result.spec["other_sections"][0]
    assert other == {"heading": "PURPOSE OF JOB CLASS (NATURE OF WORK)", "after": "supervision_received",
                     "content": {"style": "paragraphs", "items": ["Examines records again."]}}
    assert any("appears again (first at line 5)" in w for w in result.warnings)


def test_a_code_name_not_in_code_name_form_is_kept() -> None:
    result = imported("""\
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        Examines records.
        BARGAINING UNIT
        Managerial
        """)
    assert "bargaining_unit" not in result.spec
    assert result.spec["other_sections"][0]["content"]["items"] == ["Managerial"]
    assert any("(code)-NAME" in w for w in result.warnings)


def test_text_after_the_effective_date_is_kept() -> None:
    result = imported("""\
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        Examines records.
        EFFECTIVE DATE
        04/22/2022
        Approved by the Commissioner.
        """)
    assert result.spec["records"] == [{"effective": "2022-04-22"}]
    assert result.spec["other_sections"][0]["content"]["items"] == ["Approved by the Commissioner."]


def test_an_impossible_date_names_the_line() -> None:
    with pytest.raises(ImportFailure) as caught:
        import_text(doc("PURPOSE OF JOB CLASS (NATURE OF WORK)\nX.\nEFFECTIVE DATE\n02/30/2023\n"), source="d.txt")
    assert str(caught.value) == "d.txt:8: '02/30/2023' under EFFECTIVE DATE is not a real date; write it as MM/DD/YYYY"


def test_a_clause_without_effective_date_is_refused() -> None:
    with pytest.raises(ImportFailure, match="no EFFECTIVE DATE; add an EFFECTIVE DATE section"):
        import_text(doc("""\
            PURPOSE OF JOB CLASS (NATURE OF WORK)
            X.
            CANCELLATION CLAUSE
            This replaces the existing specification for the class of Y in Salary Group MP 1
            approved effective May 1, 2001.
            """), source="d.txt")


def test_headings_without_text_warn_and_leave_fields_out() -> None:
    result = imported("PURPOSE OF JOB CLASS (NATURE OF WORK)\nEXAMPLES OF DUTIES\nSPECIAL REQUIREMENTS\n")
    assert set(result.spec) == {"class_code", "title", "jurisdiction"}
    assert len([w for w in result.warnings if "has no text" in w]) == 3


def test_text_before_the_first_heading_is_kept() -> None:
    text = "Draft for discussion\nRecords Examiner (1234AB)\nPURPOSE OF JOB CLASS (NATURE OF WORK)\nX.\n"
    result = import_text(text, source="d.txt")
    assert result.spec["jurisdiction"] == "Draft for discussion"  # the line above the title is the letterhead
    text = "Records Examiner (1234AB)\n\nDraft for discussion\nPURPOSE OF JOB CLASS (NATURE OF WORK)\nX.\n"
    result = import_text(text, source="d.txt")
    assert "jurisdiction" not in result.spec
    assert result.spec["other_sections"] == [{"after": None, "content": {
        "style": "paragraphs", "items": ["Draft for discussion"]}}]


def test_a_clause_that_does_not_say_what_it_replaces_warns() -> None:
    result = imported("""\
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        X.
        CANCELLATION CLAUSE
        New class. Final No. 23-004
        EFFECTIVE DATE
        01/03/2023
        """)
    assert result.spec["records"] == [{"effective": "2023-01-03", "final_no": "23-004",
                                       "cancellation_clause": "New class. Final No. 23-004"}]
    assert any("does not say which revision it replaces" in w for w in result.warnings)


def test_a_heading_with_its_text_on_the_same_line() -> None:
    result = imported("""\
        PURPOSE OF CLASS: Examines records.
        EXPERIENCE AND TRAINING:
        General Experience: Eight (8) years of experience.
        Special Experience: Two (2) years of the General Experience must have been supervisory.
        NOTE: For state employees this is interpreted at the level of Clerk.
        """)
    quals = result.spec["minimum_qualifications"]
    assert result.spec["purpose"] == ["Examines records."]
    assert quals["general_experience"] == ["Eight (8) years of experience."]
    assert quals["special_experience"] == ["Two (2) years of the General Experience must have been supervisory."]
    assert quals["notes"] == ["NOTE: For state employees this is interpreted at the level of Clerk."]


def test_colon_headed_pages_read_unknown_colon_headings_as_sections() -> None:
    result = imported("""\
        PURPOSE OF CLASS:
        Examines records.
        EXAMPLES OF DUTIES:
        Files records; indexes records; performs related duties as required.
        WORKING CONDITIONS:
        May be exposed to dust.
        """)
    assert result.spec["duties"]["style"] == "run-in"
    assert result.spec["other_sections"] == [{"heading": "WORKING CONDITIONS:", "after": "duties", "content": {
        "style": "paragraphs", "items": ["May be exposed to dust."]}}]


def test_capitals_colon_lines_in_a_list_are_sub_headings_on_modern_pages() -> None:
    result = imported("""\
        PURPOSE OF JOB CLASS (NATURE OF WORK)
        Examines records.
        EXAMPLES OF DUTIES
        AGENCY:
          \u2022 Files records;
        CENTRAL OFFICE:
          \u2022 Indexes records;
        """)
    assert [g["heading"] for g in result.spec["duties"]["groups"]] == ["AGENCY:", "CENTRAL OFFICE:"]


def test_established_date_without_any_record_is_kept() -> None:
    result = imported("PURPOSE OF JOB CLASS (NATURE OF WORK)\nExamines records.\nCLASS: 1234AB; EST: 9/23/1988;\n")
    assert result.spec["established"] == "1988-09-23"
    assert "records" not in result.spec

"""Renderers: text layout, Markdown and HTML structure, escaping of hostile text."""
from __future__ import annotations

import textwrap
from typing import Any

import pytest

from htmlpage import Page
from specdiff.errors import UsageError
from specdiff.render import render

SMALL: dict[str, Any] = {
    "class_code": "1234AB",
    "title": "Records Examiner",
    "jurisdiction": "State of Connecticut Executive Branch",
    "salary": {"group": "CS 19", "hourly": {"min": 30.0, "max": 40.5}},
    "purpose": ["Examines records."],
    "duties": {"style": "bullet", "groups": [
        {"heading": "AGENCY:", "items": ["Files records;", "Performs related duties as required."]}]},
    "ksa": {"style": "bullet", "items": [{"text": "Knowledge of", "items": ["filing;", "law."]}]},
    "minimum_qualifications": {"general_experience": ["Two (2) years of experience."],
                               "notes": ["NOTE: Interpreted at the level of Clerk."]},
    "special_requirements": {"style": "numbered", "items": ["Must travel.", "Must drive."]},
    "other_sections": [{"heading": "APPOINTMENT", "after": "special_requirements",
                        "content": {"style": "paragraphs", "items": ["Appointed by the Commissioner."]}}],
    "established": "2001-02-03",
    "records": [{"effective": "2020-01-05", "revised": "2020-01-04", "cancellation_clause": "This replaces X."}],
}

EXPECTED_TEXT = textwrap.dedent("""\
    State of Connecticut Executive Branch

    Records Examiner (1234AB)

    $30.00-$40.50 Hourly


    PURPOSE OF JOB CLASS (NATURE OF WORK)

    Examines records.

    EXAMPLES OF DUTIES

    AGENCY:
      \u2022 Files records;
      \u2022 Performs related duties as required.

    KNOWLEDGE, SKILL AND ABILITY

      \u2022 Knowledge of
        \u2022 filing;
        \u2022 law.

    MINIMUM QUALIFICATIONS - GENERAL EXPERIENCE

    Two (2) years of experience.

    NOTE: Interpreted at the level of Clerk.

    SPECIAL REQUIREMENTS

    1. Must travel.
    2. Must drive.

    APPOINTMENT

    Appointed by the Commissioner.

    SALARY INFORMATION

    CS 19

    CANCELLATION CLAUSE

    This replaces X.

    EFFECTIVE DATE

    01/05/2020

    CLASS: 1234AB; EST: 2/3/2001; REV: 1/4/2020;
    """)

HOSTILE = "<script>alert(1)</script> </details> @someone #123 ```code``` | pipe *bold* [link](http://x)"


def test_text_render_of_a_small_spec() -> None:
    assert render(SMALL, "text") == EXPECTED_TEXT


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        render(SMALL, "pdf")


def test_markdown_structure() -> None:
    md = render(SMALL, "markdown")
    assert md.startswith("# Records Examiner (1234AB)\n")
    assert "## EXAMPLES OF DUTIES\n\n**AGENCY:**\n\n- Files records;" in md
    assert "- Knowledge of\n   - filing;\n   - law." in md
    assert "1. Must travel.\n2. Must drive." in md



def test_html_is_a_self_contained_page() -> None:
    page = render(SMALL, "html")
    parser = Page(page)
    assert parser.tags.count("h2") == 9
    assert "script" not in parser.tags and "link" not in parser.tags
    assert "http" not in page.split("<body>")[0]
    assert "Records Examiner (1234AB)" in parser.text


def _hostile() -> dict[str, Any]:
    return {**SMALL, "duties": {"style": "bullet", "items": [HOSTILE]}}


def test_html_escapes_spec_text() -> None:
    parser = Page(render(_hostile(), "html"))
    assert "script" not in parser.tags and "details" not in parser.tags and "a" not in parser.tags
    assert HOSTILE in parser.text


def test_markdown_escapes_spec_text() -> None:
    md = render(_hostile(), "markdown")
    line = next(line for line in md.splitlines() if "alert" in line)
    assert "<script>" not in line and "</details>" not in line
    assert "&lt;script&gt;" in line
    assert "@someone" not in line and "#123" not in line
    assert "```" not in line and "\\|" in line and "\\*bold\\*" in line and "\\[link\\]" in line


def test_markdown_keeps_plain_punctuation_readable() -> None:
    spec = {**SMALL, "purpose": ["The state's program & the Chief\u2019s \"office\"; see Sec. 5-196."]}
    md = render(spec, "markdown")
    assert "The state's program &amp; the Chief\u2019s \"office\"; see Sec. 5-196." in md


def test_other_sections_keep_their_place_when_their_anchor_is_absent() -> None:
    def other(heading: str, after: str | None) -> dict[str, Any]:
        return {"heading": heading, "after": after, "content": {"style": "paragraphs", "items": [heading.lower()]}}

    spec = {**SMALL, "other_sections": [other("FIRST", None), other("AFTER GUIDELINES", "guidelines"),
                                         other("LAST", "no_such_section")]}
    headings = [line for line in render(spec, "text").splitlines()
                if line.isupper() and not line.startswith("CLASS:") and not line.startswith("CS ")]
    assert headings[:3] == ["FIRST", "PURPOSE OF JOB CLASS (NATURE OF WORK)", "AFTER GUIDELINES"]
    assert headings[-1] == "LAST"

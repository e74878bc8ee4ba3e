"""Cut-off real documents (issue 15): a page that starts at PURPOSE has no title or code line. Its class
code is taken from the file name when the name carries one, its title is left as a marked placeholder
(validate flags it), and it imports with warnings instead of being refused; the rendered spec prints the
code in the trailer, so it imports again to the same spec. Word coverage treats run-in headings, code
labels and empty pay-period labels as structure, as it treats headings."""
from __future__ import annotations

import pytest

from specdiff.importer import import_text
from specdiff.importer.coverage import content_lines, word_coverage
from specdiff.importer.spec_builder import UNKNOWN_TITLE, code_in_file_name
from specdiff.render import render

CUT_OFF = """PURPOSE OF JOB CLASS (NATURE OF WORK)
In the Department of Revenue Services this class is accountable for auditing tax returns.
SUPERVISION RECEIVED
Works under the general supervision of a Tax Audit Supervisor.
EXAMPLES OF DUTIES
- Audits sales and use tax returns;
- Prepares audit reports;
"""


@pytest.mark.parametrize("name, code", [("4610PS.txt", "4610PS"), ("archive/spec_4610PS_2019.docx", "4610PS"),
                                        ("014_va_deputy-director_72137.txt", "72137"), ("2019-notes.txt", None),
                                        ("001_ct_agent.txt", None), ("7120IE-and-7121IE.txt", "7120IE"),
                                        ("018_wa_class-1681_history.txt", "1681"), ("notes_1681.txt", None),
                                        ("minutes-2019.txt", None), ("mo_04ca20_complete.txt", "04ca20"),
                                        ("ks_1074k2.htm", "1074k2"), ("report_2019v2.txt", None),
                                        ("minutes-2nd-qtr.txt", None), ("ea-37.5hr-40hr.txt", None),
                                        ("code_2210.txt", "2210")])
def test_a_class_code_in_the_file_name(name: str, code: str | None) -> None:
    assert code_in_file_name(name) == code


def test_a_cut_off_page_imports_with_the_code_of_its_file_name_and_a_placeholder_title() -> None:
    result = import_text(CUT_OFF, source="docs/3361RS.txt")
    assert result.spec["class_code"] == "3361RS" and result.spec["title"] == UNKNOWN_TITLE
    assert any("taken from the file name" in w for w in result.warnings)
    assert any("no class title found" in w and "--title" in w for w in result.warnings)
    again = import_text(render(result.spec, "text"), source="rendered.txt")  # the trailer carries the code
    assert again.spec == result.spec


def test_a_page_with_no_code_anywhere_is_still_refused() -> None:
    from specdiff.errors import ImportFailure

    with pytest.raises(ImportFailure, match="none in the file name"):
        import_text(CUT_OFF, source="docs/audit-page.txt")


def test_the_placeholder_title_is_flagged_by_validate(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "3361RS.txt"
    page.write_text(CUT_OFF, encoding="utf-8")
    assert cli("import", str(page), "--out-dir", str(tmp_path / "out")).code == 0
    run = cli("validate", "--strict", str(tmp_path / "out" / "3361RS.json"))
    assert run.code == 1 and "/title" in run.out and "TO BE WRITTEN" in run.out


def test_coverage_reads_run_in_headings_code_labels_and_empty_pay_periods_as_structure() -> None:
    text = ("Job Code 630200\nClass Definition: Planning work.\nNote: keep this.\n"
            "- Hourly / - BiWeekly /\n- Monthly / $96,154.00-$173,316.00 Yearly\n")
    lines = " ".join(content_lines(text))
    assert "Definition" not in lines and "Code" not in lines and "Hourly" not in lines and "Monthly" not in lines
    assert "Note: keep this." in lines and "Planning work." in lines and "Yearly" in lines
    spec = {"purpose": ["Planning work."], "class_code": "630200"}
    missing = dict(word_coverage(text, spec).missing)
    assert {"keep", "note", "this", "yearly"} <= set(missing)  # content the spec does not hold is missing
    assert not {"job", "code", "class", "definition", "hourly", "biweekly", "monthly"} & set(missing)

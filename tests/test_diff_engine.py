"""The diff engine on real specs: items paired by similarity, levels from the schema, stable ids."""
from __future__ import annotations

import copy
import json
from typing import Any

from conftest import REPO
from specdiff.diff import diff_specs
from specdiff.diff.align import align, moved
from specdiff.diff.redline import is_editorial, redline


def real(code: str = "5258MP") -> dict[str, Any]:
    return json.loads((REPO / "specs" / f"{code}.json").read_text(encoding="utf-8"))


def summary(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    return [(c.kind, c.level, c.section, c.path) for c in diff_specs(old, new)]


def test_identical_specs_have_no_changes() -> None:
    assert diff_specs(real(), real()) == []


def test_a_reworded_duty_is_one_change_with_a_redline() -> None:
    new = real()
    new["duties"]["items"][2] = "Interprets and ensures strict adherence to collective bargaining agreements;"
    [change] = diff_specs(real(), new)
    assert (change.kind, change.level, change.section, change.path) == (
        "changed", "minor", "EXAMPLES OF DUTIES", "/duties/items/2")
    assert [(s.kind, s.text.strip()) for s in change.redline if s.kind != "keep"] == [("ins", "strict")]
    assert "".join(s.text for s in change.redline if s.kind != "ins") == change.old
    assert "".join(s.text for s in change.redline if s.kind != "del") == change.new


def test_added_removed_and_moved_duties() -> None:
    new = real()
    items = new["duties"]["items"]
    items.insert(5, "Develops labor relations training programs;")
    removed = items.pop(10)
    items[0], items[1] = items[1], items[0]
    assert summary(real(), new) == [  # of two swapped duties, one is reported moved (the same both ways)
        ("moved", "minor", "EXAMPLES OF DUTIES", "/duties/items/0"),
        ("added", "minor", "EXAMPLES OF DUTIES", "/duties/items/5"),
        ("removed", "minor", "EXAMPLES OF DUTIES", "/duties/items/9"),
    ]
    assert diff_specs(real(), new)[2].old == removed


def test_salary_group_and_title_are_substantive() -> None:
    new = real()
    new["salary"]["group"] = "MP 67"
    new["title"] = "Agency Labor Relations Director"
    assert summary(real(), new) == [("changed", "substantive", "CLASS TITLE", "/title"),
                                    ("changed", "substantive", "SALARY INFORMATION", "/salary/group")]


def test_punctuation_case_and_quotes_only_is_editorial() -> None:
    new = real()
    new["purpose"][0] = new["purpose"][0].replace("agency\u2019s", "agency's").replace("In the", "in the")
    assert summary(real(), new) == [("changed", "editorial", "PURPOSE OF JOB CLASS (NATURE OF WORK)", "/purpose/0")]


def test_nested_ksa_edits() -> None:
    new = real()
    knowledge = new["ksa"]["items"][0]
    knowledge["items"][1] = "relevant state and federal laws and regulations;"
    knowledge["items"].append("public sector budgeting;")
    new["ksa"]["items"][2]["text"] = "Considerable skill in"
    assert summary(real(), new) == [
        ("changed", "minor", "KNOWLEDGE, SKILL AND ABILITY", "/ksa/items/0/items/1"),
        ("added", "minor", "KNOWLEDGE, SKILL AND ABILITY", "/ksa/items/0/items/3"),
        ("changed", "minor", "KNOWLEDGE, SKILL AND ABILITY", "/ksa/items/2/text"),
    ]


def test_a_section_added_and_a_record_added() -> None:
    old = real("0029MP")
    new = copy.deepcopy(old)
    del old["acknowledgement"]
    new["records"].append({"effective": "2024-01-05", "revised": "2024-01-04", "final_no": "24-001"})
    assert summary(old, new) == [("added", "minor", "ACKNOWLEDGEMENT", "/acknowledgement"),
                                 ("added", "record", "EFFECTIVE-DATE RECORDS", "/records/2")]


def test_pay_range_changes_come_from_deepdiff_leaves() -> None:
    new = real()
    new["salary"]["hourly"]["max"] = 66.0
    new["bargaining_unit"]["name"] = "MANAGERS"
    assert [(c.path, c.old, c.new, c.level) for c in diff_specs(real(), new)] == [
        ("/salary/hourly/max", 65.4, 66.0, "substantive"),
        ("/bargaining_unit/name", "MANAGERIAL", "MANAGERS", "substantive")]


def test_change_id_is_stable_under_unrelated_edits() -> None:
    one = real()
    one["duties"]["items"][2] = "Interprets collective bargaining agreements;"
    two = copy.deepcopy(one)
    two["duties"]["items"].insert(0, "Leads the agency labor relations program;")
    two["title"] = "Agency Labor Relations Director"
    first = {c.id for c in diff_specs(real(), one)}
    second = {c.id for c in diff_specs(real(), two)}
    assert len(first) == 1 and first <= second


def test_align_pairs_by_similarity_not_position() -> None:
    old = ["Files records;", "Indexes records;", "Answers the telephone;"]
    new = ["Answers the telephone and email;", "Files records;", "Indexes all records;"]
    assert sorted(p for p in align(old, new)) == [(0, 1), (1, 2), (2, 0)]
    assert moved([(0, 1), (1, 2), (2, 0)]) == {(2, 0)}


def test_redline_and_editorial() -> None:
    assert "".join(s.text for s in redline("a b c", "a x c") if s.kind != "del") == "a x c"
    assert "".join(s.text for s in redline("a b c", "a x c") if s.kind != "ins") == "a b c"
    assert is_editorial("The agency\u2019s staff.", "the agency's staff")
    assert not is_editorial("The agency staff.", "The agency's staff.")


def test_alignment_work_is_capped_on_huge_lists() -> None:
    from specdiff.diff import align as align_module

    old = [f"Duty number {i} about topic {i * 7}" for i in range(600)]
    new = [f"Task {i} concerning subject {i * 11}" for i in range(600)] + old[:3]
    assert align_module.MAX_PAIRS < 600 * 603
    pairs = align(old, new)
    matched = [(i, j) for i, j in pairs if i is not None and j is not None]
    assert matched == [(0, 600), (1, 601), (2, 602)]  # only exact matches: no 360,000 similarity scores
    assert len(pairs) == 600 + 603 - 3

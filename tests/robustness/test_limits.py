"""The limits behind issue 13's linear time: the schema's caps (with messages that say what to do), the
importer's nesting cap, the diff budget's coarser comparisons (which lose no word and say so), and the
faster parsers and pairings giving exactly the answers of the patterns and loops they replaced."""
from __future__ import annotations

import itertools
import json
import random
from typing import Any

import pytest

from conftest import REPO, SEEDS
from specdiff.diff.align import moved
from specdiff.diff.budget import Budget
from specdiff.diff.engine import compare_specs
from specdiff.diff.model import DiffReport
from specdiff.diff.redline import redline
from specdiff.diff.report import compare
from specdiff.importer import import_text
from specdiff.importer.records import parse_clause
from specdiff.references import references
from specdiff.validator import nesting_limit, validate_spec

pytestmark = pytest.mark.category("limits")
SPEC = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
SEED = (SEEDS / "001_5258MP_headed.txt").read_text(encoding="utf-8")


def changed(change: Any) -> dict[str, Any]:
    spec = json.loads(json.dumps(SPEC))
    change(spec)
    return spec


def nested(depth: int) -> dict[str, Any]:
    node: Any = "deepest;"
    for level in range(depth, 0, -1):
        node = {"text": f"Level {level} of", "items": [node]}
    return dict(node)


@pytest.mark.parametrize(("change", "pointer", "message"), [
    (lambda s: s.__setitem__("title", "T" * 201), "/title", "is 201 characters long, over the limit of 200"),
    (lambda s: s["purpose"].append("x" * 10_001), "/purpose/2", "is 10,001 characters long, over the limit of 10,000"),
    (lambda s: s["duties"]["items"].append("x" * 10_001), "/duties/items/21", "over the limit of 10,000"),
    (lambda s: s["records"][-1].__setitem__("cancellation_clause", "x" * 4_001),
     "/records/1/cancellation_clause", "is 4,001 characters long, over the limit of 4,000; shorten it"),
    (lambda s: s["duties"].__setitem__("items", ["x;"] * 1_001), "/duties/items", "has 1,001 entries"),
    (lambda s: s["ksa"]["items"].append(nested(9)), "/ksa/items/5" + "/items/0" * 7 + "/items",
     "list items are nested more than 8 levels deep"),
    (lambda s: s["ksa"]["items"].append(nested(600)), "/ksa/items/5" + "/items/0" * 7 + "/items",
     "list items are nested more than 8 levels deep"),
])
def test_caps_have_clear_short_messages(change: Any, pointer: str, message: str) -> None:
    problems = validate_spec(changed(change))
    assert [p.pointer for p in problems] == [pointer]
    assert message in problems[0].message and len(problems[0].message) < 200


def test_eight_levels_of_items_are_valid_and_real_specs_are_far_below_every_cap() -> None:
    assert nesting_limit() == 8
    assert validate_spec(changed(lambda s: s["ksa"]["items"].append(nested(7)))) == []
    for path in sorted((REPO / "specs").glob("*.json")):
        assert validate_spec(json.loads(path.read_text(encoding="utf-8"))) == [], path


def test_the_importer_nests_items_no_deeper_than_the_schema_allows() -> None:
    lines = [" " * (2 * level) + f"\u2022 level {level} of" for level in range(30)]
    heading = "KNOWLEDGE, SKILL AND ABILITY\n"
    text = SEED.replace(heading, heading + "\n" + "\n".join(lines) + "\n", 1)
    spec = import_text(text).spec  # valid: the importer checks it
    node, depth = spec["ksa"]["items"][0], 1
    while isinstance(node, dict):
        node, depth = node["items"][0], depth + 1
    assert depth == nesting_limit()
    assert all(f"level {level} of" in json.dumps(spec["ksa"]) for level in range(30))  # no word lost


def test_unicode_spaces_are_spaces_to_the_importer() -> None:
    spaced = SEED.replace("Supervises a staff", "Supervises\u2003\u2003a\u2009staff\u3000", 1)
    assert import_text(spaced).spec["supervision_exercised"] == SPEC["supervision_exercised"]


@pytest.mark.parametrize(("old", "new"), [
    ("a " * 4_000 + "end;", "a b " * 2_000 + "end;"),
    (" ".join(f"word{i % 97}" for i in range(3_000)) + ".", " ".join(f"word{i % 89}" for i in range(3_000)) + "."),
    ("One. " * 1_500, "One. Two. " * 750),
])
def test_coarser_redlines_lose_no_word_and_are_noted(old: str, new: str) -> None:
    budget = Budget.for_size(len(old) + len(new))
    segments = redline(old, new, budget)
    assert "".join(s.text for s in segments if s.kind != "ins") == old
    assert "".join(s.text for s in segments if s.kind != "del") == new
    assert budget.notes() and "not word by word" in budget.notes()[0]


def test_the_report_carries_the_notes_and_ordinary_diffs_have_none() -> None:
    hostile = changed(lambda s: s["duties"]["items"].__setitem__(1, "a b " * 2_000 + "end;"))
    before = changed(lambda s: s["duties"]["items"].__setitem__(1, "a " * 4_000 + "end;"))
    spec_change = compare("specs/5258MP.json", "specs/5258MP.json", before, hostile)
    assert spec_change.notes == ("1 change redlined sentence by sentence, not word by word: the texts are too "
                                 "long or too repetitive",)
    assert DiffReport("a", "b", (spec_change,)).notes == (f"5258MP: {spec_change.notes[0]}",)
    ordinary = changed(lambda s: s["duties"]["items"].__setitem__(1, "Analyzes data and plans for agency needs;"))
    assert compare_specs(SPEC, ordinary)[1] == ()


def test_moved_by_bisection_matches_the_pairwise_definition() -> None:
    def pairwise(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
        kept: list[tuple[int, int]] = []
        shifted = set()
        for i, j in sorted(pairs, key=lambda p: (abs(p[0] - p[1]), p)):
            if any((i - a) * (j - b) < 0 for a, b in kept):
                shifted.add((i, j))
            else:
                kept.append((i, j))
        return shifted

    rng = random.Random(7)
    for size in itertools.chain(range(8), [20, 50]):
        for _ in range(30):
            new = list(range(size))
            rng.shuffle(new)
            pairs = [(i, j) for i, j in enumerate(new) if rng.random() < 0.8]
            assert moved(pairs) == pairwise(pairs)


@pytest.mark.parametrize(("clause", "facts"), [
    ("This replaces the existing specification for the class of Agency Labor Relations Manager\u00a0in Salary "
     "Group MP 65 approved effective October 25, 2019. (Revised to add Acknowledgement section and modify "
     "content) Final No. 22-007",
     {"title": "Agency Labor Relations Manager", "salary_group": "MP 65", "effective": "2019-10-25",
      "reasons": ["add Acknowledgement section", "modify content"], "final_no": "22-007"}),
    ("replaces the existing specification for the class of A in Salary Group B in Salary Group C approved "
     "effective May 1, 2020 approved effective June 2, 2021", {"title": "A", "effective": "2020-05-01",
                                                                "salary_group": "B in Salary Group C"}),
    ("The class is abolished effective 07/01/2025 and replaced by the class of X (Y) Z (5260MP).",
     {"reasons": ["abolish class"], "retired": True, "replaced_by": "Y"}),
    ("Final 1" + " " * 5_000 + "x", {}),
    ("Final # 838 .  ", {"final_no": "838"}),
])
def test_clause_facts(clause: str, facts: dict[str, Any]) -> None:
    assert parse_clause(clause) == facts


def test_references_across_runs_of_spaces() -> None:
    spec = {"purpose": ["interpreted at the level of Agency Labor Relations Specialist" + " " * 5_000 +
                        "or\u2003Labor Relations Associate."]}
    assert [r.title for r in references(spec)] == ["Agency Labor Relations Specialist", "Labor Relations Associate"]

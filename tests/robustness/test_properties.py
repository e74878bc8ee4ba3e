"""Properties over generated specs (hypothesis): what must hold for any spec, not just the seeds."""
from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from specdiff.control.draft import DraftRequest, draft_record
from specdiff.policy import Policy
from specdiff.dates import long_form
from specdiff.diff import diff_specs
from specdiff.importer import import_text
from specdiff.render import render
from specdiff.validator import validate_spec
from specdiff.load import parse
from specdiff.store import dump_spec

pytestmark = pytest.mark.category("properties")
WORDS = ["agency", "labor", "relations", "program", "staff", "reviews", "prepares", "reports", "policies",
         "analyzes", "contracts", "budget", "training", "records", "hearings", "state", "federal", "laws",
         "assists", "coordinates", "negotiations", "employees", "procedures", "data", "planning", "grievances"]
PROPERTY_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw: Any, end: str = ".", capital: bool = True) -> str:
    words = draw(st.lists(word, min_size=2, max_size=9))
    text = " ".join(words)
    return (text[0].upper() + text[1:] if capital else text) + end


@st.composite
def item_list(draw: Any) -> list[str]:
    items = draw(st.lists(sentence(end=";"), min_size=1, max_size=8))
    return [*items[:-1], items[-1][:-1] + "."]


@st.composite
def specs(draw: Any) -> dict[str, Any]:
    """Specs the importer can read back exactly: the shapes of the seeds with generated text."""
    code = draw(st.from_regex(r"[1-9][0-9]{3}[A-Z]{2}", fullmatch=True))
    title = " ".join(w.capitalize() for w in draw(st.lists(word, min_size=2, max_size=4)))
    group = f"MP {draw(st.integers(40, 90))}"
    lead_in = {"text": "Considerable knowledge of",
               "items": [draw(sentence(end=";", capital=False)) for _ in range(draw(st.integers(1, 4)))]}
    first = draw(st.dates(dt.date(1990, 1, 1), dt.date(2015, 1, 1)))
    second = first + dt.timedelta(days=draw(st.integers(30, 3000)))
    spec: dict[str, Any] = {
        "class_code": code, "title": title, "jurisdiction": "State of Connecticut Executive Branch",
        "salary": {"group": group},
        "purpose": draw(st.lists(sentence(), min_size=1, max_size=3)),
        "duties": {"style": "bullet", "items": draw(item_list())},
        "ksa": {"style": "bullet", "items": [lead_in, draw(sentence(end=";"))]},
        "minimum_qualifications": {"general_experience": [draw(sentence())]},
        "special_requirements": {"style": draw(st.sampled_from(["bullet", "numbered"])), "items": draw(item_list())},
        "bargaining_unit": {"code": "02", "name": "MANAGERIAL"},
        "established": first.isoformat(),
        "records": [
            {"effective": first.isoformat(), "title": title, "salary_group": group, "inferred": True},
            {"effective": second.isoformat(), "revised": second.isoformat(), "final_no": "22-007",
             "cancellation_clause": f"This replaces the existing specification for the class of {title} in Salary "
                                    f"Group {group} approved effective {long_form(first)}. (Revised to modify "
                                    "content) Final No. 22-007",
             "reasons": ["modify content"]},
        ],
    }
    assert validate_spec(spec) == []
    return spec


def edited(spec: dict[str, Any], where: str) -> dict[str, Any]:
    new = copy.deepcopy(spec)
    if where == "duties":
        new["duties"]["items"][0] = "Reworded " + new["duties"]["items"][0].lower()
    elif where == "purpose":
        new["purpose"].append("Supervises the budget staff.")
    else:
        new["salary"]["group"] = "MP 99"
    return new


def kinds(changes: list[Any]) -> list[tuple[str, str]]:
    return sorted((c.section, c.kind) for c in changes)


@PROPERTY_SETTINGS
@given(specs())
def test_diff_of_a_spec_with_itself_is_empty(spec: dict[str, Any]) -> None:
    assert diff_specs(spec, copy.deepcopy(spec)) == []


@PROPERTY_SETTINGS
@given(specs(), specs())
def test_diffs_mirror_each_other(a: dict[str, Any], b: dict[str, Any]) -> None:
    swap = {"added": "removed", "removed": "added", "changed": "changed", "moved": "moved"}
    forward, backward = diff_specs(a, b), diff_specs(b, a)
    assert sorted((c.section, swap[c.kind]) for c in forward) == kinds(backward)
    assert sorted(c.level for c in forward) == sorted(c.level for c in backward)


@PROPERTY_SETTINGS
@given(specs())
def test_import_of_the_rendered_document_is_the_spec(spec: dict[str, Any]) -> None:
    assert import_text(render(spec, "text")).spec == spec


@PROPERTY_SETTINGS
@given(specs())
def test_canonical_formatting_is_idempotent(spec: dict[str, Any]) -> None:
    once = dump_spec(spec)
    assert dump_spec(parse(once, "x")) == once
    assert json.loads(once) == spec


@PROPERTY_SETTINGS
@given(specs())
def test_change_ids_are_stable_under_unrelated_edits(spec: dict[str, Any]) -> None:
    one = edited(spec, "duties")
    both = edited(edited(spec, "duties"), "purpose")
    assert {c.id for c in diff_specs(spec, one)} <= {c.id for c in diff_specs(spec, both)}


@PROPERTY_SETTINGS
@given(specs())
def test_drafting_is_deterministic(spec: dict[str, Any]) -> None:
    new = edited(spec, "group")
    request = DraftRequest(effective="2024-07-05", final="24-001")
    first = draft_record("specs/x.json", spec, new, request, Policy())
    second = draft_record("specs/x.json", copy.deepcopy(spec), copy.deepcopy(new), request, Policy())
    assert first == second
    assert first.reasons == ("change salary group",)

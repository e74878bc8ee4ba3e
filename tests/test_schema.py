"""The schema: valid 2020-12, one copy, and annotations every reader relies on."""
from __future__ import annotations

import json

from conftest import REPO
from specdiff import schema
from specdiff.render.document import lookup

LEVELS = {"substantive", "minor", "record"}


def test_schema_is_valid_draft_2020_12() -> None:
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(schema.load_schema())
    assert schema.load_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_packaged_schema_is_the_repo_schema() -> None:
    repo_copy = json.loads((REPO / "schema" / "job-class.schema.json").read_text(encoding="utf-8"))
    assert schema.load_schema() == repo_copy


def test_no_remote_references() -> None:
    text = (REPO / "schema" / "job-class.schema.json").read_text(encoding="utf-8")
    refs = [v for v in _walk(json.loads(text)) if isinstance(v, tuple) and v[0] == "$ref"]
    assert refs and all(ref.startswith("#/") for _, ref in refs)


def _walk(node):  # type: ignore[no-untyped-def]
    if isinstance(node, dict):
        for key, value in node.items():
            yield (key, value)
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_every_section_pointer_resolves_to_a_field() -> None:
    sections = schema.sections()
    assert len({s.id for s in sections}) == len(sections)
    for info in sections:
        assert info.shape in {"paragraphs", "list", "text", "codeName", "date"}, info
        assert schema.annotation(info.pointer, "x-level") in LEVELS, info


def test_every_top_level_field_has_a_level() -> None:
    for name, node in schema.load_schema()["properties"].items():
        if name != "$schema":
            assert node.get("x-level") in LEVELS, name


def test_levels_follow_the_path() -> None:
    assert schema.annotation("/salary/group", "x-level") == "substantive"
    assert schema.annotation("/duties/items/3", "x-level") == "minor"
    assert schema.annotation("/minimum_qualifications/substitutions_allowed/items/0", "x-level") == "substantive"
    assert schema.annotation("/records/1/final_no", "x-level") == "record"


def test_canonical_order_follows_the_schema() -> None:
    spec = {"title": "T", "class_code": "X1", "ksa": {"items": [{"items": ["a"], "text": "b"}], "style": "bullet"}}
    ordered = schema.canonical(spec)
    assert list(ordered) == ["class_code", "title", "ksa"]
    assert list(ordered["ksa"]) == ["style", "items"]
    assert list(ordered["ksa"]["items"][0]) == ["text", "items"]


def test_lookup_reads_the_current_record() -> None:
    spec = {"records": [{"effective": "2001-01-01"}, {"effective": "2002-02-02"}]}
    assert lookup(spec, "/records/-1/effective") == "2002-02-02"
    assert lookup(spec, "/records/5/effective") is None

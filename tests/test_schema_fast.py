"""The compiled schema check (fastjsonschema) agrees with jsonschema, and is generated from the schema."""
from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from specdiff import schema, schema_codegen, validator

VARIANTS = Path(__file__).parent / "data" / "variants"


def corpus() -> list[dict[str, Any]]:
    from specdiff.importer import import_text

    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "specs").glob("*.json"))]
    for path in sorted(VARIANTS.glob("*.txt")):
        specs.append(import_text(path.read_text(encoding="utf-8"), class_code="1234AB").spec)
    return specs


def nodes(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, child in value.items():
            found += nodes(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += nodes(child, (*path, index))
    return found


REPLACEMENTS: list[Any] = [None, 5, 1.5, True, "", " ", "\u00a0", [], {}, "2023-02-30", "2023-13-01", "x" * 3,
                           {"text": "a"}, {"text": "a", "items": []}, ["a"], "MP 65", -1]


def mutate(spec: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    mutant = copy.deepcopy(spec)
    path = rng.choice(nodes(mutant)[1:])
    parent = mutant
    for step in path[:-1]:
        parent = parent[step]
    action = rng.random()
    if action < 0.15 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action < 0.25 and isinstance(parent, dict):
        parent["unexpected"] = "field"
    elif action < 0.3 and isinstance(parent, list):
        parent.clear()
    else:
        parent[path[-1]] = rng.choice(REPLACEMENTS)
    return mutant


def jsonschema_says_valid(spec: Any) -> bool:
    return not any(True for _ in validator._validator().iter_errors(spec))


def test_compiled_check_agrees_with_jsonschema_on_real_and_mutated_specs() -> None:
    rng = random.Random(20261122)
    specs = corpus()
    cases = specs + [mutate(rng.choice(specs), rng) for _ in range(400)]
    disagreements = [case for case in cases if validator.is_valid(case) != jsonschema_says_valid(case)]
    assert disagreements == []
    assert sum(validator.is_valid(case) for case in cases) >= len(specs)  # the real specs are valid
    assert sum(not validator.is_valid(case) for case in cases) > 250  # most mutations break the shape


@pytest.mark.parametrize("bad_date", ["2023-02-30", "2023-13-01", "2023-1-01"])
def test_impossible_dates_are_not_valid(bad_date: str) -> None:
    spec = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    spec["records"][1]["revised"] = bad_date
    assert not validator.is_valid(spec)
    assert validator.validate_spec(spec)[0].pointer == "/records/1/revised"


def test_generated_module_is_up_to_date() -> None:
    generated = (REPO / "src" / "specdiff" / "_schema_check.py").read_text(encoding="utf-8")
    assert generated == schema_codegen.generate(), "run: python -m specdiff.schema_codegen"


def test_an_edited_schema_is_compiled_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    edited = json.loads(schema.load_schema_text())
    edited["properties"]["title"] = {"type": "string", "maxLength": 10}
    monkeypatch.setattr(schema, "load_schema_text", lambda: json.dumps(edited))
    schema.load_schema.cache_clear()
    validator._fast_check.cache_clear()
    try:
        spec = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
        assert not validator.is_valid(spec)  # "Agency Labor Relations Manager" is longer than 10
    finally:
        schema.load_schema.cache_clear()
        validator._fast_check.cache_clear()
        validator._validator.cache_clear()

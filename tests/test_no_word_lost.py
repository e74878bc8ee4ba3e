"""Nothing is lost: every word of a seed's specification lands in the imported JSON.

The test strips only what is structure, not content (official headings, list numbers,
the letterhead and trailer whose facts are checked field by field, and posting-only text
the importer reports as left out), then requires every remaining word, as many times as it occurs,
among the words of the JSON's values.
"""
from __future__ import annotations

import json
import re
from typing import Any

import pytest

from conftest import SEED_FILES, import_seed, seed_text
from specdiff.importer.coverage import LIST_NUMBER, headings, values, words

HEADINGS = headings()


def spec_lines(seed: str, left_out: list[tuple[int, int]]) -> list[str]:
    """The seed's content lines: not left out, not an official heading."""
    lines = seed_text(seed).splitlines()
    kept = []
    for number, line in enumerate(lines, start=1):
        if any(first <= number <= last for first, last in left_out):
            continue
        if " ".join(line.split()).upper().rstrip(":") in HEADINGS:
            continue
        kept.append(LIST_NUMBER.sub("", line))
    return kept


def structural(line: str, spec: dict[str, Any]) -> bool:
    """Letterhead and trailer lines, whose facts are asserted field by field below."""
    text = " ".join(line.split())
    return (text == spec.get("jurisdiction") or text.upper() == f"{spec.get('jurisdiction', '').upper()} JOBS"
            or text in (f"{spec['title']} ({spec['class_code']})", spec["title"])
            or text.startswith("$") or re.fullmatch(r"((CLASS|EST|REV): \S+;\s*)+", text) is not None)


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_every_word_of_the_spec_is_in_the_json(seed: str) -> None:
    result = import_seed(seed)
    left_out = [(part.first_line, part.last_line) for part in result.left_out]
    content = [line for line in spec_lines(seed, left_out) if not structural(line, result.spec)]
    missing = words("\n".join(content)) - words("\n".join(values(result.spec)))
    assert not missing, f"words of {seed} missing from the JSON: {dict(missing)}"


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_left_out_text_is_only_posting_text(seed: str) -> None:
    result = import_seed(seed)
    is_posting = "posting" in seed
    assert bool(result.left_out) == is_posting
    total = sum(words(line).total() for line in seed_text(seed).splitlines())
    left = sum(part.words for part in result.left_out)
    assert left < total / 2 if is_posting else left == 0


def test_letterhead_and_trailer_facts_are_in_fields() -> None:
    spec = import_seed("002_0029MP_headed.txt").spec
    assert (spec["title"], spec["class_code"]) == ("Labor Relations Program Assistant", "0029MP")
    assert spec["salary"]["yearly"] == {"min": 72178.0, "max": 98421.0}
    assert (spec["established"], spec["records"][-1]["revised"]) == ("2000-02-11", "2022-11-18")


def test_a_dropped_item_would_be_noticed() -> None:
    """The check itself can fail: remove one duty and the words go missing."""
    result = import_seed("001_5258MP_headed.txt")
    spec = json.loads(json.dumps(result.spec))
    dropped = spec["duties"]["items"].pop(5)
    content = [line for line in spec_lines("001_5258MP_headed.txt", []) if not structural(line, spec)]
    missing = words("\n".join(content)) - words("\n".join(values(spec)))
    assert set(missing) <= set(words(dropped)) and missing

"""Fuzzing the importer and the JSON loader: whatever the input, only specdiff's own errors escape.

A few seconds in the normal suite; longer on demand: SPECDIFF_FUZZ_EXAMPLES=20000 pytest tests/robustness/test_fuzz.py
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from specdiff.errors import SpecdiffError
from specdiff.importer import import_text
from specdiff.validator import validate_spec
from specdiff.load import parse

pytestmark = pytest.mark.category("fuzz")
EXAMPLES = int(os.environ.get("SPECDIFF_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SEED_LINES = (SEEDS / "001_5258MP_headed.txt").read_text(encoding="utf-8").splitlines() + (
    SEEDS / "004_5989VR_posting.txt").read_text(encoding="utf-8").splitlines()
HEADINGS = ["PURPOSE OF JOB CLASS (NATURE OF WORK)", "EXAMPLES OF DUTIES", "EFFECTIVE DATE", "CANCELLATION CLAUSE",
            "BARGAINING UNIT", "SALARY INFORMATION", "CLASS: 1234AB; EST: 2/30/2020; REV: 13/1/2020;", "  \u2022 ",
            "1. ", "AGENCY:", "Recruitment #1-X-1", "Title (1234AB)", "$1-$2 Hourly", "(02)-", "NOTE:"]
line = st.one_of(st.sampled_from(SEED_LINES), st.sampled_from(HEADINGS), st.text(max_size=60))


def importer_survives(text: str) -> None:
    try:
        result = import_text(text, source="fuzz.txt")
    except SpecdiffError as error:
        assert "\n" not in str(error)  # one line
        return
    assert validate_spec(result.spec) == []  # whatever it accepts is a valid spec


@FUZZ
@given(st.lists(line, max_size=40).map("\n".join))
def test_importer_on_shuffled_real_lines(text: str) -> None:
    importer_survives(text)


@FUZZ
@given(st.text(max_size=400))
def test_importer_on_any_text(text: str) -> None:
    importer_survives(text)


@FUZZ
@given(st.one_of(st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
                 st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=10),
                              lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                                          max_size=4)).map(repr)))
def test_json_loader_and_validator(text: str) -> None:
    try:
        value = parse(text, "fuzz.json")
    except SpecdiffError as error:
        assert "\n" not in str(error)
        return
    if isinstance(value, dict):
        validate_spec(value)  # must not raise, whatever the shape

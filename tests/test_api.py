"""The library API re-exported by `specdiff` works without the CLI."""
from __future__ import annotations

import pytest

import specdiff
from conftest import REPO, seed_text


def test_library_round_trip_without_the_cli() -> None:
    result = specdiff.import_text(seed_text("002_0029MP_headed.txt"), source="002")
    assert specdiff.validate_spec(result.spec) == []
    assert "Labor Relations Program Assistant (0029MP)" in specdiff.render_spec(result.spec, "text")
    assert specdiff.load_spec(REPO / "specs" / "0029MP.json")["class_code"] == "0029MP"


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        specdiff.nope  # noqa: B018

"""Round trip: rendering an imported seed gives the seed back (up to whitespace and bullet glyphs)."""
from __future__ import annotations

import re

import pytest

from conftest import SEEDS, import_seed, seed_text
from specdiff.render import render

BULLET_GLYPHS = re.compile(r"^[ \t\u00a0]*[\u2022\u25e6\u25aa\-*][ \t\u00a0]+", re.MULTILINE)


def normalise(text: str) -> str:
    """Only whitespace and bullet glyphs are normalised."""
    return " ".join(BULLET_GLYPHS.sub("", text).split())


@pytest.mark.parametrize("seed", ["000_5681MP_bare.txt", "001_5258MP_headed.txt", "002_0029MP_headed.txt"])
def test_render_text_of_an_imported_spec_is_the_seed(seed: str) -> None:
    rendered = render(import_seed(seed).spec, "text")
    assert normalise(rendered) == normalise(seed_text(seed))


@pytest.mark.parametrize("seed", ["003_5257MP_posting.txt", "004_5989VR_posting.txt"])
def test_render_text_of_an_imported_posting_is_its_spec_part(seed: str) -> None:
    rendered = render(import_seed(seed).spec, "text")
    expected = (SEEDS / seed.replace(".txt", ".spec-part.txt")).read_text(encoding="utf-8")
    assert normalise(rendered) == normalise(expected)


def test_normalise_keeps_words_and_their_order() -> None:
    assert normalise("A\n  \u2022 b;\n- c d") == "A b; c d"
    assert normalise("x - y") == "x - y"
    assert normalise("A b") != normalise("b A")

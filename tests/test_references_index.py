"""Issue 17: references are found without running the introducer regex over every string (only strings
with an anchor word meet it), and the answers are exactly those of the old finder, kept here as the
reference: on the bundled specs, the seed imports, generated catalogs and hostile text."""
from __future__ import annotations

import json
import random
import re
import sys
from typing import Any

import pytest

from conftest import REPO, SEED_FILES, import_seed
from specdiff import references as refs
from specdiff.facts import facts_of
from specdiff.references import ANCHORS, Reference, references

sys.path.insert(0, str(REPO / "bench"))

from generate import Generator  # type: ignore[import-not-found]  # noqa: E402

BUNDLED = sorted((REPO / "specs").glob("*.json"))
INTRODUCING = ["interpreted at the level of", "the target class of", "target class of", "promote to the class of",
               "promoted to the class of", "INTERPRETED AT THE LEVEL OF", "Target Class Of",
               "promoted  to the class of", "interpreted at the level  of", "PROMOTED TO THE CLAſS OF",
               "target claſſ of", "interpreted at the \u212aevel of", "ınterpreted at the level of",
               "the target class\u00a0of", "level of", "class of"]
TITLES = ["Labor Relations Specialist", "Labor Relations Specialist 2", "Labor Relations", "Principal Human Resources "
          "Specialist", "Human Resources Generalist 3", "Agency Labor Relations Specialist", "the Analyst",
          "an Associate", "a Coordinator", "Ærø Fiscal Officer", "Ωmega Officer", "ǅemal Trainee", "lower case title",
          "Revenue Analyst (Trainee)", "Fiscal Officer; Energy Manager", "İstanbul Liaison", "Σ Analyst"]
JOINERS = [", ", " or ", " and ", ", or ", ",and ", "  or  ", "\u00a0or ", ",", " ", " OR ", "; ", ". ", ":", "(", ")"]
PUNCTUATION = ["", ".", ",", ";", ":", "(", ")", "\"", "\u201c", "\u201d", " ", "  ", "\n", "\t", "\u00a0",
               "\u2003", "-"]


def old_references(spec: dict[str, Any]) -> list[Reference]:
    """The finder before issue 17, word for word: the introducer regex over every string."""
    found = []
    for pointer, text in refs._strings(spec):
        for match in refs.INTRODUCERS.finditer(text):
            for part in refs.SEPARATORS.split(match.group("list")):
                title = refs.ARTICLE.sub("", part.strip(" \u00a0"))
                if title and title[0].isupper():
                    found.append(Reference(pointer, title, text))
    return found


def hostile_text(rng: random.Random) -> str:
    """A sentence of introducers, titles (some prefixes of others), joiners and punctuation, shuffled."""
    pieces = [rng.choice(PUNCTUATION)]
    for _ in range(rng.randint(1, 3)):
        pieces += [rng.choice(["NOTE: ", "This replaces ", "", "experience "]), rng.choice(INTRODUCING),
                   rng.choice([" ", "  ", "\u00a0", "\n", ""])]
        for index in range(rng.randint(1, 4)):
            pieces += [rng.choice(JOINERS)] if index else []
            pieces += [rng.choice(PUNCTUATION), rng.choice(TITLES), rng.choice(PUNCTUATION)]
    text = "".join(pieces)
    return text.swapcase() if rng.random() < 0.1 else text


def generated_catalog(size: int, seed: int) -> list[dict[str, Any]]:
    """Specs from the benchmark generator, a third of them naming other classes of the catalog in the text."""
    gen, rng = Generator(seed), random.Random(seed)
    specs = [gen.spec(number) for number in range(1, size + 1)]
    for spec in specs[::3]:
        named = " or ".join(rng.choice(specs)["title"] for _ in range(rng.randint(1, 3)))
        spec["minimum_qualifications"]["notes"] = [f"NOTE: this is interpreted at the level of {named}."]
        spec["duties"]["items"].insert(1, f"may be promoted to the class of {rng.choice(specs)['title']};")
    return specs


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_specs_give_the_old_references(path: Any) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert references(spec) == old_references(spec)


def test_the_bundled_specs_do_name_classes() -> None:
    found = [ref.title for path in BUNDLED for ref in references(json.loads(path.read_text(encoding="utf-8")))]
    assert "Agency Labor Relations Specialist" in found and "Labor Relations Specialist" in found


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_seed_imports_give_the_old_references(seed: str) -> None:
    spec = import_seed(seed).spec
    assert references(spec) == old_references(spec)


def test_generated_catalog_gives_the_old_references_and_facts() -> None:
    specs = generated_catalog(120, seed=17)
    assert sum(len(old_references(spec)) for spec in specs) > 40  # the catalog does name classes
    for spec in specs:
        assert references(spec) == old_references(spec)
        assert facts_of(spec).references == tuple((ref.pointer, ref.title) for ref in old_references(spec))


@pytest.mark.parametrize("seed", range(4))
def test_hostile_strings_give_the_old_references(seed: int) -> None:
    rng = random.Random(seed)
    texts = [hostile_text(rng) for _ in range(150)]
    spec = {"title": "Labor Relations Specialist", "purpose": texts[:50],
            "duties": {"items": texts[50:100], "groups": [{"items": texts[100:]}]},
            "records": [{"cancellation_clause": texts[0]}]}
    old = old_references(spec)
    assert len(old) > 50  # hostile text that names classes, not text the prefilter trivially skips
    assert references(spec) == old
    for text in texts:  # one string at a time, so a miss cannot hide behind another string's match
        assert references({"purpose": [text]}) == old_references({"purpose": [text]})


@pytest.mark.parametrize("text", ["interpreted at the level of Labor Relations Specialist",
                                  "target claſs of Fiscal Officer", "TARGET CLASS OF Fiscal Officer",
                                  "promoted to the class of Ωmega Officer, İstanbul Liaison or Σ Analyst"])
def test_odd_cases_are_found_as_before(text: str) -> None:
    found = references({"purpose": [text]})
    assert found and found == old_references({"purpose": [text]})


def test_strings_without_an_anchor_never_meet_the_regex(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = refs.INTRODUCERS

    class Spy:
        def finditer(self, text: str) -> Any:
            seen.append(text)
            return real.finditer(text)

    monkeypatch.setattr(refs, "INTRODUCERS", Spy())
    spec = {"purpose": ["Reviews grievances.", "interpreted at the level of Fiscal Officer"], "duties": ["x"] * 50}
    assert [ref.title for ref in references(spec)] == ["Fiscal Officer"]
    assert seen == ["interpreted at the level of Fiscal Officer"]
    assert references({"purpose": ["Reviews grievances."] * 50}) == [] and len(seen) == 1


def test_the_anchors_cover_every_code_point_the_regex_matches() -> None:
    """The prefilter lowers the text (and folds long s): every character IGNORECASE lets stand for a letter
    of an anchor must lower to that letter, or the prefilter would skip a string the regex matches."""
    letters = sorted(set("".join(ANCHORS)))
    everything = "".join(chr(point) for point in range(sys.maxunicode + 1) if not 0xD800 <= point <= 0xDFFF)
    for letter in letters:
        matching = re.compile(re.escape(letter), re.IGNORECASE).findall(everything)
        assert all(char.lower().replace("\u017f", "s") == letter for char in matching), (letter, matching)
    for introducer in INTRODUCING:  # and every introducer the regex knows holds an anchor
        match = refs.INTRODUCERS.search(f"{introducer} Fiscal Officer")
        if match:
            assert refs._may_name(match.group()), introducer

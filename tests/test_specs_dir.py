"""specs/ holds the five seed classes, valid, and exactly what importing their seeds gives."""
from __future__ import annotations

import json

import pytest

from conftest import REPO, SEED_FILES, import_seed
from specdiff.render import render
from specdiff.validator import validate_spec
from specdiff.load import load_spec
from specdiff.store import dump_spec

SPECS = REPO / "specs"


def test_specs_dir_holds_the_seed_classes() -> None:
    assert sorted(p.stem for p in SPECS.glob("*.json")) == ["0029MP", "5257MP", "5258MP", "5681MP", "5989VR"]


@pytest.mark.parametrize("seed", [p.name for p in SEED_FILES])
def test_spec_file_is_the_import_of_its_seed(seed: str) -> None:
    spec = import_seed(seed).spec
    on_disk = load_spec(SPECS / f"{spec['class_code']}.json")
    assert validate_spec(on_disk) == []
    assert on_disk["$schema"] == "../schema/job-class.schema.json"
    assert {k: v for k, v in on_disk.items() if k != "$schema"} == spec


@pytest.mark.parametrize("path", sorted(SPECS.glob("*.json")), ids=lambda p: p.name)
def test_spec_files_are_in_canonical_form(path) -> None:  # type: ignore[no-untyped-def]
    text = path.read_text(encoding="utf-8")
    assert dump_spec(json.loads(text)) == text


def test_rendered_spec_reads_like_the_official_document() -> None:
    text = render(load_spec(SPECS / "5258MP.json"), "text")
    lines = text.splitlines()
    assert lines[:5] == ["State of Connecticut Executive Branch", "", "Agency Labor Relations Manager (5258MP)",
                         "", "$47.97-$65.40 Hourly / $3,837.13-$5,231.58 BiWeekly /"]
    assert "  \u2022 Considerable knowledge of" in lines
    assert "    \u2022 counsel employees;" in lines
    assert lines[-1] == "CLASS: 5258MP; EST: 10/25/2019; REV: 4/21/2022;"
    assert lines[lines.index("EFFECTIVE DATE") + 2] == "04/22/2022"
    headings = [line for line in lines if line.isupper() and not line.startswith(("CLASS", "MP"))]
    assert headings[:3] == ["PURPOSE OF JOB CLASS (NATURE OF WORK)", "GUIDELINES FOR JOB CLASS USE",
                            "SUPERVISION RECEIVED"]

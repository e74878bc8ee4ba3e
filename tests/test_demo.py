"""The README's main job: examples/demo.sh builds a repo from bundled revisions and shows the diff."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_demo_shows_a_semantic_diff_of_a_bundled_spec() -> None:
    specdiff = Path(sys.executable).parent / "specdiff"
    result = subprocess.run(["bash", str(REPO / "examples" / "demo.sh"), str(specdiff)], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "5258MP Agency Labor Relations Manager (modified) specs/5258MP.json" in lines
    assert "    ~ [substantive] MP [-65-]{+67+}" in lines
    assert "    + [minor] Coordinates labor relations training for agency managers and supervisors;" in lines
    assert any(line.startswith("    > [minor] moved: Proactively analyzes data") for line in lines)
    assert "  MINIMUM QUALIFICATIONS - GENERAL EXPERIENCE" in lines

"""src/ is mypy --strict clean (the configuration is in pyproject.toml)."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_mypy_strict_passes_on_src() -> None:
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr

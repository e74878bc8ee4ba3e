"""The system Chromium the browser tests drive (through Playwright, which downloads no browser): where it
is, the flags this closed machine needs, and whether a test may run without it (locally: skipped with the
reason; in CI: a failure, since .ci/run installs it)."""
from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def require_chromium() -> str:
    """The Chromium executable; skip (locally) or fail (in CI) when it is not installed."""
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium package")
        pytest.skip("chromium is not installed (apt-get install chromium); CI always runs this test")
    return CHROMIUM

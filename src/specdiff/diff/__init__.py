"""The semantic diff of two specs: specdiff's own Change objects, built on deepdiff and rapidfuzz."""
from __future__ import annotations

from specdiff.diff.engine import diff_specs
from specdiff.diff.model import Change, Segment

__all__ = ["Change", "Segment", "diff_specs"]

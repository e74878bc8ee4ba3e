"""The one JSON envelope of every machine-readable output: `{"version": 1, ...}`, deterministic."""
from __future__ import annotations

from typing import Any

from specdiff.textutil import json_dumps

VERSION = 1


def json_document(**fields: Any) -> str:
    """A versioned JSON document with the given top-level fields, in the order given, and a newline."""
    return json_dumps({"version": VERSION, **fields}) + "\n"

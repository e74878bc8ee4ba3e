"""specdiff: change control for job class specifications kept as JSON in Git.

The library API (typed; see specdiff.api): import a document (`import_text`), render a spec
(`render_spec`), load and validate specs (`load_spec`, `validate_spec`, `validate_files`), diff two
specs (`diff_specs`), compare two revisions of a repository (`compare_revisions`), draft a record
(`draft_record`). Every failure is a `SpecdiffError`.
"""
from __future__ import annotations

import os as _os
import sys as _sys

if _os.path.basename(_sys.argv[0] if _sys.argv else "") in ("specdiff", "git-specdiff"):
    import specdiff.entry  # noqa: F401  the console script: its ^C handler goes in before anything else loads

from typing import TYPE_CHECKING  # noqa: E402

from specdiff.errors import (  # noqa: E402
    ConfigError,
    GitError,
    ImportFailure,
    LoadError,
    NoSpecsError,
    SchemaError,
    SpecdiffError,
    UsageError,
    WriteError,
)

if TYPE_CHECKING:  # what a type checker sees; at run time the API loads on first use (fast start)
    from specdiff.api import (
        compare_revisions,
        diff_specs,
        draft_record,
        import_text,
        load_spec,
        render_spec,
        validate_files,
        validate_spec,
    )
    from specdiff.control.draft import Draft
    from specdiff.diff.model import Change
    from specdiff.diff.model import DiffReport, SpecChange
    from specdiff.importer import ImportResult
    from specdiff.policy import Policy
    from specdiff.validation import ValidationReport

from specdiff.version import __version__  # noqa: E402

_API = ("compare_revisions", "diff_specs", "draft_record", "import_text", "load_spec", "render_spec",
        "validate_files", "validate_spec")
_TYPES = {"Draft": "specdiff.control.draft", "Change": "specdiff.diff.model", "DiffReport": "specdiff.diff.model",
          "SpecChange": "specdiff.diff.model", "ImportResult": "specdiff.importer", "Policy": "specdiff.policy",
          "ValidationReport": "specdiff.validation"}

__all__ = [
    "__version__",
    "compare_revisions", "diff_specs", "draft_record", "import_text", "load_spec", "render_spec", "validate_files",
    "validate_spec",
    "Change", "DiffReport", "Draft", "ImportResult", "Policy", "SpecChange", "ValidationReport",
    "ConfigError", "GitError", "ImportFailure", "LoadError", "NoSpecsError", "SchemaError", "SpecdiffError",
    "UsageError", "WriteError",
]


def __getattr__(name: str) -> object:
    import importlib

    if name in _API:
        return getattr(importlib.import_module("specdiff.api"), name)
    if name in _TYPES:
        return getattr(importlib.import_module(_TYPES[name]), name)
    raise AttributeError(f"module 'specdiff' has no attribute {name!r}")

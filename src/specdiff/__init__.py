"""specdiff: change control for job class specifications kept as JSON in Git.

The public API is small: import a document (`import_text`), render a spec
(`render_spec`), and load or validate spec files (`load_spec`, `validate_spec`).
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "import_text", "render_spec", "load_spec", "validate_spec"]


def __getattr__(name: str) -> object:
    # Lazy re-exports keep `import specdiff` (and `specdiff --help`) fast.
    if name == "import_text":
        from specdiff.importer import import_text

        return import_text
    if name == "render_spec":  # not `render`: that name is the specdiff.render subpackage
        from specdiff.render import render

        return render
    if name == "load_spec":
        from specdiff.load import load_spec

        return load_spec
    if name == "validate_spec":
        from specdiff.schema import validate_spec

        return validate_spec
    raise AttributeError(f"module 'specdiff' has no attribute {name!r}")

"""The third-party parsers behind the converters, imported only when a document needs one: they are the
`formats` extra, so a missing one is a clear ImportFailure saying how to install it, not a traceback."""
from __future__ import annotations

import importlib
from types import ModuleType

from specdiff.errors import ImportFailure

INSTALL = "pip install 'specdiff[formats]'"


def library(module: str, package: str, kind: str, source: str) -> ModuleType:
    """`module` imported; ImportFailure naming `source` when `package` is not installed."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportFailure(f"reading {kind} needs the {package} package, which is not installed; "
                            f"install it with: {INSTALL}", path=source) from None

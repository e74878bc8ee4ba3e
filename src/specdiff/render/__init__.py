"""Render a spec as text, Markdown or HTML; renderers are pure functions of a Document."""
from __future__ import annotations

from typing import Any
from collections.abc import Callable

from specdiff.errors import UsageError
from specdiff.render.document import Document, build_document
from specdiff.render.html import render_html
from specdiff.render.markdown import render_markdown
from specdiff.render.text import render_text

RENDERERS: dict[str, Callable[[Document], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "html": render_html,
}


def render(spec: dict[str, Any], fmt: str = "text") -> str:
    """The spec as a document in the named format."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(RENDERERS)}") from None
    return renderer(build_document(spec))

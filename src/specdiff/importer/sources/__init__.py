"""Documents in any supported format (plain text, Word .docx, HTML, PDF) as the plain text the layout
reader reads: one converter per format, chosen by sniffing the bytes, all writing through `blocks.to_text`
(headings and paragraphs on their own lines, `•` bullets indented by level, blank lines between blocks)."""
from __future__ import annotations

from specdiff.importer.sources.sniff import FORMATS, detect


def document_text(data: bytes, source: str) -> str:
    """The document's text, whatever its format; ImportFailure (or LoadError for bad text) naming `source`."""
    return FORMATS[detect(data, source)](data, source)


__all__ = ["detect", "document_text"]

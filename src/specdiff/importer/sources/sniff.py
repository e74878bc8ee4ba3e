"""Which format a document is, from its bytes (magic numbers and markup), not from its file name."""
from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from specdiff.errors import ImportFailure

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, old Excel
# Markup at the start (after a BOM, blanks and comments): a doctype or one of the page elements.
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE | re.DOTALL)


def _docx(data: bytes, source: str) -> str:
    from specdiff.importer.sources.docx import docx_text

    return docx_text(data, source)


def _html(data: bytes, source: str) -> str:
    from specdiff.importer.sources.html import html_text

    return html_text(data, source)


def _pdf(data: bytes, source: str) -> str:
    from specdiff.importer.sources.pdf import pdf_text

    return pdf_text(data, source)


def _text(data: bytes, source: str) -> str:
    from specdiff.load import decode

    return decode(data, source)


FORMATS: dict[str, Callable[[bytes, str], str]] = {"docx": _docx, "html": _html, "pdf": _pdf, "text": _text}


def _zip_kind(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFailure(f"looks like a Word document (.docx) but the ZIP archive is damaged ({error}); "
                            "open and save it again in Word, or export it as text", path=source) from None
    if "word/document.xml" not in names:
        raise ImportFailure("is a ZIP archive but not a Word document (no word/document.xml); "
                            "give a .docx, .html, .pdf or text file", path=source)
    return "docx"


def detect(data: bytes, source: str) -> str:
    """'docx', 'html', 'pdf' or 'text'; ImportFailure for a damaged archive or a format specdiff cannot read."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, source)
    if data.startswith(OLE_MAGIC):
        raise ImportFailure("is a Word 97-2003 (.doc) or other legacy Office file; save it as .docx "
                            "(File > Save As > Word Document) and import that", path=source)
    if _HTML_START.match(data[:4096]) or (source.lower().endswith((".html", ".htm"))
                                          and data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")):
        return "html"
    return "text"

"""Word, HTML and PDF sources import to the same spec as their text (issue 15, source formats).

Each seed is turned by these tests into a realistic .docx (heading styles, real list numbering), a
JobAps-like HTML page (navigation, script, bold headings, nested lists, entities) and a PDF printed by
headless Chromium from that page (with a running header and page numbers); each must import to exactly
the spec its text imports to. Documents are generated in tmp_path, nothing binary is committed.
"""
from __future__ import annotations

import html
import io
import json
import itertools
import re
import sys
import zipfile
from pathlib import Path

import pytest

from browser import FLAGS, require_chromium
from conftest import SEED_FILES, import_seed, seed_text
from specdiff.api import load_spec, render_spec
from specdiff.errors import ImportFailure
from specdiff.importer import import_text
from specdiff.importer.sources import detect, document_text
from specdiff.importer.sources.pdf import NO_TEXT

REPO = Path(__file__).parent.parent
SEEDS = [p.name for p in SEED_FILES]


# --- the seed's structure: paragraphs (lines kept together) and list items with their level ----------------

def seed_groups(text: str) -> list[list[tuple[int | None, str]]]:
    """Blank-line separated groups; each line (level or None, text), bullets `•` leveled by indentation."""
    groups: list[list[tuple[int | None, str]]] = [[]]
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped:
            groups.append([])
        elif stripped.startswith("\u2022 "):
            groups[-1].append(((len(raw) - len(raw.lstrip()) - 2) // 2, stripped[2:]))
        else:
            groups[-1].append((None, stripped))
    return [group for group in groups if group]


def is_heading(lines: list[tuple[int | None, str]]) -> bool:
    return len(lines) == 1 and lines[0][0] is None and lines[0][1].isupper() and len(lines[0][1]) < 70


# --- .docx ---------------------------------------------------------------------------------------------------

def make_docx(text: str) -> bytes:
    """A Word document: Heading 2 styles, a bold letterhead, lists with real numbering (numPr/ilvl)."""
    import docx
    from docx.oxml.ns import qn

    document = docx.Document()
    num_id = document.styles["List Bullet"].element.pPr.find(qn("w:numPr")).find(qn("w:numId")).get(qn("w:val"))
    for index, group in enumerate(seed_groups(text)):
        if is_heading(group):
            document.add_heading(group[0][1], level=2)
            continue
        paragraph = None
        for level, line in group:
            if level is not None:
                item = document.add_paragraph(line, style="List Bullet")
                num_pr = item._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = level
                num_pr.get_or_add_numId().val = int(num_id)
                paragraph = None
            elif paragraph is None:
                paragraph = document.add_paragraph()
                paragraph.add_run(line).bold = index == 0
            else:
                run = paragraph.add_run()
                run.add_break()
                run.add_text(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- .html (JobAps-like) --------------------------------------------------------------------------------------

def _list_html(items: list[tuple[int, str]]) -> str:
    out, depth = [], -1
    for level, line in items:
        while depth < level:
            out.append("<ul>")
            depth += 1
        while depth > level:
            out.append("</li></ul>")
            depth -= 1
        if out[-1] != "<ul>":
            out.append("</li>")
        out.append(f"<li>{esc(line)}")
    while depth >= 0:
        out.append("</li></ul>")
        depth -= 1
    return "\n".join(out)


def esc(text: str) -> str:
    """Escaped, with every non-ASCII character as a numeric entity (the parser must decode them)."""
    return html.escape(text).encode("ascii", "xmlcharrefreplace").decode("ascii")


def make_html(text: str) -> str:
    """A JobAps page as a browser saves it: doctype, scripts, navigation, bold headings, nested lists."""
    body: list[str] = []
    for group in seed_groups(text):
        if is_heading(group):
            body.append(f"<p><strong>{esc(group[0][1])}</strong></p>")
            continue
        for is_item, run in itertools.groupby(group, key=lambda entry: entry[0] is not None):
            entries = list(run)
            if is_item:
                body.append(_list_html([(int(level or 0), line) for level, line in entries]))
            else:
                body.append("<p>" + "<br>\n".join(esc(line) for _, line in entries) + "</p>")
    return ("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>"
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"><title>Job Spec</title>"
            "<style>body{font-family:serif;font-size:12pt} p{margin:0 0 10pt} @media print{nav{display:none}}</style>"
            "<script>var jobs = {nav: '<p>NOT TEXT</p>'};</script></head><body>"
            "<nav><a href=\"/\">Home</a> | <a href=\"/jobs\">Search Jobs</a></nav>"
            "<table class=\"layout\"><tr><td>\n" + "\n".join(body) + "\n</td></tr></table></body></html>\n")


# --- .pdf: printed by headless Chromium -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def chromium_browser():  # type: ignore[no-untyped-def]
    chromium = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        yield browser
        browser.close()


def print_pdf(browser, page_html: str) -> bytes:  # type: ignore[no-untyped-def]
    """The page printed to PDF with a running header and `Page N of M` footers, as a browser prints."""
    page = browser.new_page()
    page.route("**/*", lambda route: route.abort())  # nothing leaves the page
    page.set_content(page_html)
    data = page.pdf(format="Letter", display_header_footer=True,
                    header_template='<div style="font-size:8px;margin-left:1cm">State of Connecticut '
                                    '&mdash; Job Class Specification</div>',
                    footer_template='<div style="font-size:8px;margin-left:1cm">Page <span class="pageNumber">'
                                    '</span> of <span class="totalPages"></span></div>',
                    margin={"top": "1in", "bottom": "1in", "left": "0.75in", "right": "0.75in"})
    page.close()
    return bytes(data)


# --- the same spec, whatever the format -----------------------------------------------------------------------

def imported(data: bytes, name: str) -> dict[str, object]:
    return import_text(document_text(data, name), source=name).spec


@pytest.mark.parametrize("seed", SEEDS)
def test_docx_imports_to_the_same_spec_as_its_text(seed: str) -> None:
    data = make_docx(seed_text(seed))
    assert detect(data, "x.docx") == "docx"
    assert imported(data, seed.replace(".txt", ".docx")) == import_seed(seed).spec


@pytest.mark.parametrize("seed", SEEDS)
def test_jobaps_html_imports_to_the_same_spec_as_its_text(seed: str) -> None:
    data = make_html(seed_text(seed)).encode("utf-8")
    assert detect(data, "x.html") == "html"
    assert imported(data, seed.replace(".txt", ".html")) == import_seed(seed).spec


@pytest.mark.browser
@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_printed_by_chromium_imports_to_the_same_spec_as_its_text(seed: str, chromium_browser) -> None:  # type: ignore[no-untyped-def]
    data = print_pdf(chromium_browser, make_html(seed_text(seed)))
    assert detect(data, "x.pdf") == "pdf"
    text = document_text(data, seed.replace(".txt", ".pdf"))
    assert "Page 1 of" not in text and "Job Class Specification" not in text  # running lines removed
    assert no_nbsp(import_text(text, source=seed).spec) == no_nbsp(import_seed(seed).spec)


def no_nbsp(value: object) -> object:
    """The spec with no-break spaces as plain spaces: a PDF text layer has none (Chromium prints U+00A0 as
    a space glyph), the one difference a PDF cannot carry."""
    if isinstance(value, str):
        return re.sub(r"[ \u00a0]+", " ", value)
    if isinstance(value, list):
        return [no_nbsp(item) for item in value]
    if isinstance(value, dict):
        return {key: no_nbsp(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("spec_file", sorted((REPO / "specs").glob("*.json")), ids=lambda p: p.stem)
def test_specdiffs_own_html_reimports_to_the_same_spec(spec_file: Path) -> None:
    spec = load_spec(spec_file)
    page = render_spec(spec, "html").encode("utf-8")
    expected = {key: value for key, value in spec.items() if key != "$schema"}
    assert imported(page, f"{spec_file.stem}.html") == expected


# --- detection by content, and one clear line for what cannot be read -----------------------------------------

def test_a_docx_named_txt_is_detected_by_content_and_imports(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "5258MP.txt"
    document.write_bytes(make_docx(seed_text("001_5258MP_headed.txt")))
    run = cli("import", str(document), "--out-dir", str(tmp_path / "specs"))
    assert run.code == 0, run.err
    written = json.loads((tmp_path / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    assert written["duties"] == import_seed("001_5258MP_headed.txt").spec["duties"]


def test_cli_imports_a_docx_end_to_end(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "0029MP.docx"
    document.write_bytes(make_docx(seed_text("002_0029MP_headed.txt")))
    run = cli("import", str(document), "--out-dir", str(tmp_path / "specs"))
    assert run.code == 0, run.err
    written = json.loads((tmp_path / "specs" / "0029MP.json").read_text(encoding="utf-8"))
    expected = import_seed("002_0029MP_headed.txt").spec
    assert {key: value for key, value in written.items() if key not in {"$schema", "baseline"}} == expected
    assert cli("validate", str(tmp_path / "specs" / "0029MP.json")).code == 0


def test_a_corrupt_docx_is_one_clear_line_and_nothing_is_written(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    document = tmp_path / "broken.docx"
    document.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    run = cli("import", str(document), "--out-dir", str(tmp_path / "specs"))
    assert run.code == 2
    assert run.err.count("\n") == 1 and "Traceback" not in run.err
    assert f"{document}: looks like a Word document (.docx) but the ZIP archive is damaged" in run.err
    assert not (tmp_path / "specs").exists() or not any((tmp_path / "specs").iterdir())


def test_a_zip_that_is_not_a_word_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(ImportFailure, match=r"not a Word document \(no word/document.xml\)"):
        document_text(buffer.getvalue(), "spec.odt")


def test_a_word_97_doc_is_refused_with_what_to_do() -> None:
    with pytest.raises(ImportFailure, match=r"save it as \.docx"):
        document_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old.doc")


def minimal_pdf(content: bytes, resources: bytes = b"<< >>", extra: list[bytes] | None = None) -> bytes:
    """A valid one-page PDF, cross-reference table and all, drawing `content`."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources " + resources + b" >>",
               b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream", *(extra or [])]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_scanned_pdf_without_a_text_layer_says_run_ocr(tmp_path: Path, cli) -> None:  # type: ignore[no-untyped-def]
    scan = minimal_pdf(b"q 500 0 0 700 50 50 cm /Im1 Do Q", b"<< /XObject << /Im1 5 0 R >> >>",
                       [b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"])
    document = tmp_path / "scan.pdf"
    document.write_bytes(scan)
    run = cli("import", str(document), "--out-dir", str(tmp_path / "specs"))
    assert run.code == 2
    assert run.err.strip() == f"specdiff: error: {document}: {NO_TEXT}"
    assert NO_TEXT == "no text layer (a scanned image?); run OCR first, then import the text"


def test_a_pdf_with_a_text_layer_is_read(tmp_path: Path) -> None:
    text = minimal_pdf(b"BT /F1 12 Tf 72 700 Td (EXAMPLES OF DUTIES) Tj ET",
                       b"<< /Font << /F1 5 0 R >> >>", [b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"])
    assert document_text(text, "x.pdf") == "EXAMPLES OF DUTIES\n"


def test_a_damaged_pdf_is_one_clear_line() -> None:
    with pytest.raises(ImportFailure, match=r"^broken\.pdf: not a readable PDF .*; export it again"):
        document_text(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n",
                      "broken.pdf")
    with pytest.raises(ImportFailure, match=r"^garbage\.pdf: not a readable PDF .*; export it again"):
        document_text(b"%PDF-1.4\n" + bytes(range(256)) * 8, "garbage.pdf")


@pytest.mark.parametrize(("data", "kind"), [
    (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    (b"\xef\xbb\xbf  <!-- saved from url=(0040)https://example.org --> <html><p>x", "html"),
    (b"<p>PURPOSE</p>", "text"),  # markup without a page around it is text, unless the name says .html
    (b"PURPOSE OF JOB CLASS\n", "text"),
    (b"%PDF-1.7\n", "pdf"),
])
def test_detection_reads_the_content(data: bytes, kind: str) -> None:
    assert detect(data, "document.txt") == kind


def test_an_html_extension_with_markup_is_html() -> None:
    assert detect(b"<p>PURPOSE</p>", "page.htm") == "html"


# --- what each converter writes -------------------------------------------------------------------------------

JOBAPS_PAGE = """<!DOCTYPE html><html><head><title>Job</title><style>b { color: red }</style>
<script>document.write("<p>SCRIPT TEXT</p>")</script></head><body>
<nav>Home &gt; Jobs</nav><!-- a comment -->
<p><b>State of Connecticut</b></p><p>Analyst&nbsp;2 (1234XX)<br>$1.00 Hourly /<br>$2.00 Yearly</p>
<h2>EXAMPLES OF DUTIES</h2>
<ul><li>Plans &amp; organizes;</li><li>Knowledge of<ul><li>policy;</li><li>law;</li></ul></li><li>Other.</li></ul>
<ol><li>First step.</li><li>Second step.</li></ol>
<table><tr><th>Hourly</th><td>$1.00</td></tr><tr><td><p>Cell one.</p><p>Cell two.</p></td></tr></table>
<p>L&#8217;Enfant&nbsp;Plaza caf&eacute;</p></body></html>"""

JOBAPS_TEXT = """State of Connecticut

Analyst\u00a02 (1234XX)
$1.00 Hourly /
$2.00 Yearly

EXAMPLES OF DUTIES

  \u2022 Plans & organizes;
  \u2022 Knowledge of
    \u2022 policy;
    \u2022 law;
  \u2022 Other.
  1. First step.
  2. Second step.

Hourly $1.00

Cell one.

Cell two.

L\u2019Enfant\u00a0Plaza caf\u00e9
"""


def test_html_blocks_lists_tables_entities_and_no_script_style_or_nav() -> None:
    assert document_text(JOBAPS_PAGE.encode("utf-8"), "page.html") == JOBAPS_TEXT


def test_html_in_a_legacy_charset_is_decoded_by_its_meta() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>caf\u00e9 \u2019</p></body></html>'
    assert document_text(page.encode("cp1252"), "page.html") == "caf\u00e9 \u2019\n"


def test_docx_numbered_lists_styles_and_tables() -> None:
    import docx

    document = docx.Document()
    document.add_heading("Examples of Duties", level=1)
    document.add_paragraph("Plans work;", style="List Bullet")
    document.add_paragraph("reviews it;", style="List Bullet 2")
    document.add_paragraph("Step one.", style="List Number")
    document.add_paragraph("Step two.", style="List Number")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Assignment", "Min", "Max"), ("Trade", "$30.00", "$40.00")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = document.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Merged once"
    buffer = io.BytesIO()
    document.save(buffer)
    assert document_text(buffer.getvalue(), "spec.docx") == (
        "Examples of Duties\n\n  \u2022 Plans work;\n    \u2022 reviews it;\n  1. Step one.\n  2. Step two.\n\n"
        "Assignment Min Max\n\nTrade $30.00 $40.00\n\nMerged once\n")


HYPHENATED_PAGE = """<html><body style="font: 12pt serif; width: 9em"><p>MANAGEMENT of the program.</p>
<p>Oversees manage-ment of a full-time staff and the develop&shy;ment of training.</p>
<p>Supervises the full-time staff.</p></body></html>"""


@pytest.mark.browser
def test_pdf_joins_wrapped_lines_and_hyphenation_but_keeps_compound_words(chromium_browser) -> None:  # type: ignore[no-untyped-def]
    # Chromium breaks these lines as "Oversees manage-|ment", "and the develop‐|ment" (a soft hyphen taken)
    # and "Supervises the full-|time staff.": the first two rejoin as words, the compound keeps its hyphen.
    data = print_pdf(chromium_browser, HYPHENATED_PAGE)
    assert document_text(data, "narrow.pdf") == (
        "MANAGEMENT of the program.\n\nOversees management of a full-time staff and the development of training."
        "\n\nSupervises the full-time staff.\n")


@pytest.mark.parametrize(("module", "data", "package"), [
    ("docx", None, "python-docx"), ("lxml.html", b"<html><p>x</p></html>", "lxml"), ("pdfplumber", None, "pdfplumber")])
def test_a_missing_parser_says_how_to_install_it(module: str, data: bytes | None, package: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    documents = {"docx": make_docx("PURPOSE\n"), "pdfplumber": minimal_pdf(b"")}
    monkeypatch.setitem(sys.modules, module, None)  # what an install without the `formats` extra looks like
    with pytest.raises(ImportFailure, match=rf"needs the {package} package, .*pip install 'specdiff\[formats\]'"):
        document_text(data or documents[module], "document")


def test_a_docx_with_broken_xml_inside_is_one_clear_line() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx("PURPOSE\n"))) as good, zipfile.ZipFile(buffer, "w") as bad:
        for name in good.namelist():
            bad.writestr(name, b"<w:document><unclosed" if name == "word/document.xml" else good.read(name))
    with pytest.raises(ImportFailure, match=r"^spec\.docx: not a readable Word document \(\.docx\): .*; open and save"):
        document_text(buffer.getvalue(), "spec.docx")


def test_deeply_nested_html_keeps_its_text_or_says_it_is_too_deep() -> None:
    page = "<html><body>" + "<div>" * 300 + "PURPOSE" + "</div>" * 300 + "</body></html>"
    assert document_text(page.encode(), "deep.html") == "PURPOSE\n"  # below libxml2's default depth limit too
    with pytest.raises(ImportFailure, match=r"nests its elements hundreds of levels deep"):
        document_text(("<html><body>" + "<div>" * 5000 + "x").encode(), "deeper.html")

"""The commission packet (issue 16, point 2): `specdiff packet BASE [HEAD] --output FILE.(pdf|docx|html)` on a
branch that revises one class, adds one, retires one and makes an editorial-only change to a fourth."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gitrepo import SpecRepo
from htmlpage import Page

ROLES = 'approvals_required = ["HR Director", "Labor Relations"]\n'
HOSTILE = "<img src=x onerror=alert(1)> </td></tr></table><script>alert(2)</script> & \u202e \x1b[31m red"
RETIREMENT = "abolished effective 01/01/2027; replaced by the class of Agency Labor Relations Manager (5258MP)"


@pytest.fixture
def batch(cli, make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    """main: 5258MP, 0029MP and 5257MP, and a policy requiring two roles; the branch: 5258MP revised with
    its record (signed by the HR Director), 7001MP new with its record, 0029MP retired (replaced by 5258MP),
    5257MP changed editorially only."""
    repo: SpecRepo = make_repo("5258MP", "0029MP", "5257MP")
    (repo.root / "specdiff.toml").write_text(ROLES, encoding="utf-8")
    repo.commit("require approvals")
    repo.git("checkout", "-q", "-b", "batch")
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    spec["duties"]["items"][0] = spec["duties"]["items"][0].replace("labor relations", "employee relations", 1)
    repo.write(spec)
    assert cli("draft", "5258MP", "--effective", "07/05/2026", "--final", "26-001", "--write").code == 0
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Dana Whitfield", "--date", "07/01/2026").code == 0
    new = repo.spec("0029MP")
    new.update(class_code="7001MP", title="Labor Relations Deputy Chief")
    new["records"] = [{"effective": "2026-07-05", "revised": "2026-07-03", "final_no": "26-001",
                       "cancellation_clause": "New class. Final No. 26-001", "reasons": ["new class"]}]
    repo.write(new)
    assert cli("retire", "0029MP", "--effective", "01/01/2027", "--replaced-by", "5258MP", "--final",
               "26-002").code == 0
    posting = repo.spec("5257MP")
    posting["purpose"][1] = posting["purpose"][1].replace("In a state agency", "In a State agency")
    repo.write(posting)
    repo.commit("the batch")
    return repo


def model() -> Any:
    from specdiff.pr.packet import build_packet
    from specdiff.workspace import opened

    with opened() as ws:
        return build_packet(ws, ws.repository(), "main", "HEAD")


def diff_changes(cli) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    report = cli("diff", "main...HEAD", "--format", "json").json()
    return [change for spec in report["specs"] for change in spec["changes"]]


def test_all_four_classes_are_in_the_packet(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    packet = model()
    status = {c.spec.class_code: c.status for c in packet.classes}
    assert status == {"0029MP": "retired", "5257MP": "revised", "5258MP": "revised", "7001MP": "new"}
    levels = {c.spec.class_code: c.summary.worst for c in packet.classes}
    assert levels["5257MP"] == "editorial" and levels["5258MP"] == "substantive"
    assert dict(packet.batches) == {"26-001": ("5258MP", "7001MP"), "26-002": ("0029MP",)}
    assert dict(packet.effective) == {"2026-07-05": ("5258MP", "7001MP"), "2027-01-01": ("0029MP",)}
    [retired] = [c for c in packet.classes if c.spec.class_code == "0029MP"]
    assert retired.retirement == f"{RETIREMENT}; Final No. 26-002"
    run = cli("packet", "main", "--format", "html")
    assert run.code == 0, run.err
    page = Page(run.out)
    text = " ".join(page.texts)
    for title in ("Labor Relations Deputy Chief", "Agency Labor Relations Manager", "Labor Relations Specialist"):
        assert title in text
    assert "7001MP Labor Relations Deputy Chief: new" in text and "The new class in full:" in text
    duty = "Assists administrators in budget tracking, development and implementation;"
    new_part = run.out[run.out.index("7001MP Labor Relations Deputy Chief: new"):]
    assert duty in new_part[:new_part.index("Approval sheet")]  # the new class's duties, printed in full
    assert f"0029MP: {RETIREMENT}; Final No. 26-002" in text
    assert "Final No(s).: 26-001 (5258MP, 7001MP); 26-002 (0029MP)" in text
    assert "Effective date(s): 07/05/2026 (5258MP, 7001MP); 01/01/2027 (0029MP)" in text
    assert "packet main...HEAD: 4 class(es)" in run.err and "signature(s) awaited" in run.err


def test_changes_are_numbered_without_gaps_and_carry_the_diffs_redline(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    packet = model()
    expected = diff_changes(cli)
    assert [row.number for row in packet.rows] == list(range(1, len(expected) + 1))
    assert len(expected) >= 6
    for row, change in zip(packet.rows, expected, strict=True):
        assert (row.class_code, row.section, row.kind, row.level) == \
            (change["class_code"], change["section"], change["kind"], change["level"])
        assert [{"kind": s.kind, "text": s.text} for s in row.redline] == change["redline"]
    reworded = [row for row in packet.rows if row.redline]
    assert reworded and any(s.kind == "ins" and "employee" in s.text for row in reworded for s in row.redline)
    # the HTML table: one row per change, numbered in order, redline cells as the diff's, blank action cells
    html = cli("packet", "main", "-f", "html").out
    table = html[html.index('<table class="changes">'):]
    table = table[:table.index("</table>")]
    assert [int(n) for n in _cells(table, "change-")] == list(range(1, len(expected) + 1))
    assert table.count('<td class="action"></td>') == len(expected)
    from specdiff.render.packet_html import segments_html

    for row in reworded:
        assert segments_html(row.redline) in table
    # the classes' rows follow one another (class order, then document order)
    spans = [(c.first_row, c.last_row) for c in packet.classes if c.first_row]
    assert [start for start, _ in spans] == [1] + [end + 1 for _, end in spans[:-1]]


def _cells(table: str, prefix: str) -> list[str]:
    import re

    return re.findall(rf'<tr id="{prefix}(\d+)">', table)


def test_the_approval_sheet_lists_required_roles_with_recorded_signatures(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    packet = model()
    sheets = {c.spec.class_code: [(s.role, s.approval.by if s.approval else None) for s in c.signoffs]
              for c in packet.classes}
    assert sheets["5258MP"] == [("HR Director", "Dana Whitfield"), ("Labor Relations", None)]
    assert sheets["7001MP"] == [("HR Director", None), ("Labor Relations", None)]
    assert sheets["5257MP"] == [("HR Director", None), ("Labor Relations", None)]  # no record: blank lines
    html = cli("packet", "main", "-f", "html").out
    sheet = html[html.index("Approval sheet: 5258MP"):]
    sheet = sheet[:sheet.index("</table>")]
    assert "<td>HR Director</td><td>Dana Whitfield</td><td></td><td>07/01/2026</td>" in sheet
    assert "<td>Labor Relations</td><td></td><td></td><td></td>" in sheet
    assert "To approve: the revision (effective 07/05/2026; Final No. 26-001)." in sheet
    assert html.count("Approval sheet: ") == 4


def test_the_policy_is_read_from_the_merge_base(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (batch.root / "specdiff.toml").write_text('approvals_required = ["Commission"]\n', encoding="utf-8")
    batch.commit("the branch tries to change who signs")
    assert [s.role for s in model().classes[0].signoffs] == ["HR Director", "Labor Relations"]


def test_hostile_text_is_escaped_in_html(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = batch.spec("7001MP")
    spec["title"] = f"Chief {HOSTILE}"
    spec["duties"]["items"].append(HOSTILE)
    batch.write(spec)
    batch.commit("hostile")
    run = cli("packet", "main", "-f", "html")
    page = Page(run.out)
    assert "img" not in page.tags and "script" not in page.tags
    assert "&lt;img src=x onerror=alert(1)&gt;" in run.out and "\u202e" not in run.out
    assert run.out.count("<table") == run.out.count("</table>") and "\x1b" not in run.out


def test_hostile_text_makes_valid_docx_and_pdf(cli, batch: SpecRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx
    import pdfplumber

    spec = batch.spec("5258MP")
    spec["duties"]["items"][1] = HOSTILE
    batch.write(spec)
    batch.commit("hostile")
    for name in ("p.docx", "p.pdf"):
        run = cli("packet", "main", "-o", str(tmp_path / name))
        assert run.code == 0 and "Traceback" not in run.err, run.err
    cells = [cell.text for table in docx.Document(str(tmp_path / "p.docx")).tables for row in table.rows
             for cell in row.cells]
    assert any("<img src=x onerror=alert(1)>" in text and "\x1b" not in text for text in cells)
    with pdfplumber.open(str(tmp_path / "p.pdf")) as document:
        assert "<img src=x" in document.pages[1].extract_text()


def test_docx_has_the_numbered_table_tracked_prints_and_titles(cli, batch: SpecRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import docx

    out = tmp_path / "packet.docx"
    run = cli("packet", "main", "--output", str(out))
    assert run.code == 0 and f"wrote {out}" in run.err
    word = docx.Document(str(out))
    rows = len(model().rows)
    changes = next(t for t in word.tables if t.rows[0].cells[0].text == "No.")
    assert [r.cells[0].text for r in changes.rows[1:]] == [str(n) for n in range(1, rows + 1)]
    assert [c.text for c in changes.rows[0].cells] == ["No.", "Class", "Section", "Kind", "Level", "Change", "Action"]
    assert all(r.cells[6].text == "" for r in changes.rows[1:])
    text = "\n".join(p.text for p in word.paragraphs)
    for title in ("Commission packet", "7001MP Labor Relations Deputy Chief: new", "Approval sheet: 5258MP",
                  f"0029MP: {RETIREMENT}; Final No. 26-002"):
        assert title in text
    body = word.element.body.xml
    assert "<w:ins " in body and "<w:del " in body  # the comparative prints carry Word tracked changes
    sheet = next(t for t in word.tables if t.rows[0].cells[0].text == "Role" and "Dana" in t.rows[1].cells[1].text)
    assert [c.text for c in sheet.rows[1].cells] == ["HR Director", "Dana Whitfield", "_" * 20, "07/01/2026"]


def test_pdf_has_the_numbered_rows_and_class_titles(cli, batch: SpecRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import pdfplumber

    out = tmp_path / "packet.pdf"
    assert cli("packet", "main", "-o", str(out)).code == 0
    with pdfplumber.open(str(out)) as document:
        pages = [page.extract_text() or "" for page in document.pages]
    text = "\n".join(pages)
    assert "Table of changes" in pages[1]
    numbers = [line.split()[0] for line in pages[1].splitlines()[2:] if line.split() and line.split()[0].isdigit()]
    assert numbers[:3] == ["1", "2", "3"]
    for title in ("Commission packet", "7001MP Labor Relations Deputy Chief: new", "Approval sheet: 5258MP",
                  "Dana Whitfield", "07/01/2026", "Comparative print"):
        assert title in text
    assert "RETIRED" in text or "abolished effective 01/01/2027" in text


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_the_packet_is_deterministic(cli, batch: SpecRepo, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
    assert cli("packet", "main", "-o", str(first)).code == 0
    assert cli("packet", "main", "-o", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()


@pytest.mark.parametrize("args, needle", [
    (["--output", "packet.txt"], "cannot tell the format from the extension '.txt'"),
    (["--output", "packet.pdf", "--format", "docx"], "names a .pdf file but --format is docx"),
    (["--format", "rtf"], "'rtf' is not one of html, docx, pdf"),
    (["nosuchbranch"], "unknown revision 'nosuchbranch'"),
])
def test_bad_input_is_one_line_and_writes_nothing(cli, batch: SpecRepo, args: list[str], needle: str) -> None:  # type: ignore[no-untyped-def]
    run = cli("packet", "main", *args) if args[0] != "nosuchbranch" else cli("packet", *args, "-f", "html")
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert line.startswith("specdiff: error: ") and needle in line, line
    assert not (batch.root / "packet.txt").exists() and not (batch.root / "packet.pdf").exists()


def test_binary_on_a_stdout_without_a_file_is_refused(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("packet", "main", "--format", "pdf")
    assert run.code == 2 and "give --output FILE" in run.err


def test_open_items_are_listed_and_exit_1(cli, batch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = batch.spec("5257MP")
    spec["salary"] = batch.spec("5258MP")["salary"]  # a substantive change without a record
    batch.write(spec)
    batch.commit("pay for the posting")
    run = cli("packet", "main", "-f", "html")
    assert run.code == 1 and "open item(s), listed on the cover" in run.err
    assert 'class="open"' in run.out and "5257MP: " in run.out[run.out.index('class="open"'):]


def test_an_empty_batch_says_so(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP")
    repo.git("checkout", "-q", "-b", "empty")
    run = cli("packet", "main", "-f", "html")
    assert run.code == 0 and "No class changed in this batch." in run.out
    assert "packet main...HEAD: 0 class(es), 0 numbered change(s)" in run.err



def test_libreoffice_opens_the_packet_docx(cli, batch: SpecRepo, tmp_path: Path, soffice: str) -> None:  # type: ignore[no-untyped-def]
    """The commission gets a Word file LibreOffice (headless) converts: tables, tracked prints and all."""
    import subprocess

    out = tmp_path / "packet.docx"
    assert cli("packet", "main", "--output", str(out)).code == 0
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(out)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "packet.pdf"
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000, done.stdout + done.stderr

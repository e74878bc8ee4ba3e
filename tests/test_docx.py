"""Word output: `render --format docx` and `diff --format docx` (real Word tracked changes).

The .docx is read back as XML (never compared byte for byte with a stored file): paragraph styles,
list levels and texts against golden files in tests/cases/docx/ and against the text renderer; tracked
changes accepted and rejected by transforming the XML as Word would, which must give exactly the new
and the old document. LibreOffice (headless) must convert what specdiff writes: skipped locally when
soffice is missing, failed in CI (CI=true), where .ci/run installs Debian's libreoffice-writer-nogui.
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest

from conftest import REPO
from gitrepo import SpecRepo
from test_diff_cases import CASES as DIFF_CASES
from test_diff_cases import build

from specdiff.render import render
from specdiff.render.document import build_document
from specdiff.render.docx import render_docx

SPECS = sorted((REPO / "specs").glob("*.json"))
GOLDEN = Path(__file__).parent / "cases" / "docx"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TRACKED = ("ins", "del", "moveFrom", "moveTo")
Paragraph = tuple[str, int, str]  # style, list level (-1: not a list item), text


def document_xml(data: bytes) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return ET.fromstring(package.read("word/document.xml"))


def paragraphs(root: ET.Element) -> list[Paragraph]:
    """Each paragraph's style, list level and text (w:t and w:delText alike)."""
    found = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        level = p.find(f"{W}pPr/{W}numPr/{W}ilvl")
        text = "".join(t.text or "" for t in p.iter() if t.tag in (f"{W}t", f"{W}delText"))
        found.append((style.get(f"{W}val", "") if style is not None else "", int(level.get(f"{W}val", "-1"))
                      if level is not None else -1, text))
    return found


def resolve(root: ET.Element, keep: tuple[str, str], drop: tuple[str, str]) -> ET.Element:
    """Every tracked change accepted (keep ins/moveTo, drop del/moveFrom) or rejected (the reverse), as Word
    does: dropped content removed, kept content unwrapped, and a paragraph whose mark is dropped joins the next."""
    body = root.find(f"{W}body")
    assert body is not None
    paras = [p for p in body if p.tag == f"{W}p"]
    joined = {id(p) for p in paras if any(p.find(f"{W}pPr/{W}rPr/{W}{tag}") is not None for tag in drop)}
    for p in paras:
        for child in [c for c in p if c.tag != f"{W}pPr"]:
            name = child.tag.removeprefix(W)
            if name in drop or re.fullmatch(r"move(From|To)Range(Start|End)", name):
                p.remove(child)
            elif name in keep:
                index = list(p).index(child)
                p.remove(child)
                for offset, run in enumerate(child):
                    p.insert(index + offset, run)
        mark = p.find(f"{W}pPr/{W}rPr")
        for child in list(mark if mark is not None else []):
            if child.tag.removeprefix(W) in keep + drop:
                mark.remove(child)  # type: ignore[union-attr]
    for p in paras:
        if id(p) not in joined:
            continue
        children = list(body)
        following = children[children.index(p) + 1]
        if following.tag == f"{W}p":
            for offset, run in enumerate(c for c in p if c.tag != f"{W}pPr"):
                following.insert(1 + offset, run)
        body.remove(p)
    return root


def accepted(data: bytes) -> list[Paragraph]:
    return paragraphs(resolve(document_xml(data), ("ins", "moveTo"), ("del", "moveFrom")))


def rejected(data: bytes) -> list[Paragraph]:
    return paragraphs(resolve(document_xml(data), ("del", "moveFrom"), ("ins", "moveTo")))


def spec_paragraphs(spec: dict[str, Any] | None) -> list[Paragraph]:
    return paragraphs(document_xml(render_docx(build_document(spec)))) if spec is not None else []


def golden_lines(found: list[Paragraph]) -> str:
    return "".join(f"{style}\t{level}\t{text}\n" for style, level, text in found)


# -- render --format docx ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_render_docx_matches_the_golden_layout(path: Path, cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    out = tmp_path / f"{path.stem}.docx"
    run = cli("render", str(path), "--format", "docx", "--output", str(out))
    assert run.code == 0, run.err
    assert run.out == f"wrote {out}\n"
    found = paragraphs(document_xml(out.read_bytes()))
    assert golden_lines(found) == (GOLDEN / f"{path.stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.stem)
def test_render_docx_has_the_words_of_the_text_rendering(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    text_lines = [re.sub(r"^(\u2022 |\d+\. )", "", line.strip()) for line in render(spec, "text").splitlines()]
    words = " ".join(line for line in text_lines if line).split()
    assert " ".join(text for _, _, text in spec_paragraphs(spec)).split() == words


def test_lists_are_real_word_lists_restarting_per_list() -> None:
    spec = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    data = render_docx(build_document(spec))
    root = document_xml(data)
    items = [p for p in root.iter(f"{W}p") if p.find(f"{W}pPr/{W}numPr") is not None]
    assert len(items) > 10
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        numbering = ET.fromstring(package.read("word/numbering.xml"))
    used = {p.find(f"{W}pPr/{W}numPr/{W}numId").get(f"{W}val") for p in items}  # type: ignore[union-attr]
    defined = {n.get(f"{W}numId") for n in numbering.iter(f"{W}num")}
    assert used <= defined and len(used) > 1  # each list its own Word list
    assert all(n.find(f"{W}lvlOverride/{W}startOverride") is not None for n in numbering.iter(f"{W}num"))


def test_nested_items_keep_their_level() -> None:
    spec = json.loads((DIFF_CASES / "nested-ksa" / "after.json").read_text(encoding="utf-8"))
    levels = {level for _, level, _ in spec_paragraphs(spec)}
    assert {0, 1} <= levels


def test_render_docx_is_deterministic_with_fixed_dates() -> None:
    spec = json.loads((REPO / "specs" / "0029MP.json").read_text(encoding="utf-8"))
    first, second = (render_docx(build_document(spec)) for _ in range(2))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode("utf-8")
    assert "2000-01-01T00:00:00Z" in core


def test_binary_output_is_refused_on_a_terminal(tmp_path: Path) -> None:
    import pty

    controller, terminal = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "specdiff", "render", "specs/5258MP.json", "--format", "docx"],
                              cwd=REPO, stdout=terminal, stderr=subprocess.PIPE, text=True, check=False)
    finally:
        os.close(terminal)
        os.close(controller)
    assert done.returncode == 2
    assert done.stderr == ("specdiff: error: --format docx makes a binary file: give --output FILE "
                           "(or redirect stdout to a file)\n")


def test_binary_output_is_refused_on_an_in_memory_stdout(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    run = cli("render", "specs/5258MP.json", "--format", "docx")
    assert run.code == 2
    assert run.out == ""
    assert run.err.count("\n") == 1 and "--output FILE" in run.err and "Traceback" not in run.err


def test_binary_output_goes_to_a_redirected_stdout(tmp_path: Path) -> None:
    out = tmp_path / "piped.docx"
    with out.open("wb") as handle:
        done = subprocess.run([sys.executable, "-m", "specdiff", "render", "specs/5681MP.json", "--format", "docx"],
                              cwd=REPO, stdout=handle, stderr=subprocess.PIPE, check=False)
    assert done.returncode == 0, done.stderr
    spec = json.loads((REPO / "specs" / "5681MP.json").read_text(encoding="utf-8"))
    assert out.read_bytes() == render_docx(build_document(spec))


def test_missing_python_docx_is_one_line_naming_the_extra(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    monkeypatch.setitem(sys.modules, "docx", None)  # import docx now raises ImportError
    out = tmp_path / "x.docx"
    run = cli("render", "specs/5258MP.json", "--format", "docx", "--output", str(out))
    assert run.code == 2
    assert "pip install 'specdiff[formats]'" in run.err and run.err.count("\n") == 1
    assert not out.exists()


# -- diff --format docx: tracked changes ---------------------------------------------------------------


def diff_docx(case: str, root: Path, monkeypatch: pytest.MonkeyPatch, cli: Any) -> bytes:
    repo = build(DIFF_CASES / case, root)
    monkeypatch.chdir(repo.root)
    out = root.parent / f"{case}.docx"
    run = cli("diff", "HEAD~1", "HEAD", "--format", "docx", "--output", str(out))
    assert run.code == 0, run.err
    assert run.err == f"wrote {out}\n"
    return out.read_bytes()


def side(case: str, name: str) -> dict[str, Any] | None:
    path = DIFF_CASES / case / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@pytest.mark.parametrize("case", sorted(p.name for p in DIFF_CASES.iterdir()))
def test_accepting_gives_the_new_document_and_rejecting_the_old(case: str, cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                monkeypatch) -> None:
    data = diff_docx(case, tmp_path / "repo", monkeypatch, cli)
    before, after = side(case, "before"), side(case, "after")
    if before == after:  # a rename without a change: shown as it is, nothing tracked
        assert paragraphs(document_xml(data)) == spec_paragraphs(after)
        return
    assert accepted(data) == spec_paragraphs(after)
    assert rejected(data) == spec_paragraphs(before)
    marks = [e for e in document_xml(data).iter() if e.tag.removeprefix(W) in TRACKED]
    assert marks, "a changed spec shows tracked changes"
    assert {(e.get(f"{W}author"), e.get(f"{W}date")) for e in marks} == {("Analyst", "2024-01-02T10:00:00Z")}


def test_a_moved_duty_is_a_word_move_with_range_markers(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = document_xml(diff_docx("moved-duty", tmp_path / "repo", monkeypatch, cli))
    tags = [e.tag.removeprefix(W) for e in root.iter()]
    for name in ("moveFrom", "moveTo", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        assert name in tags, name
    names = {e.get(f"{W}name") for e in root.iter() if e.tag in (f"{W}moveFromRangeStart", f"{W}moveToRangeStart")}
    assert names == {"move1"}
    assert "del" not in tags and "ins" not in tags  # a pure move: nothing deleted or inserted
    ids = [e.get(f"{W}id") for e in root.iter() if e.tag.removeprefix(W) in (*TRACKED, "moveFromRangeStart",
                                                                              "moveToRangeStart")]
    assert len(ids) == len(set(ids))


def test_a_reworded_duty_is_redlined_word_by_word(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    root = document_xml(diff_docx("reworded-duty", tmp_path / "repo", monkeypatch, cli))
    changed = [p for p in root.iter(f"{W}p") if p.find(f".//{W}ins") is not None]
    assert changed and all(p.find(f"{W}pPr/{W}rPr") is None for p in changed)  # the paragraph itself stays
    assert all(p.find(f"{W}r/{W}t") is not None for p in changed)  # with words kept as they were


def test_diff_docx_is_deterministic_and_dated_by_the_commit(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = build(DIFF_CASES / "reworded-duty", tmp_path / "repo")
    monkeypatch.chdir(repo.root)
    outputs = [tmp_path / "a.docx", tmp_path / "b.docx"]
    for out in outputs:
        assert cli("diff", "HEAD~1", "HEAD", "--format", "docx", "--output", str(out)).code == 0
    assert outputs[0].read_bytes() == outputs[1].read_bytes()
    with zipfile.ZipFile(outputs[0]) as package:
        assert "2024-01-02T10:00:00Z" in package.read("docProps/core.xml").decode("utf-8")


def test_working_tree_changes_are_by_specdiff(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("import")
    spec = repo.spec("5258MP")
    spec["duties"]["items"][0] = "Leads the agency's labor relations program;"
    repo.write(spec)
    monkeypatch.chdir(repo.root)
    out = tmp_path / "wt.docx"
    assert cli("diff", "--format", "docx", "--output", str(out)).code == 0
    marks = [e for e in document_xml(out.read_bytes()).iter() if e.tag.removeprefix(W) in TRACKED]
    assert marks and {e.get(f"{W}author") for e in marks} == {"specdiff"}
    assert accepted(out.read_bytes()) == spec_paragraphs(spec)


def test_no_change_says_so_in_the_document(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("import")
    monkeypatch.chdir(repo.root)
    out = tmp_path / "none.docx"
    assert cli("diff", "--format", "docx", "--output", str(out)).code == 0
    assert [text for _, _, text in paragraphs(document_xml(out.read_bytes()))] == [
        "No spec changed (HEAD \u2192 working tree)."]


# -- LibreOffice opens what specdiff writes --------------------------------------------------------------


def test_libreoffice_converts_the_render_and_the_redline(soffice: str, cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                        monkeypatch) -> None:
    spec = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
    (tmp_path / "render.docx").write_bytes(render_docx(build_document(spec)))
    (tmp_path / "redline.docx").write_bytes(diff_docx("moved-duty", tmp_path / "repo", monkeypatch, cli))
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"),
                           str(tmp_path / "render.docx"), str(tmp_path / "redline.docx")],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    for name in ("render", "redline"):
        pdf = tmp_path / "pdf" / f"{name}.pdf"
        assert pdf.exists(), done.stdout + done.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_summary_docx_tracks_each_class_of_the_branch(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.commit("main")
    old = repo.spec("5258MP")
    repo.git("checkout", "-q", "-b", "pr")
    new = json.loads(json.dumps(old))
    new["duties"]["items"].insert(1, "Leads agency labor relations strategy;")
    new["duties"]["items"][3] = "Interprets and ensures consistent adherence to collective bargaining agreements;"
    repo.write(new)
    repo.commit("Revise 5258MP")
    monkeypatch.chdir(repo.root)
    out = tmp_path / "summary.docx"
    run = cli("summary", "main", "--format", "docx", "--output", str(out))
    assert run.code in (0, 1), run.err  # 1: the revision still lacks its record (the summary's own verdict)
    assert run.err.endswith(f"wrote {out}\n")
    data = out.read_bytes()
    assert accepted(data) == spec_paragraphs(new)
    assert rejected(data) == spec_paragraphs(old)
    marks = [e for e in document_xml(data).iter() if e.tag.removeprefix(W) in TRACKED]
    assert {(e.get(f"{W}author"), e.get(f"{W}date")) for e in marks} == {("Analyst", "2024-01-02T10:00:00Z")}


def test_changed_sections_are_commented_in_the_margin(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    data = diff_docx("reworded-duty", tmp_path / "repo", monkeypatch, cli)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        comments = ET.fromstring(package.read("word/comments.xml"))
    notes = [(c.get(f"{W}author"), c.get(f"{W}date"), "".join(t.text or "" for t in c.iter(f"{W}t")))
             for c in comments.iter(f"{W}comment")]
    assert notes == [("Analyst", "2024-01-02T10:00:00Z", "Examples of Duties: 1 reworded")]
    root = document_xml(data)
    anchored = [p for p in root.iter(f"{W}p") if p.find(f"{W}commentRangeStart") is not None]
    assert ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in anchored] == ["EXAMPLES OF DUTIES"]
    ids = [e.get(f"{W}id") for e in root.iter() if e.tag.removeprefix(W) in (*TRACKED, "commentRangeStart")]
    assert len(ids) == len(set(ids))

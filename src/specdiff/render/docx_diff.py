"""Word output of a diff: each changed spec as the official document with real Word tracked changes.

The old and new documents are laid out as paragraphs (render/docx.py) and aligned paragraph by
paragraph; a paragraph kept with other words carries a word-level redline (w:ins / w:del runs), a
paragraph only on one side is inserted or deleted with its paragraph mark, and a paragraph that left one
place for another is a Word move (w:moveFrom / w:moveTo with their range markers). Accepting every change
gives exactly the new document; rejecting every change gives exactly the old one. Every revision carries
the new side's author and date (the Stamp).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from specdiff.diff.model import Change, DiffReport, SpecChange
from specdiff.diff.oneline import summarize
from specdiff.diff.redline import redline
from specdiff.render.diff_text import nothing_shown
from specdiff.render.document import build_document
from specdiff.render.docx import BODY, HEADING, Line, Para, Stamp, attrs, document_lines, package, plain, run


@dataclass(frozen=True)
class _Step:
    """One paragraph of the redline: kept, paired (reworded), deleted, inserted, moved away or moved here."""

    kind: str  # keep, pair, del, ins, moveFrom, moveTo
    old: Line | None
    new: Line | None
    move: int = 0  # the move's number, shared by its two ends


class _Revisions:
    """Numbers every revision element (w:id must be unique in the document) and stamps it."""

    def __init__(self, stamp: Stamp) -> None:
        self.stamp = stamp
        self.count = 0

    def mark(self, tag: str, **extra: str) -> str:
        self.count += 1
        return f"<w:{tag}{attrs(id=str(self.count), author=self.stamp.author, date=self.stamp.date, **extra)}"


def _key(line: Line) -> tuple[str, int, bool, str]:
    return line.style, line.level, line.numbered, line.text


def _steps(old: list[Line], new: list[Line]) -> list[_Step]:
    """The paragraphs aligned: equal ones kept, a replaced run paired one to one where the style matches."""
    steps: list[_Step] = []
    matcher = SequenceMatcher(None, [_key(x) for x in old], [_key(x) for x in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            steps.extend(_Step("keep", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        gone, came = old[i1:i2], new[j1:j2]
        while gone and came and _key(gone[0])[:3] == _key(came[0])[:3]:
            steps.append(_Step("pair", gone.pop(0), came.pop(0)))
        steps.extend(_Step("del", a, None) for a in gone)
        steps.extend(_Step("ins", None, b) for b in came)
    return _with_moves(steps)


def _with_moves(steps: list[_Step]) -> list[_Step]:
    """A deleted paragraph whose exact twin is inserted elsewhere becomes a move (in reading order)."""
    waiting: dict[tuple[str, int, bool, str], list[int]] = {}
    for index, step in enumerate(steps):
        if step.kind == "ins" and step.new is not None and step.new.text:
            waiting.setdefault(_key(step.new), []).append(index)
    result = list(steps)
    moves = 0
    for index, step in enumerate(steps):
        if step.kind != "del" or step.old is None or not waiting.get(_key(step.old)):
            continue
        target = waiting[_key(step.old)].pop(0)
        moves += 1
        result[index] = _Step("moveFrom", step.old, None, moves)
        result[target] = _Step("moveTo", None, steps[target].new, moves)
    return result


def _same_lists(steps: list[_Step]) -> list[_Step]:
    """Old lines in the Word list of the new list they pair with, so a deleted item numbers with its list."""
    lists = {step.old.list_key: step.new.list_key for step in steps
             if step.old is not None and step.new is not None and step.old.level >= 0}
    return [replace(step, old=replace(step.old, list_key=lists[step.old.list_key]))
            if step.new is None and step.old is not None and step.old.list_key in lists else step for step in steps]


def _redline_runs(old: str, new: str, revisions: _Revisions) -> str:
    """The words of a reworded paragraph; the whole text deleted and inserted when a redline would not
    rebuild both sides exactly (a coarser comparison that normalised anything)."""
    segments = redline(old, new)
    rebuilt_old = "".join(s.text for s in segments if s.kind != "ins")
    rebuilt_new = "".join(s.text for s in segments if s.kind != "del")
    if (rebuilt_old, rebuilt_new) != (old, new):
        segments = ()
    if not segments:
        return _deleted(old, revisions) + _inserted(new, revisions)
    return "".join(_segment(s.kind, s.text, revisions) for s in segments)


def _segment(kind: str, text: str, revisions: _Revisions) -> str:
    if kind == "del":
        return _deleted(text, revisions)
    return _inserted(text, revisions) if kind == "ins" else run(text)


def _deleted(text: str, revisions: _Revisions) -> str:
    return f"{revisions.mark('del')}>{run(text, deleted=True)}</w:del>" if text else ""


def _inserted(text: str, revisions: _Revisions) -> str:
    return f"{revisions.mark('ins')}>{run(text)}</w:ins>" if text else ""


def _moved(step: _Step, revisions: _Revisions) -> Para:
    """One end of a move: the range markers around the moved run, and the paragraph mark moved too."""
    side = step.kind  # moveFrom or moveTo
    line = step.old if side == "moveFrom" else step.new
    assert line is not None
    start = revisions.mark(f"{side}RangeStart", name=f"move{step.move}")
    range_id = str(revisions.count)
    body = f"{revisions.mark(side)}>{run(line.text)}</w:{side}>"
    end = f'<w:{side}RangeEnd w:id="{range_id}"/>'
    return Para(line, f"{start}/>{body}{end}", f"{revisions.mark(side)}/>")


def _para(step: _Step, revisions: _Revisions) -> Para:
    if step.kind == "keep" and step.new is not None:
        return plain(step.new)
    if step.kind == "pair" and step.old is not None and step.new is not None:
        return Para(step.new, _redline_runs(step.old.text, step.new.text, revisions))
    if step.kind == "del" and step.old is not None:
        return Para(step.old, _deleted(step.old.text, revisions), f"{revisions.mark('del')}/>")
    if step.kind == "ins" and step.new is not None:
        return Para(step.new, _inserted(step.new.text, revisions), f"{revisions.mark('ins')}/>")
    return _moved(step, revisions)


def _lines(spec: SpecChange, side: str, number: int) -> list[Line]:
    source = spec.old_spec if side == "old" else spec.new_spec
    return document_lines(build_document(source), f"{number}{side}:") if source is not None else []


def article_paras(spec: SpecChange, number: int, revisions: _Revisions) -> list[Para]:
    """One changed spec as its document with tracked changes; a page break before every spec but the first."""
    steps = _same_lists(_steps(_lines(spec, "old", number), _lines(spec, "new", number)))
    paras = _commented([_para(step, revisions) for step in steps], spec)
    if paras and number > 0:
        first = paras[0]
        paras[0] = Para(first.line, first.content, first.mark, page_break=True)
    return paras


def _commented(paras: list[Para], spec: SpecChange) -> list[Para]:
    """Each section heading with changes under it carries a margin note of what changed (as `diff` says it)."""
    by_section: dict[str, list[Change]] = {}
    for change in spec.changes:
        by_section.setdefault(change.section, []).append(change)
    return [replace(para, comment=summarize(by_section[para.line.text]))
            if para.line.style == HEADING and para.line.text in by_section else para for para in paras]


def render_docx_diff(report: DiffReport, stamp: Stamp | None = None) -> bytes:
    """The report as one .docx: the changed specs in report order, each with Word tracked changes."""
    revisions = _Revisions(stamp or Stamp())
    paras = [para for number, spec in enumerate(report.specs) for para in article_paras(spec, number, revisions)]
    if not paras:
        paras = [plain(Line(BODY, f"{nothing_shown(report)} ({report.old} \u2192 {report.new})."))]
    return package(paras, revisions.stamp, f"specdiff {report.old} \u2192 {report.new}")

"""PDF output of a diff: each changed spec printed as the official document with tracked changes.

The same redline as the HTML output, placed on the document by the same tracker: insertions
underlined (green), deletions struck through (red), a change bar in the left margin beside every
changed paragraph, and a note under each changed section's heading saying what changed. Each spec
starts on a new page.
"""
from __future__ import annotations

from typing import Any

from specdiff.diff.model import DiffReport, Segment, SpecChange
from specdiff.diff.oneline import summarize
from specdiff.diff.values import describe
from specdiff.render import pdf
from specdiff.render.diff_html import _Tracker
from specdiff.render.diff_text import nothing_shown
from specdiff.render.document import Section, build_document

INS, DEL = "#0a6b22", "#a3141b"


def ins(markup: str) -> str:
    """Inserted text: underlined, in green."""
    return f'<font color="{INS}"><u>{markup}</u></font>' if markup else ""


def strike(markup: str) -> str:
    """Deleted text: struck through, in red."""
    return f'<font color="{DEL}"><strike>{markup}</strike></font>' if markup else ""


def note(markup: str) -> str:
    """A small italic remark inside a line, such as (moved)."""
    return f'<font name="{pdf.ITALIC}" size="8" color="#6a4b00">{markup}</font>'


def segments(redline: tuple[Segment, ...]) -> str:
    """A word-level redline as markup; a change of spacing alone is named, not invisible."""
    marks = {"keep": lambda m: m, "del": strike, "ins": ins}
    return "".join(marks[s.kind](pdf.text_markup(_visible(s))) for s in redline)


def _visible(segment: Segment) -> str:
    if segment.kind != "keep" and segment.text and not segment.text.strip():
        return "(space added)" if segment.kind == "ins" else "(space removed)"
    return segment.text


class Placer(_Tracker):
    """The HTML redline's tracker, giving ReportLab markup instead of HTML."""

    def markup(self, text: str, pointer: str) -> str:
        """The text at pointer with its change marked."""
        shown = pdf.text_markup(text)
        if self.whole:
            return ins(shown) if self.status == "added" else strike(shown)
        change = self.at.get(pointer)
        if change is None:
            return shown + self._was(pointer)
        if change.kind == "added":
            return ins(shown)
        if change.kind == "moved":
            return f"{shown} {note('(moved)')}"
        if change.redline:
            return segments(change.redline)
        return f"{strike(pdf.text_markup(describe(change.old)))} {ins(shown)}"

    def _was(self, pointer: str) -> str:
        """' (was: old)' for a field changed inside this block (a coded value's name)."""
        inside = [c for p, c in self.at.items()
                  if pointer and p.startswith(pointer + "/") and "/items/" not in p[len(pointer):]]
        if not inside or any(isinstance(c.new, (dict, list)) for c in inside):
            return ""
        olds = "; ".join(describe(c.old) for c in inside)
        return " " + note(f"(was: {strike(pdf.text_markup(olds))})")

    def inserted_markup(self, text: str, pointer: str) -> str:
        """Markup for a section whose field is new as a whole: everything inserted."""
        return ins(self.markup(text, pointer))


def _section(section: Section, place: Placer) -> list[Any]:
    touched = place.touches(section) if not place.whole else []
    markup = place.inserted_markup if section.pointer and place.inserted(section) else place.markup
    flow = pdf.section_flow(section, markup)
    if touched:
        flow.insert(1 if section.heading else 0, pdf.paragraph(pdf.text_markup(summarize(touched)), "note"))
    gone = place.removed.get(section.heading or "", [])
    flow.extend(pdf.items_flow([(0, "\u2022", strike(pdf.text_markup(describe(c.old)))) for c in gone]))
    return flow


def _removed_sections(sections: tuple[Section, ...], place: Placer) -> list[Any]:
    """Sections that exist only in the old spec: their removed text, under their struck heading."""
    shown = {s.heading for s in sections}
    flow: list[Any] = []
    for heading, changes in place.removed.items():
        if heading in shown:
            continue
        flow.append(pdf.paragraph(strike(pdf.text_markup(heading)), "heading"))
        flow.extend(pdf.paragraph(strike(pdf.text_markup(describe(c.old))), "body") for c in changes)
    return flow


def _header(spec: SpecChange, place: Placer, source: dict[str, Any]) -> list[Any]:
    document = build_document(source)
    title_change = place.at.get("/title")
    title = segments(title_change.redline) if title_change and title_change.redline else None
    flow = pdf.letterhead_flow(document, title)
    where = spec.new_path or spec.old_path or ""
    if spec.status == "renamed":
        where = f"{spec.old_path} -> {spec.new_path}"
    flow.append(pdf.paragraph(pdf.text_markup(f"{spec.status}: {where}"), "note"))
    flow.extend(pdf.paragraph(pdf.text_markup(f"note: {text}"), "note") for text in spec.notes)
    return flow


def spec_flow(spec: SpecChange) -> list[Any]:
    """One changed spec as its document with tracked changes."""
    source = spec.new_spec if spec.new_spec is not None else spec.old_spec
    if source is None:
        return []
    document = build_document(source)
    place = Placer(spec)
    flow = _header(spec, place, source)
    for section in document.sections:
        flow.extend(_section(section, place))
    flow.extend(_removed_sections(document.sections, place))
    if document.trailer:
        flow.append(pdf.paragraph(pdf.text_markup(document.trailer), "trailer"))
    return flow


def render_pdf_diff(report: DiffReport, date: str | None = None) -> bytes:
    """The report as PDF bytes: a legend, then each changed spec on its own page; dated `date` (the new
    side's commit date)."""
    pdf.require()
    from reportlab.platypus import PageBreak

    legend = (f"specdiff {pdf.text_markup(report.old)} -> {pdf.text_markup(report.new)}: {len(report.specs)} "
              f"spec(s) changed. Insertions {ins('underlined')}, deletions {strike('struck through')}, "
              "changed paragraphs marked by a bar in the margin.")
    story = [pdf.paragraph(legend, "body", bar=False)]
    if not report.specs:
        story.append(pdf.paragraph(pdf.text_markup(nothing_shown(report) + "."), "body"))
    for index, spec in enumerate(report.specs):
        if index:
            story.append(PageBreak())
        story.extend(spec_flow(spec))
    meta = pdf.Meta(f"specdiff {report.old} -> {report.new}", "Redline of job class specifications",
                    pdf.digest_of(repr(report)), date)
    return pdf.build(story, meta)

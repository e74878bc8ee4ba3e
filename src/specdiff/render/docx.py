"""Word (.docx): the document as the State prints it, as a Word package.

The Document model becomes a list of `Line`s (one Word paragraph each: letterhead, title, pay header,
headings, paragraphs, list items as real Word lists, the record trailer); `package` turns paragraphs into
the bytes of a .docx. The tracked-changes output (render/docx_diff.py) builds on the same lines, so a
spec and its redline look alike. python-docx (the `formats` extra) is imported only here, when a Word
document is written. Output is deterministic: fixed document properties, fixed zip timestamps.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from specdiff.errors import UsageError
from specdiff.render.document import Document, ItemList, Letterhead, Section, Subheading, item_lines

INSTALL = "pip install 'specdiff[formats]'"
FIXED_DATE = "2000-01-01T00:00:00Z"  # the package date when no commit date is known (never the clock)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# Paragraph styles specdiff adds to Word's default template: (style id, name, base, bold, centred, size).
STYLES = (
    ("Letterhead", "Letterhead", "Normal", False, True, 11),
    ("ClassTitle", "Class Title", "Normal", True, True, 14),
    ("PayHeader", "Pay Header", "Normal", False, True, 11),
    ("Retired", "Retired", "Normal", True, True, 12),
    ("Subheading", "Subheading", "Normal", True, False, 11),
    ("RecordTrailer", "Record Trailer", "Normal", False, False, 10),
)
HEADING = "Heading2"
BODY = "BodyText"
LIST = "ListParagraph"


@dataclass(frozen=True)
class Stamp:
    """Who and when for tracked changes and the package's properties (the commit's author and date)."""

    author: str = "specdiff"
    date: str | None = None  # ISO 8601 in UTC (2026-05-04T10:00:00Z), or None when there is no commit


@dataclass(frozen=True)
class Line:
    """One Word paragraph of a document: its style, its text, and its place in a list (level -1: none)."""

    style: str
    text: str
    level: int = -1
    numbered: bool = False
    list_key: str = ""  # which list the item belongs to: numbering restarts for each list


@dataclass(frozen=True)
class Para:
    """A paragraph ready for the package: its line, its runs as XML, and its paragraph mark's revision."""

    line: Line
    content: str
    mark: str = ""  # e.g. <w:ins .../> when the paragraph itself was inserted
    page_break: bool = False
    comment: str = ""  # a note in the margin (what changed in the section this paragraph heads)


def document_lines(document: Document, key: str = "") -> list[Line]:
    """The paragraphs of a document in reading order; `key` keeps list identities apart across documents."""
    lines = _letterhead(document.letterhead)
    if document.retired:
        lines.append(Line("Retired", f"RETIRED: {document.retired}."))
    for s, section in enumerate(document.sections):
        lines.extend(_section(section, f"{key}{s}."))
    if document.trailer:
        lines.append(Line("RecordTrailer", document.trailer))
    return lines


def _letterhead(head: Letterhead | None) -> list[Line]:
    if head is None:
        return []
    lines = [Line("Letterhead", head.jurisdiction), Line("ClassTitle", head.title_line)]
    return lines + ([Line("PayHeader", " / ".join(head.pay))] if head.pay else [])


def _section(section: Section, key: str) -> list[Line]:
    lines = [Line(HEADING, section.heading)] if section.heading else []
    for b, block in enumerate(section.blocks):
        if isinstance(block, ItemList):
            lines.extend(Line(LIST, text, depth, block.numbered, f"{key}{b}")
                         for depth, _, text in item_lines(block.items, block.numbered))
        else:
            lines.append(Line("Subheading" if isinstance(block, Subheading) else BODY, block.text))
    return lines


_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def run(text: str, deleted: bool = False) -> str:
    """One run of text (w:delText inside a deletion); characters XML cannot hold shown as U+FFFD."""
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{escape(_NOT_XML.sub(chr(0xFFFD), text))}</{tag}></w:r>'


def attrs(**values: str | None) -> str:
    """w:-prefixed XML attributes, values quoted; None left out."""
    return "".join(f" w:{name}={quoteattr(value)}" for name, value in values.items() if value is not None)


def plain(line: Line, page_break: bool = False) -> Para:
    """A paragraph without changes."""
    return Para(line, run(line.text) if line.text else "", "", page_break)


def render_docx(document: Document, stamp: Stamp | None = None) -> bytes:
    """The document as the bytes of a .docx file."""
    return package([plain(line) for line in document_lines(document)], stamp or Stamp(),
                   f"{document.title} ({document.class_code})")


def _paragraph_xml(para: Para, numbers: dict[str, int]) -> str:
    line = para.line
    props = f'<w:pStyle w:val="{line.style}"/>'
    props += "<w:pageBreakBefore/>" if para.page_break else ""
    if line.level >= 0:
        props += f'<w:numPr><w:ilvl w:val="{min(line.level, 8)}"/><w:numId w:val="{numbers[line.list_key]}"/></w:numPr>'
    props += f"<w:rPr>{para.mark}</w:rPr>" if para.mark else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{para.content}</w:p>"


def package(paras: list[Para], stamp: Stamp, title: str) -> bytes:
    """A .docx holding these paragraphs, with specdiff's styles and one Word list per list key."""
    docx = _python_docx()
    from docx.oxml import parse_xml

    word = docx.Document()
    _add_styles(word)
    numbers = _add_numbering(word, paras)
    body = word.element.body
    for child in list(body):
        if child.tag != f"{{{W}}}sectPr":
            body.remove(child)
    fragment = parse_xml(f'<w:body xmlns:w="{W}">' + "".join(_paragraph_xml(p, numbers) for p in paras) + "</w:body>")
    section_properties = body[-1]
    for paragraph in list(fragment):
        section_properties.addprevious(paragraph)
    _add_comments(word, paras, stamp)
    _set_properties(word, stamp, title)
    saved = io.BytesIO()
    word.save(saved)
    return _fixed_zip(saved.getvalue())


def _add_comments(word: Any, paras: list[Para], stamp: Stamp) -> None:
    """Each paragraph's margin note, anchored on its own runs, by the stamp's author and date."""
    from datetime import datetime

    from docx.text.paragraph import Paragraph

    elements = [e for e in word.element.body if e.tag == f"{{{W}}}p"]
    for para, element in zip(paras, elements, strict=True):
        runs = Paragraph(element, word).runs
        if not para.comment or not runs:
            continue
        comment = word.add_comment(runs, text=para.comment, author=stamp.author, initials=_initials(stamp.author))
        if stamp.date:
            comment._comment_elm.date = datetime.fromisoformat(stamp.date.replace("Z", "+00:00"))
    _comment_ids_after_revisions(word)


def _comment_ids_after_revisions(word: Any) -> None:
    """Comments numbered after the tracked changes: every annotation's w:id is unique in the document."""
    key = f"{{{W}}}id"
    comments = {e for e in word.element.body.iter() if e.tag.endswith(("}commentRangeStart", "}commentRangeEnd",
                                                                        "}commentReference"))}
    if not comments:
        return
    offset = 1 + max((int(e.get(key)) for e in word.element.body.iter() if e.get(key) and e not in comments),
                     default=0)
    for element in [*comments, *word.part._comments_part.element]:
        element.set(key, str(int(element.get(key)) + offset))


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isalnum()).upper()


def _python_docx() -> Any:
    try:
        import docx
    except ImportError:
        raise UsageError(f"writing Word documents needs the python-docx package, which is not installed; "
                         f"install it with: {INSTALL}") from None
    return docx


def _add_styles(word: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    for style_id, name, base, bold, centred, size in STYLES:
        style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.element.set(f"{{{W}}}styleId", style_id)
        style.base_style = word.styles[base]
        style.font.bold = bold
        style.font.size = Pt(size)
        if centred:
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


BULLETS = ("\u2022", "\u25e6", "\u25aa")


def _level(level: int, numbered: bool) -> str:
    indent = 720 + 360 * level
    if numbered and level == 0:
        shape = '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
    else:
        shape = f'<w:numFmt w:val="bullet"/><w:lvlText w:val="{BULLETS[level % 3]}"/>'
    return (f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/>{shape}<w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{indent}" w:hanging="360"/></w:pPr></w:lvl>')


def _add_numbering(word: Any, paras: list[Para]) -> dict[str, int]:
    """numId of each list key, in order of appearance; each numbered list restarts at 1."""
    from docx.oxml import parse_xml

    numbering = word.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)  # the template's own lists are not used
    for abstract, numbered in ((1, False), (2, True)):
        levels = "".join(_level(level, numbered) for level in range(9))
        numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{abstract}">'
                                   f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'))
    numbers: dict[str, int] = {}
    for para in paras:
        line = para.line
        if line.level < 0 or line.list_key in numbers:
            continue
        numbers[line.list_key] = number = len(numbers) + 1
        abstract = 2 if line.numbered else 1
        numbering.append(parse_xml(
            f'<w:num xmlns:w="{W}" w:numId="{number}"><w:abstractNumId w:val="{abstract}"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    return numbers


def _set_properties(word: Any, stamp: Stamp, title: str) -> None:
    from datetime import datetime

    when = datetime.fromisoformat((stamp.date or FIXED_DATE).replace("Z", "+00:00")).replace(tzinfo=None)
    core = word.core_properties
    core.title = title
    core.author = core.last_modified_by = stamp.author
    core.created = core.modified = when
    core.revision = 1
    core.comments = ""


def _fixed_zip(data: bytes) -> bytes:
    """The same package with every entry's timestamp fixed, so the same input gives the same bytes."""
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return result.getvalue()

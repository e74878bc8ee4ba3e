"""The letterhead of a spec (jurisdiction, title and code, pay ranges) and of a posting."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from specdiff.importer.lines import Line
from specdiff.textutil import join_lines, title_case

# The spaces before "(CODE)" are tried once, from the start of their run (`(?<!\s)`), not from each space of a
# long run (issue 13); the match is the same.
TITLE_WITH_CODE = re.compile(r"^(?P<title>.+?)(?:(?<!\s)\s+)?\(#?(?P<code>(?=[0-9A-Z]*[0-9])[0-9A-Z]{4,8})"
                             r"(?:,\s*formerly\s+(?P<former>[0-9A-Za-z_-]+(?:,\s*[0-9A-Za-z_-]+)*))?\)$")
RECRUITMENT = re.compile(r"^Recruitment\s*#\s*[0-9]+-(?P<code>[0-9A-Z]+)-[0-9]+$", re.IGNORECASE)
PAY_RANGE = re.compile(
    r"\$\s*(?P<min>[0-9][0-9,]*(?:\.[0-9]+)?)\s*-\s*\$\s*(?P<max>[0-9][0-9,]*(?:\.[0-9]+)?)\s*"
    r"(?P<period>Hourly|Bi-?Weekly|Yearly|Annually|Annual)",
    re.IGNORECASE,
)
# Code lines of other states: "Job Code: 12345", "JOB CODE 630200", "Class Code:  06507".
CODE_LINE = re.compile(r"^(?:Job|Class)\s+Code\s*:?\s*(?P<code>(?=[0-9A-Z]*[0-9])[0-9A-Z]{4,8})$", re.IGNORECASE)
# A table whose header row starts "Job Code" (Pennsylvania): the code is the first cell of the next row.
CODE_HEADER_ROW = re.compile(r"^\|?\s*Job\s+Code\s*(?:\||\s+[A-Z])", re.IGNORECASE)
CODE_CELL = re.compile(r"^\|?\s*(?P<code>(?=[0-9A-Z]*[0-9])[0-9A-Z]{4,8})(?:\s|\||$)")
# "06/01/1964 08220": the date a class was established, then its code (Pennsylvania).
DATED_CODE = re.compile(r"^(?P<date>\d{1,2}/\d{1,2}/\d{4})\s+(?P<code>(?=[0-9A-Z]*[0-9])[0-9A-Z]{4,8})$")
# "POLICE CAPTAIN 76053 D": a title in capitals, then the class code, maybe a one-letter mark (Virginia).
TITLE_CODE_LINE = re.compile(r"^(?P<title>[A-Z][A-Z ,&/'()-]*[A-Z)])\s+(?P<code>\d{5,6})(?:\s+(?P<mark>[A-Z]))?$")
# The classes of a series page: a California table row "VQ85 8746 Manager I, ..." (scheme code, class code,
# title) and a New York "ENVIRONMENTAL ANALYST 1, GRADE 18" line with the code on the next line.
SERIES_ROW = re.compile(r"^(?P<schem>[A-Z]{2}\d{2})\s+(?P<code>\d{4,6})\s+(?P<title>[A-Z]\S.*)$")
GRADED_TITLE = re.compile(r"^(?P<title>[A-Z][A-Z0-9 ,&/'()-]*?),\s*GRADE\s+(?P<grade>[A-Z0-9-]+)$")
CODE_ALONE = re.compile(r"^(?P<code>\d{5,8})$")
JURISDICTION_LINE = re.compile(r"^(?:State|Commonwealth)\s+of\b|\bDepartment\b", re.IGNORECASE)
_SMALL_WORDS = frozenset({"a", "an", "and", "of", "the", "for", "in", "to", "on", "&", "-"})
EMPTY_PAY = re.compile(r"(?:-\s*(?:Hourly|Bi-?Weekly|Monthly|Yearly)\s*/?\s*)+", re.IGNORECASE)
PAGE_TITLE = re.compile(r"\b(?:job|class)\s+specifications?\b|\bskip to\b", re.IGNORECASE)
_PERIODS = {"hourly": "hourly", "biweekly": "biweekly", "bi-weekly": "biweekly",
            "yearly": "yearly", "annually": "yearly", "annual": "yearly"}


@dataclass(frozen=True)
class SeriesClass:
    """One class a series page lists (several classes on one page)."""

    title: str
    code: str


@dataclass
class Letterhead:
    """What the lines before the first section say about the class."""

    jurisdiction: str | None = None
    title: str | None = None
    class_code: str | None = None
    former_codes: list[str] = field(default_factory=list)
    established: str | None = None  # as written, from a "date code" line
    pay: dict[str, dict[str, float]] = field(default_factory=dict)
    is_posting: bool = False
    series: list[SeriesClass] = field(default_factory=list)  # two or more: the page describes several classes
    used: set[int] = field(default_factory=set)  # line numbers placed in the spec


def _amount(text: str) -> float:
    return float(Decimal(text.replace(",", "")))


def pay_ranges(text: str) -> dict[str, dict[str, float]]:
    """Hourly/biweekly/yearly ranges found in a header line."""
    return {
        _PERIODS[m.group("period").lower()]: {"min": _amount(m.group("min")), "max": _amount(m.group("max"))}
        for m in PAY_RANGE.finditer(text)
    }


def read_letterhead(preamble: list[Line]) -> Letterhead:
    """Find jurisdiction, title, class code and pay ranges in the preamble."""
    lines = [line for line in preamble if not line.is_blank]
    head = Letterhead(is_posting=any(RECRUITMENT.match(line.text) for line in lines) or
                      bool(lines and lines[0].text.upper().endswith(" JOBS")))
    _read_pay(head, lines)
    rest = [line for line in lines if line.number not in head.used]
    if head.is_posting:
        for line in rest:
            _read_posting_line(head, line)
    else:
        _read_spec_letterhead(head, rest)
        if head.class_code is None:
            _read_code_lines(head, rest)
        if head.title is None:
            _read_title_line(head, rest)
    return head


def read_series(lines: list[Line]) -> list[SeriesClass]:
    """The classes a series page lists: 'Title (#CODE)' lines, a scheme/class code table, 'TITLE, GRADE N'
    lines each followed by its code. Fewer than two: not a series."""
    found: list[SeriesClass] = []
    for index, line in enumerate(lines):
        titled = TITLE_WITH_CODE.match(line.text) or SERIES_ROW.match(line.text)
        graded = GRADED_TITLE.match(line.text)
        after = lines[index + 1] if index + 1 < len(lines) else None
        if titled:
            found.append(SeriesClass(titled.group("title").strip(), titled.group("code")))
        elif graded and after is not None and (alone := CODE_ALONE.match(after.text)):
            found.append(SeriesClass(graded.group("title").strip(), alone.group("code")))
    return found if len(found) >= 2 else []


def _read_pay(head: Letterhead, lines: list[Line]) -> None:
    pay_lines = [line for line in lines if PAY_RANGE.search(line.text) or
                 (line.text.startswith("$") and line.text.endswith("/")) or _is_empty_pay(line)]
    if pay_lines:
        head.pay = pay_ranges(join_lines([line.text for line in pay_lines]))
        head.used.update(line.number for line in pay_lines)


def _is_empty_pay(line: Line) -> bool:
    """'- Hourly / - BiWeekly /': periods the header names without a figure (Maryland)."""
    return bool(EMPTY_PAY.fullmatch(f"{line.marker} {line.text}".strip()))


def _read_spec_letterhead(head: Letterhead, lines: list[Line]) -> None:
    """'Title (CODE)', and the jurisdiction line just above it; other lines stay unused.

    A series page (several classes) is read as the spec of its first class; its lines all stay unused, so the
    whole list of classes is kept (under other_sections), and the spec builder says so."""
    head.series = read_series(lines)
    if head.series:
        head.title, head.class_code = head.series[0].title, head.series[0].code
        return
    for index, line in enumerate(lines):
        match = TITLE_WITH_CODE.match(line.text)
        if match:
            head.title, head.class_code = match.group("title"), match.group("code")
            head.former_codes = re.split(r",\s*", match.group("former")) if match.group("former") else []
            head.used.add(line.number)
            if index > 0:
                head.jurisdiction = lines[index - 1].text
                head.used.add(lines[index - 1].number)
            return


def _read_code_lines(head: Letterhead, lines: list[Line]) -> None:
    """Another state's code line ("Job Code: ...", a "Job Code" table, "date code"); the title is then
    the capitals line right after the code line, when there is one."""
    for index, line in enumerate(lines):
        match = CODE_LINE.match(line.text) or DATED_CODE.match(line.text)
        titled = TITLE_CODE_LINE.match(line.text)
        if titled and index == 0 and not match:  # Virginia: "POLICE CAPTAIN 76053 D", the first line
            # the line is kept as written (under other_sections): the letter after the code has no field,
            # and the rendered spec prints no title line of its own, so it imports again to the same spec
            head.title, head.class_code = titled.group("title"), titled.group("code")
            return
        if match:
            head.class_code = match.group("code")
            head.used.add(line.number)
            head.established = match.groupdict().get("date")
        elif CODE_HEADER_ROW.match(line.text):  # the table stays where it is, under other_sections
            head.class_code = _first_cell(lines[index + 1:])
        if head.class_code:
            _read_bare_title(head, lines[index + 1:])
            if head.title is None and index > 0 and _is_title_before_code(lines[index - 1].text):
                head.title = lines[index - 1].text  # Vermont: the title, then "Job Code 630200"
                head.used.add(lines[index - 1].number)
            return


def _read_title_line(head: Letterhead, lines: list[Line]) -> None:
    """The first line before the first heading, when it reads as a title (capitals or title case, a few
    words, no sentence): 'Correctional Administrator (Level 2)' (Missouri). A guess, so the line itself is
    also kept as written (under other_sections): --title can replace the guess without losing it."""
    first = next((line for line in lines if line.number not in head.used), None)
    if first is not None and first is lines[0] and _is_title_line(first.text):
        head.title = first.text


def _is_title_line(text: str) -> bool:
    words = [word.strip("()[],") for word in text.split()]
    if not 2 <= len(words) <= 10 or len(text) > 80 or text.endswith((".", ":", ";", ",")):
        return False
    if any(ch in text for ch in "|$") or PAGE_TITLE.search(text) or JURISDICTION_LINE.search(text):
        return False
    return all(word[:1].isupper() or word[:1].isdigit() or word.lower() in _SMALL_WORDS for word in words if word)


def _first_cell(rows: list[Line]) -> str | None:
    cells = next((CODE_CELL.match(row.text) for row in rows if CODE_CELL.match(row.text)), None)
    return cells.group("code") if cells else None


def _read_bare_title(head: Letterhead, after: list[Line]) -> None:
    """A title line in capitals (SPECIAL INVESTIGATOR 3) among the lines after the code line."""
    for line in after:
        dated = DATED_CODE.match(line.text)
        if dated and dated.group("code") == head.class_code:
            head.established = dated.group("date")
            head.used.add(line.number)
        elif _is_bare_title(line.text):
            head.title = line.text
            head.used.add(line.number)
            return


def _is_title_before_code(text: str) -> bool:
    """'Motor Vehicle Branch Operations Manager' above 'Job Code 630200' (not a page title)."""
    return (len(text) <= 80 and not PAGE_TITLE.search(text) and not any(ch in text for ch in ".:|")
            and not any(ch.isdigit() for ch in text) and len(text.split()) >= 2)


def _is_bare_title(text: str) -> bool:
    return (len(text) <= 80 and "|" not in text and text.upper() == text and not text.endswith((".", ":"))
            and sum(ch.isalpha() for ch in text) >= 3 and not CODE_CELL.match(text))


def _read_posting_line(head: Letterhead, line: Line) -> None:
    recruitment = RECRUITMENT.match(line.text)
    if recruitment:
        head.class_code = head.class_code or recruitment.group("code")
    elif head.jurisdiction is None:
        head.jurisdiction = title_case(re.sub(r"(?<!\s)\s+JOBS$", "", line.text, flags=re.IGNORECASE))
        head.used.add(line.number)
    elif head.title is None:
        match = TITLE_WITH_CODE.match(line.text)
        head.title = match.group("title") if match else line.text
        head.class_code = match.group("code") if match else head.class_code
        head.used.add(line.number)

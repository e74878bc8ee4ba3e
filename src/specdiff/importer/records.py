"""The revision record of a spec: cancellation clause, effective date and the CLASS/EST/REV trailer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from specdiff.dates import parse_document_date

TRAILER_FIELD = re.compile(r"\b(?P<key>CLASS|EST|REV)\s*:\s*(?P<value>[^;\s]+)\s*;?", re.IGNORECASE)
# What a cancellation clause says is found in linear time, whatever the text (issue 13): each pattern below
# is a literal or a short bounded piece, matched at places found by a single pass, never a `.+?` that
# rescans the rest of the clause from every candidate start.
OPENING = re.compile(r"replaces the existing specification for the class of\s", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_IN, _SALARY, _GROUP, _APPROVED, _EFFECTIVE = (re.compile(word, re.IGNORECASE).fullmatch for word in (
    "in", "Salary", "Group", "approved", "effective"))
CLAUSE_DATE = re.compile(r"[A-Za-z]+\.? \d{1,2}, \d{4}", re.IGNORECASE)
REASONS = re.compile(r"\((?P<text>[^()]*(?:\([^()]*\)[^()]*)*)\)")  # no two ways to match: linear
FINAL = re.compile(r"Final(?:\s*No\.?|\s*#)?\s*(?P<number>[0-9]{2}-[0-9]{3}|[0-9]{1,5})\s*\.?\s*$", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_STRIP = " \u00a0"
ABOLISHED = re.compile(r"\bis abolished effective\b", re.IGNORECASE)
REPLACED_BY = re.compile(r"replaced by the class of ", re.IGNORECASE)
_CODE_IN_PARENS = re.compile(r" \((?P<code>[0-9A-Za-z_-]+)\)")
_REASON_SEPARATOR = re.compile(r",\s*|(?<!\s)\s+and\s+")  # a run of spaces is tried once, from its start


@dataclass(frozen=True)
class Trailer:
    """CLASS: code; EST: date; REV: date; as raw strings with their line numbers."""

    values: dict[str, tuple[str, int]]


def is_trailer_line(text: str) -> bool:
    """A line made only of CLASS:/EST:/REV: fields."""
    return bool(TRAILER_FIELD.search(text)) and not TRAILER_FIELD.sub("", text).strip(" ;\u00a0")


def read_trailer(lines: list[tuple[int, str]]) -> Trailer:
    """Collect the trailer fields from the given (line number, text) pairs."""
    values: dict[str, tuple[str, int]] = {}
    for number, text in lines:
        for match in TRAILER_FIELD.finditer(text):
            values.setdefault(match.group("key").upper(), (match.group("value"), number))
    return Trailer(values)


def parse_clause(clause: str) -> dict[str, Any]:
    """What a cancellation clause says: replaced title, group, date; reasons; Final No.

    "... replaces the existing specification for the class of TITLE in Salary Group GROUP approved
    effective DATE. (Revised to A and B) Final No. 22-007", in time linear in the clause's length.
    """
    facts: dict[str, Any] = {}
    replaced = _replaced(clause)
    if replaced:
        title, group, day = replaced
        facts.update(title=title.strip(_STRIP), salary_group=group.strip(_STRIP),
                     effective=parse_document_date(day).isoformat())
    reasons = REASONS.search(clause)
    if reasons:
        facts.update(_reasons(reasons.group("text")))
    final = FINAL.search(_SPACES.sub(" ", clause))  # one space between words: `\s*` cannot backtrack
    if final:
        facts["final_no"] = final.group("number")
    if ABOLISHED.search(clause):
        facts.update(reasons=["abolish class"], retired=True)
        code = _replacement(clause)
        if code:
            facts["replaced_by"] = code
    return facts


def _replaced(clause: str) -> tuple[str, str, str] | None:
    """(title, salary group, date) of "...class of TITLE in Salary Group GROUP approved effective DATE".

    The shortest title, then the shortest group, that a date follows, as a lazy pattern would find them,
    but by one pass over the words after the first opening phrase (a later one could only find less:
    its words are a part of these). Words are separated by any whitespace, line breaks included.
    """
    opening = OPENING.search(clause)
    if not opening:
        return None
    spans = [match.span() for match in _WORD.finditer(clause, opening.end())]
    words = [clause[start:end] for start, end in spans]
    dates: list[tuple[int, str]] = []  # (index of "approved", the date) of every "approved effective DATE"
    for k in range(len(words) - 2):
        if _APPROVED(words[k]) and _EFFECTIVE(words[k + 1]):
            date = CLAUSE_DATE.match(clause, spans[k + 2][0])
            if date:
                dates.append((k, date.group()))
    if not dates:
        return None
    last = dates[-1][0]
    # "in Salary Group" after at least one word of title, with at least one word of group before a date
    for k in range(1, last - 3):
        if _IN(words[k]) and _SALARY(words[k + 1]) and _GROUP(words[k + 2]):
            j, when = next((j, when) for j, when in dates if j >= k + 4)
            title = clause[spans[0][0]:spans[k - 1][1]]
            group = clause[spans[k + 3][0]:spans[j - 1][1]]
            return title, group, when
    return None


def _replacement(clause: str) -> str | None:
    """The code in "replaced by the class of TITLE (CODE)": the first such code on the line of the phrase."""
    for line in clause.split("\n"):
        phrase = REPLACED_BY.search(line)
        if phrase:
            code = _CODE_IN_PARENS.search(line, phrase.end() + 1)  # the title has at least one character
            if code:
                return code.group("code")
    return None


def _reasons(text: str) -> dict[str, Any]:
    """'Revised to A, B and C' -> reasons [A, B, C]; a § 5-200a review sets reviewed."""
    found: dict[str, Any] = {}
    for sentence in re.split(r"(?<=\.)\s+", text.strip()):
        revised = re.match(r"Revised to\s+(?P<what>.+?)\.?$", sentence, re.IGNORECASE)
        if revised:
            parts = _REASON_SEPARATOR.split(revised.group("what"))
            found["reasons"] = [part.strip(_STRIP) for part in parts if part.strip()]
        elif re.match(r"Reviewed in accordance with", sentence, re.IGNORECASE):
            found["reviewed"] = True
    return found

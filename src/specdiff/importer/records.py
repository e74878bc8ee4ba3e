"""The revision record of a spec: cancellation clause, effective date and the CLASS/EST/REV trailer."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from specdiff.dates import parse_document_date

TRAILER_FIELD = re.compile(r"\b(?P<key>CLASS|EST|REV)\s*:\s*(?P<value>[^;\s]+)\s*;?", re.IGNORECASE)
CLAUSE = re.compile(
    r"replaces the existing specification for the class of\s+(?P<title>.+?)\s+in\s+Salary\s+Group\s+"
    r"(?P<group>.+?)\s+approved\s+effective\s+(?P<date>[A-Za-z]+\.? \d{1,2}, \d{4})",
    re.IGNORECASE,
)
REASONS = re.compile(r"\((?P<text>[^()]*(?:\([^()]*\)[^()]*)*)\)")
FINAL = re.compile(r"Final(?:\s*No\.?|\s*#)?\s*(?P<number>[0-9]{2}-[0-9]{3}|[0-9]{1,5})\s*\.?\s*$", re.IGNORECASE)
_STRIP = " \u00a0"
ABOLISHED = re.compile(r"\bis abolished effective\b", re.IGNORECASE)
REPLACED_BY = re.compile(r"replaced by the class of .+? \((?P<code>[0-9A-Za-z_-]+)\)", re.IGNORECASE)


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
    """What a cancellation clause says: replaced title, group, date; reasons; Final No."""
    facts: dict[str, Any] = {}
    replaced = CLAUSE.search(clause)
    if replaced:
        facts["title"] = replaced.group("title").strip(_STRIP)
        facts["salary_group"] = replaced.group("group").strip(_STRIP)
        facts["effective"] = parse_document_date(replaced.group("date")).isoformat()
    reasons = REASONS.search(clause)
    if reasons:
        facts.update(_reasons(reasons.group("text")))
    final = FINAL.search(clause)
    if final:
        facts["final_no"] = final.group("number")
    if ABOLISHED.search(clause):
        facts.update(reasons=["abolish class"], retired=True)
        replacement = REPLACED_BY.search(clause)
        if replacement:
            facts["replaced_by"] = replacement.group("code")
    return facts


def _reasons(text: str) -> dict[str, Any]:
    """'Revised to A, B and C' -> reasons [A, B, C]; a § 5-200a review sets reviewed."""
    found: dict[str, Any] = {}
    for sentence in re.split(r"(?<=\.)\s+", text.strip()):
        revised = re.match(r"Revised to\s+(?P<what>.+?)\.?$", sentence, re.IGNORECASE)
        if revised:
            parts = re.split(r",\s*|\s+and\s+", revised.group("what"))
            found["reasons"] = [part.strip(_STRIP) for part in parts if part.strip()]
        elif re.match(r"Reviewed in accordance with", sentence, re.IGNORECASE):
            found["reviewed"] = True
    return found

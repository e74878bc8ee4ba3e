"""Recognise section headings: official ones (from the schema), posting-only ones, unknown ones."""
from __future__ import annotations

import functools
import re

from specdiff import schema

# Headings of a recruitment posting that are not part of the class specification.
POSTING_HEADINGS = frozenset({
    "INTRODUCTION", "ABOUT US", "YOUR ROLE", "THE ROLE", "SELECTION PLAN", "CONCLUSION",
    "AN AFFIRMATIVE ACTION/EQUAL OPPORTUNITY EMPLOYER", "BENEFITS", "WHAT WE CAN OFFER YOU",
    "WHAT WE OFFER", "HOW TO APPLY", "APPLICATION INSTRUCTIONS", "ABOUT THE AGENCY",
    "POSITION HIGHLIGHTS", "THE POSITION", "SALARY CALCULATION",
})
# Headings that start a section of their own although the schema has no field for them: they are kept under
# other_sections, and never read as a sub-heading of the section before them.
OTHER_HEADINGS = frozenset({
    "APPOINTMENT", "COMPENSATION GUIDELINES", "PHYSICAL REQUIREMENTS", "WORKING CONDITIONS",
    "DISTINGUISHING FEATURES", "DISTINGUISHING CHARACTERISTICS", "CLASS CONCEPT", "GENERAL REQUIREMENTS",
    "CLASS SPECIFICATION HISTORY", "LEGAL REQUIREMENT", "LEGAL REQUIREMENTS", "LEGAL REQUIREMENT(S)",
    "SELECTIVE QUALIFICATIONS", "SPECIAL NOTES", "LICENSES, REGISTRATIONS AND CERTIFICATIONS",
    # other states (issue 15): headings whose meaning no field has, matched in any case
    "DISTINGUISHING FEATURES OF THE WORK", "TYPICAL QUALIFICATIONS", "DESIRABLE QUALIFICATIONS",
    "STANDARD CLASSIFICATION FACTORS", "DEFINITION OF SERIES", "DESCRIPTION OF OCCUPATIONAL WORK",
    "BRIEF DESCRIPTION OF CLASS SERIES", "RELATED CLASSES",
})
_LETTERS = re.compile(r"[A-Za-z]")
# `\s*-\s*`, but a run of spaces is tried once, from its start: tried from each of its spaces, a long
# run took time in the square of its length (issue 13).
_DASH = re.compile(r"(?:(?<!\s)\s+)?-\s*")


def heading_key(text: str) -> str:
    """Comparable form of a heading: upper case, single spaces, no trailing colon."""
    text = text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = _DASH.sub(" - ", text)
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip().upper()


@functools.lru_cache(maxsize=1)
def _official() -> dict[str, str]:
    return {heading_key(name): info.id for info in schema.sections() for name in info.names}


def official_section(text: str) -> str | None:
    """The section id this heading introduces, or None."""
    return _official().get(heading_key(text))


def is_posting_heading(text: str) -> bool:
    """A heading of posting-only text (Introduction, Selection Plan, ...)."""
    return heading_key(text) in POSTING_HEADINGS


def is_other_heading(text: str) -> bool:
    """A known heading with no field of its own (APPOINTMENT, PHYSICAL REQUIREMENTS, ...)."""
    return heading_key(text) in OTHER_HEADINGS


def looks_like_heading(text: str) -> bool:
    """An all-capitals line of words, such as APPOINTMENT or PHYSICAL REQUIREMENTS."""
    if len(text) > 80 or any(ch.islower() or ch.isdigit() for ch in text):
        return False
    if len(_LETTERS.findall(text)) < 3 or text[-1] in ".;,":
        return False
    return bool(re.fullmatch(r"[A-Z][A-Z \u00a0,&/()'\u2019:-]*", text))

"""Reasons for a revision, derived from its changes, worded as the State words them.

A section added -> "add <Section> section"; removed -> "remove <Section> section"; a title or
salary group change -> "change title" / "change salary group"; other content confined to a
section the policy names -> "modify <Name>"; any other content -> "modify content".
Editorial-only and record-only changes give no reason.
"""
from __future__ import annotations

from specdiff import schema
from specdiff.policy import Policy
from specdiff.diff.model import Change
from specdiff.textutil import title_case
from specdiff.vocab import CONTENT_LEVELS

SCALAR_REASONS = {"/title": "change title", "/salary/group": "change salary group"}


def join_phrases(phrases: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(phrases) <= 1:
        return "".join(phrases)
    return f"{', '.join(phrases[:-1])} and {phrases[-1]}"


def needs_record(changes: list[Change], policy: Policy) -> bool:
    """True when a change is of a level that requires a new effective-date record."""
    counted = CONTENT_LEVELS | ({"editorial"} if policy.editorial_needs_record else set())
    return any(change.level in counted for change in changes)


def _whole_section(change: Change) -> bool:
    """The change adds or removes a whole section (its field, or an other-section entry)."""
    if change.kind not in ("added", "removed"):
        return False
    pointers = {info.pointer for info in schema.sections()}
    parts = change.path.strip("/").split("/")
    return change.path in pointers or (parts[0] == "other_sections" and len(parts) == 2)


def _section_keys(change: Change) -> set[str]:
    keys = {change.section.casefold()}
    keys.update(info.id.casefold() for info in schema.sections() if info.heading == change.section)
    return keys


def _named(changes: list[Change], policy: Policy) -> str | None:
    """The smallest section group the policy names that holds every change, if any."""
    for name, members in sorted(policy.named_sections.items(), key=lambda item: (len(item[1]), item[0])):
        wanted = {member.casefold() for member in members}
        if all(_section_keys(change) & wanted for change in changes):
            return name
    return None


def derive_reasons(changes: list[Change], policy: Policy) -> list[str]:
    """The reasons for a revision with these changes, in the State's order."""
    content = [c for c in changes if c.level in CONTENT_LEVELS]
    phrases: list[str] = []
    rest: list[Change] = []
    for change in content:
        if _whole_section(change):
            verb = "add" if change.kind == "added" else "remove"
            phrase = f"{verb} {title_case(change.section)} section"
        elif change.path in SCALAR_REASONS:
            phrase = SCALAR_REASONS[change.path]
        else:
            rest.append(change)
            continue
        if phrase not in phrases:
            phrases.append(phrase)
    if rest:
        named = _named(rest, policy)
        phrases.append(f"modify {named}" if named else "modify content")
    return phrases

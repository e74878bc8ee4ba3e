"""Writing specs as the document analysts know: a new class's skeleton or a copy to adapt, an edited
document merged back into its spec (keeping what the document does not print), and whether an edit changed
the document's structure (which `specdiff edit` asks about before writing)."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from specdiff import schema
from specdiff.diff.model import Change
from specdiff.policy import Policy
from specdiff.vocab import PLACEHOLDER as TO_WRITE  # validate warns where it is left

NOT_COPIED = {"records", "established", "former_codes", "baseline", "$schema"}


def skeleton(code: str, title: str, policy: Policy) -> dict[str, Any]:
    """A valid new spec with the jurisdiction's standard sections and marked places to write."""
    return {
        "class_code": code, "title": title, "jurisdiction": policy.jurisdiction,
        "purpose": [f"{TO_WRITE} what the class is accountable for."],
        "supervision_received": [f"{TO_WRITE} who directs the work."],
        "duties": {"style": "bullet", "items": [f"{TO_WRITE} the first example of duties;",
                                                "Performs related duties as required."]},
        "ksa": {"style": "bullet", "items": [f"{TO_WRITE} the knowledge, skills and abilities."]},
        "minimum_qualifications": {"general_experience": [f"{TO_WRITE} the general experience required."]},
        "acknowledgement": [policy.acknowledgement],
    }


def copy_of(base: dict[str, Any], code: str, title: str) -> dict[str, Any]:
    """Another class's spec under a new code and title, without its records, EST and former codes."""
    return {**{k: v for k, v in base.items() if k not in NOT_COPIED}, "class_code": code, "title": title}


def merged(original: dict[str, Any], edited: dict[str, Any]) -> dict[str, Any]:
    """The edited spec, keeping what the document does not print: older records, EST, former codes."""
    spec = dict(edited)
    old_records = original.get("records") or []
    new_records = edited.get("records") or []
    if old_records:
        spec["records"] = old_records[:-1] + [_current(old_records[-1], new_records[-1])] if new_records \
            else old_records
    for key in ("established", "former_codes", "baseline"):
        if key in original and key not in spec:
            spec[key] = original[key]
    return {"$schema": original["$schema"], **spec} if "$schema" in original else spec


def _current(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The edited current record, keeping what the document never prints (approvals) while it is the
    same record (same effective date); a record given a new date is a new record, unsigned."""
    from specdiff.importer.merge import DOCUMENT_FIELDS

    if before.get("effective") != after.get("effective"):
        return after
    return {**{key: value for key, value in before.items() if key not in DOCUMENT_FIELDS}, **after}


_GROUP_HEADING = re.compile(r"/groups/\d+/heading$")
_NESTED_ITEM = re.compile(r"(.*/items/\d+)/items/\d+$")
_OTHER_SECTION = re.compile(r"/other_sections(/\d+)?")


def structural(changes: Sequence[Change], old: dict[str, Any], new: dict[str, Any]) -> tuple[str, ...]:
    """How the changes alter the document's structure rather than its wording, one 'SECTION: what' per
    section and kind, in document order: items moved or regrouped, list nesting, list groups, list style,
    sections added or removed. Empty when only wording, values and records changed."""
    nests = _nesting_changes(changes, old, new)
    found = [f"{_where(change)}: {what}" for index, change in enumerate(changes)
             for what in [_what(change, index in nests)] if what]
    return tuple(dict.fromkeys(found))


def _where(change: Change) -> str:
    """The section a change is in; for sections the schema has no field for, added or removed all at
    once, their own headings."""
    value = change.new if change.new is not None else change.old
    if change.path == "/other_sections" and isinstance(value, list):
        return ", ".join(str(entry.get("heading") or "(no heading)") for entry in value)
    return change.section


def _what(change: Change, nests: bool) -> str | None:
    """The structural side of one change, or None."""
    if change.kind == "moved":
        return "items moved"
    if change.kind == "changed":
        return "list style" if change.path.endswith("/style") else None
    if _GROUP_HEADING.search(change.path):
        return "list groups"
    if _is_section(change.path):
        return f"section {change.kind}"
    return "list nesting" if nests else None


def _is_section(pointer: str) -> bool:
    """A section of the document, or a field holding sections (records are records, not sections)."""
    if _OTHER_SECTION.fullmatch(pointer):
        return True
    return any(info.pointer == pointer or info.pointer.startswith(pointer + "/")
               for info in schema.sections() if not info.pointer.startswith("/records/"))


def _nesting_changes(changes: Sequence[Change], old: dict[str, Any], new: dict[str, Any]) -> set[int]:
    """The indexes of added or removed items that change nesting: an item with sub-items, or every
    sub-item of an item (which gained its first sub-items or lost its last ones)."""
    found = {i for i, c in enumerate(changes) if c.kind in ("added", "removed") and _has_items(c.new or c.old)}
    for kind, spec in (("added", new), ("removed", old)):
        nested = [(i, m.group(1)) for i, c in enumerate(changes) if c.kind == kind
                  for m in [_NESTED_ITEM.fullmatch(c.path)] if m]
        counts = Counter(parent for _, parent in nested)
        found.update(i for i, parent in nested if counts[parent] == len(_at(spec, parent).get("items", [])))
    return found


def _has_items(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("items"))


def _at(spec: Any, pointer: str) -> dict[str, Any]:
    """The list item at a pointer such as /duties/items/3; an empty dict for a plain string, or where the
    pointer leads nowhere (the sections the schema has no field for are paired under their new index)."""
    node = spec
    for part in pointer.strip("/").split("/"):
        if isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            return {}
    return node if isinstance(node, dict) else {}

"""How a changed value reads in a report: one implementation for every output format."""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

    from specdiff.diff.model import Change

SCALAR_CHARS = 80  # a field changed in place reads "old -> new" up to this length
WORDS = {"added": "added", "removed": "removed", "changed": "reworded", "moved": "moved"}
_REPLACED = re.compile(r"replaced by the class of ([^.()]{1,300}\(\w{1,40}\))")


def describe(value: Any) -> str:
    """Text for a value: a string as is, an item by its text, paragraphs joined, a record in words."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, dict) and value.get("retired") and "effective" in value:
        return retirement_words(value)
    if isinstance(value, dict) and "effective" in value:  # an effective-date record
        facts = [f"effective {value['effective']}"] + [
            f"{label} {value[key]}" for key, label in (("revised", "REV"), ("final_no", "Final No.")) if key in value]
        clause = f": {value['cancellation_clause']}" if "cancellation_clause" in value else ""
        return "; ".join(facts) + clause
    if _is_approval(value):
        return f"{value['role']}: signed by {value['by']} on {value['date']}"
    if isinstance(value, list) and value and all(_is_approval(v) for v in value):
        return "; ".join(describe(v) for v in value)
    if isinstance(value, list) and value and all(_is_record(v) for v in value):
        return " \u00b6 ".join(describe(v) for v in value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " \u00b6 ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def retirement_words(record: dict[str, Any]) -> str:
    """"abolished effective 01/01/2027; replaced by the class of Director (5258MP); Final No. 26-001"."""
    from specdiff.dates import padded, parse_iso

    words = [f"abolished effective {padded(parse_iso(str(record['effective'])))}"]
    if record.get("replaced_by"):
        named = _REPLACED.search(str(record.get("cancellation_clause", "")))
        words.append(f"replaced by the class of {named.group(1)}" if named and named.group(1).endswith(
            f"({record['replaced_by']})") else f"replaced by {record['replaced_by']}")
    if record.get("final_no"):
        words.append(f"Final No. {record['final_no']}")
    return "; ".join(words)


def describe_change(old: Any, new: Any) -> str:
    """"old -> new"; when both read the same (a record that only gained a field), which fields changed."""
    before, after = describe(old), describe(new)
    if before != after or not (isinstance(old, dict) and isinstance(new, dict)):
        return f"{before} -> {after}"
    return f"{before}: {field_changes(old, new)}"


def record_field_change(path: str, kind: str, old: Any, new: Any) -> str | None:
    """"reasons added: modify content" for a change to one field of a record (/records/N/field), which
    would otherwise read as its bare value; None for any other change."""
    steps = path.strip("/").split("/")
    if len(steps) < 3 or steps[0] != "records" or not steps[1].isdigit() or steps[2] == "approvals":
        return None  # a signature already reads in words ("HR Director: signed by ... on ...")
    field = "/".join(steps[2:])
    if kind == "changed":
        return f"record {int(steps[1]) + 1}: {field} changed: {describe_change(old, new)}"
    value = new if kind == "added" else old
    return f"record {int(steps[1]) + 1}: {field} {kind}: {_short(value)}"


def field_changes(old: dict[str, Any], new: dict[str, Any]) -> str:
    """"replaced_by added (5258MP), retired added (true)": the fields of a value that differ, sorted."""
    words = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            words.append(f"{key} added ({_short(new[key])})")
        elif key not in new:
            words.append(f"{key} removed ({_short(old[key])})")
        elif old[key] != new[key]:
            words.append(f"{key} changed ({_short(old[key])} -> {_short(new[key])})")
    return ", ".join(words) or "no field changed"


def _short(value: Any) -> str:
    text = describe(value) if not isinstance(value, bool) else str(value).lower()
    return text if len(text) <= 80 else text[:79] + "\u2026"


def _is_record(value: Any) -> bool:
    return isinstance(value, dict) and "effective" in value


def _is_approval(value: Any) -> bool:
    return isinstance(value, dict) and {"role", "by", "date"} <= set(value)


def changes_in_words(changes: Sequence[Change]) -> str:
    """Per section (headed as the schema spells it), in document order: a short field changed in place
    as "Salary group: MP 57 -> MP 59", the rest counted by kind ("EXAMPLES OF DUTIES: 1 reworded")."""
    parts: dict[str, dict[str, int]] = {}
    for change in changes:
        scalar = _scalar_words(change)
        if scalar:
            parts.setdefault(scalar, {})
            continue
        whole = change.path.count("/") == 1 and change.kind in ("added", "removed") and change.section != "CLASS"
        if whole:
            parts.setdefault(f"{change.section} {change.kind}", {})
            continue
        counts = parts.setdefault(f"{change.section}:", {})
        counts[change.kind] = counts.get(change.kind, 0) + 1
    return "; ".join(name + (" " + ", ".join(f"{n} {WORDS[k]}" for k, n in counts.items()) if counts else "")
                     for name, counts in parts.items()) or "no semantic change"


def _scalar_words(change: Change) -> str | None:
    """"Salary group: MP 57 -> MP 59" for a short field changed in place, else None."""
    steps = change.path.strip("/").split("/")
    if change.kind != "changed" or "items" in steps or steps[-1].isdigit() or steps[-1] == "text" \
            or steps[0] == "records" or isinstance(change.old, (dict, list)) or isinstance(change.new, (dict, list)):
        return None
    old, new = describe(change.old), describe(change.new)
    if len(old) > SCALAR_CHARS or len(new) > SCALAR_CHARS:
        return None
    label = " ".join(step.replace("_", " ") for step in steps if not step.isdigit())
    return f"{label[:1].upper()}{label[1:]}: {old} -> {new}"

"""How a changed value reads in a report: one implementation for every output format."""
from __future__ import annotations

import json
from typing import Any


def describe(value: Any) -> str:
    """Text for a value: a string as is, an item by its text, paragraphs joined, a record in words."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "text" in value:
        return str(value["text"])
    if isinstance(value, dict) and "effective" in value:  # an effective-date record
        facts = [f"effective {value['effective']}"] + [
            f"{label} {value[key]}" for key, label in (("revised", "REV"), ("final_no", "Final No.")) if key in value]
        clause = f": {value['cancellation_clause']}" if "cancellation_clause" in value else ""
        return "; ".join(facts) + clause
    if _is_approval(value):
        return f"{value['role']}: signed by {value['by']} on {value['date']}"
    if isinstance(value, list) and value and all(_is_approval(v) for v in value):
        return "; ".join(describe(v) for v in value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return " \u00b6 ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _is_approval(value: Any) -> bool:
    return isinstance(value, dict) and {"role", "by", "date"} <= set(value)

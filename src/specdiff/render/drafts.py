"""Renderers of drafted records (`specdiff draft`, `specdiff review` without --write)."""
from __future__ import annotations

from typing import Any, TYPE_CHECKING

from specdiff.dates import padded, parse_iso, unpadded
from specdiff.render.envelope import json_document
from specdiff.render.escape import escape_markdown
from specdiff.textutil import single_line

if TYPE_CHECKING:
    from specdiff.control.draft import Draft


def _facts(record: dict[str, Any]) -> str:
    facts = []
    if "effective" in record:
        facts.append(f"EFFECTIVE DATE {padded(parse_iso(record['effective']))}")
    if "revised" in record:
        facts.append(f"REV: {unpadded(parse_iso(record['revised']))}")
    if "final_no" in record:
        facts.append(f"Final No. {record['final_no']}")
    return "   ".join(facts) or "(give --effective, --revised and --final or --next-final)"


def _text(draft: Draft) -> str:
    lines = [f"{draft.class_code} {draft.title} ({draft.path})"]
    if not draft.needed:
        lines.append("  no record needed: only editorial or record changes since the base")
    lines += [f"  reasons: {'; '.join(draft.reasons) or '(none)'}", "  CANCELLATION CLAUSE",
              f"  {draft.record['cancellation_clause']}", f"  {_facts(draft.record)}"]
    return "\n".join(single_line(line) for line in lines) + "\n"


def _markdown(draft: Draft) -> str:
    esc = escape_markdown
    lines = [f"### {esc(draft.class_code)} {esc(draft.title)}", ""]
    if not draft.needed:
        lines += ["No record needed: only editorial or record changes since the base.", ""]
    lines += [f"> {esc(draft.record['cancellation_clause'])}", "", esc(_facts(draft.record)), ""]
    return "\n".join(lines)


def drafts_text(drafts: tuple[Draft, ...]) -> str:
    return "\n".join(_text(d) for d in drafts)


def drafts_markdown(drafts: tuple[Draft, ...]) -> str:
    return "\n".join(_markdown(d) for d in drafts)


def drafts_json(drafts: tuple[Draft, ...]) -> str:
    items = [{"class_code": d.class_code, "title": d.title, "path": d.path, "needed": d.needed,
              "new_class": d.new_class, "reasons": list(d.reasons), "record": d.record} for d in drafts]
    return json_document(drafts=items)

"""One-line summaries of a spec's changes: "Examples of Duties: 1 added, 1 reworded; Acknowledgement added"."""
from __future__ import annotations

from specdiff.diff.model import Change
from specdiff.textutil import title_case

WORDS = {"added": "added", "removed": "removed", "changed": "reworded", "moved": "moved"}


def summarize(changes: list[Change] | tuple[Change, ...]) -> str:
    """Per section, in document order: counts by kind, or "<Section> added/removed" for a whole section."""
    sections: dict[str, dict[str, int]] = {}
    whole: dict[str, str] = {}
    for change in changes:
        name = title_case(change.section)
        if change.path.count("/") == 1 and change.kind in ("added", "removed") and change.section != "CLASS":
            whole[name] = change.kind
        counts = sections.setdefault(name, {})
        counts[change.kind] = counts.get(change.kind, 0) + 1
    parts = []
    for name, counts in sections.items():
        if name in whole and sum(counts.values()) == 1:
            parts.append(f"{name} {whole[name]}")
        else:
            parts.append(f"{name}: " + ", ".join(f"{n} {WORDS[k]}" for k, n in counts.items()))
    return "; ".join(parts) or "no semantic change"

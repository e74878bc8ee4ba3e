"""JSON output of a diff: the change list with a version field, in a stable order."""
from __future__ import annotations

from typing import Any

from specdiff.diff.model import Change
from specdiff.diff.model import DiffReport
from specdiff.render.envelope import json_document


def change_json(change: Change) -> dict[str, Any]:
    """One change as a JSON object (the same in diff and log output)."""
    return {
        "id": change.id, "class_code": change.class_code, "path": change.path, "section": change.section,
        "kind": change.kind, "level": change.level, "old": change.old, "new": change.new,
        "redline": [{"kind": s.kind, "text": s.text} for s in change.redline],
    }


def render_json(report: DiffReport) -> str:
    """The report as JSON (see README, "specdiff diff --format json")."""
    specs = [{"class_code": s.class_code, "title": s.title, "status": s.status, "old_path": s.old_path,
              "new_path": s.new_path, "changes": [change_json(c) for c in s.changes], "notes": list(s.notes)}
             for s in report.specs]
    return json_document(old=report.old, new=report.new, specs=specs, left_out=report.left_out)

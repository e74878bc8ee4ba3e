"""JSON and HTML forms of the pull-request summary."""
from __future__ import annotations

from typing import TYPE_CHECKING

from specdiff.render.diff_html import TRACKED_STYLE, article_html
from specdiff.render.diff_json import change_json
from specdiff.render.envelope import json_document
from specdiff.render.escape import escape_html as esc
from specdiff.render.html import STYLE

if TYPE_CHECKING:
    from specdiff.control.approvals import Signoff
    from specdiff.pr.model import ClassSummary, PullSummary

SUMMARY_STYLE = """
table.overview { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: .85rem; width: 100%; }
table.overview th, table.overview td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; }
.problems li { color: #a3141b; font-family: system-ui, sans-serif; font-size: .9rem; }
.level-substantive { color: #a3141b; font-weight: bold; } .level-minor { color: #8a6100; }
.record-missing, .record-stale { color: #a3141b; font-weight: bold; } .record-ok { color: #0a6b22; }
table.approvals { border-collapse: collapse; font-family: system-ui, sans-serif; font-size: .85rem; margin-top: 1rem; }
table.approvals th, table.approvals td { border: 1px solid #ccc; padding: .25rem .4rem; text-align: left; }
.approval-awaiting { color: #a3141b; font-weight: bold; } .approval-signed { color: #0a6b22; }
""".strip()


def _signoff_json(signoff: Signoff) -> dict[str, object]:
    approval = signoff.approval
    return {"role": signoff.role, "required": signoff.required, "status": "signed" if approval else "awaiting",
            "by": approval.by if approval else None, "date": approval.date if approval else None}


def render_summary_json(summary: PullSummary) -> str:
    classes = [
        {"class_code": c.spec.class_code, "title": c.spec.title, "status": c.status, "old_path": c.spec.old_path,
         "new_path": c.spec.new_path, "worst_level": c.worst, "what": c.what, "record_status": c.record_status,
         "record_problems": list(c.record_problems), "fix": c.fix, "validation": list(c.validation),
         "clause": c.clause, "clause_drafted": c.clause_drafted, "alerts": list(c.alerts),
         "referenced_by": list(c.referenced_by), "approvals": [_signoff_json(s) for s in c.checklist],
         "awaiting": list(c.awaiting),
         "changes": [change_json(change) for change in c.spec.changes]}
        for c in summary.classes
    ]
    return json_document(base=summary.base, head=summary.head, problem_count=summary.problem_count,
                         levels=summary.levels(), classes=classes,
                         unreadable=[{"path": p, "error": e} for p, e in summary.unreadable],
                         invalid_elsewhere=list(summary.invalid_elsewhere))


def approvals_html(classes: tuple[ClassSummary, ...]) -> str:
    """The approval checklist of every record the change adds: one row per role, signed or awaiting."""
    from specdiff.dates import padded, parse_iso

    rows = []
    for c in classes:
        for s in c.checklist:
            state = "signed" if s.approval else "awaiting"
            who = esc(s.approval.by) if s.approval else "awaiting"
            when = padded(parse_iso(s.approval.date)) if s.approval else ""
            rows.append(f"<tr><td>{esc(c.spec.class_code)}</td><td>{esc(s.role)}"
                        f"{'' if s.required else ' (not required)'}</td>"
                        f"<td class=\"approval-{state}\">{who}</td><td>{when}</td></tr>")
    if not rows:
        return ""
    return ('<table class="approvals"><tr><th>Class</th><th>Approving role</th><th>Signed by</th><th>Date</th></tr>'
            f"{''.join(rows)}</table>")


def render_summary_html(summary: PullSummary) -> str:
    """Headline, problems, overview, then each class as its document with tracked changes."""
    n = len(summary.classes)
    problems = [f"<li>invalid spec {esc(p)}: {esc(e)}</li>" for p, e in summary.unreadable]
    problems += [f"<li>invalid (not changed here): {esc(problem)}</li>" for problem in summary.invalid_elsewhere]
    for c in summary.classes:
        problems += [f"<li>{esc(c.spec.class_code)}: invalid: {esc(v)}</li>" for v in c.validation]
        problems += [f"<li>{esc(c.spec.class_code)}: {esc(r)}</li>" for r in c.record_problems]
        problems += [f"<li>{esc(c.spec.class_code)}: {esc(p.message)} (fix: <code>{esc(p.fix)}</code>)</li>"
                     for p in c.approvals]
    rows = "".join(
        f"<tr><td><a href=\"#{esc(c.spec.class_code)}\">{esc(c.spec.class_code)}</a></td><td>{esc(c.spec.title)}</td>"
        f"<td>{esc(c.status)}</td><td class=\"level-{esc(c.worst or 'none')}\">{esc(c.worst or '-')}</td>"
        f"<td>{esc(c.what)}</td>"
        f"<td class=\"record-{esc(c.record_status.replace(' ', '-'))}\">{esc(c.record_status)}</td>"
        f"<td>{'invalid' if c.validation else 'valid'}</td></tr>"
        for c in summary.classes)
    head = (f"<h1>specdiff: {n} class{'es' if n != 1 else ''} changed</h1>"
            f"<p>{esc(summary.base)}...{esc(summary.head)} \u00b7 "
            f"{summary.problem_count} problem(s)</p>"
            + (f'<ul class="problems">{"".join(problems)}</ul>' if problems else "")
            + '<table class="overview"><tr><th>Class</th><th>Title</th><th>Status</th><th>Level</th>'
              f"<th>What changed</th><th>Record</th><th>Valid</th></tr>{rows}</table>"
            + approvals_html(summary.classes))
    articles = "\n".join(article_html(c.spec) for c in summary.classes)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>specdiff summary {esc(summary.base)}...{esc(summary.head)}</title>"
        f"<style>{STYLE}\n{TRACKED_STYLE}\n{SUMMARY_STYLE}</style></head>\n<body>{head}\n{articles}</body></html>\n"
    )

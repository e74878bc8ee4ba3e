"""JSON and HTML forms of the pull-request summary."""
from __future__ import annotations

from typing import TYPE_CHECKING

from specdiff.render.diff_html import TRACKED_STYLE, article_html
from specdiff.render.diff_json import change_json
from specdiff.render.envelope import json_document
from specdiff.render.escape import escape_html as esc
from specdiff.render.html import STYLE
from specdiff.render.summary_markdown import control_text, counts_text

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
.problems li.warning { color: #8a6100; } .checklist { font-family: system-ui, sans-serif; list-style: none; }
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
         "awaiting": list(c.awaiting), "retired": c.retired, "to_approve": c.to_approve,
         "spec": c.spec.new_spec if c.spec.status == "added" else None,
         "changes": [change_json(change) for change in c.spec.changes]}
        for c in summary.classes
    ]
    return json_document(base=summary.base, head=summary.head, problem_count=summary.problem_count,
                         levels=summary.levels(), batches=summary.batches(), classes=classes,
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


def _problems_html(summary: PullSummary) -> list[str]:
    """The same problems and warnings the Markdown lists: invalid specs, records, approvals, old titles
    still named, substantive pay and qualification changes."""
    problems = [f"<li>invalid spec {esc(p)}: {esc(e)}</li>" for p, e in summary.unreadable]
    problems += [f"<li>invalid (not changed here): {esc(problem)}</li>" for problem in summary.invalid_elsewhere]
    for c in summary.classes:
        problems += [f"<li>{esc(c.spec.class_code)}: invalid: {esc(v)}</li>" for v in c.validation]
        problems += [f"<li>{esc(c.spec.class_code)}: {esc(r.message)}"
                     + (f" (fix: <code>{esc(r.fix)}</code>)" if r.fix else "") + "</li>" for r in c.records]
        problems += [f"<li>{esc(c.spec.class_code)}: {esc(p.message)} (fix: <code>{esc(p.fix)}</code>)</li>"
                     for p in c.approvals]
    for c in summary.classes:
        if c.referenced_by:
            problems.append(f'<li class="warning">{esc(c.spec.class_code)}: its old title '
                            f"{esc(str((c.spec.old_spec or {}).get('title')))} is still named in "
                            f"{esc(', '.join(c.referenced_by))}</li>")
    problems += [f'<li class="warning">substantive change to {esc(alert)}: {esc(", ".join(codes))}</li>'
                 for alert, codes in summary.alerts().items()]
    return problems


def _head_html(summary: PullSummary) -> str:
    """Headline, counts, the records the change adds and the problems: what the Markdown's header says."""
    n = len(summary.classes)
    batches = "; ".join(f"Final No. {esc(number)}: {esc(', '.join(codes))}"
                        for number, codes in summary.batches().items())
    problems = _problems_html(summary)
    return (f"<h1>specdiff: {n} class{'es' if n != 1 else ''} changed</h1>"
            f"<p>{esc(counts_text(summary))} \u00b7 {esc(control_text(summary))}</p>"
            f"<p>Comparing {esc(summary.base)}...{esc(summary.head)} "
            "(from the merge base, as the pull request shows it).</p>"
            + (f"<p>New records: {batches}.</p>" if batches else "")
            + (f'<ul class="problems">{"".join(problems)}</ul>' if problems else ""))


def _overview_html(summary: PullSummary) -> str:
    rows = "".join(
        f"<tr><td><a href=\"#{esc(c.spec.class_code)}\">{esc(c.spec.class_code)}</a></td><td>{esc(c.spec.title)}</td>"
        f"<td>{esc(c.status)}</td><td class=\"level-{esc(c.worst or 'none')}\">{esc(c.worst or '-')}</td>"
        f"<td>{esc(c.what)}</td>"
        f"<td class=\"record-{esc(c.record_status.replace(' ', '-'))}\">{esc(c.record_status)}</td>"
        f"<td>{'invalid' if c.validation else 'valid'}</td></tr>"
        for c in summary.classes)
    return ('<table class="overview"><tr><th>Class</th><th>Title</th><th>Status</th><th>Level</th>'
            f"<th>What changed</th><th>Record</th><th>Valid</th></tr>{rows}</table>")


def checklist_html(summary: PullSummary) -> str:
    """What the approvers approve: one line per class (class, title, status, level, approvals awaited)."""
    items = "".join(
        f"<li>\u2610 {esc(c.spec.class_code)} {esc(c.spec.title)}: approve {esc(c.to_approve)} "
        f"({esc(c.status)}, {esc(c.worst or '-')})"
        + (f" \u00b7 awaiting {esc(', '.join(c.awaiting))}" if c.awaiting else "") + "</li>"
        for c in summary.classes)
    return f'<h2>Approval checklist</h2><ul class="checklist">{items}</ul>' if items else ""


def _class_html(c: ClassSummary) -> str:
    """One class's document with tracked changes; a RETIRED banner, a new class collapsed in full."""
    article = article_html(c.spec)
    if c.retired:
        article = f'<p class="retired" id="retired-{esc(c.spec.class_code)}">RETIRED: {esc(c.retired)}.</p>' + article
    if c.spec.status == "added":
        article = (f"<details><summary>{esc(c.spec.class_code)} {esc(c.spec.title)}: the new class in full"
                   f"</summary>{article}</details>")
    return article


def render_summary_html(summary: PullSummary) -> str:
    """Headline, problems, overview, approval checklist, then each class as its document with tracked
    changes."""
    head = _head_html(summary) + _overview_html(summary) + checklist_html(summary) + approvals_html(summary.classes)
    articles = "\n".join(_class_html(c) for c in summary.classes)
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>specdiff summary {esc(summary.base)}...{esc(summary.head)}</title>"
        f"<style>{STYLE}\n{TRACKED_STYLE}\n{SUMMARY_STYLE}</style></head>\n<body>{head}\n{articles}</body></html>\n"
    )

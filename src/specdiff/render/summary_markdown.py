"""The pull-request summary in Markdown: headline, problems first, overview table, then each class.

Everything from a spec, a file name, a commit or an argument goes through the one Markdown escaper
(commands through the code-span builder). The result never exceeds max_chars (GitHub refuses a comment
over 65,536 characters): whole class sections are left out from the end, then lines of the overview,
with a bounded line saying what was left out and where the full report is.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from specdiff.dates import padded, parse_iso
from specdiff.render.diff_markdown import class_lines
from specdiff.render.escape import code_span, escape_markdown as esc

from specdiff.pr.ci import MARKER  # noqa: E402  (the comment the action updates)

if TYPE_CHECKING:
    from specdiff.pr.model import ClassSummary, PullSummary
DEFAULT_MAX_CHARS = 65_000
BADGE = {"substantive": "\U0001f534 substantive", "minor": "\U0001f7e1 minor", "editorial": "\u26aa editorial",
         "record": "\U0001f535 record", None: "\u2014"}
RECORD = {"ok": "\u2705 ok", "missing": "\u274c missing", "stale": "\u274c stale", "not needed": "not needed",
          "baselined": "\u2705 baselined"}
COLLAPSE_OVER = 240
FULL_REPORT = "the full report is in the job summary and the `specdiff-summary` artifact"


def counts_text(summary: PullSummary) -> str:
    """"3 changed (1 new, 1 revised, ...) · changes: 2 substantive, ... · ": numbers and fixed words only."""
    counts = ", ".join(f"{summary.count(s)} {s}" for s in ("new", "baselined", "revised", "retired", "recoded",
                                                                "renamed", "deleted") if summary.count(s) or s in
                       ("new", "revised", "retired", "renamed"))
    levels = ", ".join(f"{n} {level}" for level, n in summary.levels().items())
    return f"{len(summary.classes)} changed ({counts}) \u00b7 changes: {levels}"


def control_text(summary: PullSummary) -> str:
    problems = summary.problem_count
    return "\u2705 change control satisfied" if not problems else f"\u274c {problems} problem(s)"


def headline(summary: PullSummary) -> list[str]:
    n = len(summary.classes)
    batches = "; ".join(f"Final No. {esc(clip(number, 40))}: {esc(names(codes, 10))}"
                        for number, codes in list(summary.batches().items())[:5])
    counts, control = counts_text(summary).split(" ", 2), control_text(summary)
    lines = [MARKER, f"## specdiff: {n} class{'es' if n != 1 else ''} changed", "",
             f"**{counts[0]} {counts[1]}** {counts[2]} \u00b7 {control}", "",
             f"Comparing {esc(clip(summary.base, 100))}...{esc(clip(summary.head, 100))} "
             "(from the merge base, as the pull request shows it)."]
    return lines + (["", f"New records: {batches}."] if batches else [])


GROUP_OVER = 10  # past this many classes with the same problem, one line lists them all
TITLE_CHARS = 300  # a title in a problem line or an overview row
PROBLEM_CHARS = 1_000  # a problem's text is cut there (the job summary and the JSON have it whole)


def clip(text: str, limit: int) -> str:
    """At most limit characters of text (an ellipsis ends what was cut)."""
    return text if len(text) <= limit else text[:limit - 1] + "\u2026"


def names(codes: list[str], shown: int = 30) -> str:
    """`A, B, C and 12 more`: a bounded list of class codes."""
    listed = ", ".join(clip(code, 40) for code in codes[:shown])
    return listed + (f" and {len(codes) - shown} more" if len(codes) > shown else "")


def _grouped(kind: str, codes: list[str], fix: str | None = None) -> str:
    line = f"- \u274c {len(codes)} classes: {esc(clip(kind, PROBLEM_CHARS))} ({esc(names(codes))})"
    return line + (f" \u2014 fix each: {code_span(fix)}" if fix else "")


AWAITING_FIX = "specdiff approve CODE --role ROLE --by NAME"
DRAFT_FIX = "specdiff draft CODE --base ... --effective MM/DD/YYYY --next-final --write"


def _class_problems(c: ClassSummary) -> list[tuple[str, str | None]]:
    """(problem, fix) of one class: its validate errors, its record problems, the approvals it awaits."""
    return [*((f"invalid: {v}", None) for v in c.validation), *((p.message, p.fix) for p in c.records),
            *((p.message, p.fix) for p in c.approvals)]


def _generic_fix(problem: str, awaited: set[str]) -> str | None:
    """The fix named once for a problem many classes share."""
    if problem.startswith("invalid:"):
        return None
    return AWAITING_FIX if problem in awaited else DRAFT_FIX


def problem_lines(summary: PullSummary) -> list[str]:
    """Invalid specs, missing or stale records, approvals awaited, then substantive pay and qualification
    changes."""
    lines = [f"- \u274c invalid spec {esc(clip(path, 300))}: {esc(clip(error, PROBLEM_CHARS))}"
             for path, error in summary.unreadable]
    lines += [f"- \u274c invalid (not changed here): {esc(clip(problem, PROBLEM_CHARS))}"
              for problem in summary.invalid_elsewhere]
    by_problem: dict[str, list[str]] = {}
    for c in summary.classes:
        for problem, _ in _class_problems(c):
            by_problem.setdefault(problem, []).append(c.spec.class_code)
    for c in summary.classes:
        name = f"{esc(clip(c.spec.class_code, 40))} {esc(clip(c.spec.title, TITLE_CHARS))}"
        for problem, fix in _class_problems(c):
            if len(by_problem[problem]) <= GROUP_OVER:
                shown = f" \u2014 fix: {code_span(fix)}" if fix else ""
                lines.append(f"- \u274c {name}: {esc(clip(problem, PROBLEM_CHARS))}{shown}")
    awaited = {p.message for c in summary.classes for p in c.approvals}
    lines += [_grouped(problem, codes, _generic_fix(problem, awaited))
              for problem, codes in by_problem.items() if len(codes) > GROUP_OVER]
    for c in summary.classes:
        if c.referenced_by:
            old_title = str((c.spec.old_spec or {}).get("title"))
            lines.append(f"- \u26a0\ufe0f {esc(clip(c.spec.class_code, 40))}: its old title "
                         f"{esc(clip(old_title, TITLE_CHARS))} is still named in "
                         f"{esc(clip(', '.join(c.referenced_by), PROBLEM_CHARS))}")
    for alert, codes in summary.alerts().items():
        lines.append(f"- \u26a0\ufe0f substantive change to {esc(alert)}: {esc(names(codes))}")
    return ["### Problems", "", *lines] if lines else []


def overview_lines(summary: PullSummary) -> list[str]:
    rows = ["### Overview", "", "| Class | Title | Status | Level | What changed | Record | Valid |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for c in summary.classes:
        valid = "\u274c" if c.validation else "\u2705"
        awaited = f" \u00b7 \u23f3 {len(c.awaiting)} approval(s) awaited" if c.awaiting else ""
        rows.append(f"| {esc(clip(c.spec.class_code, 40))} | {esc(clip(c.spec.title, TITLE_CHARS))} | {c.status} | "
                    f"{BADGE[c.worst]} | {esc(clip(c.what, PROBLEM_CHARS))} | {RECORD[c.record_status]}{awaited} | "
                    f"{valid} |")
    return rows


def checklist_lines(summary: PullSummary) -> list[str]:
    """What the approvers approve: one line per class (class, title, status, level, approvals awaited)."""
    lines = ["### Approval checklist", ""] if summary.classes else []
    for c in summary.classes:
        awaited = f" \u00b7 \u23f3 awaiting {esc(clip(', '.join(c.awaiting), TITLE_CHARS))}" if c.awaiting else ""
        lines.append(f"- [ ] {esc(clip(c.spec.class_code, 40))} {esc(clip(c.spec.title, TITLE_CHARS))}: approve "
                     f"{c.to_approve} ({c.status}, {BADGE[c.worst]}){awaited}")
    return lines


def class_section(c: ClassSummary) -> list[str]:
    lines = [f"### {esc(c.spec.class_code)} {esc(c.spec.title)} ({c.status})", ""]
    if c.retired:
        lines += [f"**RETIRED: {esc(c.retired)}.**", ""]
    lines += class_lines(c.spec, COLLAPSE_OVER)
    lines += full_class_lines(c)
    if c.clause:
        label = ("Drafted cancellation clause (the branch has no record; `specdiff draft` writes it)"
                 if c.clause_drafted else "Cancellation clause on the branch")
        lines += ["", f"**{label}:**", "", f"> {esc(c.clause)}"]
    return lines + approval_lines(c)


def full_class_lines(c: ClassSummary) -> list[str]:
    """A new class's whole document (what must be approved), collapsed; its headings made minor."""
    if c.spec.status != "added" or c.spec.new_spec is None:
        return []
    from specdiff.render.document import build_document
    from specdiff.render.markdown import render_markdown

    document = render_markdown(build_document(c.spec.new_spec)).rstrip("\n").split("\n")
    demoted = [f"####{line}" if line.startswith("#") else line for line in document]
    return ["", "<details><summary>The new class in full</summary>", "", *demoted, "", "</details>"]


def approval_lines(c: ClassSummary) -> list[str]:
    """The approval checklist of the record this change adds: each role signed (by whom, when) or awaited."""
    if not c.checklist:
        return []
    lines = ["", "**Approvals of the new record:**", ""]
    for signoff in c.checklist:
        role = esc(clip(signoff.role, TITLE_CHARS))
        if signoff.approval is None:
            lines.append(f"- \u23f3 {role}: awaiting")
            continue
        extra = "" if signoff.required else " (not required by the policy)"
        lines.append(f"- \u2705 {role}: signed by {esc(clip(signoff.approval.by, TITLE_CHARS))} on "
                     f"{padded(parse_iso(signoff.approval.date))}{extra}")
    return lines


NOTE_CHARS = 400  # the line saying what was left out never takes more


def render_summary_markdown(summary: PullSummary, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The summary, never longer than max_chars, whatever the codes and titles; deterministic."""
    if not summary.classes and not summary.unreadable and not summary.invalid_elsewhere:
        return _limit("\n".join([MARKER, "## specdiff: no spec changed", ""]), max_chars)
    fixed = "\n\n".join(["\n".join(block) for block in (headline(summary), problem_lines(summary),
                                                       overview_lines(summary), checklist_lines(summary)) if block])
    budget = max_chars - NOTE_CHARS - 1  # the closing newline
    kept = [fixed if len(fixed) <= budget else _cut_lines(fixed, budget)]
    used = len(kept[0])
    for c in summary.classes:
        section = "\n".join(class_section(c))
        if used + 2 + len(section) > budget:
            break
        kept.append(section)
        used += 2 + len(section)
    left = [c.spec.class_code for c in summary.classes[len(kept) - 1:]]
    if left:
        kept.append(_left_out(left, max_chars))
    return _limit("\n\n".join(kept) + "\n", max_chars)


def _left_out(codes: list[str], max_chars: int) -> str:
    """The note on the class sections left out: at most NOTE_CHARS - 2 characters."""
    start = f"_\u2026 {len(codes)} class section(s) left out to fit {max_chars:,} characters"
    end = f": {FULL_REPORT}._"
    for shown in range(min(len(codes), 20), 0, -1):
        note = f"{start} ({esc(names(codes, shown))}){end}"
        if len(note) <= NOTE_CHARS - 2:
            return note
    return start + end


def _cut_lines(text: str, budget: int) -> str:
    """Headline, problems and overview cut line by line when even they do not fit, saying so."""
    lines = text.split("\n")
    used, kept = 0, 0
    room = budget - 200  # for the line saying how many were left out
    while kept < len(lines) and used + len(lines[kept]) + 1 <= room:
        used += len(lines[kept]) + 1
        kept += 1
    note = f"_\u2026 {len(lines) - kept} more line(s) of problems and overview left out: {FULL_REPORT}._"
    return "\n".join([*lines[:kept], "", note])


def _limit(text: str, max_chars: int) -> str:
    """The last guard: whole lines of text within max_chars."""
    if len(text) <= max_chars:
        return text
    return text[:text.rfind("\n", 0, max_chars) + 1]

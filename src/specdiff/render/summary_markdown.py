"""The pull-request summary in Markdown: headline, problems first, overview table, then each class.

Everything from a spec goes through the one Markdown escaper. The result fits in max_chars
(GitHub limits a comment to 65,536 characters): whole class sections are left out from the end,
with a line saying which and where the full report is.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from specdiff.render.diff_markdown import class_lines
from specdiff.render.escape import escape_markdown as esc

from specdiff.pr.ci import MARKER  # noqa: E402  (the comment the action updates)

if TYPE_CHECKING:
    from specdiff.pr.model import ClassSummary, PullSummary
DEFAULT_MAX_CHARS = 65_000
BADGE = {"substantive": "\U0001f534 substantive", "minor": "\U0001f7e1 minor", "editorial": "\u26aa editorial",
         "record": "\U0001f535 record", None: "\u2014"}
RECORD = {"ok": "\u2705 ok", "missing": "\u274c missing", "stale": "\u274c stale", "not needed": "not needed"}
COLLAPSE_OVER = 240
FULL_REPORT = "the full report is in the job summary and the `specdiff-summary` artifact"


def headline(summary: PullSummary) -> list[str]:
    counts = ", ".join(f"{summary.count(s)} {s}" for s in ("new", "revised", "retired", "recoded", "renamed",
                                                                "deleted") if summary.count(s) or s in
                       ("new", "revised", "retired", "renamed"))
    levels = ", ".join(f"{n} {level}" for level, n in summary.levels().items())
    problems = summary.problem_count
    control = "\u2705 change control satisfied" if not problems else f"\u274c {problems} problem(s)"
    n = len(summary.classes)
    batches = "; ".join(f"Final No. {esc(number)}: {', '.join(esc(c) for c in codes)}"
                        for number, codes in summary.batches().items())
    lines = [MARKER, f"## specdiff: {n} class{'es' if n != 1 else ''} changed", "",
             f"**{n} changed** ({counts}) \u00b7 changes: {levels} \u00b7 {control}", "",
             f"Comparing {esc(summary.base)}...{esc(summary.head)} "
             "(from the merge base, as the pull request shows it)."]
    return lines + (["", f"New records: {batches}."] if batches else [])


GROUP_OVER = 10  # past this many classes with the same problem, one line lists them all


def _grouped(kind: str, codes: list[str], fix: str | None = None) -> str:
    names = ", ".join(codes[:30]) + (f" and {len(codes) - 30} more" if len(codes) > 30 else "")
    line = f"- \u274c {len(codes)} classes: {esc(kind)} ({esc(names)})"
    return line + (f" \u2014 fix each: `{fix}`" if fix else "")


def problem_lines(summary: PullSummary) -> list[str]:
    """Invalid specs, missing or stale records, then substantive pay and qualification changes."""
    lines = [f"- \u274c invalid spec {esc(path)}: {esc(error)}" for path, error in summary.unreadable]
    lines += [f"- \u274c invalid (not changed here): {esc(problem)}" for problem in summary.invalid_elsewhere]
    by_problem: dict[str, list[str]] = {}
    for c in summary.classes:
        for problem in (*(f"invalid: {v}" for v in c.validation), *c.record_problems):
            by_problem.setdefault(problem, []).append(c.spec.class_code)
    for c in summary.classes:
        name = f"{esc(c.spec.class_code)} {esc(c.spec.title)}"
        for problem in (*(f"invalid: {v}" for v in c.validation), *c.record_problems):
            if len(by_problem[problem]) <= GROUP_OVER:
                fix = f" \u2014 fix: `{c.fix}`" if problem in c.record_problems and c.fix else ""
                lines.append(f"- \u274c {name}: {esc(problem)}{fix}")
    generic_fix = "specdiff draft CODE --base ... --effective MM/DD/YYYY --next-final --write"
    lines += [_grouped(problem, codes, generic_fix if not problem.startswith("invalid:") else None)
              for problem, codes in by_problem.items() if len(codes) > GROUP_OVER]
    for c in summary.classes:
        if c.referenced_by:
            lines.append(f"- \u26a0\ufe0f {esc(c.spec.class_code)}: its old title "
                         f"{esc(str((c.spec.old_spec or {}).get('title')))} is still named in "
                         f"{esc(', '.join(c.referenced_by))}")
    alerts: dict[str, list[str]] = {}
    for c in summary.classes:
        for alert in c.alerts:
            alerts.setdefault(alert, []).append(c.spec.class_code)
    for alert, codes in alerts.items():
        names = ", ".join(codes[:30]) + (f" and {len(codes) - 30} more" if len(codes) > 30 else "")
        lines.append(f"- \u26a0\ufe0f substantive change to {esc(alert)}: {esc(names)}")
    return ["### Problems", "", *lines] if lines else []


def overview_lines(summary: PullSummary) -> list[str]:
    rows = ["### Overview", "", "| Class | Title | Status | Level | What changed | Record | Valid |",
            "| --- | --- | --- | --- | --- | --- | --- |"]
    for c in summary.classes:
        valid = "\u274c" if c.validation else "\u2705"
        rows.append(f"| {esc(c.spec.class_code)} | {esc(c.spec.title)} | {c.status} | {BADGE[c.worst]} | "
                    f"{esc(c.what)} | {RECORD[c.record_status]} | {valid} |")
    return rows


def class_section(c: ClassSummary) -> list[str]:
    lines = [f"### {esc(c.spec.class_code)} {esc(c.spec.title)} ({c.status})", ""]
    lines += class_lines(c.spec, COLLAPSE_OVER)
    if c.clause:
        label = ("Drafted cancellation clause (the branch has no record; `specdiff draft` writes it)"
                 if c.clause_drafted else "Cancellation clause on the branch")
        lines += ["", f"**{label}:**", "", f"> {esc(c.clause)}"]
    return lines


def _fits(parts: list[str], budget: int) -> bool:
    return len("\n\n".join(parts)) + 1 <= budget


def render_summary_markdown(summary: PullSummary, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """The summary, no longer than max_chars; deterministic for the same inputs."""
    if not summary.classes and not summary.unreadable and not summary.invalid_elsewhere:
        return "\n".join([MARKER, "## specdiff: no spec changed", ""])
    fixed = ["\n".join(headline(summary))]
    for block in (problem_lines(summary), overview_lines(summary)):
        if block:
            fixed.append("\n".join(block))
    sections = ["\n".join(class_section(c)) for c in summary.classes]
    reserve = 400  # room for the truncation note
    kept = list(fixed)
    if not _fits(kept, max_chars - reserve):
        kept = _cut_lines(kept, max_chars - reserve)
    shown = 0
    for section in sections:
        if not _fits([*kept, section], max_chars - reserve):
            break
        kept.append(section)
        shown += 1
    if shown < len(sections):
        left = [c.spec.class_code for c in summary.classes[shown:]]
        names = ", ".join(left[:20]) + (f" and {len(left) - 20} more" if len(left) > 20 else "")
        kept.append(f"_\u2026 {len(left)} class section(s) left out to fit {max_chars:,} characters "
                    f"({esc(names)}): {FULL_REPORT}._")
    return "\n\n".join(kept) + "\n"


def _cut_lines(blocks: list[str], budget: int) -> list[str]:
    """Headline, problems and overview cut line by line when even they do not fit."""
    lines = "\n\n".join(blocks).split("\n")
    kept: list[str] = []
    for line in lines:
        if len("\n".join([*kept, line])) + 1 > budget:
            break
        kept.append(line)
    return ["\n".join(kept)]

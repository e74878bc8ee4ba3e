"""`specdiff check`: the change-control gate (pre-commit and CI)."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.output import lines, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS


@app.command("check")
def check_command(
    base: str | None = typer.Option(None, "--base", metavar="REV",
                                    help="The revision the specs are revised from (default: the merge base "
                                         "of HEAD and the base branch: one record per class per branch)."),
    allow_pending_approvals: bool = typer.Option(
        False, "--allow-pending-approvals",
        help="Report roles that have not signed yet without failing (the commit hook uses it: a revision is "
             "committed before it is approved; CI checks without it)."),
) -> int:
    """Refuse revisions without a proper effective-date record (for pre-commit and CI).

    Every spec with substantive or minor changes against --base must carry a new record, as
    its current one, whose cancellation clause names the title, salary group and effective
    date of the revision it replaces, and which takes effect after it. A spec deleted (or
    moved out of the specs folder) needs a retirement record instead; a spec that cannot be
    read is a problem, never a pass. A record the branch adds needs an approval from every
    role of the policy's approvals_required (specdiff approve). A spec added with a
    baseline (specdiff import) passes without a new record while the policy's
    accept_baselines is true, and is listed as baselined. Prints, per class, what is
    missing or stale and the command that fixes it. With --allow-pending-approvals (the
    commit hook), unsigned roles are listed as pending and do not fail. Exit 0 ok, 1 problems.
    Example: specdiff check --base origin/main
    """
    from specdiff.control.check import baselined, gate
    from specdiff.git import WORKTREE
    from specdiff.revisions import Sides, build_report, gate_base, require_specs
    from specdiff.workspace import opened

    with opened() as ws:
        ws.require_root("check")
        repo = ws.repository()
        base_sha, base_label = gate_base(ws, repo, base)
        sides = Sides(base_sha, WORKTREE, base_label or f"merge base {base_sha[:12]}", "working tree")
        require_specs(ws, repo, sides)
        report = build_report(ws, repo, sides, [ws.specs_folder], tolerant=True)
        problems = gate(report, base_label, ws.policy)
        accepted = baselined(report, ws.policy)
    pending = [p for p in problems if p.awaiting_approval] if allow_pending_approvals else []
    problems = [p for p in problems if p not in pending]
    for problem in problems:
        typer.echo(problem.render())
    lines([f"{p.path}: {p.class_code}: pending: {p.message} (allowed by --allow-pending-approvals; CI requires it)"
           for p in pending])
    lines([f"{change.new_path}: {change.class_code}: baselined: brought under change control from an existing "
           "document; its own records are its history (no new record needed)" for change in accepted])
    also = f" ({len(accepted)} accepted as baselines)" if accepted else ""
    also += f" ({len(pending)} approval(s) pending)" if pending else ""
    if problems:
        note(f"{len(problems)} change-control problem(s) in {len({p.class_code for p in problems})} class(es){also}")
        return EXIT_PROBLEMS
    note(f"ok: {len(report.specs)} changed spec(s), records in order{also}")
    return EXIT_OK

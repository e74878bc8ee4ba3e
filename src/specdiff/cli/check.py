"""`specdiff check`: the change-control gate (pre-commit and CI)."""
from __future__ import annotations

import typer

from specdiff.cli import app
from specdiff.cli.output import note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS


@app.command("check")
def check_command(
    base: str | None = typer.Option(None, "--base", metavar="REV",
                                    help="The revision the specs are revised from (default: the merge base "
                                         "of HEAD and the base branch: one record per class per branch)."),
) -> int:
    """Refuse revisions without a proper effective-date record (for pre-commit and CI).

    Every spec with substantive or minor changes against --base must carry a new record, as
    its current one, whose cancellation clause names the title, salary group and effective
    date of the revision it replaces, and which takes effect after it. A spec deleted (or
    moved out of the specs folder) needs a retirement record instead; a spec that cannot be
    read is a problem, never a pass. Prints, per class, what is missing or stale and the
    command that fixes it. Exit 0 ok, 1 problems. Example: specdiff check --base origin/main
    """
    from specdiff.control.check import gate
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
    for problem in problems:
        typer.echo(problem.render())
    if problems:
        note(f"{len(problems)} record problem(s) in {len({p.class_code for p in problems})} class(es)")
        return EXIT_PROBLEMS
    note(f"ok: {len(report.specs)} changed spec(s), records in order")
    return EXIT_OK

"""`specdiff ci run` (what the GitHub Action runs) and `specdiff ci sticky-id`."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from specdiff.cli import app
from specdiff.cli.output import lines, note
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, GitError

if TYPE_CHECKING:
    from specdiff.pr.model import PullSummary

ci_app = typer.Typer(help="What the GitHub Action runs (see README, \"CI\").", no_args_is_help=True)
app.add_typer(ci_app, name="ci")


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


@ci_app.command("run")
def ci_run_command(
    comment_file: Path | None = typer.Option(None, "--comment-file", metavar="FILE",
                                             help="Write the PR comment body here."),
    html: Path | None = typer.Option(None, "--html", metavar="FILE", help="Write the HTML report here (an artifact)."),
    max_chars: int = typer.Option(65_000, "--max-chars", min=1000, metavar="N", help="Longest comment body."),
    base: str | None = typer.Option(None, "--base", metavar="REV", help="Base revision (default: from the event)."),
    head: str = typer.Option("HEAD", "--head", metavar="REV", help="Head revision, with --base."),
) -> int:
    """Validate the head's specs, check records, and write the pull-request summary (job summary,
    comment, HTML).

    Reads the pull request's base and head from GITHUB_EVENT_PATH and appends the full summary to
    GITHUB_STEP_SUMMARY. Every spec at the head commit is validated; the comment shows the same
    problems the log does. Exit 1 when specs are invalid or unreadable, records missing, or a class
    deleted without retirement (after writing every output); 2 on a shallow clone (set
    fetch-depth: 0) or a missing event.
    """
    from specdiff.pr.ci import SHALLOW, PullRequest, pull_request_from_event
    from specdiff.pr.model import build_summary
    from specdiff.render.summary_markdown import render_summary_markdown
    from specdiff.render.summary_other import render_summary_html
    from specdiff.store import write_atomic
    from specdiff.workspace import opened

    step_summary = os.environ.get("GITHUB_STEP_SUMMARY")
    pull = PullRequest(None, base, head) if base else pull_request_from_event(os.environ.get("GITHUB_EVENT_PATH"))
    with opened() as ws:
        ws.require_root("ci run")
        repo = ws.repository()
        if repo.is_shallow():
            if step_summary:
                _append(Path(step_summary), f"## specdiff\n\n\u274c {SHALLOW}.\n")
            raise GitError(SHALLOW)
        summary = build_summary(ws, repo, pull.base, pull.head)
    if step_summary:
        _append(Path(step_summary), render_summary_markdown(summary, max_chars=1_000_000))
    if comment_file:
        write_atomic(comment_file, render_summary_markdown(summary, max_chars=max_chars))
    if html:
        write_atomic(html, render_summary_html(summary))
    lines(_log(summary))
    note("specdiff: problems found (see the summary)" if summary.problem_count else "specdiff: ok")
    return EXIT_PROBLEMS if summary.problem_count else EXIT_OK


def _log(summary: PullSummary) -> list[str]:
    """The problems of the summary, one line each (the same ones the comment shows)."""
    from specdiff.textutil import single_line

    found = [f"{path}: invalid spec: {error}" for path, error in summary.unreadable]
    found += [f"invalid (not changed here): {problem}" for problem in summary.invalid_elsewhere]
    for c in summary.classes:
        found += [f"{c.spec.new_path or c.spec.old_path}: {c.spec.class_code}: invalid: {v}" for v in c.validation]
        found += [problem.render() for problem in c.records]
    return [single_line(line) for line in found]


@ci_app.command("sticky-id")
def ci_sticky_id_command(
    author: str = typer.Option("github-actions[bot]", "--author", metavar="LOGIN",
                               help="The bot that posts the comment."),
) -> int:
    """Print the id of the summary comment to update (JSON lines of comments on stdin), or nothing."""
    from specdiff.pr.ci import sticky_comment_id

    found = sticky_comment_id(sys.stdin.read().splitlines(), author)
    if found is not None:
        typer.echo(str(found))
    return EXIT_OK

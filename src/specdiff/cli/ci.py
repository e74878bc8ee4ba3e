"""`specdiff ci run` (what the GitHub Action runs) and `specdiff ci sticky-id`."""
from __future__ import annotations

import os
import re
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
    fallback_file: Path | None = typer.Option(None, "--fallback-file", metavar="FILE",
                                              help="Write a short comment here, to post if the comment cannot be."),
) -> int:
    """Validate the head's specs, check records, and write the pull-request summary (job summary,
    comment, HTML).

    Reads the pull request's base and head from GITHUB_EVENT_PATH and appends the full summary to
    GITHUB_STEP_SUMMARY. Every spec at the head commit is validated; the comment shows the same
    problems the log does. The comment never exceeds --max-chars. Until the run has its result, the
    comment file and --fallback-file say that it did not finish (so an earlier "satisfied" comment is
    replaced, never left standing); then --fallback-file holds a short comment with the result and
    where the full report is, to post when the summary comment cannot be posted. Exit 1 when specs
    are invalid or unreadable, records missing, or a class deleted without retirement (after writing
    every output); 2 on a shallow clone (set fetch-depth: 0) or a missing event.
    """
    from specdiff.pr.ci import SHALLOW, PullRequest, pull_request_from_event
    from specdiff.pr.model import build_summary
    from specdiff.render.summary_markdown import render_summary_markdown
    from specdiff.render.summary_other import render_summary_html
    from specdiff.store import write_atomic
    from specdiff.workspace import opened

    for early in (comment_file, fallback_file):
        if early:
            write_atomic(early, fallback_comment(None))
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
        _append(Path(step_summary), _within_bytes(summary, STEP_SUMMARY_BYTES))
    if html:
        write_atomic(html, render_summary_html(summary))
    if comment_file:
        write_atomic(comment_file, render_summary_markdown(summary, max_chars=max_chars))
    if fallback_file:
        write_atomic(fallback_file, fallback_comment(summary.problem_count, len(summary.classes)))
    lines(_log(summary))
    note("specdiff: problems found (see the summary)" if summary.problem_count else "specdiff: ok")
    return EXIT_PROBLEMS if summary.problem_count else EXIT_OK


STEP_SUMMARY_BYTES = 1_000_000  # GitHub takes at most 1 MiB of job summary from a step


def _within_bytes(summary: PullSummary, limit: int) -> str:
    """The summary for the job summary: as much as fits in limit bytes of UTF-8."""
    from specdiff.render.summary_markdown import render_summary_markdown

    chars = limit
    while len(encoded := render_summary_markdown(summary, max_chars=chars).encode("utf-8")) > limit:
        chars = chars * limit // len(encoded) - 1
    return encoded.decode("utf-8")


def fallback_comment(problems: int | None, changed: int = 0) -> str:
    """The short comment posted when the summary comment cannot be (too long, an API error), or when the
    run stopped before its result (problems None): it replaces an earlier comment, never leaves it up."""
    from specdiff.pr.ci import MARKER

    if problems is None:
        verdict = "\u274c specdiff did not finish: change control was not checked"
    elif problems:
        verdict = f"\u274c {problems} problem(s): change control failed"
    else:
        verdict = f"\u2705 change control satisfied ({changed} class(es) changed)"
    return (f"{MARKER}\n## specdiff\n\n**{verdict}.** The summary could not be posted here: see the job summary, "
            f"the `specdiff-summary` artifact and the log of {_run_link()}.\n")


_SERVER = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]+)?")
_REPOSITORY = re.compile(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")


def _run_link() -> str:
    """A link to this workflow run, from the runner's variables (only when each has its expected form)."""
    server, repository, run = (os.environ.get(name, "") for name in
                               ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if _SERVER.fullmatch(server) and _REPOSITORY.fullmatch(repository) and re.fullmatch(r"[0-9]+", run):
        return f"[the workflow run]({server}/{repository}/actions/runs/{run})"
    return "the workflow run"


def _log(summary: PullSummary) -> list[str]:
    """The problems of the summary, one line each (the same ones the comment shows), safe in the
    Actions log: controls shown, and no line a workflow command."""
    from specdiff.textutil import single_line

    found = [f"{path}: invalid spec: {error}" for path, error in summary.unreadable]
    found += [f"invalid (not changed here): {problem}" for problem in summary.invalid_elsewhere]
    for c in summary.classes:
        found += [f"{c.spec.new_path or c.spec.old_path}: {c.spec.class_code}: invalid: {v}" for v in c.validation]
        found += [line for problem in c.records for line in problem.render().split("\n")]
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

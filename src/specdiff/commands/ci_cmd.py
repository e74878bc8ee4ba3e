"""`specdiff ci`: what the GitHub Action runs. Reads the pull request from the event payload,
validates, checks records, and writes the summary to the job summary, a comment file and an
HTML report. Posting the comment is the action's job (gh api); finding the comment to update
is `sticky_comment_id`, a pure function."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.commands.validate_cmd import spec_paths
from specdiff.control.policy import load_policy
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, GitError, UsageError
from specdiff.git import Repository
from specdiff.pr.markdown import MARKER, render_summary_markdown
from specdiff.pr.model import build_summary
from specdiff.pr.output import render_summary_html
from specdiff.specfile import write_atomic
from specdiff.validation import validate_files

SHALLOW = ("specdiff needs the full history to compare with the pull request's base: set `fetch-depth: 0` "
           "on actions/checkout")


@dataclass(frozen=True)
class PullRequest:
    number: int | None
    base: str
    head: str


def pull_request_from_event(path: str | None) -> PullRequest:
    """Base and head SHAs (and number) of the pull request in GITHUB_EVENT_PATH."""
    if not path:
        raise UsageError("GITHUB_EVENT_PATH is not set; run `specdiff ci run` in a GitHub Actions job, or pass --base")
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
        pull = event["pull_request"]
        return PullRequest(int(pull["number"]), str(pull["base"]["sha"]), str(pull["head"]["sha"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise UsageError(f"{path}: not a pull_request event payload ({error}); run on pull_request events") from None


def run_ci(repo: Repository, pull: PullRequest, *, step_summary: str | None, comment_file: Path | None,
           html_file: Path | None, max_chars: int) -> tuple[int, list[str]]:
    """(exit code, log lines). Outputs are written even when there are problems."""
    if repo.is_shallow():
        if step_summary:
            _append(Path(step_summary), f"## specdiff\n\n\u274c {SHALLOW}.\n")
        raise GitError(SHALLOW)
    policy = load_policy(repo.root)
    files, _ = spec_paths([], repo.root / "specs")
    validation = validate_files(files, allow_retired_references=policy.allow_retired_references)
    # The summary compares the merge base with the PR's head, and its record checks are the
    # change-control verdict: one diff of the pull request, not two.
    summary = build_summary(repo, pull.base, pull.head, policy)
    problems = [problem for summary_of_class in summary.classes for problem in summary_of_class.records]
    full = render_summary_markdown(summary, max_chars=1_000_000)
    if step_summary:
        _append(Path(step_summary), full)
    if comment_file:
        write_atomic(comment_file, render_summary_markdown(summary, max_chars=max_chars))
    if html_file:
        write_atomic(html_file, render_summary_html(summary))
    log = [p.render() for p in validation.problems] + [p.render() for p in problems]
    failed = bool(validation.errors or problems or summary.unreadable)
    return (EXIT_PROBLEMS if failed else EXIT_OK), log


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


def sticky_comment_id(lines: list[str], author: str, marker: str = MARKER) -> int | None:
    """The id of the comment to update: the oldest by `author` whose body starts with the marker.

    lines are JSON objects, one per line, as `gh api --paginate --jq '.[] | {id, body, user: .user.login}'`
    prints them. Comments by anyone else, even with the marker, are never taken.
    """
    ids = []
    for line in lines:
        if not line.strip():
            continue
        comment: dict[str, Any] = json.loads(line)
        if comment.get("user") == author and str(comment.get("body", "")).startswith(marker):
            ids.append(int(comment["id"]))
    return min(ids) if ids else None


def environment() -> dict[str, str | None]:
    return {key: os.environ.get(key) for key in ("GITHUB_EVENT_PATH", "GITHUB_STEP_SUMMARY")}

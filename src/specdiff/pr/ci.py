"""What the GitHub Action needs that is not the summary itself: the pull request from the event
payload, and which earlier comment to update (pure functions)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.errors import UsageError

MARKER = "<!-- specdiff-summary -->"
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


def sticky_comment_id(lines: list[str], author: str, marker: str = MARKER) -> int | None:
    """The id of the comment to update: the oldest by `author` whose body starts with the marker.

    lines are JSON objects, one per line, as `gh api --paginate --jq '.[] | {id, body, user: .user.login}'`
    prints them. Comments by anyone else, even with the marker, are never taken.
    """
    ids = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        comment = _comment(line, number)
        if comment.get("user") == author and str(comment.get("body", "")).startswith(marker):
            ids.append(int(comment["id"]))
    return min(ids) if ids else None


def _comment(line: str, number: int) -> dict[str, Any]:
    """One comment object of the input; UsageError naming the line otherwise."""
    try:
        comment = json.loads(line)
        if isinstance(comment, dict) and isinstance(comment.get("id"), int):
            return comment
    except ValueError:
        pass
    raise UsageError(f"stdin line {number}: not a comment object {{id, body, user}}; pipe in what "
                     "`gh api --paginate --jq '.[] | {id, body, user: .user.login}'` prints")

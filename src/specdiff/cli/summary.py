"""`specdiff summary BASE [HEAD]`: the change summary reviewers read in a pull request."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import commit_stamp, note, to_file_or_stdout, write_binary
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS
from specdiff.render.tables import SUMMARY, Options, rendered
from specdiff.render.tables import SUMMARY_BINARY, rendered_bytes


@app.command("summary")
def summary_command(
    base: str = typer.Argument(..., metavar="BASE", help="The branch the pull request merges into (e.g. origin/main)."),
    head: str = typer.Argument("HEAD", metavar="HEAD", help="The pull request's head (default: HEAD)."),
    fmt: str = format_option({**SUMMARY, **SUMMARY_BINARY}, "markdown"),
    max_chars: int = typer.Option(65_000, "--max-chars", min=1000, metavar="N",
                                  help="Markdown: the most characters to print; whole class sections are left out "
                                       "past it (GitHub comments hold 65,536)."),
    output: Path | None = typer.Option(None, "--output", metavar="FILE", help="Write to this file instead of stdout."),
) -> int:
    """The change summary reviewers read in a pull request (BASE...HEAD, as the PR shows it).

    A headline (classes new, revised, retired, renamed; changes by level; change-control
    status), problems first (invalid or unreadable specs, every validate error at HEAD,
    missing or stale records, classes deleted without retirement, substantive changes to pay
    or qualifications), an overview table, then each class with its changes, redlines and
    cancellation clause (drafted when the branch has none). Deterministic; all spec text
    escaped. Exit 0 when change control is satisfied, 1 when the summary lists problems.
    Example: specdiff summary origin/main --output summary.md
    """
    from specdiff.pr.model import build_summary
    from specdiff.workspace import opened

    with opened() as ws:
        ws.require_root("summary")
        summary = build_summary(ws, ws.repository(), base, head)
        stamp = commit_stamp(ws.repository(), head) if fmt in SUMMARY_BINARY else None
    if stamp is not None:  # docx: each class with Word tracked changes, by the head commit's author
        if write_binary(rendered_bytes(SUMMARY_BINARY, fmt, summary, stamp), output, fmt):
            note(f"wrote {output}")
    else:
        to_file_or_stdout(rendered(SUMMARY, fmt, summary, Options(max_chars=max_chars)), output, fmt)
    return EXIT_PROBLEMS if summary.problem_count else EXIT_OK

"""Commands over Git revisions: diff, log, summary, ci, git."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from specdiff.cli import app, echo_err
from specdiff.cli.options import DiffFormat, Level, LogFormat, SummaryFormat
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from specdiff.diff.report import DiffReport
    from specdiff.git import Repository


@app.command("diff", context_settings={"allow_interspersed_args": True})
def diff_command(
    args: list[str] = typer.Argument(None, help="[REV [REV]] or A..B or A...B, then paths or class codes.",
                                     show_default=False),
    staged: bool = typer.Option(False, "--staged", "--cached", help="Compare with the index instead of the files."),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything changed (as git diff)."),
    fail_on: Level | None = typer.Option(None, "--fail-on", help="Exit 1 when a change of this level or "
                                            "higher exists (editorial < minor, record < substantive)."),
    level: list[Level] = typer.Option(None, "--level", help="Only changes of these levels (repeatable)."),
    section: list[str] = typer.Option(None, "--section", help="Only changes in these sections (repeatable)."),
    ignore_editorial: bool = typer.Option(False, "--ignore-editorial", help="Leave out editorial-only changes."),
    as_of: list[str] = typer.Option(None, "--as-of", help="Give twice: compare what was in force on two dates "
                                    "(MM/DD/YYYY); other arguments are then class codes."),
) -> int:
    """Show what changed in specs between two revisions, in the document's own terms.

    Sides as in git: no revision = HEAD vs the files; REV = REV vs the files; A B, A..B;
    A...B = from the merge base; --staged = HEAD vs the index. Narrow with paths or class
    codes (specdiff diff HEAD~1 -- 5258MP). Exit 0; 1 with --exit-code or --fail-on when
    they match; 2 on errors. Example: specdiff diff HEAD~1 HEAD --format json
    """
    from specdiff.commands.diff_cmd import build_report, pathspecs, pick_sides, split_arguments
    from specdiff.diff.report import RANK, filtered
    from specdiff.git import open_repository

    with open_repository() as repo:
        if as_of:
            report = _diff_as_of(repo, list(as_of), list(args or []))
        else:
            revisions, filters = split_arguments(repo, list(args or []))
            sides = pick_sides(repo, revisions, staged=staged)
            report = build_report(repo, sides, pathspecs(repo, filters))
    report = filtered(report, levels={lv.value for lv in level or []} or None,
                      sections={s.casefold() for s in section or []} or None, ignore_editorial=ignore_editorial)
    sys.stdout.write(_render_diff(report, fmt.value))
    if fail_on is not None and report.worst() >= RANK[fail_on.value]:
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if exit_code and report.specs else EXIT_OK


@app.command("log")
def log_command(
    target: str = typer.Argument(..., help="A class code (specs/<CODE>.json) or a spec path."),
    fmt: LogFormat = typer.Option(LogFormat.text, "--format", "-f", help="Output format."),
    reverse: bool = typer.Option(False, "--reverse", help="Oldest first (default: newest first, as git log)."),
) -> int:
    """The revision history of one class from Git, following renames.

    Each commit that touched the spec, with date, author, subject and a one-line semantic
    summary ("Examples of Duties: 1 added, 1 reworded; Acknowledgement added").
    Example: specdiff log 5258MP --reverse
    """
    from specdiff.commands.log_cmd import history, render_log_json, render_log_markdown, render_log_text
    from specdiff.git import open_repository

    with open_repository() as repo:
        entries = history(repo, target)
    if not reverse:
        entries.reverse()
    if fmt == LogFormat.json:
        sys.stdout.write(render_log_json(entries, target))
    elif fmt == LogFormat.markdown:
        sys.stdout.write(render_log_markdown(entries))
    else:
        sys.stdout.write(render_log_text(entries))
    return EXIT_OK


@app.command("summary")
def summary_command(
    base: str = typer.Argument(..., help="The branch the pull request merges into (e.g. origin/main)."),
    head: str = typer.Argument("HEAD", help="The pull request's head (default: HEAD)."),
    fmt: SummaryFormat = typer.Option(SummaryFormat.markdown, "--format", "-f", help="Output format."),
    max_chars: int = typer.Option(65_000, "--max-chars", min=1000, help="Markdown: the most characters to print; "
                                  "whole class sections are left out past it (GitHub comments hold 65,536)."),
    output: Path | None = typer.Option(None, "--output", help="Write to this file instead of stdout."),
) -> int:
    """The change summary reviewers read in a pull request (BASE...HEAD, as the PR shows it).

    A headline (classes new, revised, retired, renamed; changes by level; change-control
    status), problems first (invalid specs, missing or stale records, substantive changes to
    pay or qualifications), an overview table, then each class with its changes, redlines and
    cancellation clause (drafted when the branch has none). Deterministic; all spec text
    escaped. Example: specdiff summary origin/main --output summary.md
    """
    from specdiff.control.policy import load_policy
    from specdiff.git import open_repository
    from specdiff.pr.markdown import render_summary_markdown
    from specdiff.pr.model import build_summary
    from specdiff.pr.output import render_summary_html, render_summary_json

    policy = load_policy()
    with open_repository() as repo:
        summary = build_summary(repo, base, head, policy)
    if fmt == SummaryFormat.json:
        text = render_summary_json(summary)
    elif fmt == SummaryFormat.html:
        text = render_summary_html(summary)
    else:
        text = render_summary_markdown(summary, max_chars)
    if output is None:
        sys.stdout.write(text)
    else:
        from specdiff.specfile import write_atomic

        write_atomic(output, text)
        echo_err(f"wrote {output}")
    return EXIT_OK


ci_app = typer.Typer(help="What the GitHub Action runs (see README, \"CI\").", no_args_is_help=True)
app.add_typer(ci_app, name="ci")


@ci_app.command("run")
def ci_run_command(
    comment_file: Path | None = typer.Option(None, "--comment-file", help="Write the PR comment body here."),
    html: Path | None = typer.Option(None, "--html", help="Write the HTML report here (for an artifact)."),
    max_chars: int = typer.Option(65_000, "--max-chars", min=1000, help="Longest comment body."),
    base: str | None = typer.Option(None, "--base", help="Base revision (default: from the event payload)."),
    head: str = typer.Option("HEAD", "--head", help="Head revision, with --base."),
) -> int:
    """Validate, check records, and write the pull-request summary (job summary, comment, HTML).

    Reads the pull request's base and head from GITHUB_EVENT_PATH and appends the full summary to
    GITHUB_STEP_SUMMARY. Exit 1 when specs are invalid or records missing (after writing every
    output); 2 on a shallow clone (set fetch-depth: 0) or a missing event.
    """
    from specdiff.commands.ci_cmd import PullRequest, environment, pull_request_from_event, run_ci
    from specdiff.git import open_repository

    env = environment()
    pull = PullRequest(None, base, head) if base else pull_request_from_event(env["GITHUB_EVENT_PATH"])
    with open_repository() as repo:
        code, log = run_ci(repo, pull, step_summary=env["GITHUB_STEP_SUMMARY"], comment_file=comment_file,
                           html_file=html, max_chars=max_chars)
    for line in log:
        typer.echo(line)
    echo_err("specdiff: problems found (see the summary)" if code else "specdiff: ok")
    return code


@ci_app.command("sticky-id")
def ci_sticky_id_command(
    author: str = typer.Option("github-actions[bot]", "--author", help="The bot that posts the comment."),
) -> int:
    """Print the id of the summary comment to update (JSON lines of comments on stdin), or nothing."""
    from specdiff.commands.ci_cmd import sticky_comment_id

    found = sticky_comment_id(sys.stdin.read().splitlines(), author)
    if found is not None:
        typer.echo(str(found))
    return EXIT_OK


git_app = typer.Typer(help="Git integration: textconv and an external diff driver for specs/*.json.",
                      no_args_is_help=True)
app.add_typer(git_app, name="git")


@git_app.command("install")
def git_install_command(
    textconv_only: bool = typer.Option(False, "--textconv-only", help="Only rendered-text diffs; no semantic driver."),
    force: bool = typer.Option(False, "--force", help="Replace another diff driver set for specs/*.json."),
) -> int:
    """Make git show specs as documents: writes `specs/*.json diff=specdiff` to .gitattributes
    and the driver to the repo's .git/config.

    Then `git diff` shows the semantic diff (git runs the external driver by default), and
    `git log -p` and `git diff --no-ext-diff` show the rendered text of each revision (textconv);
    `git log -p --ext-diff` shows semantic diffs per commit. Example: specdiff git install
    """
    from specdiff.commands.git_cmd import install
    from specdiff.git import open_repository

    with open_repository() as repo:
        for line in install(repo, textconv_only=textconv_only, force=force):
            typer.echo(line)
    return EXIT_OK


@git_app.command("uninstall")
def git_uninstall_command() -> int:
    """Remove what `specdiff git install` wrote (and nothing else)."""
    from specdiff.commands.git_cmd import uninstall
    from specdiff.git import open_repository

    with open_repository() as repo:
        for line in uninstall(repo):
            typer.echo(line)
    return EXIT_OK


@git_app.command("textconv", hidden=True)
def git_textconv_command(path: Path = typer.Argument(...)) -> int:
    """(Run by git.) Print a spec file as its rendered text."""
    from specdiff.commands.git_cmd import textconv

    sys.stdout.write(textconv(path))
    return EXIT_OK


@git_app.command("diff-driver", hidden=True, context_settings={"ignore_unknown_options": True})
def git_diff_driver_command(args: list[str] = typer.Argument(...)) -> int:
    """(Run by git.) The semantic diff of one file, from git's 7 or 9 arguments."""
    from specdiff.commands.git_cmd import diff_driver

    sys.stdout.write(diff_driver(list(args)))
    return EXIT_OK


def _diff_as_of(repo: Repository, dates: list[str], codes: list[str]) -> DiffReport:
    from specdiff.commands.asof_cmd import diff_as_of
    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.errors import UsageError
    from specdiff.specfile import SPECS_DIR

    if len(dates) != 2:
        raise UsageError("--as-of compares two dates: give it twice (--as-of 01/01/2020 --as-of 01/01/2024)")
    first, second = (parse_date_option(d, "--as-of") or "" for d in dates)
    targets = codes or [p.rsplit("/", 1)[-1][:-5] for p in repo.spec_paths_at(repo.resolve("HEAD"),
                                                                               SPECS_DIR.as_posix())]
    return diff_as_of(repo, targets, first, second)


def _render_diff(report: DiffReport, fmt: str) -> str:
    from specdiff.diff.output_json import render_json
    from specdiff.diff.output_markdown import render_markdown
    from specdiff.diff.output_text import render_text

    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report)
    if fmt == "html":
        from specdiff.diff.output_html import render_html

        return render_html(report)
    color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return render_text(report, color=color)

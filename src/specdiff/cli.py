"""The command line: thin Typer commands over the library, and the one error boundary.

Exit codes: 0 success; 1 the command ran and found problems; 2 bad input, bad
usage or a file that cannot be read or written; 3 a bug in specdiff; 130 ^C.
"""
from __future__ import annotations

import os
import sys
from enum import Enum
from typing import TYPE_CHECKING, Any
from pathlib import Path

import typer

from specdiff import __version__
from specdiff.specfile import SPECS_DIR
from specdiff.errors import EXIT_INTERRUPTED, EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from specdiff.diff.report import DiffReport
    from specdiff.git import Repository

app = typer.Typer(
    name="specdiff",
    help="Change control for job class specifications kept as JSON in Git.\n\n"
    "Import the documents you have, render specs as the official document, validate them and "
    "keep them in canonical form. Exit codes: 0 ok, 1 problems found, 2 bad input or usage, 3 bug.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


def _err(line: str) -> None:
    typer.echo(line, err=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"specdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Change control for job class specifications kept as JSON in Git."""


@app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="Documents to import (plain text, UTF-8).", show_default=False),
    out_dir: Path = typer.Option(SPECS_DIR, "--out-dir", "-o", help="Where to write <CLASS_CODE>.json."),
    force: bool = typer.Option(False, "--force", help="Overwrite specs that already exist."),
    class_code: str | None = typer.Option(None, "--class-code", help="Class code, when the document has none."),
    title: str | None = typer.Option(None, "--title", help="Class title, when the document has none."),
) -> int:
    """Turn class specification documents into spec JSON files.

    Reads the bare layout, the headed layout (title, (CODE), pay ranges), recruitment
    postings (posting-only text is reported and left out) and old colon-headed pages.
    Nothing is written unless every file imports cleanly; existing specs are kept
    unless --force. Example: specdiff import tests/data/seeds/001_5258MP_headed.txt
    """
    from specdiff.commands.import_cmd import notes_for, plan_imports, write_imports

    planned = plan_imports(files, out_dir, force=force, class_code=class_code, title=title)
    for line in notes_for(planned):
        _err(line)
    write_imports(planned, out_dir, typer.echo)
    return EXIT_OK


@app.command("render")
def render_command(
    spec: str = typer.Argument(..., help="A spec file, or a class code found as specs/<CODE>.json."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", help="Write to this file instead of stdout."),
) -> int:
    """Print a spec as the official document (text, Markdown or HTML).

    Example: specdiff render 5258MP --format html --output 5258MP.html
    """
    from specdiff.commands.render_cmd import render_file

    text = render_file(spec, fmt.value)
    if output is None:
        sys.stdout.write(text)
    else:
        from specdiff.specfile import write_atomic

        write_atomic(output, text)
        typer.echo(f"wrote {output}")
    return EXIT_OK


@app.command("validate")
def validate_command(
    paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: every spec in specs/)."),
    strict: bool = typer.Option(False, "--strict", help="Fail on warnings too."),
) -> int:
    """Check specs: schema, analyst rules, and rules across all the specs checked.

    Every file is checked before anything is reported. One line per problem:
    FILE:LINE:COL: /json/pointer: message. Rules: the file name is the class code; class
    codes are unique; pay min <= max and hourly x 80 ~ biweekly, biweekly x 26.1 ~ yearly;
    records oldest first and none before EST; Final No. is YY-NNN; a bargaining unit, EEO
    or occupational group code has one name everywhere; no duplicate JSON keys. Warnings
    (no salary group, no record, old-style Final No.) fail only with --strict.
    Exit 0 clean, 1 problems, 2 a path that does not exist. Example: specdiff validate specs/
    """
    from specdiff.commands.validate_cmd import run_validate

    return run_validate(list(paths or []), strict=strict)


@app.command("fmt")
def fmt_command(
    paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: every spec in specs/)."),
    check: bool = typer.Option(False, "--check", help="Report files that are not canonical; change nothing."),
) -> int:
    """Rewrite specs in canonical form: schema key order, 2-space indent, UTF-8, final newline.

    Canonical files keep Git diffs of specs minimal. Prints each file it changed (or, with
    --check, would change). Exit 0 when nothing is (or was left) out of form, 1 when --check
    finds a file to reformat or a file cannot be parsed, 2 a path that does not exist.
    Example: specdiff fmt --check
    """
    from specdiff.commands.fmt_cmd import run_fmt

    return run_fmt(list(paths or []), check=check)


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class LogFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


class Level(str, Enum):
    substantive = "substantive"
    minor = "minor"
    editorial = "editorial"
    record = "record"


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


class ShowFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"


class DraftFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    json = "json"


def _draft(codes: list[str], base: str, effective: str | None, revised: str | None, final: str | None,
           next_final: bool, reasons: list[str], replaces: list[str], write: bool, fmt: DraftFormat,
           review: bool) -> int:
    """Shared by draft and review: read every class, draft, then print or write."""
    from specdiff.commands.draft_cmd import drafts_for, final_number, parse_date_option, render_drafts, write_drafts
    from specdiff.control.draft import DraftRequest
    from specdiff.control.policy import load_policy
    from specdiff.git import open_repository

    policy = load_policy()
    eff, rev = parse_date_option(effective, "--effective"), parse_date_option(revised, "--revised")
    number = final_number(final, next_final, [rev, eff])
    request = DraftRequest(eff or (rev if review else None), rev, number, tuple(reasons), review)
    with open_repository() as repo:
        found = drafts_for(repo, repo.resolve_base(base), codes, request, policy, replaces)
    if write:
        for line in write_drafts(found):
            typer.echo(line)
    else:
        sys.stdout.write(render_drafts([draft for draft, _, _ in found], fmt.value))
    return EXIT_OK


@app.command("draft")
def draft_command(
    codes: list[str] = typer.Argument(..., help="Class codes to draft (specs/<CODE>.json)."),
    base: str = typer.Option("HEAD", "--base", help="The revision to compare with (what the record replaces)."),
    effective: str | None = typer.Option(None, "--effective", help="EFFECTIVE DATE, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year "
                                    "across all specs (one number for the whole batch)."),
    reason: list[str] = typer.Option(None, "--reason", help="A reason, replacing the derived ones (repeatable)."),
    replaces: list[str] = typer.Option(None, "--replaces", help="Classes this one consolidates (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the record to each spec (atomically)."),
    fmt: DraftFormat = typer.Option(DraftFormat.text, "--format", "-f", help="Output format without --write."),
) -> int:
    """Draft the cancellation clause and effective-date record of a revision.

    Reasons come from the diff against --base: a section added -> "add <Section> section", a
    title or salary group change -> "change title"/"change salary group", content confined
    to a section the policy names -> "modify <Section>", other content -> "modify content".
    The clause names the replaced revision's title, salary group and effective date. A
    class absent at the base drafts as new. Without --write it prints the drafts; with
    --write it appends the record and says which files changed.
    Example: specdiff draft 5258MP --effective 07/05/2024 --revised 07/03/2024 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), list(replaces or []),
                  write, fmt, review=False)


@app.command("review")
def review_command(
    codes: list[str] = typer.Argument(..., help="Class codes reviewed."),
    base: str = typer.Option("HEAD", "--base", help="The revision to compare with."),
    revised: str | None = typer.Option(None, "--revised", help="Date of the review's approval, MM/DD/YYYY."),
    effective: str | None = typer.Option(None, "--effective", help="EFFECTIVE DATE (default: --revised)."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    reason: list[str] = typer.Option(None, "--reason", help="A revision reason (repeatable)."),
    write: bool = typer.Option(False, "--write", help="Append the review record to each spec."),
    fmt: DraftFormat = typer.Option(DraftFormat.text, "--format", "-f", help="Output format without --write."),
) -> int:
    """Record a review under C.G.S. \u00a7 5-200a, with or without revisions.

    Without changes since --base the clause reads "(Reviewed in accordance with Connecticut
    General Statute \u00a7 5-200a)"; with changes it adds "Revised to ...".
    Example: specdiff review 5681MP --revised 01/05/2028 --next-final --write
    """
    return _draft(codes, base, effective, revised, final, next_final, list(reason or []), [], write, fmt,
                  review=True)


@app.command("check")
def check_command(
    base: str = typer.Option("HEAD", "--base", help="The revision the specs are revised from."),
) -> int:
    """Refuse revisions without a proper effective-date record (for pre-commit and CI).

    Every spec with substantive or minor changes against --base must carry a new record, as
    its current one, whose cancellation clause names the title, salary group and effective
    date of the revision it replaces, and which takes effect after it. Prints, per class,
    what is missing or stale and the `specdiff draft` command that fixes it. Exit 0 ok, 1
    problems. Example: specdiff check --base origin/main
    """
    from specdiff.commands.check_cmd import check_records
    from specdiff.control.policy import load_policy
    from specdiff.git import open_repository

    policy = load_policy()
    with open_repository() as repo:
        problems, changed = check_records(repo, base, policy)
    for problem in problems:
        typer.echo(problem.render())
    if problems:
        _err(f"{len(problems)} record problem(s) in {len({p.class_code for p in problems})} class(es)")
        return EXIT_PROBLEMS
    _err(f"ok: {changed} changed spec(s), records in order")
    return EXIT_OK


class LedgerFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def _specs_in_repo() -> list[dict[str, Any]]:
    from specdiff.commands.draft_cmd import all_specs

    return all_specs()


@app.command("ledger")
def ledger_command(
    since: str | None = typer.Option(None, "--since", help="Only records effective on or after this date."),
    fmt: LedgerFormat = typer.Option(LedgerFormat.table, "--format", "-f", help="Output format."),
    by_final: bool = typer.Option(False, "--by-final", help="Group the records by Final No. (approval batch)."),
) -> int:
    """The register of effective-date records across all specs in specs/.

    One row per record: class, title, effective date, REV, Final No., reasons, and whether it
    is a review or only known from a later clause (inferred). Oldest first.
    Example: specdiff ledger --since 01/01/2022 --format csv > ledger.csv
    """
    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.commands.ledger_cmd import render_ledger
    from specdiff.control.register import ledger

    rows = ledger(_specs_in_repo(), parse_date_option(since, "--since"))
    sys.stdout.write(render_ledger(rows, fmt.value, by_final=by_final))
    return EXIT_OK


@app.command("due")
def due_command(
    years: int | None = typer.Option(None, "--years", min=1, help="The review cycle (default: the policy's, 5)."),
    as_of: str | None = typer.Option(None, "--as-of", help="The date to judge by (default: today)."),
) -> int:
    """Classes whose last review or revision is older than the review cycle, oldest first.

    C.G.S. \u00a7 5-200a: every class is evaluated at least every five years.
    Example: specdiff due --as-of 01/01/2028
    """
    import datetime as dt

    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.commands.ledger_cmd import render_due
    from specdiff.control.policy import load_policy
    from specdiff.control.register import due

    day = parse_date_option(as_of, "--as-of")
    when = dt.date.fromisoformat(day) if day else dt.date.today()
    rows = due(_specs_in_repo(), years or load_policy().review_years, when)
    sys.stdout.write(render_due(rows))
    return EXIT_OK


class SummaryFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    json = "json"


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
        _err(f"wrote {output}")
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
    _err("specdiff: problems found (see the summary)" if code else "specdiff: ok")
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


@app.command("retire")
def retire_command(
    code: str = typer.Argument(..., help="The class to abolish."),
    effective: str = typer.Option(..., "--effective", help="The date the class is abolished, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    replaced_by: str | None = typer.Option(None, "--replaced-by", help="The class that replaces it."),
) -> int:
    """Abolish a class: a retirement record is added; the spec stays, rendered and listed as retired.

    Example: specdiff retire 0029MP --effective 07/01/2025 --replaced-by 5258MP --next-final
    """
    from specdiff.commands.draft_cmd import final_number, parse_date_option
    from specdiff.commands.lifecycle_cmd import retire
    from specdiff.control.policy import load_policy

    eff = parse_date_option(effective, "--effective") or ""
    rev = parse_date_option(revised, "--revised")
    number = final_number(final, next_final, [rev, eff])
    for line in retire(code, effective=eff, revised=rev, final=number, replaced_by=replaced_by,
                       policy=load_policy()):
        typer.echo(line)
    return EXIT_OK


@app.command("rename-code")
def rename_code_command(
    old: str = typer.Argument(..., help="The class's current code."),
    new: str = typer.Argument(..., help="Its new code."),
) -> int:
    """Move a class to a new code: specs/NEW.json records "formerly OLD", and specs whose
    retirement names OLD as the replacement now name NEW. Commit to keep the history (git
    follows the rename). Example: specdiff rename-code 5258MP 5260MP
    """
    from specdiff.commands.lifecycle_cmd import rename_code

    for line in rename_code(old, new):
        typer.echo(line)
    return EXIT_OK


@app.command("show")
def show_command(
    target: str = typer.Argument(..., help="A class code (specs/<CODE>.json) or a spec path."),
    as_of: str = typer.Option(..., "--as-of", help="The date, MM/DD/YYYY."),
    fmt: ShowFormat = typer.Option(ShowFormat.text, "--format", "-f", help="Output format."),
) -> int:
    """The spec as it was in force on a date: the newest committed revision whose current
    effective-date record took effect on or before it. A date before the class existed, or
    after it was retired, is answered in one line (exit 1).
    Example: specdiff show 5258MP --as-of 03/01/2021
    """
    from specdiff.commands.asof_cmd import in_force
    from specdiff.commands.draft_cmd import parse_date_option
    from specdiff.git import open_repository
    from specdiff.render import render
    from specdiff.textutil import json_dumps

    day = parse_date_option(as_of, "--as-of") or ""
    with open_repository() as repo:
        found = in_force(repo, target, day)
    if found.spec is None:
        typer.echo(found.answer)
        return EXIT_PROBLEMS
    _err(found.answer)
    if fmt == ShowFormat.json:
        sys.stdout.write(json_dumps({"version": 1, "class_code": found.class_code, "as_of": day,
                                     "commit": found.commit, "effective": found.effective, "spec": found.spec}) + "\n")
    else:
        sys.stdout.write(render(found.spec, fmt.value))
    return EXIT_OK


@app.command("new")
def new_command(
    code: str = typer.Argument(..., help="The new class code."),
    title: str = typer.Option(..., "--title", help="The class title."),
    like: str | None = typer.Option(None, "--like", help="Start from a copy of this class (its records dropped)."),
) -> int:
    """Create a new spec: a valid skeleton with the jurisdiction's standard sections (the
    Acknowledgement), or a copy of another class to adapt. Never overwrites.
    Example: specdiff new 7001MP --title "Labor Relations Deputy Chief" --like 5681MP
    """
    from specdiff.commands.author_cmd import new_spec
    from specdiff.control.policy import load_policy

    for line in new_spec(code, title, like, load_policy()):
        typer.echo(line)
    return EXIT_OK


@app.command("edit")
def edit_command(
    code: str = typer.Argument(..., help="The class to edit."),
    from_file: Path | None = typer.Option(None, "--from", help="Resume an edit kept from an earlier attempt."),
) -> int:
    """Edit a spec as its document: opens the rendered text in $VISUAL or $EDITOR, and on save
    imports it back, validates it, shows the semantic diff and writes the spec only if it is
    valid. An invalid edit is kept in a file (the command says where), so no typing is lost.
    Example: EDITOR=nano specdiff edit 5258MP
    """
    from specdiff.commands.author_cmd import edit

    lines, code_ = edit(code, from_file)
    for line in lines:
        (typer.echo if code_ == 0 else _err)(line)
    return code_


@app.command("refs")
def refs_command(code: str = typer.Argument(..., help="The class whose references to list.")) -> int:
    """Which specs refer to a class: by its title in their text ("interpreted at the level of
    ..."), or as the replacement of a retired class. Shows the reach of a retirement or a
    title change. Example: specdiff refs 5257MP
    """
    from specdiff.commands.refs_cmd import refs_lines

    lines = refs_lines(code)
    for line in lines:
        typer.echo(line)
    _err(f"{len(lines)} reference(s) to {code}")
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


def _prog_name() -> str:
    name = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else "specdiff"
    return "git specdiff" if name == "git-specdiff" else "specdiff"


def _parser_exit(error: BaseException) -> int | None:
    """Exits and usage errors of the command-line parser, for the boundary."""
    if isinstance(error, typer.Exit):
        return error.exit_code
    if isinstance(error, typer.TyperException):
        show = getattr(error, "show", None)
        show() if show else _err(f"specdiff: error: {error.format_message()}")
        return error.exit_code
    if isinstance(error, typer.Abort):
        _err("specdiff: interrupted")
        return EXIT_INTERRUPTED
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the full CLI inside the one error boundary (specdiff.boundary)."""
    from specdiff.boundary import guarded

    args = sys.argv[1:] if argv is None else list(argv)

    def run() -> int:
        result = app(args=args, prog_name=_prog_name(), standalone_mode=False)
        return result if isinstance(result, int) else EXIT_OK

    return guarded(run, extra=_parser_exit)

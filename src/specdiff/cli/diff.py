"""`specdiff diff`: what changed in specs between two sides, in the document's own terms."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.cli.options import LEVEL_HELP, format_option, level_parser
from specdiff.cli.output import color, commit_stamp, note, to_file_or_stdout, write_binary
from specdiff.diff.model import DiffReport
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from specdiff.render.docx import Stamp
from specdiff.render.tables import DIFF, Options, rendered
from specdiff.render.tables import DIFF_SIDE_BY_SIDE, Table
from specdiff.render.tables import DIFF_BINARY
from specdiff.workspace import Workspace


@app.command("diff", context_settings={"allow_interspersed_args": True})
def diff_command(
    args: list[str] = typer.Argument(None, metavar="REV|PATH|CLASS",
                                     help="[REV [REV]] or A..B or A...B, then paths or class codes.",
                                     show_default=False),
    staged: bool = typer.Option(False, "--staged", "--cached", help="Compare with the index instead of the files."),
    fmt: str = format_option({**DIFF, **DIFF_BINARY}, "text"),
    output: Path | None = typer.Option(None, "--output", metavar="FILE",
                                       help="Write to this file (needed for docx and pdf on a terminal)."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything changed (as git diff)."),
    fail_on: str | None = typer.Option(None, "--fail-on", metavar="LEVEL", parser=level_parser("--fail-on"),
                                       help=f"Exit 1 when a change of this level or higher exists: {LEVEL_HELP}."),
    level: list[str] = typer.Option(None, "--level", metavar="LEVEL", parser=level_parser("--level"),
                                    help=f"Only changes of these levels (repeatable): {LEVEL_HELP}."),
    section: list[str] = typer.Option(None, "--section", metavar="HEADING",
                                      help="Only changes in these sections (repeatable), by heading."),
    ignore_editorial: bool = typer.Option(False, "--ignore-editorial", help="Leave out editorial-only changes."),
    as_of: list[str] = typer.Option(None, "--as-of", metavar="DATE", help="Give twice: compare what was in force "
                                    "on two dates (MM/DD/YYYY); other arguments are then class codes."),
    side_by_side: bool = typer.Option(False, "--side-by-side", help="With --format html: the old and new documents "
                                      "in two columns, aligned by section and item."),
) -> int:
    """Show what changed in specs between two revisions, in the document's own terms.

    Sides as in git: no revision = HEAD vs the files; REV = REV vs the files; A B, A..B;
    A...B = from the merge base; --staged = HEAD vs the index. Narrow with paths or class
    codes (specdiff diff HEAD~1 -- 5258MP). A word that is neither a revision, nor a path, nor
    a class code is an error (exit 2). Exit 0; 1 with --exit-code or --fail-on when they match;
    2 on errors (an unreadable spec, an unknown revision). Example: specdiff diff HEAD~1 HEAD --format json
    """
    from specdiff.diff.report import filtered
    from specdiff.vocab import rank
    from specdiff.workspace import opened

    table = _table(fmt, side_by_side)
    with opened() as ws:
        ws.require_root("diff")
        report = _report(ws, list(args or []), list(as_of or []), staged)
        stamp = commit_stamp(ws.repository(), report.new) if fmt in DIFF_BINARY else None
    sections = _sections(section or [], report)
    narrowed = filtered(report, levels=set(level or []) or None, sections=sections, ignore_editorial=ignore_editorial)
    if stamp is not None:
        _write_binary(narrowed, fmt, stamp, output)
    else:
        to_file_or_stdout(rendered(table, fmt, narrowed, Options(color=color())), output, fmt)
    if fail_on is not None and narrowed.worst() >= rank(fail_on):
        return EXIT_PROBLEMS
    return EXIT_PROBLEMS if exit_code and narrowed.specs else EXIT_OK


def _table(fmt: str, side_by_side: bool) -> Table[DiffReport]:
    """The renderers of --side-by-side (HTML only: UsageError for another format), else the usual ones."""
    if not side_by_side:
        return DIFF
    if fmt not in DIFF_SIDE_BY_SIDE:
        raise UsageError(f"--side-by-side makes an HTML page of two columns; it does not go with --format {fmt}: "
                         "add --format html")
    return DIFF_SIDE_BY_SIDE


def _write_binary(report: DiffReport, fmt: str, stamp: Stamp, output: Path | None) -> None:
    """The report as a binary document (docx with tracked changes) at --output, or on a non-terminal stdout."""
    from specdiff.render.tables import rendered_bytes

    if write_binary(rendered_bytes(DIFF_BINARY, fmt, report, stamp), output, fmt):
        note(f"wrote {output}")


def _sections(names: list[str], report: DiffReport) -> set[str] | None:
    """The --section filters, each a heading the schema knows, a field label, or a section of these
    specs that has no field of its own (other sections); UsageError naming it otherwise."""
    if not names:
        return None
    from specdiff import schema
    from specdiff.workspace import close_to

    known = {name.casefold(): name for name in (*(i.heading for i in schema.sections()), *schema.labels(), "CLASS")}
    known.update({c.section.casefold(): c.section for c in report.changes})
    for name in names:
        if name.casefold() not in known:
            hint = close_to(name.upper(), list(known.values()))
            raise UsageError(f"--section {name!r} is not a section heading{hint}; headings: "
                             f"{', '.join(sorted(known.values()))}")
    return {name.casefold() for name in names}


def _report(ws: Workspace, args: list[str], as_of: list[str], staged: bool) -> DiffReport:
    from specdiff.revisions import build_report, pathspecs, pick_sides, require_specs, split_arguments

    repo = ws.repository()
    if as_of:
        return _diff_as_of(ws, as_of, args)
    revisions, filters = split_arguments(repo, args)
    sides = pick_sides(repo, revisions, staged=staged)
    if not filters:
        require_specs(ws, repo, sides)
    return build_report(ws, repo, sides, pathspecs(ws, repo, sides, filters))


def _diff_as_of(ws: Workspace, dates: list[str], codes: list[str]) -> DiffReport:
    from specdiff.dates import parse_option_date
    from specdiff.history import diff_as_of
    from specdiff.revisions import codes_on

    if len(dates) != 2:
        raise UsageError("--as-of compares two dates: give it twice (--as-of 01/01/2020 --as-of 01/01/2024)")
    first, second = (parse_option_date(d, "--as-of") or "" for d in dates)
    repo = ws.repository()
    targets = codes or codes_on(ws, repo, repo.resolve("HEAD"))
    return diff_as_of(ws, repo, targets, first, second)

"""`specdiff retire` and `specdiff rename-code`: lifecycle changes, checked first, written atomically."""
from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from specdiff.cli import app
from specdiff.cli.output import line
from specdiff.errors import EXIT_OK
from specdiff.workspace import Workspace

if TYPE_CHECKING:
    from specdiff.control.lifecycle import Planned


def _apply(ws: Workspace, plans: list[Planned]) -> None:
    for plan in plans:
        if plan.spec is None:
            plan.file.unlink()
            line(f"removed {ws.label(plan.file)}")
        else:
            line(f"wrote {ws.write_spec(plan.file, plan.spec)}{plan.note}")


def _still_named(ws: Workspace, code: str) -> None:
    """The specs whose text still names the retired class's title (validate will refuse them)."""
    from specdiff.cli.output import note
    from specdiff.references import referring_to

    from specdiff.cli.output import error

    title = str(ws.load_class(code).require()["title"])
    loaded = ws.load_all()
    for bad in (item for item in loaded if item.problem is not None):
        error(f"{bad.problem}; not searched for {title!r}")
    specs = [(item.label, item.spec) for item in loaded if item.spec is not None]
    for path, ref in referring_to(title, [(p, s) for p, s in specs if s.get("class_code") != code]):
        note(f"note: {path} ({ref.pointer}) still names {title!r}; name the class that replaces it")


@app.command("retire")
def retire_command(
    code: str = typer.Argument(..., metavar="CLASS", help="The class to abolish."),
    effective: str = typer.Option(..., "--effective", metavar="DATE",
                                  help="The date the class is abolished, MM/DD/YYYY."),
    revised: str | None = typer.Option(None, "--revised", metavar="DATE", help="REV (approval) date, MM/DD/YYYY."),
    final: str | None = typer.Option(None, "--final", metavar="NO", help="Final No., e.g. 24-012."),
    next_final: bool = typer.Option(False, "--next-final", help="Allocate the next free Final No. of the year."),
    replaced_by: str | None = typer.Option(None, "--replaced-by", metavar="CLASS",
                                           help="The class that replaces it."),
) -> int:
    """Abolish a class: a retirement record is added; the spec stays, rendered and listed as retired.

    The date must be after the current record's (exit 2, nothing written).
    Example: specdiff retire 0029MP --effective 07/01/2025 --replaced-by 5258MP --next-final
    """
    from specdiff.control.drafting import final_number
    from specdiff.control.lifecycle import plan_retirement
    from specdiff.dates import parse_option_date
    from specdiff.workspace import opened

    eff = parse_option_date(effective, "--effective") or ""
    rev = parse_option_date(revised, "--revised")
    with opened() as ws:
        ws.require_root("retire")
        number = final_number(ws, final, next_final, [rev, eff])
        _apply(ws, plan_retirement(ws, code, effective=eff, revised=rev, final=number,
                                        replaced_by=replaced_by))
        _still_named(ws, code)
    return EXIT_OK


@app.command("rename-code")
def rename_code_command(
    old: str = typer.Argument(..., metavar="OLD", help="The class's current code."),
    new: str = typer.Argument(..., metavar="NEW", help="Its new code."),
) -> int:
    """Move a class to a new code: specs/NEW.json records "formerly OLD", and specs whose
    retirement names OLD as the replacement now name NEW. Commit to keep the history (git
    follows the rename). Example: specdiff rename-code 5258MP 5260MP
    """
    from specdiff.control.lifecycle import plan_recode
    from specdiff.errors import UsageError
    from specdiff.workspace import is_class_code, opened

    if not is_class_code(new):
        raise UsageError(f"{new!r} is not a class code (letters and digits, such as 5260MP)")
    with opened() as ws:
        ws.require_root("rename-code")
        _apply(ws, plan_recode(ws, old, new))
    return EXIT_OK

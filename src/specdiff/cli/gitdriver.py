"""specdiff inside git: `specdiff git install|uninstall` (a .gitattributes line and the repo-local
driver config), and the two programs git runs once installed: a textconv filter (a spec as its
rendered text) and an external diff driver (the semantic diff of one file)."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from specdiff import load
from specdiff.errors import GitError, SpecdiffError
from specdiff.workspace import Workspace

DRIVER = "specdiff"


def pattern(ws: Workspace) -> str:
    return f"{ws.specs_folder}/*.json"


def attribute_line(ws: Workspace) -> str:
    return f"{pattern(ws)} diff={DRIVER}"


def _executable() -> str:
    here = Path(sys.executable).parent / "specdiff"
    return str(here) if here.exists() else (shutil.which("specdiff") or "specdiff")


def _attribute_lines(path: Path) -> list[str]:
    return load.read_text(path).splitlines() if path.exists() else []


def install(ws: Workspace, *, textconv_only: bool, force: bool) -> list[str]:
    """Write the .gitattributes line and the repo-local driver config; say what changed."""
    from specdiff.store import write_atomic

    repo = ws.repository()
    attributes = ws.require_root("git install") / ".gitattributes"
    line, glob = attribute_line(ws), pattern(ws)
    lines = _attribute_lines(attributes)
    clash = [old for old in lines if old.split()[:1] == [glob] and "diff" in old and old != line]
    if clash and not force:
        raise GitError(f"{attributes}: {clash[0]!r} already sets a diff driver for {glob}; remove it, or pass "
                       "--force to replace it")
    done = []
    if line not in lines or clash:
        kept = [old for old in lines if old not in clash]
        write_atomic(attributes, "\n".join([*kept, line]) + "\n")
        done.append(f"wrote .gitattributes: {line}")
    exe = _executable()
    repo.set_config(f"diff.{DRIVER}.textconv", f"{exe} git textconv")
    done.append(f"set diff.{DRIVER}.textconv in .git/config")
    if textconv_only:
        if repo.unset_config(f"diff.{DRIVER}.command"):
            done.append(f"removed diff.{DRIVER}.command from .git/config")
    else:
        repo.set_config(f"diff.{DRIVER}.command", f"{exe} git diff-driver")
        done.append(f"set diff.{DRIVER}.command in .git/config")
    return done


def uninstall(ws: Workspace) -> list[str]:
    """Remove what install wrote (and nothing else); say what changed."""
    from specdiff.store import write_atomic

    repo = ws.repository()
    done = []
    attributes = ws.require_root("git uninstall") / ".gitattributes"
    line = attribute_line(ws)
    lines = _attribute_lines(attributes)
    if line in lines:
        kept = [old for old in lines if old != line]
        if kept:
            write_atomic(attributes, "".join(f"{old}\n" for old in kept))
        else:
            attributes.unlink()  # install created it for this one line
        done.append(f"removed {line!r} from .gitattributes")
    if repo.remove_config_section(f"diff.{DRIVER}"):
        done.append(f"removed diff.{DRIVER} from .git/config")
    return done or ["nothing to remove: the specdiff git driver is not installed"]


def textconv(path: Path) -> str:
    """A spec as rendered text for git; any other file (or a broken spec) as its own text."""
    from specdiff.render import render

    limit = load.limit_from_environment()
    loaded = load.from_file(path, limit=limit)
    if loaded.spec is not None:
        return render(loaded.spec, "text")
    try:
        return load.read_text(path, limit=limit)
    except SpecdiffError as error:
        return f"(specdiff: {error})\n"


def _side(file: str, label: str) -> dict[str, Any] | None:
    if file == "/dev/null":
        return None
    return load.from_file(Path(file), label, limit=load.limit_from_environment()).require()


def diff_driver(args: list[str]) -> str:
    """The semantic diff for git's 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode),
    or 9 for a rename (plus new-path and the similarity line)."""
    from specdiff.diff.report import DiffReport, compare
    from specdiff.render.diff_text import render_text

    if len(args) not in (7, 9):
        raise GitError(f"git passes 7 or 9 arguments to a diff driver, not {len(args)}; run `specdiff git install`")
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    old, new = _side(old_file, f"a/{path}"), _side(new_file, f"b/{new_path}")
    if old is None and new is None:
        return ""
    spec = compare(path if old is not None else None, new_path if new is not None else None, old, new)
    return render_text(DiffReport(f"a/{path}", f"b/{new_path}", (spec,)), color=False)


# -- the commands ----------------------------------------------------------------------------------

import typer  # noqa: E402

from specdiff.cli import app  # noqa: E402
from specdiff.cli.output import lines, out  # noqa: E402
from specdiff.errors import EXIT_OK  # noqa: E402
from specdiff.workspace import opened  # noqa: E402

git_app = typer.Typer(help="Git integration: textconv and an external diff driver for the spec files.",
                      no_args_is_help=True)
app.add_typer(git_app, name="git")


@git_app.command("install")
def git_install_command(
    textconv_only: bool = typer.Option(False, "--textconv-only", help="Only rendered-text diffs; no semantic driver."),
    force: bool = typer.Option(False, "--force", help="Replace another diff driver set for the spec files."),
) -> int:
    """Make git show specs as documents: writes `specs/*.json diff=specdiff` to .gitattributes
    and the driver to the repo's .git/config.

    Then `git diff` shows the semantic diff (git runs the external driver by default), and
    `git log -p` and `git diff --no-ext-diff` show the rendered text of each revision (textconv);
    `git log -p --ext-diff` shows semantic diffs per commit. Example: specdiff git install
    """
    with opened() as ws:
        ws.require_root("git install")
        lines(install(ws, textconv_only=textconv_only, force=force))
    return EXIT_OK


@git_app.command("uninstall")
def git_uninstall_command() -> int:
    """Remove what `specdiff git install` wrote (and nothing else)."""
    with opened() as ws:
        ws.require_root("git uninstall")
        lines(uninstall(ws))
    return EXIT_OK


@git_app.command("textconv", hidden=True)
def git_textconv_command(path: Path = typer.Argument(..., metavar="FILE")) -> int:
    """(Run by git.) Print a spec file as its rendered text."""
    out(textconv(path))
    return EXIT_OK


@git_app.command("diff-driver", hidden=True, context_settings={"ignore_unknown_options": True})
def git_diff_driver_command(args: list[str] = typer.Argument(..., metavar="ARG")) -> int:
    """(Run by git.) The semantic diff of one file, from git's 7 or 9 arguments."""
    out(diff_driver(list(args)))
    return EXIT_OK

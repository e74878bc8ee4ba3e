"""specdiff inside git: `specdiff git install|uninstall` (a .gitattributes line and the repo-local
driver config), and the two programs git runs once installed: a textconv filter (a spec as its
rendered text) and an external diff driver (the semantic diff of one file)."""
from __future__ import annotations

import shlex
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specdiff import load
from specdiff.errors import GitError, SpecdiffError
from specdiff.workspace import Workspace

if TYPE_CHECKING:
    from specdiff.git import Repository

DRIVER = "specdiff"


def pattern(ws: Workspace) -> str:
    return f"{ws.specs_folder}/*.json"


def attribute_line(ws: Workspace) -> str:
    return f"{pattern(ws)} diff={DRIVER}"


def _executable() -> str:
    here = Path(sys.executable).parent / "specdiff"
    return str(here) if here.exists() else (shutil.which("specdiff") or "specdiff")


BACKUP = "specdiff-backup"  # the git config section that keeps what `install` replaced, for `uninstall`
KEYS = ("textconv", "command")


def _attributes(path: Path) -> tuple[list[str], str]:
    """(lines, the file's line ending): CRLF files stay CRLF."""
    if not path.exists():
        return [], "\n"
    text = load.read_text(path)
    return text.splitlines(), "\r\n" if "\r\n" in text else "\n"


def _write_attributes(path: Path, lines: list[str], newline: str) -> None:
    from specdiff.store import write_atomic

    write_atomic(path, "".join(f"{line}{newline}" for line in lines))


def _replaced(lines: list[str], old: list[str], new: list[str]) -> list[str]:
    """The lines with the `old` ones replaced, in place of the first of them, by `new` (appended when
    none of them is there)."""
    result: list[str] = []
    for line in lines:
        if line not in old:
            result.append(line)
        elif not any(kept in result for kept in new):
            result.extend(new)
    return result if all(kept in result for kept in new) else [*result, *new]


def _command(exe: str, verb: str) -> str:
    """The command git runs through the shell: the path quoted (spaces, metacharacters)."""
    return f"{shlex.quote(exe)} git {verb}"


def _save_key(repo: Repository, name: str) -> None:
    """Keep a diff.specdiff.<name> of the user's own (not one install wrote) for `uninstall`."""
    old, backup = repo.get_config(f"diff.{DRIVER}.{name}"), f"{BACKUP}.{name}"
    ours = old is not None and old.endswith(f" git {'diff-driver' if name == 'command' else name}")
    if old is not None and not ours and repo.get_config(backup) is None:
        repo.set_config(backup, old)


def _set_key(repo: Repository, name: str, value: str) -> None:
    """Set diff.specdiff.<name>, keeping a value of the user's own for `uninstall` to put back."""
    _save_key(repo, name)
    repo.set_config(f"diff.{DRIVER}.{name}", value)


def install(ws: Workspace, *, textconv_only: bool, force: bool) -> list[str]:
    """Write the .gitattributes line and the repo-local driver config; say what changed."""
    repo = ws.repository()
    attributes = ws.require_root("git install") / ".gitattributes"
    line, glob = attribute_line(ws), pattern(ws)
    lines, newline = _attributes(attributes)
    clash = [old for old in lines if old.split()[:1] == [glob] and "diff" in old and old != line]
    if clash and not force:
        raise GitError(f"{attributes}: {clash[0]!r} already sets a diff driver for {glob}; remove it, or pass "
                       "--force to replace it")
    done = []
    if line not in lines or clash:
        if clash:
            repo.set_config(f"{BACKUP}.attributes", "\n".join(clash))
        _write_attributes(attributes, _replaced(lines, clash, [line]), newline)
        done.append(f"wrote .gitattributes: {line}")
    exe = _executable()
    _set_key(repo, "textconv", _command(exe, "textconv"))
    done.append(f"set diff.{DRIVER}.textconv in .git/config")
    if textconv_only:
        if repo.get_config(f"diff.{DRIVER}.command") is not None:
            _save_key(repo, "command")
            repo.unset_config(f"diff.{DRIVER}.command")
            done.append(f"removed diff.{DRIVER}.command from .git/config")
    else:
        _set_key(repo, "command", _command(exe, "diff-driver"))
        done.append(f"set diff.{DRIVER}.command in .git/config")
    return done


def uninstall(ws: Workspace) -> list[str]:
    """Remove what install wrote and put back what it replaced (the user's lines and keys, the file's
    line endings); say what changed."""
    repo = ws.repository()
    done = []
    attributes = ws.require_root("git uninstall") / ".gitattributes"
    line = attribute_line(ws)
    lines, newline = _attributes(attributes)
    saved = [old for old in (repo.get_config(f"{BACKUP}.attributes") or "").split("\n") if old]
    restored = _replaced(lines, [line], saved)
    if line in lines:
        if restored:
            _write_attributes(attributes, restored, newline)
        else:
            attributes.unlink()  # install created it for this one line
        done.append(f"removed {line!r} from .gitattributes")
    for name in KEYS:
        if repo.unset_config(f"diff.{DRIVER}.{name}"):
            done.append(f"removed diff.{DRIVER}.{name} from .git/config")
        own = repo.get_config(f"{BACKUP}.{name}")
        if own:
            repo.set_config(f"diff.{DRIVER}.{name}", own)
            done.append(f"put back your diff.{DRIVER}.{name}")
    repo.remove_config_section(BACKUP)
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

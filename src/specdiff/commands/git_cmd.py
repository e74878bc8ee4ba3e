"""`specdiff git install|uninstall`, and the two programs git runs once installed:
a textconv filter (a spec as its rendered text) and an external diff driver (the semantic diff).
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

from specdiff.diff.output_text import render_text
from specdiff.diff.report import DiffReport, compare
from specdiff.errors import GitError, SpecdiffError
from specdiff.git import Repository
from specdiff.render import render
from specdiff.schema import validate_spec
from specdiff.specfile import SPECS_DIR, load_spec, read_text, write_atomic

DRIVER = "specdiff"
PATTERN = f"{SPECS_DIR.as_posix()}/*.json"
ATTRIBUTE_LINE = f"{PATTERN} diff={DRIVER}"


def _executable() -> str:
    here = Path(sys.executable).parent / "specdiff"
    return str(here) if here.exists() else (shutil.which("specdiff") or "specdiff")


def _attribute_lines(path: Path) -> list[str]:
    return read_text(path).splitlines() if path.exists() else []


def install(repo: Repository, *, textconv_only: bool, force: bool) -> list[str]:
    """Write the .gitattributes line and the repo-local driver config; say what changed."""
    attributes = repo.root / ".gitattributes"
    lines = _attribute_lines(attributes)
    clash = [line for line in lines if line.split()[:1] == [PATTERN] and "diff" in line and line != ATTRIBUTE_LINE]
    if clash and not force:
        raise GitError(f"{attributes}: {clash[0]!r} already sets a diff driver for {PATTERN}; remove it, or pass "
                       "--force to replace it")
    done = []
    if ATTRIBUTE_LINE not in lines or clash:
        kept = [line for line in lines if line not in clash]
        write_atomic(attributes, "\n".join([*kept, ATTRIBUTE_LINE]) + "\n")
        done.append(f"wrote {attributes}: {ATTRIBUTE_LINE}")
    exe = _executable()
    repo.set_config(f"diff.{DRIVER}.textconv", f"{exe} git textconv")
    done.append(f"set diff.{DRIVER}.textconv in {repo.root / '.git' / 'config'}")
    if textconv_only:
        if repo.unset_config(f"diff.{DRIVER}.command"):
            done.append(f"removed diff.{DRIVER}.command from {repo.root / '.git' / 'config'}")
    else:
        repo.set_config(f"diff.{DRIVER}.command", f"{exe} git diff-driver")
        done.append(f"set diff.{DRIVER}.command in {repo.root / '.git' / 'config'}")
    return done


def uninstall(repo: Repository) -> list[str]:
    """Remove what install wrote (and nothing else); say what changed."""
    done = []
    attributes = repo.root / ".gitattributes"
    lines = _attribute_lines(attributes)
    if ATTRIBUTE_LINE in lines:
        kept = [line for line in lines if line != ATTRIBUTE_LINE]
        if kept:
            write_atomic(attributes, "".join(f"{line}\n" for line in kept))
        else:
            attributes.unlink()  # install created it for this one line
        done.append(f"removed {ATTRIBUTE_LINE!r} from {attributes}")
    if repo.remove_config_section(f"diff.{DRIVER}"):
        done.append(f"removed diff.{DRIVER} from {repo.root / '.git' / 'config'}")
    return done or ["nothing to remove: the specdiff git driver is not installed"]


def textconv(path: Path) -> str:
    """A spec as rendered text for git; any other file (or a broken spec) as its own text."""
    try:
        spec = load_spec(path)
        if not validate_spec(spec):
            return render(spec, "text")
    except SpecdiffError:
        pass
    try:
        return read_text(path)
    except SpecdiffError as error:
        return f"(specdiff: {error})\n"


def _side(file: str, label: str) -> dict[str, Any] | None:
    if file == "/dev/null":
        return None
    try:
        return load_spec(Path(file))
    except SpecdiffError as error:
        raise SpecdiffError(f"{label}: {error.message}") from None


def diff_driver(args: list[str]) -> str:
    """The semantic diff for git's 7 arguments (path old-file old-hex old-mode new-file new-hex new-mode),
    or 9 for a rename (plus new-path and the similarity line)."""
    if len(args) not in (7, 9):
        raise GitError(f"git passes 7 or 9 arguments to a diff driver, not {len(args)}; run `specdiff git install`")
    path, old_file, _, _, new_file = args[:5]
    new_path = args[7] if len(args) == 9 else path
    old, new = _side(old_file, f"{path} (old)"), _side(new_file, f"{new_path} (new)")
    if old is None and new is None:
        return ""
    spec = compare(path if old is not None else None, new_path if new is not None else None, old, new)
    return render_text(DiffReport(f"a/{path}", f"b/{new_path}", (spec,)), color=False)

"""`specdiff init [DIR]`: make a folder a spec repository in one command (git, the specs folder, the
schema, the policy file, pre-commit hooks, the CI workflow and the git diff driver). Never overwrites
a file: each one is listed as created or left alone, so a second run changes nothing and says so."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from specdiff.cli import app
from specdiff.cli.output import line, note
from specdiff.errors import EXIT_OK, GitError, UsageError, WriteError

if TYPE_CHECKING:
    from specdiff.scaffold import Planned

Step = tuple[str, bool]  # what was done (or left alone), and whether it changed anything


@app.command("init")
def init_command(
    folder: Path | None = typer.Argument(None, metavar="DIR", show_default=False,
                                         help="The repository's root folder (default: the current folder; "
                                              "created when missing)."),
) -> int:
    """Set up a spec repository in one command; never overwrites a file.

    Runs `git init` when DIR is not in a git repository (DIR inside a repository must be its
    root). Writes specs/ (the policy's specs_dir), schema/job-class.schema.json (so `$schema`
    in specs resolves in editors), specdiff.toml (every setting, commented out, with its
    default), .pre-commit-config.yaml (local hooks on the installed specdiff),
    .github/workflows/specdiff.yml, and the .gitattributes line and .git/config driver of
    `specdiff git install`. An existing file is never overwritten: each is listed as
    created or left alone, so running it again changes nothing. Exit 0; 2 when DIR is
    below a repository's root or not a folder. Example: specdiff init my-specs
    """
    from specdiff import scaffold
    from specdiff.workspace import opened

    root = Path(os.path.abspath(folder if folder is not None else Path.cwd()))  # "../x" is x beside here
    _check_place(root)
    with opened(root) as ws:  # reads the policy: a broken one stops here, before anything is written
        planned = scaffold.plan(root, ws.specs_folder)
    steps = [*_prepare(root), *(_make(root, item) for item in planned), *_git_driver(root)]
    for text, _ in steps:
        line(text)
    if any(changed for _, changed in steps):
        note("next: add specs (specdiff import FILE...), run `pre-commit install` once per clone, then commit")
    else:
        note(f"nothing to do: {root} is already set up for specdiff ({len(steps)} items checked, none changed)")
    return EXIT_OK


def _check_place(root: Path) -> None:
    """UsageError (nothing done) unless root is, or can become, a repository's root folder."""
    from specdiff.load import work_tree_of

    if root.exists() and not root.is_dir():
        raise UsageError("is not a folder; name the folder that is (or will be) the spec repository", path=str(root))
    tree = work_tree_of(root)
    if tree is not None and tree.resolve() != root.resolve():
        raise UsageError(f"is inside the git repository {tree}, below its root; run `specdiff init` at the root "
                         f"{tree}", path=str(root))
    if tree is None and (root / "HEAD").is_file() and (root / "objects").is_dir():
        raise GitError("is a bare repository; run `specdiff init` in a clone with a working tree", path=str(root))


def _prepare(root: Path) -> list[Step]:
    """The folder and its git repository, made when missing."""
    from specdiff.git import init_repository
    from specdiff.load import work_tree_of

    steps: list[Step] = []
    if not root.exists():
        _mkdir(root)
        steps.append((f"created the folder {root}", True))
    if work_tree_of(root) is None:
        init_repository(root)
        steps.append((f"initialized a git repository in {root} (git init)", True))
    return steps


def _mkdir(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"cannot create the folder: {error.strerror}", path=str(folder)) from None


def _make(root: Path, item: Planned) -> Step:
    """Create one planned file or folder, unless it is left alone."""
    from specdiff.store import write_atomic

    if item.kept is not None:
        return f"left alone ({item.kept}): {item.path}", False
    if item.content is None:
        _mkdir(root / item.path)
    else:
        write_atomic(root / item.path, item.content)
    return f"created: {item.path}", True


def _git_driver(root: Path) -> list[Step]:
    """The .gitattributes line and the .git/config driver, as `specdiff git install` writes them (a
    driver set up earlier with --textconv-only stays so)."""
    from specdiff.cli.gitdriver import DRIVER, KEYS, attribute_line, install, pattern
    from specdiff.workspace import opened

    attributes = root / ".gitattributes"
    with opened(root) as ws:
        repo = ws.repository()
        config = [repo.get_config(f"diff.{DRIVER}.{key}") for key in KEYS]
        before = attributes.read_bytes() if attributes.is_file() else None
        try:
            install(ws, textconv_only=config[0] is not None and config[1] is None, force=False)
        except GitError:  # the repository is open: the only refusal left is another driver for the specs
            return [(f"left alone (it gives {pattern(ws)} another diff driver; `specdiff git install --force` "
                     "replaces it): .gitattributes", False)]
        after = attributes.read_bytes() if attributes.is_file() else None
        config_changed = config != [repo.get_config(f"diff.{DRIVER}.{key}") for key in KEYS]
        return [_attributes_step(before, after, attribute_line(ws)),
                (f"set: diff.{DRIVER} in .git/config (the git diff driver; `specdiff git uninstall` removes it)", True)
                if config_changed else (f"left alone (already set): diff.{DRIVER} in .git/config", False)]


def _attributes_step(before: bytes | None, after: bytes | None, attribute: str) -> Step:
    if before == after:
        return "left alone (exists): .gitattributes", False
    if before is None:
        return f"created: .gitattributes ({attribute})", True
    return f"added {attribute!r} to: .gitattributes", True

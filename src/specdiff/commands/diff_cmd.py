"""`specdiff diff`: pick the two sides as git does, read the specs once per side, compare."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from specdiff.diff.report import DiffReport, compare
from specdiff.errors import GitError, LoadError, UsageError
from specdiff.git import INDEX, WORKTREE, Repository
from specdiff.specfile import SPECS_DIR, is_class_code, parse_spec, spec_file



@dataclass(frozen=True)
class Sides:
    """The old side (a SHA) and the new side (a SHA, WORKTREE or INDEX), with labels for reports."""

    old: str
    new: str
    old_label: str
    new_label: str


def split_arguments(repo: Repository, args: list[str]) -> tuple[list[str], list[str]]:
    """(revisions, filters): up to two leading revisions, then paths or class codes.

    As in git, an argument that is neither a revision nor a path (nor a class code) is an
    error, so a mistyped revision is never silently taken for an empty filter.
    """
    revisions: list[str] = []
    for index, arg in enumerate(args):
        if len(revisions) == 2 or not _is_revision(repo, arg):
            return revisions, args[index:]
        revisions.append(arg)
    return revisions, []


def _is_revision(repo: Repository, arg: str) -> bool:
    if ".." in arg or arg.startswith("-"):
        return True  # ranges are resolved later; option-like words are refused there
    try:
        repo.resolve(arg)
    except GitError:
        if Path(arg).exists() or is_class_code(arg):
            return False
        raise
    return True


def pick_sides(repo: Repository, revisions: list[str], *, staged: bool) -> Sides:
    """Sides as git diff picks them: none, REV, A B, A..B, A...B; --staged compares with the index."""
    if len(revisions) == 1 and "..." in revisions[0]:
        a, b = revisions[0].split("...", 1)
        new = repo.resolve(b or "HEAD")
        old = repo.merge_base(repo.resolve(a or "HEAD"), new)
        return Sides(old, new, f"merge-base of {a or 'HEAD'} and {b or 'HEAD'}", b or "HEAD")
    if len(revisions) == 1 and ".." in revisions[0]:
        a, b = revisions[0].split("..", 1)
        return Sides(repo.resolve(a or "HEAD"), repo.resolve(b or "HEAD"), a or "HEAD", b or "HEAD")
    if len(revisions) == 2:
        if staged:
            raise UsageError("--staged compares a revision with the index; give at most one revision")
        return Sides(repo.resolve(revisions[0]), repo.resolve(revisions[1]), revisions[0], revisions[1])
    base = revisions[0] if revisions else "HEAD"
    new = INDEX if staged else WORKTREE
    return Sides(repo.resolve(base), new, base, "index" if staged else "working tree")


def pathspecs(repo: Repository, filters: list[str]) -> list[str]:
    """Repo-relative paths for the filters: a class code means specs/<CODE>.json."""
    if not filters:
        return [SPECS_DIR.as_posix()]
    specs: list[str] = []
    for item in filters:
        looks_like_code = is_class_code(item) and not Path(item).exists()
        specs.append(spec_file(item).as_posix() if looks_like_code else repo.relative(item))
    return specs


def _load(texts: dict[str, str], path: str | None, label: str) -> dict[str, Any] | None:
    if path is None or path not in texts:
        return None
    value = parse_spec(texts[path], f"{label}:{path}")
    return value if isinstance(value, dict) else None


def spec_at(repo: Repository, side: str, path: str) -> dict[str, Any] | None:
    """One spec file on one side (a SHA, the index or the working tree), or None if it is not there."""
    return _load(repo.read(side, [path]), path, side[:12])


def build_report(repo: Repository, sides: Sides, specs: list[str], *, tolerant: bool = False) -> DiffReport:
    """Compare every changed spec file; each side is read in one pass.

    With tolerant, a file that cannot be parsed is listed in `unreadable` instead of stopping
    the run (the pull-request summary reports it as an invalid spec).
    """
    files = [c for c in repo.changes(sides.old, sides.new, specs) if (c.new_path or c.old_path or "").endswith(".json")]
    old_texts = repo.read(sides.old, [c.old_path for c in files if c.old_path])
    new_texts = repo.read(sides.new, [c.new_path for c in files if c.new_path])
    results = []
    unreadable: list[tuple[str, str]] = []
    for change in files:
        try:
            old = _load(old_texts, change.old_path, sides.old_label)
            new = _load(new_texts, change.new_path, sides.new_label)
        except LoadError as error:
            if not tolerant:
                raise
            unreadable.append((change.new_path or change.old_path or "", str(error)))
            continue
        if old is not None or new is not None:
            results.append(compare(change.old_path, change.new_path, old, new))
    return DiffReport(sides.old_label, sides.new_label, tuple(results), tuple(unreadable))

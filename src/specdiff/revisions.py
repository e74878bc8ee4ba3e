"""The two sides of a comparison -> pairs of loaded specs -> a DiffReport.

Sides are picked as `git diff` picks them; every argument is a revision, an existing path or the
class code of a spec on either side, or an error that names it (with a "did you mean"). Specs are
read by blob id through the one loading path, so a committed spec that is not UTF-8, too big, a
link or the wrong shape is reported as such and never compared.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from specdiff import load
from specdiff.diff.report import DiffReport, compare, recoded
from specdiff.errors import ConfigError, GitError, LoadError, ManyErrors, NoSpecsError, SpecdiffError, UsageError
from specdiff.git import INDEX, SYMLINK_MODE, WORKTREE, FileChange, Repository, TreeEntry
from specdiff.load import LoadedSpec
from specdiff.policy import Policy
from specdiff.workspace import Workspace, close_to


@dataclass(frozen=True)
class Sides:
    """The old side (a SHA) and the new side (a SHA, WORKTREE or INDEX), with labels for reports."""

    old: str
    new: str
    old_label: str
    new_label: str
    old_ref: str | None = None  # how files of each side are named (`HEAD~1:specs/X.json`); the SHA if None
    new_ref: str | None = None

    def ref(self, side: str) -> str:
        """The prefix that names a file of one side in messages."""
        if side == INDEX:
            return "index"
        named = self.old_ref if side == self.old else self.new_ref
        return named or side[:12]


# -- arguments -----------------------------------------------------------------------------------


def split_arguments(repo: Repository, args: list[str]) -> tuple[list[str], list[str]]:
    """(revisions, filters): up to two leading words that git resolves to commits, then the rest."""
    revisions: list[str] = []
    for index, arg in enumerate(args):
        if len(revisions) == 2 or not _is_revision(repo, arg):
            return revisions, args[index:]
        revisions.append(arg)
    return revisions, []


def _is_revision(repo: Repository, arg: str) -> bool:
    if ".." in arg or arg.startswith("-"):
        return True  # ranges are resolved later; option-like words are refused there
    return repo.try_resolve(arg) is not None


def pick_sides(repo: Repository, revisions: list[str], *, staged: bool) -> Sides:
    """Sides as git diff picks them: none, REV, A B, A..B, A...B; --staged compares with the index."""
    if len(revisions) == 1 and "..." in revisions[0]:
        a, b = revisions[0].split("...", 1)
        new = repo.resolve(b or "HEAD")
        old = repo.merge_base(repo.resolve(a or "HEAD"), new)
        return Sides(old, new, f"merge-base of {a or 'HEAD'} and {b or 'HEAD'}", b or "HEAD", None, b or "HEAD")
    if len(revisions) == 1 and ".." in revisions[0]:
        a, b = revisions[0].split("..", 1)
        return Sides(repo.resolve(a or "HEAD"), repo.resolve(b or "HEAD"), a or "HEAD", b or "HEAD", a or "HEAD",
                     b or "HEAD")
    if len(revisions) == 2:
        if staged:
            raise UsageError("--staged compares a revision with the index; give at most one revision")
        return Sides(repo.resolve(revisions[0]), repo.resolve(revisions[1]), *revisions, *revisions)
    base = revisions[0] if revisions else "HEAD"
    new = INDEX if staged else WORKTREE
    return Sides(repo.resolve(base), new, base, "index" if staged else "working tree", base)


def codes_on(ws: Workspace, repo: Repository, side: str) -> list[str]:
    """The class codes with a spec file on one side (file stems)."""
    if side == WORKTREE:
        return ws.class_codes()
    if side == INDEX:
        side = repo.resolve_base("HEAD")
        return sorted({*ws.class_codes(), *codes_on(ws, repo, side)})
    return [PurePosixPath(e.path).stem for e in repo.entries(side, ws.specs_folder) if e.path.endswith(".json")]


def require_specs(ws: Workspace, repo: Repository, sides: Sides) -> None:
    """NoSpecsError saying where it looked when neither side has a spec: a comparison of nothing is
    never a pass (a mistyped specs_dir, a repository without specs)."""
    if codes_on(ws, repo, sides.old) or codes_on(ws, repo, sides.new):
        return
    raise NoSpecsError(f"no spec (*.json) in {ws.specs_folder}/ on either side ({sides.old_label}, "
                       f"{sides.new_label}); run specdiff in your spec repository, or set specs_dir in specdiff.toml")


def pathspecs(ws: Workspace, repo: Repository, sides: Sides, filters: list[str]) -> list[str]:
    """Repository-relative paths for the filters: an existing path, or the class code of a spec on
    either side. Anything else is an error naming it, with a "did you mean" (a branch or a code)."""
    if not filters:
        return [ws.specs_folder]
    codes = sorted({*codes_on(ws, repo, sides.old), *codes_on(ws, repo, sides.new)})
    found: list[str] = []
    for item in filters:
        if (ws.cwd / item).exists():
            found.append(_spec_pathspec(ws, item))
        elif item in codes:
            found.append(ws.spec_path(item))
        elif any(mark in item for mark in "~^@:") or repo.is_shallow():
            raise GitError(repo.unknown(item))  # written as a revision: say why git does not know it
        else:
            hint = close_to(item, [*codes, *repo.ref_names()])
            raise UsageError(f"{item!r} is neither a revision, nor a path, nor the class code of a spec on either "
                             f"side{hint}")
    return found


def _spec_pathspec(ws: Workspace, item: str) -> str:
    """An existing path as a pathspec: the specs folder, a file in it, or a folder that holds it."""
    path = ws.relative(item)
    folder = PurePosixPath(ws.specs_folder)
    pure = PurePosixPath(path)
    if path == "." or pure == folder or folder in pure.parents or pure in folder.parents:
        return path
    raise UsageError(f"{item}: no spec can be there: specs are the .json files of {ws.specs_folder}/; name a spec "
                     "file or a class code")


def policy_at(ws: Workspace, repo: Repository, sha: str) -> Policy:
    """The policy as configured at a revision (its root's specdiff.toml or pyproject.toml), so that a
    pull request is checked under its base's rules, never under rules it brings itself."""
    from specdiff.policy import CONFIG_FILES, policy_from, settings_in

    for name in CONFIG_FILES:
        entry = repo.entry(sha, name)
        if entry is None:
            continue
        data = repo.blob(entry.blob, 1_000_000)
        where = f"{sha[:12]}:{name}"
        if isinstance(data, int):
            raise ConfigError(f"{data:,} bytes is too large for a configuration file", path=where)
        settings = settings_in(name, load.decode(data, where), where)
        if settings is not None:
            return policy_from(settings, where)
    return Policy()


# -- reading specs ---------------------------------------------------------------------------------


def load_entry(ws: Workspace, repo: Repository, sha: str, entry: TreeEntry, ref: str | None = None) -> LoadedSpec:
    """A committed or staged file through the one loading path (the size checked before reading)."""
    label = f"{ref or ('index' if sha == INDEX else sha[:12])}:{entry.path}"
    return load_blob(ws, repo, label, entry.path, entry.blob, entry.mode)


def load_blob(ws: Workspace, repo: Repository, label: str, path: str, blob: str, mode: str | None) -> LoadedSpec:
    if mode == SYMLINK_MODE:
        return load.failed(label, LoadError("is a symlink in the repository; a spec must be a file "
                                            "(commit the file itself)", path=label), path)
    data = repo.blob(blob, ws.limit)
    if isinstance(data, int):
        return load.failed(label, load.too_big(data, label, ws.limit), path)
    return load.from_bytes(data, label, path, limit=ws.limit)


def spec_at(ws: Workspace, repo: Repository, side: str, path: str) -> LoadedSpec | None:
    """One spec file on one side (a SHA, the index or the working tree), or None if it is not there."""
    if side == WORKTREE:
        file = ws.require_root("diff") / path
        return ws.load_file(file) if file.exists() or file.is_symlink() else None
    entry = repo.entry(side, path)
    return None if entry is None else load_entry(ws, repo, side, entry)


def specs_at(ws: Workspace, repo: Repository, sha: str, ref: str | None = None) -> list[LoadedSpec]:
    """Every spec of the specs folder at a commit, loaded (bad ones carry their problem)."""
    return [load_entry(ws, repo, sha, entry, ref) for entry in repo.entries(sha, ws.specs_folder)
            if ws.is_spec_path(entry.path)]


def _side(ws: Workspace, repo: Repository, sides: Sides, side: str, path: str | None, blob: str | None,
          mode: str | None) -> LoadedSpec | None:
    if path is None or not ws.is_spec_path(path):
        return None  # not a spec on this side (a spec renamed to .json.bak is a spec removed)
    if side == WORKTREE:
        return spec_at(ws, repo, side, path)
    if blob is None:
        entry = repo.entry(side, path)
        if entry is None:
            return None
        blob, mode = entry.blob, entry.mode
    return load_blob(ws, repo, f"{sides.ref(side)}:{path}", path, blob, mode)


@dataclass(frozen=True)
class Pair:
    """One changed spec file: its two sides as loaded (None where the spec is absent)."""

    old: LoadedSpec | None
    new: LoadedSpec | None

    @property
    def problems(self) -> list[SpecdiffError]:
        return [side.problem for side in (self.old, self.new) if side is not None and side.problem is not None]


def changed_pairs(ws: Workspace, repo: Repository, sides: Sides, specs: list[str]) -> list[Pair]:
    """Every spec file that differs between the sides, each side loaded once."""
    pairs = []
    for change in repo.changes(sides.old, sides.new, specs):
        pair = _pair(ws, repo, sides, change)
        if pair.old is not None or pair.new is not None:
            pairs.append(pair)
    return pairs


def _pair(ws: Workspace, repo: Repository, sides: Sides, change: FileChange) -> Pair:
    old = _side(ws, repo, sides, sides.old, change.old_path, change.old_blob, change.old_mode)
    new = _side(ws, repo, sides, sides.new, change.new_path, change.new_blob, change.new_mode)
    return Pair(old, new)


def build_report(ws: Workspace, repo: Repository, sides: Sides, specs: list[str], *,
                 tolerant: bool = False) -> DiffReport:
    """Compare every changed spec. A spec that does not load stops the run (every such problem is
    reported), or with tolerant is listed in `unreadable` while the others are compared."""
    pairs = changed_pairs(ws, repo, sides, specs)
    problems = [problem for pair in pairs for problem in pair.problems]
    if problems and not tolerant:
        raise ManyErrors(problems) if len(problems) > 1 else problems[0]
    results = [compare(_path(pair.old), _path(pair.new), _spec(pair.old), _spec(pair.new))
               for pair in pairs if not pair.problems]
    unreadable = tuple((str(p.path or ""), p.detail) for p in problems)
    return DiffReport(sides.old_label, sides.new_label, tuple(recoded(results)), unreadable)


def _path(side: LoadedSpec | None) -> str | None:
    return side.path if side is not None else None


def _spec(side: LoadedSpec | None) -> dict[str, Any] | None:
    return side.spec if side is not None else None


DEFAULT_BRANCHES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")


def gate_base(ws: Workspace, repo: Repository, base: str | None) -> tuple[str, str | None]:
    """(SHA, --base to suggest) of what check and draft compare with. A --base given is used as it is.
    By default: the merge base of HEAD and the base branch (the policy's base_branch, else origin/HEAD,
    main or master), so a branch needs one record per class, not one per commit; HEAD when there is no
    such branch."""
    if base is not None:
        return repo.resolve_base(base), base
    if not repo.has_commits():
        return repo.resolve_base("HEAD"), None
    names = (ws.policy.base_branch,) if ws.policy.base_branch else DEFAULT_BRANCHES
    for name in names:
        branch = repo.try_resolve(name)
        if branch is not None:
            return repo.merge_base(branch, repo.resolve("HEAD")), None
    if ws.policy.base_branch:
        raise UsageError(f"base_branch {ws.policy.base_branch!r} (in the policy) is not a branch here; fetch it, "
                         "or pass --base")
    return repo.resolve("HEAD"), None

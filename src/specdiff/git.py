"""Every git call of specdiff, behind one small API (the only module that uses GitPython).

Revisions from users are resolved with `rev-parse --verify --end-of-options REV^{commit}`
and only SHAs are passed on, so a "revision" such as `--output=/tmp/x` can never act as an
option. Blobs are read as `<sha>:<path>` through GitPython's persistent `cat-file --batch`
process, never one `git show` per file. `open_repository` closes the
repo, so no `cat-file` process outlives a command.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from specdiff.errors import GitError

WORKTREE = "worktree"  # the files on disk
INDEX = "index"  # what is staged
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree: the base before the first commit


@dataclass(frozen=True)
class FileChange:
    """A spec file added (A), deleted (D), modified (M) or renamed (R) between two sides."""

    status: str
    old_path: str | None
    new_path: str | None


@dataclass(frozen=True)
class CommitInfo:
    """One commit that touched a spec: who, when, why, and the spec's path before and after."""

    sha: str
    date: str
    author: str
    subject: str
    status: str  # A, M, D or R
    old_path: str | None
    new_path: str | None
    old_blob: str | None = None  # blob SHAs of the spec before and after the commit
    new_blob: str | None = None


class Repository:
    """A git repository seen through the operations specdiff needs."""

    def __init__(self, repo: Any) -> None:
        self._repo = repo
        self.root = Path(repo.working_tree_dir)

    # -- revisions -----------------------------------------------------------------------------

    def resolve(self, revision: str) -> str:
        """The commit SHA a user's revision names; GitError if none (or if it looks like an option)."""
        if not revision or revision.startswith("-"):
            raise GitError(f"{revision!r} is not a revision (it looks like an option); name a branch, tag or commit")
        from git.exc import GitCommandError

        try:
            sha = self._repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        except GitCommandError:
            raise GitError(self._unknown(revision)) from None
        return str(sha).strip()

    def resolve_base(self, revision: str) -> str:
        """Like resolve, but HEAD on a branch with no commit yet is the empty tree (all specs are new)."""
        if revision == "HEAD" and not self._repo.head.is_valid():
            return EMPTY_TREE
        return self.resolve(revision)

    def _unknown(self, revision: str) -> str:
        if not self._repo.head.is_valid():
            return f"unknown revision {revision!r}: the repository has no commits yet; commit the specs first"
        if self.is_shallow():
            return (f"unknown revision {revision!r} in a shallow clone; fetch the full history "
                    "(git fetch --unshallow) and try again")
        return f"unknown revision {revision!r}; check the name with `git log --oneline`"

    def is_shallow(self) -> bool:
        return (Path(self._repo.git_dir) / "shallow").exists()

    def merge_base(self, a: str, b: str) -> str:
        """The merge base of two SHAs (for A...B)."""
        from git.exc import GitCommandError

        try:
            return str(self._repo.git.merge_base(a, b)).strip()
        except GitCommandError:
            hint = "; fetch the full history (git fetch --unshallow)" if self.is_shallow() else ""
            raise GitError(f"{a[:12]} and {b[:12]} have no merge base{hint}") from None

    # -- reading specs -------------------------------------------------------------------------

    def read(self, side: str, paths: list[str]) -> dict[str, str]:
        """Text of each path (repo-relative, POSIX) on one side: a SHA, WORKTREE or INDEX."""
        if side == WORKTREE:
            return {p: (self.root / p).read_text(encoding="utf-8-sig") for p in paths if (self.root / p).is_file()}
        if side == INDEX:
            return self._read_index(paths)
        if side == EMPTY_TREE:
            return {}
        return self._read_commit(side, paths)

    def _read_commit(self, sha: str, paths: list[str]) -> dict[str, str]:
        # "<sha>:<path>" through GitPython's persistent `cat-file --batch`: one round trip per blob,
        # no tree objects parsed (a tree lookup re-reads all 2,000 entries of specs/ every time).
        found: dict[str, str] = {}
        for path in paths:
            if "\n" in path:
                continue  # cat-file's batch protocol is line based; git itself quotes such names
            try:
                _, kind, _, data = self._repo.git.get_object_data(f"{sha}:{path}")
            except ValueError:  # "<ref> missing": the path does not exist at that commit
                continue
            if kind == b"blob" or kind == "blob":
                found[path] = data.decode("utf-8-sig")
        return found

    def _read_index(self, paths: list[str]) -> dict[str, str]:
        entries = self._repo.index.entries
        found: dict[str, str] = {}
        for path in paths:
            entry = entries.get((path, 0))
            if entry is not None:
                found[path] = self._repo.odb.stream(entry.binsha).read().decode("utf-8-sig")
        return found

    # -- what changed --------------------------------------------------------------------------

    def changes(self, old: str, new: str, pathspecs: list[str]) -> list[FileChange]:
        """Changed files between two sides (old is a SHA; new a SHA, WORKTREE or INDEX), renames found."""
        args = ["--name-status", "-M", "-z", "--no-ext-diff", "--no-textconv"]
        if new == INDEX:
            args += ["--cached", old]
        elif new == WORKTREE:
            args += [old]
        else:
            args += [old, new]
        output = self._repo.git.diff(*args, "--", *pathspecs)
        found = _parse_name_status(output)
        if new == WORKTREE:
            untracked = self._repo.git.ls_files("--others", "--exclude-standard", "-z", "--", *pathspecs)
            found += [FileChange("A", None, path) for path in untracked.split("\0") if path]
        return sorted(found, key=lambda c: (c.new_path or c.old_path or ""))

    def log(self, path: str) -> list[CommitInfo]:
        """Commits that touched a spec file, oldest first, following renames."""
        if not self._repo.head.is_valid():
            raise GitError("the repository has no commits yet; commit the specs first")
        fmt = "%x1e%H%x1f%as%x1f%an%x1f%s"
        # git cannot combine --follow with --reverse: read newest first, then turn the list around.
        # --raw gives the blob SHAs, so no tree is looked up to read the spec at each commit.
        output = self._repo.git.log("--follow", "-M", "--raw", "--no-abbrev", f"--format={fmt}", "--", path)
        return [_log_record(record) for record in reversed(output.split("\x1e")) if record.strip()]

    def spec_paths_at(self, sha: str, folder: str) -> list[str]:
        """The spec files (*.json) in a folder of a commit."""
        output = self._repo.git.ls_tree("-z", "--name-only", sha, "--", f"{folder}/")
        return sorted(p for p in output.split("\0") if p.endswith(".json"))

    def read_blob(self, blob: str) -> str:
        """The text of a blob, by SHA (one round trip to the persistent cat-file process)."""
        _, _, _, data = self._repo.git.get_object_data(blob)
        return str(data.decode("utf-8-sig"))

    def set_config(self, key: str, value: str) -> None:
        """Set a repo-local git config value."""
        self._repo.git.config("--local", key, value)

    def unset_config(self, key: str) -> bool:
        """Remove a repo-local config value; False if it was not set."""
        from git.exc import GitCommandError

        try:
            self._repo.git.config("--local", "--unset", key)
        except GitCommandError:
            return False
        return True

    def remove_config_section(self, section: str) -> bool:
        """Remove a repo-local config section; False if it was not there."""
        from git.exc import GitCommandError

        try:
            self._repo.git.config("--local", "--remove-section", section)
        except GitCommandError:
            return False
        return True

    def relative(self, path: str) -> str:
        """A user's path as repo-relative POSIX; GitError if it lies outside the repository."""
        absolute = (Path.cwd() / path).resolve()
        try:
            return PurePosixPath(absolute.relative_to(self.root.resolve())).as_posix()
        except ValueError:
            raise GitError(f"{path!r} is outside the repository {self.root}; give a path inside it") from None


_NO_BLOB = "0" * 40


def _log_record(record: str) -> CommitInfo:
    """One commit of `git log --raw --no-abbrev`: header, then ':old-mode new-mode old new STATUS\tpath(s)'."""
    header, _, raw = record.strip("\n").partition("\n")
    sha, date, author, subject = header.split("\x1f", 3)
    lines = [line for line in raw.splitlines() if line.startswith(":")]
    if not lines:
        return CommitInfo(sha, date, author, subject, "M", None, None)
    meta, *paths = lines[-1].split("\t")
    _, _, old_blob, new_blob, status = meta.split(" ")
    kind = "R" if status[0] in "RC" else status[0]
    old = None if kind == "A" else paths[0]
    new = None if kind == "D" else paths[-1]
    return CommitInfo(sha, date, author, subject, kind, old, new,
                      None if old_blob == _NO_BLOB else old_blob, None if new_blob == _NO_BLOB else new_blob)


def _parse_name_status(output: str) -> list[FileChange]:
    fields = output.split("\0")
    found: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            found.append(FileChange("R", fields[i + 1], fields[i + 2]))
            i += 3
        else:
            path = fields[i + 1]
            found.append(FileChange(status, None if status == "A" else path, None if status == "D" else path))
            i += 2
    return found


@contextlib.contextmanager
def open_repository(path: Path | None = None) -> Iterator[Repository]:
    """The repository containing path (default: the current directory), closed afterwards."""
    from git import Repo
    from git.exc import InvalidGitRepositoryError, NoSuchPathError

    try:
        repo = Repo(path or Path.cwd(), search_parent_directories=True)
    except (InvalidGitRepositoryError, NoSuchPathError):
        raise GitError("not a git repository (or any parent folder); run specdiff inside your spec "
                       "repository") from None
    if repo.bare:
        repo.close()
        raise GitError("this is a bare repository; run specdiff in a clone with a working tree")
    try:
        yield Repository(repo)
    finally:
        repo.close()

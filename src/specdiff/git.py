"""Every git call of specdiff, behind one small API (the only module that uses GitPython).

Git returns bytes and names; decoding and checking a spec is the loading path's job (load.py).
Revisions from users are resolved with `rev-parse --verify --end-of-options REV^{commit}` and
only SHAs are passed on, so a "revision" such as `--output=/tmp/x` can never act as an option.
Changed files come from `diff --raw -z` with their blob ids, so any file name (a newline, bytes
that are not UTF-8) is read by id and never dropped; blobs are read through GitPython's persistent
`cat-file --batch` process. `open_repository` closes the repo, so no `cat-file` outlives a command.
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
SYMLINK_MODE = "120000"
_NO_BLOB = "0" * 40
# A repository specdiff did not configure (a clone from anyone) must not run programs through specdiff:
# no fsmonitor hook, no hooks, no external diff; the diff commands also pass --no-ext-diff --no-textconv.
SAFE_CONFIG = ("core.fsmonitor=false", "core.hooksPath=/dev/null", "diff.external=", "core.pager=cat")


@dataclass(frozen=True)
class FileChange:
    """A file added (A), deleted (D), modified (M) or renamed (R) between two sides, with blob ids
    (None on the working-tree side, where the file is read from disk)."""

    status: str
    old_path: str | None
    new_path: str | None
    old_blob: str | None = None
    new_blob: str | None = None
    old_mode: str | None = None
    new_mode: str | None = None


@dataclass(frozen=True)
class TreeEntry:
    """One file of a commit or of the index: its path, blob id and mode."""

    path: str
    blob: str
    mode: str


@dataclass(frozen=True)
class CommitInfo:
    """One commit that touched a spec: who, when, why, and the spec's path and blob before and after."""

    sha: str
    date: str
    author: str
    subject: str
    status: str  # A, M, D or R
    old_path: str | None
    new_path: str | None
    old_blob: str | None = None
    new_blob: str | None = None
    old_mode: str | None = None
    new_mode: str | None = None


class Repository:
    """A git repository seen through the operations specdiff needs."""

    def __init__(self, repo: Any) -> None:
        self._repo = repo
        self.root = Path(repo.working_tree_dir)

    # -- revisions -----------------------------------------------------------------------------

    def resolve(self, revision: str) -> str:
        """The commit SHA a user's revision names; GitError if none (or if it looks like an option)."""
        sha = self.try_resolve(revision)
        if sha is None:
            raise GitError(self._unknown(revision))
        return sha

    def try_resolve(self, revision: str) -> str | None:
        """The commit SHA a revision names, or None; GitError for a word that looks like an option."""
        if not revision or revision.startswith("-"):
            raise GitError(f"{revision!r} is not a revision (it looks like an option); name a branch, tag or commit")
        from git.exc import GitCommandError

        try:
            sha = self._repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
        except GitCommandError:
            return None
        return str(sha).strip()

    def resolve_base(self, revision: str) -> str:
        """Like resolve, but HEAD on a branch with no commit yet is the empty tree (all specs are new)."""
        if revision == "HEAD" and not self.has_commits():
            return EMPTY_TREE
        return self.resolve(revision)

    def has_commits(self) -> bool:
        return bool(self._repo.head.is_valid())

    def unknown(self, revision: str) -> str:
        """Why a revision does not resolve, and what to do about it."""
        return self._unknown(revision)

    def _unknown(self, revision: str) -> str:
        if not self.has_commits():
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

    def ref_names(self) -> list[str]:
        """Branch and tag names (local and remote), for "did you mean"."""
        output = self._repo.git.for_each_ref("--format=%(refname:short)", "refs/heads", "refs/tags", "refs/remotes")
        return [name for name in str(output).splitlines() if name]

    # -- files and blobs -----------------------------------------------------------------------

    def entries(self, sha: str, folder: str) -> list[TreeEntry]:
        """The files directly in a folder of a commit (not its subfolders)."""
        if sha == EMPTY_TREE:
            return []
        output = self._repo.git.ls_tree("-z", "--full-tree", sha, "--", f"{folder}/")
        return [entry for entry in map(_tree_entry, output.split("\0")) if entry is not None]

    def entry(self, sha: str, path: str) -> TreeEntry | None:
        """One file of a commit, or None when the commit has no file at that path."""
        if sha == INDEX:
            return self.index_entry(path)
        if sha == EMPTY_TREE:
            return None
        output = self._repo.git.ls_tree("-z", "--full-tree", sha, "--", path)
        found = [e for e in map(_tree_entry, output.split("\0")) if e is not None and e.path == path]
        return found[0] if found else None

    def index_entry(self, path: str) -> TreeEntry | None:
        """The staged file at path, or None."""
        entry = self._repo.index.entries.get((path, 0))
        if entry is None:
            return None
        return TreeEntry(path, entry.hexsha, f"{entry.mode:o}")

    def blob(self, blob: str, limit: int) -> bytes | int:
        """A blob's bytes by id, or its size when that is over limit (then it is not kept in memory).
        One round trip to the persistent cat-file process: the header gives the size first."""
        _, _, size, stream = self._repo.git.stream_object_data(blob)
        if size > limit:
            del stream  # GitPython reads the rest away in chunks, keeping cat-file in step
            return int(size)
        return bytes(stream.read())

    # -- what changed --------------------------------------------------------------------------

    def changes(self, old: str, new: str, pathspecs: list[str]) -> list[FileChange]:
        """Changed files between two sides (old is a SHA; new a SHA, WORKTREE or INDEX), renames found."""
        args = ["--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv"]
        if new == INDEX:
            args += ["--cached", old]
        elif new == WORKTREE:
            args += [old]
        else:
            args += [old, new]
        found = _parse_raw(self._repo.git.diff(*args, "--", *pathspecs))
        if new == WORKTREE:
            untracked = self._repo.git.ls_files("--others", "--exclude-standard", "-z", "--", *pathspecs)
            found += [FileChange("A", None, path) for path in untracked.split("\0") if path]
        return sorted(found, key=lambda c: (c.new_path or c.old_path or ""))

    def log(self, path: str) -> list[CommitInfo]:
        """Commits that touched a file, oldest first, following renames."""
        if not self.has_commits():
            raise GitError("the repository has no commits yet; commit the specs first")
        fmt = "%x1e%H%x1f%as%x1f%an%x1f%s"
        # git cannot combine --follow with --reverse: read newest first, then turn the list around.
        # --raw gives the blob ids, so no tree is looked up to read the spec at each commit.
        output = self._repo.git.log("--follow", "-M", "--raw", "--no-abbrev", f"--format={fmt}", "--", path)
        return [_log_record(record) for record in reversed(output.split("\x1e")) if record.strip()]

    def author_and_date(self, sha: str) -> tuple[str, str]:
        """A commit's author name and its commit date (strict ISO 8601, with the offset)."""
        author, date = self._repo.git.log("-1", "--format=%an%x1f%cI", sha).split("\x1f", 1)
        return author, date.strip()

    # -- configuration and paths ---------------------------------------------------------------

    def set_config(self, key: str, value: str) -> None:
        """Set a repo-local git config value."""
        self._repo.git.config("--local", key, value)

    def get_config(self, key: str) -> str | None:
        """A repo-local config value, or None when it is not set."""
        from git.exc import GitCommandError

        try:
            return str(self._repo.git.config("--local", "--get", key))
        except GitCommandError:
            return None

    def unset_config(self, key: str) -> bool:
        """Remove a repo-local config value; False if it was not set."""
        return self._config_removed("--unset", key)

    def remove_config_section(self, section: str) -> bool:
        """Remove a repo-local config section; False if it was not there."""
        return self._config_removed("--remove-section", section)

    def _config_removed(self, how: str, name: str) -> bool:
        from git.exc import GitCommandError

        try:
            self._repo.git.config("--local", how, name)
        except GitCommandError:
            return False
        return True


def relative_to_root(root: Path, path: str) -> str:
    """A user's path as repository-relative POSIX; GitError if it lies outside the repository."""
    absolute = (Path.cwd() / path).resolve()
    try:
        return PurePosixPath(absolute.relative_to(root.resolve())).as_posix()
    except ValueError:
        raise GitError(f"{path!r} is outside the repository {root}; give a path inside it") from None


def _tree_entry(line: str) -> TreeEntry | None:
    """`<mode> blob <sha>\t<path>` of ls-tree; None for trees, submodules and the empty tail."""
    meta, _, path = line.partition("\t")
    parts = meta.split(" ")
    if len(parts) != 3 or parts[1] != "blob":
        return None
    return TreeEntry(path, parts[2], parts[0])


def _blob(sha: str) -> str | None:
    return None if sha == _NO_BLOB else sha


def _log_record(record: str) -> CommitInfo:
    """One commit of `git log --raw --no-abbrev`: header, then ':old-mode new-mode old new STATUS\tpath(s)'."""
    header, _, raw = record.strip("\n").partition("\n")
    sha, date, author, subject = header.split("\x1f", 3)
    lines = [line for line in raw.splitlines() if line.startswith(":")]
    if not lines:
        return CommitInfo(sha, date, author, subject, "M", None, None)
    meta, *paths = lines[-1].split("\t")
    old_mode, new_mode, old_blob, new_blob, status = meta.lstrip(":").split(" ")
    kind = "R" if status[0] in "RC" else status[0]
    old = None if kind == "A" else paths[0]
    new = None if kind == "D" else paths[-1]
    return CommitInfo(sha, date, author, subject, kind, old, new, _blob(old_blob), _blob(new_blob),
                      None if kind == "A" else old_mode, None if kind == "D" else new_mode)


def _parse_raw(output: str) -> list[FileChange]:
    """`diff --raw -z`: ':old-mode new-mode old-sha new-sha STATUS' NUL path [NUL path]."""
    fields = output.split("\0")
    found: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i].startswith(":"):
        old_mode, new_mode, old_blob, new_blob, status = fields[i][1:].split(" ")
        kind = status[0]
        if kind in "RC":
            found.append(FileChange("R", fields[i + 1], fields[i + 2], _blob(old_blob), _blob(new_blob),
                                    old_mode, new_mode))
            i += 3
            continue
        path = fields[i + 1]
        found.append(FileChange(kind, None if kind == "A" else path, None if kind == "D" else path,
                                None if kind == "A" else _blob(old_blob), None if kind == "D" else _blob(new_blob),
                                None if kind == "A" else old_mode, None if kind == "D" else new_mode))
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
    repo.git.set_persistent_git_options(c=list(SAFE_CONFIG))
    try:
        yield Repository(repo)
    finally:
        repo.close()


def init_repository(path: Path) -> None:
    """`git init` in path (an existing folder): a new repository with git's default branch name."""
    from git import Repo
    from git.exc import GitCommandError

    try:
        Repo.init(path).close()
    except GitCommandError as error:
        raise GitError(f"git init failed: {str(error.stderr).strip() or error}; check the folder",
                       path=str(path)) from None


class GitCall:
    """A read-only git command started at once and read later, so several run side by side; plain
    `git` without GitPython (the hooks' lean path). Paths are literal (no pathspec magic), no optional
    lock is taken (a commit in progress holds the index), and the repository's own programs never run."""

    def __init__(self, root: Path, *args: str, stdin: bytes | None = None) -> None:
        import os
        import subprocess

        options = [part for setting in SAFE_CONFIG for part in ("-c", setting)]
        environment = {**os.environ, "GIT_LITERAL_PATHSPECS": "1", "GIT_OPTIONAL_LOCKS": "0"}
        self._stdin = stdin
        self._output: bytes | None = None
        try:
            self._process: subprocess.Popen[bytes] | None = subprocess.Popen(
                ["git", *options, *args], cwd=root, env=environment, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL)
        except OSError:  # no git at all: the caller does without
            self._process = None

    def output(self) -> bytes | None:
        """What the command printed, or None when it failed (or git could not be started)."""
        if self._process is not None and self._process.returncode is None:
            out, _ = self._process.communicate(self._stdin)
            self._output = out if self._process.returncode == 0 else None
        return self._output

"""The workspace of one run, resolved once: the repository root (from any subfolder), the specs
folder (configurable, default `specs/` at the root), the policy, the size limit and the git access.

Every command gets its specs through a Workspace, so `specdiff validate` run from `specs/` or from
`docs/a/b/` sees what it sees from the root, and says where it looked when it finds nothing.
"""
from __future__ import annotations

import contextlib
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from specdiff import load
from specdiff.policy import Policy, load_policy
from specdiff.errors import GitError, LoadError, NoSpecsError, UsageError, WriteError
from specdiff.load import LoadedSpec

if TYPE_CHECKING:
    from specdiff.git import Repository



def _class_code_pattern() -> re.Pattern[str]:
    from specdiff import schema

    return re.compile(schema.load_schema()["properties"]["class_code"]["pattern"])


def is_class_code(text: str) -> bool:
    """Whether text has the shape of a class code (the schema's pattern), e.g. 5258MP."""
    return bool(_class_code_pattern().match(text))


def close_to(word: str, candidates: list[str]) -> str:
    """'; did you mean X?' when a candidate is close to word, else ''."""
    found = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    if not found:
        found = [c for c in sorted(set(candidates)) if c.casefold() == word.casefold()]
    return f"; did you mean {found[0]!r}?" if found else ""


@dataclass
class Workspace:
    """Where this run's specs are, how they are checked, and the repository they live in."""

    root: Path | None  # the git work tree (None outside any repository)
    policy: Policy
    cwd: Path
    _repository: Any = field(default=None, repr=False)
    _stack: contextlib.ExitStack = field(default_factory=contextlib.ExitStack, repr=False)

    @classmethod
    def discover(cls, start: Path | None = None) -> Workspace:
        """The workspace of the folder a command runs in (default: the current folder)."""
        cwd = (start or Path.cwd()).absolute()
        root = load.work_tree_of(cwd)
        return cls(root, load_policy(root or cwd), cwd)

    # -- the repository --------------------------------------------------------------------------

    def require_root(self, command: str) -> Path:
        """The repository root; GitError (exit 2) outside one."""
        if self.root is None:
            if (self.cwd / "HEAD").is_file() and (self.cwd / "objects").is_dir():
                raise GitError("this is a bare repository; run specdiff in a clone with a working tree")
            raise GitError(f"not a git repository (or any parent folder); run specdiff inside your spec repository "
                           f"(`specdiff {command}` needs one)")
        return self.root

    def repository(self) -> Repository:
        """The git repository, opened once and closed when the workspace closes."""
        if self._repository is None:
            from specdiff.git import open_repository

            self._repository = self._stack.enter_context(open_repository(self.root or self.cwd))
        repo: Repository = self._repository
        return repo

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- where specs are -------------------------------------------------------------------------

    @property
    def limit(self) -> int:
        """The size limit for one spec: SPECDIFF_MAX_FILE_BYTES, else the policy's max_file_bytes."""
        return load.limit_from_environment(self.policy.max_file_bytes)

    @property
    def specs_folder(self) -> str:
        """The specs folder, repository-relative POSIX (default `specs`)."""
        return PurePosixPath(self.policy.specs_dir).as_posix().strip("/") or "."

    @property
    def specs_dir(self) -> Path:
        """The specs folder on disk: under the repository root, or under the current folder outside one."""
        return (self.root or self.cwd) / self.specs_folder

    def spec_path(self, code: str) -> str:
        """Where a class's spec lives, repository-relative: specs/<CODE>.json (a class code only)."""
        return f"{self.specs_folder}/{self.spec_file(code).name}"

    def spec_file(self, code: str) -> Path:
        """specs/<CODE>.json for a class code; UsageError for anything else (`../../x` never becomes a path)."""
        if not is_class_code(code):
            raise UsageError(f"{code!r} is not a class code (letters, digits, '-' and '_', such as 5258MP); "
                             "check the code")
        return self.specs_dir / f"{code}.json"

    def _check_specs_folder(self) -> None:
        """LoadError when the specs folder is a link that leads out of the repository."""
        if self.root is None or not self.specs_dir.exists():
            return
        real, root = self.specs_dir.resolve(), self.root.resolve()
        if real != root and root not in real.parents:
            raise LoadError(f"the specs folder {self.specs_folder}/ is a link to {real}, outside the repository; "
                            "specs must live in the repository (replace the link with the folder)")

    def is_spec_path(self, path: str) -> bool:
        """A repository-relative path of a spec: a .json file directly in the specs folder."""
        pure = PurePosixPath(path)
        return pure.suffix == ".json" and pure.parent.as_posix() == self.specs_folder

    def label(self, file: Path) -> str:
        """How messages name a file: repository-relative inside the repository (the same from any
        subfolder); outside one, relative to the current folder when below it, else as given."""
        for base in (self.root, self.cwd):
            if base is not None:
                with contextlib.suppress(ValueError):
                    return PurePosixPath(file.absolute().relative_to(base)).as_posix()
        return str(file)

    def relative(self, name: str) -> str:
        """A user's path as repository-relative POSIX; GitError when it lies outside the repository."""
        from specdiff.git import relative_to_root

        if self.root is None:
            raise GitError(f"{name!r}: not in a git repository, so it has no repository path; run specdiff inside "
                           "your spec repository")
        return relative_to_root(self.root, name)

    def spec_files(self) -> list[Path]:
        """Every spec file of the specs folder; NoSpecsError (exit 2) saying where it looked when none."""
        folder = self.specs_dir
        self._check_specs_folder()
        if not folder.is_dir():
            if self.root is None:
                raise NoSpecsError(f"no specs folder: looked for {folder}, and this is not a git repository; run "
                                   "specdiff inside your spec repository, or name the spec files")
            raise NoSpecsError(f"no specs folder: looked for {folder} (set specs_dir in specdiff.toml if the specs "
                               "live elsewhere), or name the spec files")
        files = sorted(folder.glob("*.json"))
        if not files:
            raise NoSpecsError(f"no spec (*.json) in the specs folder {folder}; add specs with `specdiff import` "
                               "or `specdiff new`")
        return files

    def expand(self, paths: list[Path]) -> tuple[list[Path], list[Path]]:
        """(spec files, paths that do not exist): folders expand to their *.json; no paths means the
        specs folder. A folder without a spec is an error naming it."""
        if not paths:
            return self.spec_files(), []
        found: list[Path] = []
        missing: list[Path] = []
        for path in paths:
            if path.is_dir() and path.suffix != ".json":
                inside = sorted(path.glob("*.json"))
                if not inside:
                    raise NoSpecsError(f"{path}: no spec (*.json) in this folder; name a folder of specs")
                found.extend(inside)
            elif path.exists() or path.is_symlink():
                found.append(path)
            else:
                missing.append(path)
        return found, missing

    # -- loading ---------------------------------------------------------------------------------

    def load_file(self, file: Path, *, schema: bool = True) -> LoadedSpec:
        """A spec file on disk through the one loading path, named repository-relative."""
        label = self.label(file)
        path = label if self.root is not None and file.absolute().is_relative_to(self.root) else None
        return load.from_file(file, label, path, limit=self.limit, root=self.root, schema=schema)

    def load_all(self) -> list[LoadedSpec]:
        """Every spec of the specs folder, loaded (bad ones carry their problem)."""
        return [self.load_file(file) for file in self.spec_files()]

    def class_codes(self) -> list[str]:
        """The class codes the specs folder has files for (file stems)."""
        folder = self.specs_dir
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    def target_file(self, name: str) -> Path:
        """The one resolver: a path as given (relative to the current folder), or a class code as
        specs/<CODE>.json. UsageError naming it, with a "did you mean", when neither exists."""
        as_path = self.cwd / name
        if as_path.exists() or as_path.is_symlink():
            return as_path
        if is_class_code(name) and not name.endswith(".json"):
            self._check_specs_folder()
            file = self.spec_file(name)
            if file.exists() or file.is_symlink():
                return file
            hint = close_to(name, self.class_codes())
            raise UsageError(f"no spec {self.label(file)} for class code {name!r}{hint}")
        raise UsageError(f"{name}: no such file, and not a class code; check the name")

    def target_path(self, name: str) -> str:
        """A class code or path as a repository-relative path, whether or not the file exists now
        (for history: log, show --as-of)."""
        as_path = self.cwd / name
        if not (as_path.exists() or as_path.is_symlink()) and is_class_code(name) and not name.endswith(".json"):
            return self.spec_path(name)
        return self.relative(name)

    def load_class(self, name: str) -> LoadedSpec:
        """The spec named by a class code or path (check `.problem`, or `.require()` it)."""
        return self.load_file(self.target_file(name))

    def write_spec(self, file: Path, spec: dict[str, Any]) -> str:
        """The one write path (schema check, canonical dump, atomic write) into the specs folder; returns
        the file's label. WriteError for a file outside the specs folder, or a folder that is a link out."""
        from specdiff.store import write_spec

        label = self.label(file)
        self._check_specs_folder()
        if file.parent.resolve() != self.specs_dir.resolve() or file.suffix != ".json":
            raise WriteError(f"is not a spec file of the specs folder {self.specs_folder}/; specdiff writes specs "
                             "only there", path=label)
        write_spec(file, spec, label)
        return label


@contextlib.contextmanager
def opened(start: Path | None = None) -> Iterator[Workspace]:
    """A workspace for one command, closed (with its git process) afterwards."""
    workspace = Workspace.discover(start)
    try:
        yield workspace
    finally:
        workspace.close()

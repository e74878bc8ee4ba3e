"""The rest of the catalog for a run that checks a few specs (`specdiff validate FILE...`, the pre-commit
hook): the facts (facts.py) of every other spec, kept in `.git/specdiff/` by git blob id, so that a
commit of one spec costs about the same in a catalog of 20,000 specs as in one of 20.

Where the facts come from. Git lists the index with a blob id per file (`ls-files -s`), the files that
differ from it in the work tree (`diff-files`) and the untracked ones (`ls-files -o`), side by side. A
file the index vouches for has its facts under its blob id; any other file is read from disk and its
facts kept under the hash of its bytes. A file that is not a valid spec has unknown facts: the rules
across specs leave it out, as a run over the whole catalog does, and the caller says so.

The cache. `snapshot.json` holds the index records of an earlier run (as git printed them) and a facts
Table aligned with them: a run compares today's records with those as sets, in C, so only what changed
since is looked at in Python. `delta.json` holds the facts of what changed since, by blob id. Each file
starts with a header line (layout, facts format, specdiff version, schema digest, size limit, specs
folder, and a digest of the rest): a missing, damaged or foreign file is ignored and rebuilt, never
trusted. Files are written atomically and never needed: with a read-only `.git` a run is only slower.
Outside a repository, or when git cannot answer, every other spec is read from disk.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specdiff.facts import FORMAT, Facts, Table, facts_of, focus_of, from_row, row_of
from specdiff.load import LoadedSpec

if TYPE_CHECKING:
    from specdiff.git import GitCall
    from specdiff.workspace import Workspace

LAYOUT = 1  # how the cache files are laid out; with facts.FORMAT and the version, part of every header
CACHE_FOLDER = "specdiff"  # in the git folder: .git/specdiff/
SNAPSHOT, DELTA = "snapshot.json", "delta.json"
REGULAR = ("100644", "100755")  # index modes of plain files (a symlink's blob is its target's name)
_MISSING = object()  # no facts kept, or no such file any more: not None, which is a file that is no spec


@dataclass(frozen=True)
class Others:
    """The rest of the catalog, as the rules across specs need it for some checked specs."""

    relevant: tuple[tuple[str, Facts], ...]  # (label, facts) of the other specs whose facts can matter
    count: int  # how many other spec files there are
    unknown: tuple[str, ...]  # other spec files that are not valid specs, so their facts are unknown
    old: tuple[Facts, ...]  # the committed (HEAD) facts of the checked files
    cached: bool  # whether the facts came through the cache (False: every other spec was read)


class Lookup:
    """The other specs of the specs folder, for checking some of its files against them: git is asked
    at once (`begin`), and works while the checked files are loaded; `finish` gives the answer."""

    def __init__(self, ws: Workspace, labels: set[str]) -> None:
        self._ws = ws
        self._labels = labels
        self._run = _Run(ws, ws.root, labels) if ws.root is not None else None
        if self._run is not None:
            self._run.start()

    def finish(self, checked: Sequence[LoadedSpec]) -> Others:
        """The others, for the checked files (loaded, with the labels given to `begin`)."""
        mine = [facts for loaded in checked if (facts := _facts_of_loaded(loaded)) is not None]
        found = self._run.others(mine) if self._run is not None else None
        return found if found is not None else _from_disk(self._ws, self._labels, mine)


def begin(ws: Workspace, labels: set[str]) -> Lookup:
    """Start looking up the other specs for checking the files with these labels."""
    return Lookup(ws, labels)


def others_for(ws: Workspace, checked: Sequence[LoadedSpec]) -> Others:
    """The other specs of the specs folder, for checking `checked` (files of that folder) against them."""
    return begin(ws, {loaded.label for loaded in checked}).finish(checked)


def _from_disk(ws: Workspace, labels: set[str], mine: list[Facts]) -> Others:
    """Every other spec read from disk: the way without git (slower, the same answer)."""
    entries: list[tuple[str, Facts | None]] = []
    for file in ws.spec_files():
        loaded = ws.load_file(file)
        if loaded.label not in labels:
            entries.append((loaded.label, _facts_of_loaded(loaded)))
    table = Table.build(entries)
    relevant = tuple((table.labels[i], facts) for i in table.select(focus_of(mine))
                     if (facts := table.facts(i)) is not None)
    return Others(relevant, len(table), tuple(table.labels[i] for i in sorted(table.unknown)), (), False)


def _facts_of_loaded(loaded: LoadedSpec) -> Facts | None:
    return facts_of(loaded.data) if loaded.ok and loaded.data is not None else None


def blob_id(data: bytes) -> str:
    """Git's id of a blob with these bytes (SHA-1): a file read from disk is cached under it."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


# -- the cache files ----------------------------------------------------------------------------------


def _header(ws: Workspace) -> dict[str, Any]:
    """What a cache file must have been written under to be used."""
    from specdiff import schema
    from specdiff.version import __version__

    digest = hashlib.sha1(schema.load_schema_text().encode("utf-8")).hexdigest()
    return {"layout": LAYOUT, "facts": FORMAT, "specdiff": __version__, "schema": digest, "limit": ws.limit,
            "folder": ws.specs_folder}


def _read(path: Path, header: dict[str, Any]) -> tuple[Any, bytes] | None:
    """(JSON payload, bytes after it) of a cache file written under this header, or None (missing,
    damaged, foreign). A file is a header line with a digest of the rest, a JSON line, then bytes."""
    try:
        data = path.read_bytes()
        end = data.index(b"\n")
        stored = json.loads(data[:end])
        digest = hashlib.sha1(memoryview(data)[end + 1:]).hexdigest()
        if not isinstance(stored, dict) or stored.pop("digest", None) != digest or stored != header:
            return None
        middle = data.index(b"\n", end + 1)
        return json.loads(data[end + 1:middle]), data[middle + 1:]
    except (OSError, ValueError):  # ValueError: a line missing, not JSON
        return None


def _write(path: Path, header: dict[str, Any], payload: Any, tail: bytes = b"") -> None:
    """Write a cache file atomically; a folder that cannot be written (a read-only .git) is no error."""
    from specdiff.errors import SpecdiffError
    from specdiff.store import write_atomic

    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n" + tail
    first = json.dumps({**header, "digest": hashlib.sha1(body).hexdigest()})
    with contextlib.suppress(SpecdiffError, OSError, UnicodeError):  # never required: the next run reads again
        write_atomic(path, first + "\n" + body.decode("utf-8", "surrogateescape"))


class _Labels(Sequence[str]):
    """The paths of git's index records (`<mode> <blob> <stage>\\t<path>`), each decoded when asked
    for; index() searches the records' bytes in C."""

    def __init__(self, records: list[bytes], joined: bytes) -> None:
        self._records = records
        self._joined = joined  # every record followed by NUL, as git printed them

    def __len__(self) -> int:
        return len(self._records)

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return _path_of(self._records[index])

    def __iter__(self) -> Iterator[str]:
        return (_path_of(record) for record in self._records)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        needle = b"\t" + str(value).encode("utf-8", "surrogateescape") + b"\0"
        at = self._joined.find(needle)
        while at >= 0:
            number = self._joined.count(b"\0", 0, at)
            if self[number] == value:
                return number
            at = self._joined.find(needle, at + 1)
        raise ValueError(f"{value!r} is not a record's path")


def _path_of(record: bytes) -> str:
    return record.partition(b"\t")[2].decode("utf-8", "surrogateescape")


@dataclass
class _Snapshot:
    """The index records of an earlier run and the facts Table aligned with them (`outside`: records
    the table has no facts for: not a spec file, or not to be taken from the index)."""

    records: list[bytes]
    table: Table
    outside: frozenset[int]

    @classmethod
    def parse(cls, stored: tuple[Any, bytes] | None) -> _Snapshot | None:
        """The snapshot of a cache file: its table, then git's records as git printed them."""
        if stored is None:
            return None
        payload, tail = stored
        records = tail.split(b"\0")[:-1]
        try:
            table = Table.from_json(payload["table"], _Labels(records, tail))
            outside = frozenset(payload["outside"])
            if len(records) != len(table) or not all(type(i) is int and 0 <= i < len(records) for i in outside):
                return None
            return cls(records, table, outside)
        except (TypeError, KeyError, ValueError):
            return None

    def to_json(self) -> tuple[dict[str, Any], bytes] | None:
        """(JSON payload, records) as a cache file keeps them; None when a value cannot be kept."""
        table = self.table.to_json(labels=False)
        if table is None:
            return None
        return {"table": table, "outside": sorted(self.outside)}, b"".join(record + b"\0" for record in self.records)


def _delta(stored: tuple[Any, bytes] | None) -> dict[str, Any]:
    """Facts rows by blob id (each checked when used)."""
    return stored[0] if stored is not None and isinstance(stored[0], dict) else {}


def _record(record: bytes) -> tuple[str, str, str, str]:
    """(mode, blob id, stage, path) of an index record."""
    meta, _, path = record.partition(b"\t")
    mode, blob, stage = (meta.decode("ascii", "replace").split(" ") + ["", "", ""])[:3]
    return mode, blob, stage, path.decode("utf-8", "surrogateescape")


# -- one run --------------------------------------------------------------------------------------------


@dataclass
class _Entry:
    """A spec file of the catalog that the snapshot does not answer for: read by blob id or from disk."""

    label: str
    blob: str | None = None  # the index's blob id, when the index vouches for the file on disk


@dataclass
class _Run:
    """Gathering the facts of the other specs for one run (see the module's docstring)."""

    ws: Workspace
    root: Path
    labels: set[str]  # the checked files
    mine: list[Facts] = field(default_factory=list)  # their facts (the valid ones)
    calls: dict[str, GitCall] = field(default_factory=dict)
    delta: dict[str, Any] = field(default_factory=dict)
    delta_changed: bool = False
    used: set[str] = field(default_factory=set)  # blob ids this run looked up

    @property
    def prefix(self) -> str:
        folder = self.ws.specs_folder
        return "" if folder == "." else f"{folder}/"

    def start(self) -> None:
        """Ask git, side by side: the git folder, the index, what differs on disk, what is untracked,
        and the committed blobs of the checked files."""
        from specdiff.git import GitCall

        pathspec = self.prefix or "."
        self.calls = {"dir": GitCall(self.root, "rev-parse", "--absolute-git-dir"),
                      "index": GitCall(self.root, "ls-files", "-s", "-o", "-z", "--", pathspec),
                      "changed": GitCall(self.root, "diff-files", "-z", "--name-status", "--", pathspec)}
        if self.labels:
            self.calls["head"] = GitCall(self.root, "ls-tree", "-z", "HEAD", "--", *sorted(self.labels))

    def others(self, mine: list[Facts]) -> Others | None:
        """The others through the cache, or None when git cannot answer (the caller reads from disk)."""
        self.mine = mine
        calls = self.calls
        git_dir = calls["dir"].output()
        header = _header(self.ws)
        folder = Path(git_dir.decode("utf-8", "surrogateescape").strip()) / CACHE_FOLDER if git_dir else None
        snapshot = _Snapshot.parse(_read(folder / SNAPSHOT, header)) if folder else None
        self.delta = _delta(_read(folder / DELTA, header)) if folder else {}
        outputs = {name: call.output() for name, call in calls.items()}
        index, changed = outputs["index"], outputs["changed"]
        if folder is None or index is None or changed is None:
            return None
        records, untracked = _index_and_untracked(index, self.prefix)
        dirty = set(_split(changed)[1::2])  # (status, path) pairs: M, D, T, U
        others, rebuilt = self._gather(snapshot, records, dirty, untracked, outputs.get("head"))
        self._save(folder, header, rebuilt, len(records))
        return others

    # -- gathering ---------------------------------------------------------------------------------

    def _gather(self, snapshot: _Snapshot | None, records: list[bytes], dirty: set[str], untracked: list[str],
                head: bytes | None) -> tuple[Others, _Snapshot | None]:
        base = snapshot or _Snapshot([], Table.build([]), frozenset())
        current, known = set(records), set(base.records)
        added = current - known  # set differences in C: only what changed is looked at in Python
        gone = set(_positions(base.records, known - current))
        kept_outside = [base.records[i] for i in base.outside if i not in gone]
        entries = self._entries([*added, *kept_outside], untracked, dirty)
        table = base.table
        skip = gone | base.outside | set(_positions(table.labels, dirty | self.labels))
        read = {label: facts for label, entry in entries.items() if (facts := self._facts(entry)) is not _MISSING}
        old = tuple(self._old(head, snapshot))
        indices = table.select(focus_of(self.mine, old), skip)
        relevant = [(table.labels[i], facts) for i in indices if (facts := table.facts(i)) is not None]
        relevant += [(label, facts) for label, facts in read.items() if isinstance(facts, Facts)]
        unknown = [table.labels[i] for i in table.unknown - skip]
        unknown += [label for label, facts in read.items() if facts is None]
        count = len(table) - len(skip) + len(read)  # skip holds entry numbers of the table only
        others = Others(tuple(relevant), count, tuple(sorted(unknown)), old, True)
        fresh = {label: facts for label, facts in read.items() if facts is None or isinstance(facts, Facts)}
        return others, self._rebuilt(snapshot, records, len(gone) + len(added), dirty, fresh)

    def _entries(self, records: Iterable[bytes], untracked: list[str], dirty: set[str]) -> dict[str, _Entry]:
        """The spec files that records, untracked files and changed files stand for, but the checked
        ones: by blob id when the index vouches for the file on disk, else from disk."""
        entries: dict[str, _Entry] = {}
        for record in records:
            mode, blob, stage, path = _record(record)
            label, plain = self._spec_label(path)
            if label is not None:
                trusted = plain and mode in REGULAR and stage == "0" and label not in dirty
                entries[label] = _Entry(label, blob if trusted else None)
        for path in [*untracked, *dirty]:
            label, _ = self._spec_label(path)
            if label is not None:
                entries[label] = _Entry(label)
        return {label: entry for label, entry in entries.items() if label not in self.labels}

    def _spec_label(self, path: str) -> tuple[str | None, bool]:
        """(label, whether the path is the file itself) of the spec file a path stands for: a *.json file
        directly in the specs folder, or a folder there named *.json (not a spec: its facts are unknown)."""
        if not path.startswith(self.prefix):
            return None, False
        head, slash, _ = path[len(self.prefix):].partition("/")
        return (self.prefix + head, not slash) if head.endswith(".json") else (None, False)

    def _facts(self, entry: _Entry) -> Facts | None | object:
        """The facts of one entry (None: not a valid spec; _MISSING: no such file on disk any more)."""
        from specdiff import load
        from specdiff.errors import LoadError

        if entry.blob is not None:
            cached = self._cached(entry.blob)
            if cached is not _MISSING:
                return cached
        file = self.root / entry.label
        try:
            data = load.read_bytes(file, entry.label, limit=self.ws.limit, root=self.root)
        except LoadError:
            if not (file.exists() or file.is_symlink()):
                return _MISSING
            return None  # a folder, a link out of the repository, too big: not a valid spec
        blob = entry.blob or blob_id(data)
        cached = self._cached(blob)
        if cached is not _MISSING:
            return cached
        facts = _facts_of_loaded(load.from_bytes(data, entry.label, entry.label, limit=self.ws.limit))
        self._remember(blob, facts)
        return facts

    def _cached(self, blob: str) -> Facts | None | object:
        """The facts kept for a blob: Facts, None (not a valid spec), or _MISSING (not kept, or damaged)."""
        self.used.add(blob)
        if blob not in self.delta:
            return _MISSING
        try:
            return from_row(self.delta[blob])
        except ValueError:
            del self.delta[blob]
            return _MISSING

    def _remember(self, blob: str, facts: Facts | None) -> None:
        self.used.add(blob)
        self.delta[blob] = row_of(facts)
        self.delta_changed = True

    def _old(self, head: bytes | None, snapshot: _Snapshot | None) -> list[Facts]:
        """The committed facts of the checked files: by blob id, from the cache or read with git."""
        found: list[Facts] = []
        wanted: dict[str, str] = {}
        for record in _split(head or b""):
            meta, _, path = record.partition("\t")
            parts = meta.split(" ")
            if len(parts) == 3 and parts[1] == "blob" and parts[0] in REGULAR and path in self.labels:
                wanted[parts[2]] = path
        for blob, path in list(wanted.items()):
            cached = _in_snapshot(snapshot, path, blob)
            if cached is _MISSING:
                cached = self._cached(blob)
            if cached is not _MISSING:
                found += [cached] if isinstance(cached, Facts) else []
                del wanted[blob]
        return found + self._read_blobs(wanted)

    def _read_blobs(self, wanted: dict[str, str]) -> list[Facts]:
        """Facts of committed blobs the cache does not have, read with one `git cat-file --batch`."""
        from specdiff import load
        from specdiff.git import GitCall

        if not wanted:
            return []
        output = GitCall(self.root, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in wanted).encode()).output()
        found = []
        for blob, data in _batch(output or b""):
            if blob in wanted:
                facts = _facts_of_loaded(load.from_bytes(data, wanted[blob], wanted[blob], limit=self.ws.limit))
                self._remember(blob, facts)
                found += [facts] if facts is not None else []
        return found

    # -- saving ------------------------------------------------------------------------------------

    def _rebuilt(self, snapshot: _Snapshot | None, records: list[bytes], changes: int, dirty: set[str],
                 read: dict[str, Facts | None]) -> _Snapshot | None:
        """A new snapshot of today's index when there is none or much has changed since (else None).
        Records of files that differ on disk, or are checked, stay out of it: found as changed next time."""
        if snapshot is not None and changes <= 64 + len(records) // 32:
            return None
        rows = {record: i for i, record in enumerate(snapshot.records)} if snapshot is not None else {}
        kept: list[bytes] = []
        entries: list[tuple[str, Facts | None]] = []
        outside: set[int] = set()
        for record in records:
            mode, _, stage, path = _record(record)
            label, plain = self._spec_label(path)
            regular = label is not None and plain and mode in REGULAR and stage == "0"
            if regular and (label in dirty or label in self.labels):
                continue
            facts: Facts | None | object = _MISSING
            if regular and snapshot is not None and record in rows and rows[record] not in snapshot.outside:
                facts = snapshot.table.facts(rows[record])
            elif regular:
                facts = read.get(path, _MISSING)
            if facts is _MISSING:
                outside.add(len(kept))
            kept.append(record)
            entries.append((path, facts if isinstance(facts, Facts) else None))
        return _Snapshot(kept, Table.build(entries), frozenset(outside))

    def _save(self, folder: Path, header: dict[str, Any], rebuilt: _Snapshot | None, size: int) -> None:
        """Write what this run learnt: a new snapshot, or the facts it read since the last one."""
        for label in sorted(self.labels):  # the checked files' own facts: the next run's others
            self._remember_checked(label)
        if rebuilt is not None:
            stored = rebuilt.to_json()
            if stored is not None:
                _write(folder / SNAPSHOT, header, *stored)
                keep = self.used - {_record(record)[1] for record in rebuilt.records}
                self.delta = {blob: row for blob, row in self.delta.items() if blob in keep}
                self.delta_changed = True
        elif len(self.delta) > 256 + size // 16:  # many runs without a commit: keep only what is used
            self.delta = {blob: row for blob, row in self.delta.items() if blob in self.used}
            self.delta_changed = True
        if self.delta_changed:
            _write(folder / DELTA, header, self.delta)

    def _remember_checked(self, label: str) -> None:
        """Keep a checked file's facts under the hash of its bytes: once committed, it is an other."""
        from specdiff import load
        from specdiff.errors import LoadError

        try:
            data = load.read_bytes(self.root / label, label, limit=self.ws.limit, root=self.root)
        except LoadError:
            return
        blob = blob_id(data)
        if blob in self.delta:
            self.used.add(blob)
            return
        self._remember(blob, _facts_of_loaded(load.from_bytes(data, label, label, limit=self.ws.limit)))


def _in_snapshot(snapshot: _Snapshot | None, path: str, blob: str) -> Facts | None | object:
    """The snapshot's facts of a path, when its record there has this blob id (else _MISSING)."""
    if snapshot is None:
        return _MISSING
    where = _positions(snapshot.table.labels, {path})
    if not where or where[0] in snapshot.outside or _record(snapshot.records[where[0]])[1] != blob:
        return _MISSING
    return snapshot.table.facts(where[0])


def _index_and_untracked(output: bytes, prefix: str) -> tuple[list[bytes], list[str]]:
    """`ls-files -s -o` output: index records (`<mode> <blob> <stage>\t<path>`), then untracked paths
    (git lists them first, each a bare path: it starts with the specs folder, a record with its mode)."""
    fields = output.split(b"\0")[:-1]
    start = 0
    if prefix:
        marker = prefix.encode("utf-8", "surrogateescape")
        while start < len(fields) and fields[start].startswith(marker):
            start += 1
    else:  # the specs folder is the root: a bare path has no tab after a mode, blob and stage
        while start < len(fields) and not _RECORD.match(fields[start]):
            start += 1
    records = fields[start:]
    if records and not (_RECORD.match(records[0]) and _RECORD.match(records[-1])):  # not git's usual order
        untracked = [field for field in fields if not _RECORD.match(field)]
        records = [field for field in fields if _RECORD.match(field)]
        return records, [field.decode("utf-8", "surrogateescape") for field in untracked]
    return records, [field.decode("utf-8", "surrogateescape") for field in fields[:start]]


_RECORD = re.compile(rb"[0-7]{6} [0-9a-f]{40,64} [0-3]\t")


def _split(output: bytes) -> list[str]:
    """The NUL-separated fields of a git command's -z output (paths that are not UTF-8 kept as they are)."""
    text = output.decode("utf-8", "surrogateescape")
    return text.split("\0")[:-1] if text else []


def _positions(column: Sequence[Any], wanted: set[Any]) -> list[int]:
    """Where the wanted values are in a column (its index(), in C, for a few; one dict for many)."""
    if len(wanted) > 32:
        where = {value: i for i, value in enumerate(column)}
        return [where[value] for value in wanted if value in where]
    found = []
    for value in wanted:
        try:
            found.append(column.index(value))
        except ValueError:
            continue
    return found


def _batch(output: bytes) -> Iterator[tuple[str, bytes]]:
    """(blob id, bytes) of `git cat-file --batch` output: `<id> <type> <size>\\n<bytes>\\n` per object."""
    at = 0
    while at < len(output):
        end = output.index(b"\n", at)
        parts = output[at:end].split(b" ")
        at = end + 1
        if len(parts) != 3:  # `<id> missing`
            continue
        size = int(parts[2])
        yield parts[0].decode("ascii"), output[at:at + size]
        at += size + 1

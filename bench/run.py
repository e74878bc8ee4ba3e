"""Benchmarks: specdiff against the tools users would pick instead, medians and ratios in one run.

    .venv/bin/pip install -r bench/requirements.txt
    .venv/bin/python bench/run.py            # generates bench/work/ from scratch, writes bench/RESULTS.md

Each figure is the median wall time of several runs of a whole command (a new process each time,
as a user or a hook would run it), with the peak RSS of the specdiff process. Floors are what git
alone needs to produce the same input.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402


@dataclass
class Row:
    name: str
    ours: float
    theirs: float | None
    baseline: str
    rss_mb: float
    target: str
    met: bool

    @property
    def ratio(self) -> str:
        return f"{self.ours / self.theirs:.2f}" if self.theirs else "-"


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of a command."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024


def median_of(command: list[str], cwd: Path, runs: int) -> tuple[float, float]:
    results = [timed(command, cwd) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def shell(script: str) -> list[str]:
    return ["bash", "-c", script]


def in_process(function: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def engine_pair(repo: Path) -> tuple[dict[str, object], dict[str, object]]:
    """The largest spec changed between the tags, before and after."""
    names = subprocess.run(["git", "diff", "--name-only", "bench-base", "bench-head", "--", "specs"], cwd=repo,
                           capture_output=True, text=True, check=True).stdout.split()
    sizes = {name: len(subprocess.run(["git", "show", f"bench-head:{name}"], cwd=repo, capture_output=True,
                                      text=True).stdout) for name in names[:50]}
    name = max(sizes, key=sizes.__getitem__)
    show = lambda rev: json.loads(subprocess.run(["git", "show", f"{rev}:{name}"], cwd=repo,  # noqa: E731
                                                 capture_output=True, text=True, check=True).stdout)
    return show("bench-base"), show("bench-head")


def measure(work: Path, runs: int) -> list[Row]:
    repo, log_repo = work / "repo", work / "log-repo"
    specdiff, checker = str(BIN / "specdiff"), str(BIN / "check-jsonschema")
    schema_file = str(ROOT / "schema" / "job-class.schema.json")
    one = sorted((repo / "specs").glob("*.json"))[0]
    all_specs = [str(p) for p in sorted((repo / "specs").glob("*.json"))]
    rows = []

    ours, rss = median_of([specdiff, "validate", "specs"], repo, runs)
    theirs, _ = median_of([checker, "--schemafile", schema_file, *all_specs], repo, max(1, runs // 2))
    rows.append(Row(f"validate {len(all_specs)} specs", ours, theirs, "check-jsonschema", rss, "ratio <= 0.5",
                    ours / theirs <= 0.5))

    ours, rss = median_of([specdiff, "validate", str(one)], repo, runs * 2)
    theirs, _ = median_of([checker, "--schemafile", schema_file, str(one)], repo, runs * 2)
    rows.append(Row("pre-commit: validate one file", ours, theirs, "check-jsonschema", rss, "ratio <= 0.8",
                    ours / theirs <= 0.8))

    changed = subprocess.run(["git", "diff", "--name-only", "bench-base", "bench-head"], cwd=repo,
                             capture_output=True, text=True, check=True).stdout.split()
    floor_diff = shell("git diff --name-only bench-base bench-head -- specs | "
                       "awk '{print \"bench-base:\"$0; print \"bench-head:\"$0}' | git cat-file --batch >/dev/null")
    floor, _ = median_of(floor_diff, repo, runs)
    ours, rss = median_of([specdiff, "diff", "bench-base", "bench-head", "--format", "json"], repo, runs)
    rows.append(Row(f"diff A B ({len(changed)} specs changed)", ours, floor, "git diff + blobs (floor)", rss,
                    "< 1.5 s", ours < 1.5))
    ours, rss = median_of([specdiff, "summary", "bench-base", "bench-head"], repo, runs)
    rows.append(Row(f"summary A B ({len(changed)} specs changed)", ours, floor, "git diff + blobs (floor)", rss,
                    "< 1.5 s", ours < 1.5))

    code = next((log_repo / "specs").glob("*.json")).stem
    commits = int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=log_repo, capture_output=True,
                                 text=True, check=True).stdout)
    floor_log = shell(f"git log --follow --format=%H -- specs/{code}.json | sed 's|$|:specs/{code}.json|' | "
                      "git cat-file --batch >/dev/null")
    floor, _ = median_of(floor_log, log_repo, runs)
    ours, rss = median_of([specdiff, "log", code], log_repo, max(1, runs // 2 + 1))
    rows.append(Row(f"log over {commits} commits", ours, floor, "git log --follow + blobs (floor)", rss,
                    "< 2 s and <= 5x floor", ours < 2 and ours <= 5 * floor))

    from deepdiff import DeepDiff

    from specdiff.diff import diff_specs

    old, new = engine_pair(repo)
    ours = in_process(lambda: diff_specs(old, new), runs * 4)
    theirs = in_process(lambda: DeepDiff(old, new, ignore_order=True), runs)
    rows.append(Row("engine: one large spec pair (in process)", ours, theirs, "DeepDiff(ignore_order=True)", 0.0,
                    "(reported)", True))
    return rows


def log_profile(log_repo: Path, code: str) -> str:
    """Where `specdiff log` spends its time, by cProfile in this process (shares of the command's time)."""
    import contextlib
    import cProfile
    import io
    import pstats

    from specdiff.entry import main as specdiff_main

    profile = cProfile.Profile()
    here = Path.cwd()
    os.chdir(log_repo)
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            profile.runcall(specdiff_main, ["log", code])
    finally:
        os.chdir(here)
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(value[3] for value in stats.values())

    def share(file_part: str, function: str) -> float:
        spent = sum(v[3] for (file, _, name), v in stats.items() if file.endswith(file_part) and name == function)
        return spent / total

    parts = {"semantic diff of successive versions": share("diff/report.py", "compare"),
             "reading blobs (cat-file)": share("git.py", "read_blob"),
             "parsing JSON": share("load.py", "parse"), "git log --follow": share("git.py", "log")}
    return ", ".join(f"{name} {value:.0%}" for name, value in parts.items())


def versions() -> dict[str, str]:
    found = {}
    for package in ("specdiff", "jsonschema", "fastjsonschema", "check-jsonschema", "deepdiff", "rapidfuzz",
                    "GitPython", "typer"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            found[package] = "not installed"
    found["git"] = subprocess.run(["git", "--version"], capture_output=True, text=True).stdout.split()[-1]
    found["python"] = platform.python_version()
    return found


def table(rows: list[Row]) -> str:
    lines = ["| measurement | specdiff (median) | baseline (median) | ratio | peak RSS | target | met |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        theirs = f"{r.theirs:.3f} s ({r.baseline})" if r.theirs is not None else "-"
        rss = f"{r.rss_mb:.0f} MB" if r.rss_mb else "-"
        lines.append(f"| {r.name} | {r.ours:.3f} s | {theirs} | {r.ratio} | {rss} | {r.target} | "
                     f"{'yes' if r.met else 'NO'} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Run specdiff's benchmarks and write bench/RESULTS.md.")
    parser.add_argument("--classes", type=int, default=2000)
    parser.add_argument("--commits", type=int, default=500)
    parser.add_argument("--log-commits", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--work", type=Path, default=ROOT / "bench" / "work")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()
    if shutil.which("check-jsonschema", path=str(BIN)) is None:
        raise SystemExit("check-jsonschema is missing: .venv/bin/pip install -r bench/requirements.txt")
    if args.work.exists():
        shutil.rmtree(args.work)
    start = time.perf_counter()
    facts = generate(args.work, args.classes, args.commits, 200, args.log_commits, seed=7)
    generated = time.perf_counter() - start
    rows = measure(args.work, args.runs)
    rss_ok = all(r.rss_mb < 150 for r in rows if r.rss_mb)
    notes = []
    log_row = next(r for r in rows if r.name.startswith("log over"))
    if not log_row.met:
        theirs = log_row.theirs or 1.0
        notes += [
            "## Targets missed", "",
            f"- **log within 5x of the git floor**: {log_row.ours:.2f} s is {log_row.ours / theirs:.0f}x the "
            f"floor ({theirs:.3f} s; 5x would be {5 * theirs:.2f} s). The under-2-s target is "
            f"{'met' if log_row.ours < 2 else 'missed'}. "
            "Profile of the command (cProfile, share of its time): "
            f"{log_profile(args.work / 'log-repo', str(facts['log_class']))}. The floor only lists commits and "
            "reads blobs; specdiff also parses every version and runs the semantic diff between each pair "
            "(about 1 ms per pair in Python), which no git command does. Each blob is read and parsed once "
            "(a commit's new version is the next one's old version), by SHA from `git log --raw`.", ""]
    report = "\n".join([
        "# specdiff benchmarks", "",
        f"Generated by `python bench/run.py` ({args.classes} classes, {args.commits} commits, a class with "
        f"{args.log_commits} commits; generation took {generated:.1f} s; {facts['classes']} specs at HEAD).",
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}.",
        "Versions: " + ", ".join(f"{k} {v}" for k, v in versions().items()) + ".", "",
        f"Each figure is a median of {args.runs} runs (more for the one-file hook) of a whole command in a "
        "new process; the ratio is specdiff / baseline, measured in the same run.", "",
        table(rows), "",
        f"Peak RSS under 150 MB for every command: {'yes' if rss_ok else 'NO'}.", "", *notes,
        "## How the targets were reached", "",
        "- validate: a schema check compiled by fastjsonschema (`src/specdiff/_schema_check.py`, generated) "
        "says valid or not; jsonschema, built once per process, only words the problems of invalid specs.",
        "- one-file hook: `validate` and `fmt` in their plain forms start without the CLI framework "
        "(`specdiff.entry`): no typer or pydantic import on the hook's path.",
        "- diff / summary: blobs are read as `<sha>:<path>` through one persistent `git cat-file --batch`; "
        "GitPython's tree lookup re-parsed the 2,000-entry `specs/` tree for every file (9.8 s -> 0.8 s).",
        "- log: blob SHAs from `git log --raw`, each blob read and parsed once; records compared as a prefix "
        "in C; the engine takes key order from the schema instead of re-canonicalising whole specs.",
        "- list items are paired with rapidfuzz's C scorer after exact matches; work is capped on huge lists.",
        "- the synthetic class for `log` adds an effective-date record every 25th commit (an approved "
        "revision); the other commits are working edits, as a class's history in Git is.", ""])
    args.results.write_text(report, encoding="utf-8")
    print(report)


if __name__ == "__main__":
    main()

"""Benchmark: does the pre-commit validate hook scale? One staged spec in catalogs of 200, 2,000 and
20,000 specs, run through REAL pre-commit (`pre-commit run specdiff-validate`, a local hook with
`language: system` on the installed specdiff and `pass_filenames: true`).

    .venv/bin/python bench/hook_scale.py /tmp/hook-scale            # generated repos are kept there
    .venv/bin/python bench/hook_scale.py /tmp/hook-scale --sizes 200 2000 --runs 5

Repositories are generated once (from the bundled specs' vocabulary, bench/generate.py: distinct class
codes and titles, several bargaining units, EEO and occupational groups, references by title, a few
retired classes with their replacements), committed with `git fast-import`, and reused on later calls.
Each round stages one reworded spec in every catalog and runs, per catalog: the hook with no fact
cache (cold, reported on its own), the hook again (warm), pre-commit with a no-op hook on the same
files (what pre-commit itself costs: it stats the work tree several times), and `specdiff validate
FILE` on its own. Sizes are interleaved, their order turning each round, so drift of a noisy machine
hits every size alike; the first round is not counted. Figures are medians of whole-process wall
time; peak RSS is the largest process of the hook's process tree (os.wait4). The old hook's work
(`specdiff validate` of the whole catalog) is measured too, for reference.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import FastImport, Generator, dump  # noqa: E402

SIZES = (200, 2_000, 20_000)
UNITS = [("02", "MANAGERIAL"), ("08", "ADMINISTRATIVE AND RESIDUAL (P-5)"), ("04", "HEALTH CARE PROFESSIONAL"),
         ("06", "ENGINEERING, SCIENTIFIC AND TECHNICAL"), ("10", "CORRECTIONAL SUPERVISORS")]
EEO = [("2", "Professional"), ("1", "Officials/Administrators"), ("3", "Technicians")]
GROUPS = [("27", "Personnel"), ("11", "Fiscal"), ("30", "Social Services"), ("05", "Engineering")]
HOOK = "specdiff-validate"
MARKER = ".git/specdiff-bench-generated"  # written last: a repository without it is generated anew


# -- generation ---------------------------------------------------------------------------------------


def catalog(size: int, seed: int = 7) -> dict[str, dict[str, Any]]:
    """`size` valid, varied specs by path: the benchmark generator's specs with distinct titles, coded
    fields drawn from fixed tables (one name per code), a reference by title in one spec of five,
    and one class in fifty retired and replaced by another."""
    gen = Generator(seed)
    specs = [gen.spec(number) for number in range(1, size + 1)]
    for number, spec in enumerate(specs, start=1):
        spec["title"] = f"{spec['title']} {number}"
        spec["bargaining_unit"] = dict(zip(("code", "name"), gen.rng.choice(UNITS), strict=True))
        spec["eeo"] = dict(zip(("code", "name"), gen.rng.choice(EEO), strict=True))
        spec["occupational_group"] = dict(zip(("code", "name"), gen.rng.choice(GROUPS), strict=True))
    for number, spec in enumerate(specs, start=1):
        if number % 5 == 0:
            index = gen.rng.randrange(size)
            other = specs[index]
            if other is not spec and (index + 1) % 50 and " and " not in other["title"]:
                spec["minimum_qualifications"]["notes"] = [
                    f"NOTE: For state employees this experience is interpreted at the level of {other['title']}."]
        if number % 50 == 0:
            replacement = specs[number - 2]  # a class in force (no two retired in a row)
            last = spec["records"][-1]["effective"]
            spec["records"].append({"effective": max(last, "2024-07-01"), "retired": True,
                                    "replaced_by": replacement["class_code"],
                                    "reasons": ["abolish class"]})
    return {f"specs/{spec['class_code']}.json": spec for spec in specs}


def hook_config() -> str:
    """The local hook as this repository publishes it, on the installed specdiff."""
    return "\n".join([
        "repos:", "  - repo: local", "    hooks:", f"      - id: {HOOK}", "        name: specdiff validate",
        f"        entry: {BIN / 'specdiff'} validate", "        language: system",
        "        files: ^(specs/.*\\.json|schema/.*\\.json)$", "        pass_filenames: true",
        "        require_serial: true", ""])


def generate(repo: Path, size: int) -> None:
    """Write and commit a catalog of `size` specs, unless an earlier call did."""
    if (repo / MARKER).exists():
        return
    if repo.exists():
        shutil.rmtree(repo)
    repo.parent.mkdir(parents=True, exist_ok=True)
    stream = FastImport(repo)
    files: dict[str, str | None] = {path: dump(spec) for path, spec in catalog(size).items()}
    files["schema/job-class.schema.json"] = (ROOT / "schema" / "job-class.schema.json").read_text("utf-8")
    files[".pre-commit-config.yaml"] = hook_config()
    stream.commit(f"Import {size} classes", files)
    stream.close(repo)
    (repo / MARKER).write_text(f"{size}\n", encoding="utf-8")
    git(repo, "update-index", "--refresh", "-q")


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def env(work: Path) -> dict[str, str]:
    """As a user's shell would run the hook: bytecode cached (under the work folder, so the checkout is
    not written), pre-commit's own files under the work folder, no colour."""
    environ = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {**environ, "PRE_COMMIT_HOME": str(work / "pre-commit-home"), "PYTHONPYCACHEPREFIX": str(work / "pycache"),
            "NO_COLOR": "1"}


def noop_config(work: Path) -> Path:
    """pre-commit with a hook that does nothing on the same files: what pre-commit itself costs."""
    path = work / "noop-config.yaml"
    path.write_text(hook_config().replace(HOOK, "noop").replace(f"{BIN / 'specdiff'} validate", "'true'"),
                    encoding="utf-8")
    return path


def stage_one(repo: Path, round_no: int) -> str:
    """Reset to HEAD, then stage one spec with a reworded duty (a different one each round)."""
    git(repo, "reset", "-q", "--hard", "HEAD")
    names = git(repo, "ls-files", "specs").split()
    path = names[(round_no * 7919) % len(names)]
    spec = json.loads((repo / path).read_text(encoding="utf-8"))
    items = spec["duties"]["items"]
    items[0] = items[0].rstrip(";") + f" (revision {round_no});"
    (repo / path).write_text(dump(spec), encoding="utf-8")
    git(repo, "add", path)
    return path


# -- measurement --------------------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    rss_mb: float
    code: int
    output: str


def timed(command: list[str], cwd: Path, environ: dict[str, str]) -> Run:
    """One whole-process run: wall seconds, the peak RSS of its largest process, exit code, output."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    assert process.stdout is not None
    output = process.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(seconds, usage.ru_maxrss / 1024, process.returncode, output)


def hook_run(repo: Path, work: Path, *extra: str) -> Run:
    run = timed([str(BIN / "pre-commit"), "run", *extra], repo, env(work))
    if run.code != 0:
        raise SystemExit(f"the hook failed in {repo}:\n{run.output}")
    return run


def cache_dir(repo: Path) -> Path:
    return repo / ".git" / "specdiff"


KINDS = ("cold", "warm", "floor", "direct")


def measure(work: Path, sizes: list[int], runs: int) -> dict[int, dict[str, Any]]:
    """Per round and size (sizes interleaved, their order turning each round): one spec staged, then
    the hook with no cache (cold), the hook again (warm), pre-commit with a no-op hook (floor), and
    the hook's command on its own (direct). The first round is not counted (it warms the machine)."""
    repos = {size: work / f"repo-{size}" for size in sizes}
    found: dict[int, dict[str, Any]] = {size: {kind: [] for kind in KINDS} | {"rss": 0.0, "rss_direct": 0.0}
                                        for size in sizes}
    noop = noop_config(work)
    for round_no in range(runs + 1):
        order = sizes[round_no % len(sizes):] + sizes[:round_no % len(sizes)]
        for size in order:
            repo = repos[size]
            path = stage_one(repo, round_no)
            shutil.rmtree(cache_dir(repo), ignore_errors=True)
            runs_now = {"cold": hook_run(repo, work, HOOK), "warm": hook_run(repo, work, HOOK),
                        "floor": hook_run(repo, work, "-c", str(noop), "noop"),
                        "direct": timed([str(BIN / "specdiff"), "validate", path], repo, env(work))}
            if round_no == 0:
                continue
            for kind, run in runs_now.items():
                found[size][kind].append(run.seconds)
            found[size]["rss"] = max(found[size]["rss"], runs_now["warm"].rss_mb)
            found[size]["rss_direct"] = max(found[size]["rss_direct"], runs_now["direct"].rss_mb)
            found[size]["output"] = runs_now["direct"].output
    return found


def measure_full(work: Path, sizes: list[int], runs: int) -> dict[int, tuple[float, float]]:
    """The old hook's work, `specdiff validate` of the whole catalog: (median seconds, peak RSS MB)."""
    result = {}
    for size in sizes:
        repo = work / f"repo-{size}"
        times = [timed([str(BIN / "specdiff"), "validate"], repo, env(work)) for _ in range(runs)]
        result[size] = (statistics.median(t.seconds for t in times), max(t.rss_mb for t in times))
    return result


def versions() -> str:
    from importlib import metadata

    found = {name: metadata.version(name) for name in ("specdiff", "pre-commit")}
    found["git"] = git(ROOT, "--version").split()[-1]
    found["python"] = platform.python_version()
    return ", ".join(f"{k} {v}" for k, v in found.items())


def report(found: dict[int, dict[str, Any]], full: dict[int, tuple[float, float]], runs: int,
           generated: float, command: str) -> str:
    sizes = sorted(found)
    median = {size: {kind: statistics.median(found[size][kind]) for kind in KINDS} for size in sizes}
    lines = [f"Command: `{command}`. Machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} "
             f"{platform.release()}; {dt.date.today().isoformat()}. Versions: {versions()}.",
             f"Repositories generated on the first call ({generated:.0f} s), then reused. Medians of {runs} rounds; "
             "each round stages one reworded spec in every catalog, sizes interleaved.", "",
             "| specs | hook, warm cache | pre-commit alone (no-op hook) | hook minus pre-commit | "
             "`specdiff validate FILE` alone | hook, cold cache | peak RSS: hook / specdiff alone | "
             "old hook: `specdiff validate` of all |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for size in sizes:
        m = median[size]
        old = full.get(size)
        old_cell = f"{old[0]:.2f} s, {old[1]:.0f} MB" if old else "-"
        lines.append(f"| {size:,} | {m['warm']:.3f} s | {m['floor']:.3f} s | {m['warm'] - m['floor']:.3f} s | "
                     f"{m['direct']:.3f} s | {m['cold']:.2f} s | {found[size]['rss']:.0f} / "
                     f"{found[size]['rss_direct']:.0f} MB | {old_cell} |")
    small, large = sizes[0], sizes[-1]

    def ratio(kind: str) -> float:
        return median[large][kind] / median[small][kind]

    share = (median[large]["warm"] - median[large]["floor"]) / (median[small]["warm"] - median[small]["floor"])
    lines += ["", f"Ratios {large:,} / {small:,}: hook (warm) **{ratio('warm'):.2f}** (target <= 1.5: "
              f"{'met' if ratio('warm') <= 1.5 else 'NOT met'}); pre-commit alone {ratio('floor'):.2f}; the hook's "
              f"own share (hook minus pre-commit) {share:.2f}; `specdiff validate FILE` alone {ratio('direct'):.2f}.",
              "", f"What `specdiff validate FILE` said ({large:,} specs):", "", "```",
              *found[large]["output"].strip().splitlines(), "```"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time the validate hook on one staged spec across catalog sizes.")
    parser.add_argument("work", type=Path, help="a folder for the generated repositories (kept between calls)")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--runs", type=int, default=7, help="counted rounds (each runs every measurement once)")
    parser.add_argument("--full-runs", type=int, default=3, help="runs of the old whole-catalog hook (0: skip)")
    args = parser.parse_args()
    if shutil.which("pre-commit", path=str(BIN)) is None:
        raise SystemExit("pre-commit is missing: .venv/bin/pip install -e '.[test]'")
    args.work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    for size in args.sizes:
        generate(args.work / f"repo-{size}", size)
    generated = time.perf_counter() - start
    found = measure(args.work, sorted(args.sizes), args.runs)
    full = measure_full(args.work, sorted(args.sizes), args.full_runs) if args.full_runs else {}
    command = " ".join(["python bench/hook_scale.py", str(args.work), "--runs", str(args.runs)]
                       + (["--sizes", *map(str, args.sizes)] if args.sizes != list(SIZES) else []))
    print(report(found, full, args.runs, generated, command))


if __name__ == "__main__":
    main()

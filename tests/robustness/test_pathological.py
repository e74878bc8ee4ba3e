"""Pathological inputs (issue 13): each runs within 3x the time of the same command on a normal spec.

Every case runs one command in a subprocess on a normal spec and on a hostile one, interleaved, a few
times, and compares the medians as a ratio (never an absolute time). A hostile run still going after
STOP_AFTER times the normal median is stopped and fails the case at once, so code that is still
quadratic fails in seconds instead of hanging the suite. The last tests time the parsers themselves
on 100 KB of hostile text against 100 KB of ordinary prose, and walk nestings far deeper than any
spec may hold.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SEEDS
from gitrepo import SpecRepo, git_env

pytestmark = pytest.mark.category("pathological")

RATIO = 3.0  # the bound: a hostile input costs at most 3x the same command on a normal spec
REPS = 3  # runs of each side; medians are compared
STOP_AFTER = 10.0  # a hostile run taking this many normal medians is stopped: it cannot meet RATIO
NORMAL = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))
SEED = (SEEDS / "001_5258MP_headed.txt").read_text(encoding="utf-8")
CLAUSE = NORMAL["records"][-1]["cancellation_clause"]
PREFIX = "This replaces the existing specification for the class of "
EM_SPACE = "\u2003"
COMMON = ("the", "and", "of", "to", "in", "for", "a", "with", "on", "as")


def _vocabulary() -> list[str]:
    rng = random.Random(13)
    syllables = ["ad", "min", "is", "ter", "col", "lec", "tive", "bar", "gain", "ing", "re", "view", "pol", "i",
                 "cy", "pro", "ce", "dure", "plan", "co", "or", "di", "nate", "la", "bor", "rel", "a", "tion"]
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(1, 4))) for _ in range(3_000)]


VOCABULARY = _vocabulary()
ROT13 = str.maketrans("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                      "nopqrstuvwxyzabcdefghijklmNOPQRSTUVWXYZABCDEFGHIJKLM")


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    cwd: Path
    env: dict[str, str]


def _run(command: Command, timeout: float) -> Run | None:
    """One `specdiff` run in a fresh interpreter; None when it was stopped at the timeout."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "specdiff", *command.args], cwd=command.cwd, env=command.env,
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return None
    return Run(done.returncode, done.stdout, done.stderr, time.perf_counter() - start)


def within_ratio(normal: Command, hostile: Command) -> tuple[Run, Run]:
    """Run both sides REPS times, interleaved; assert the hostile median is within RATIO of the normal one."""
    normal_times: list[float] = []
    hostile_times: list[float] = []
    last: tuple[Run, Run] | None = None
    for _ in range(REPS):
        calm = _run(normal, timeout=120)
        assert calm is not None and calm.code in (0, 1), calm
        normal_times.append(calm.seconds)
        limit = STOP_AFTER * statistics.median(normal_times)
        rough = _run(hostile, timeout=limit)
        assert rough is not None, (f"`specdiff {' '.join(hostile.args)}` on the hostile input was still running "
                                   f"after {limit:.1f}s, {STOP_AFTER:g}x the normal run: not within {RATIO:g}x")
        hostile_times.append(rough.seconds)
        last = (calm, rough)
    ratio = statistics.median(hostile_times) / statistics.median(normal_times)
    assert ratio <= RATIO, (f"hostile/normal = {ratio:.2f} (medians {statistics.median(hostile_times):.2f}s and "
                            f"{statistics.median(normal_times):.2f}s); the bound is {RATIO:g}x")
    assert last is not None
    no_crash(last[1])
    return last


def no_crash(run: Run) -> None:
    assert run.code != 3 and "Traceback" not in run.err and "RecursionError" not in run.out + run.err, run.err[-2000:]


def env_outside_git(home: Path) -> dict[str, str]:
    return {**git_env(home), "GIT_CEILING_DIRECTORIES": str(home.parent)}


def prose(words: int, seed: int = 0) -> str:
    """Ordinary-looking text: common and rarer words at random (fixed seed), a period every 23 words."""
    rng = random.Random(seed)
    picked = [rng.choice(COMMON) if rng.random() < 0.3 else rng.choice(VOCABULARY) for _ in range(words)]
    return " ".join(w + ("." if i % 23 == 22 else "") for i, w in enumerate(picked)).capitalize() + "."


def reworded(text: str, every: int) -> str:
    """The text with every `every`-th word replaced."""
    return " ".join(w[::-1] + "x" if i % every == 3 else w for i, w in enumerate(text.split(" ")))


def spec_with(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    spec = json.loads(json.dumps(NORMAL))
    change(spec)
    return spec


def write_spec(folder: Path, spec: dict[str, Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{spec['class_code']}.json"
    path.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def nested(depth: int) -> dict[str, Any]:
    """A KSA item with one item under it, `depth` levels down (built without recursion)."""
    node: Any = "deepest item;"
    for level in range(depth, 0, -1):
        node = {"text": f"Level {level} of", "items": [node]}
    return dict(node)


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Byte-compile and cache specdiff once, so the first timed run is not the slowest."""
    subprocess.run([sys.executable, "-m", "specdiff", "--version"], capture_output=True, check=False)


# -- the cancellation-clause parser: check (and so ci run and the pre-commit hook) ---------------------------------

def revised_repo(root: Path, clause: str) -> Command:
    """A repo with 5258MP committed, then revised in the work tree with a new record carrying `clause`."""
    repo = SpecRepo(root)
    repo.add_seed_spec("5258MP")
    repo.commit("import")
    spec = repo.spec("5258MP")
    spec["minimum_qualifications"]["general_experience"] = ["Eight (8) years of professional experience."]
    spec["records"].append({"effective": "2024-07-05", "final_no": "24-001", "cancellation_clause": clause})
    repo.write(spec)
    return Command(("check",), root, repo.env)


def hostile_clause(size: int) -> str:
    """Clause-like text that made the old patterns cubic: the clause's opening words again and again,
    each followed by a salary-group phrase but never by 'approved effective', and a Final No. followed
    by spaces but not at the end."""
    unit = PREFIX + "Manager in Salary Group MP 65 and "
    return (unit * (size // len(unit)))[:size] + " Final No. 24-001" + " " * 2000 + "x"


def test_check_on_a_100kb_clause(tmp_path: Path) -> None:
    normal = revised_repo(tmp_path / "normal", CLAUSE.replace("October 25, 2019", "April 22, 2022"))
    hostile = revised_repo(tmp_path / "hostile", hostile_clause(100_000))
    calm, rough = within_ratio(normal, hostile)
    assert calm.code == 0, calm.out
    assert rough.code == 1 and "5258MP" in rough.out


def pull_request(root: Path, clause: str) -> Command:
    """A repo whose branch revises 5258MP with a new record carrying `clause`, and `ci run` over it."""
    repo = SpecRepo(root)
    repo.add_seed_spec("5258MP")
    base = repo.commit("main")
    spec = repo.spec("5258MP")
    spec["minimum_qualifications"]["general_experience"] = ["Eight (8) years of professional experience."]
    spec["records"].append({"effective": "2024-07-05", "final_no": "24-001", "cancellation_clause": clause})
    repo.write(spec)
    head = repo.commit("revise")
    event = root.parent / f"{root.name}-event.json"
    event.write_text(json.dumps({"pull_request": {"number": 7, "base": {"sha": base}, "head": {"sha": head}}}),
                     encoding="utf-8")
    env = {**repo.env, "GITHUB_EVENT_PATH": str(event), "GITHUB_STEP_SUMMARY": str(root.parent / f"{root.name}.md")}
    return Command(("ci", "run", "--comment-file", str(root.parent / f"{root.name}-comment.md")), root, env)


def test_ci_run_on_a_100kb_clause(tmp_path: Path) -> None:
    normal = pull_request(tmp_path / "normal", CLAUSE.replace("October 25, 2019", "April 22, 2022"))
    hostile = pull_request(tmp_path / "hostile", hostile_clause(100_000))
    calm, rough = within_ratio(normal, hostile)
    assert calm.code == 0, calm.out + calm.err
    assert rough.code == 1 and "5258MP" in (tmp_path / "hostile-comment.md").read_text(encoding="utf-8")


# -- the class-reference finder: validate (and so every pre-commit run) -------------------------------------------

def test_validate_on_reference_like_text(tmp_path: Path) -> None:
    filler = " " * 9_000  # under the 10,000-character cap of a duty: the spec stays valid
    duty = f"Work is interpreted at the level of Agency Labor Relations Specialist{filler}(see NOTE);"

    def hostile_duties(spec: dict[str, Any]) -> None:
        spec["duties"]["items"] = [duty.replace("Work", f"Work {i}") for i in range(11)]

    env = env_outside_git(tmp_path)
    normal = Command(("validate", str(write_spec(tmp_path / "normal", NORMAL))), tmp_path, env)
    hostile = Command(("validate", str(write_spec(tmp_path / "hostile", spec_with(hostile_duties)))), tmp_path, env)
    calm, rough = within_ratio(normal, hostile)
    assert "Agency Labor Relations Specialist" in rough.out and rough.code == calm.code


# -- the importer: runs of Unicode spaces, and a long clause ------------------------------------------------------

def import_command(folder: Path, text: str, env: dict[str, str]) -> Command:
    folder.mkdir(parents=True)
    source = folder / "document.txt"
    source.write_text(text, encoding="utf-8")
    return Command(("import", str(source), "--out-dir", str(folder / "out"), "--force"), folder, env)


def test_import_of_a_document_with_runs_of_em_spaces(tmp_path: Path) -> None:
    lines = SEED.split("\n")
    padded = [i for i, line in enumerate(lines) if line.startswith(("PURPOSE", "In ", "SUPERVISION"))][:4]
    for i in padded:  # a heading or paragraph, then 20,000 EM SPACEs (60 KB of UTF-8)
        lines[i] += EM_SPACE * 20_000
    hostile_text = "\n".join(lines)
    assert len(hostile_text.encode("utf-8")) > 230_000
    env = env_outside_git(tmp_path)
    calm, rough = within_ratio(import_command(tmp_path / "normal", SEED, env),
                               import_command(tmp_path / "hostile", hostile_text, env))
    assert rough.code == 0, rough.err
    imported = json.loads((tmp_path / "hostile" / "out" / "5258MP.json").read_text(encoding="utf-8"))
    assert imported["purpose"] == NORMAL["purpose"]


def test_import_of_a_document_with_a_100kb_clause(tmp_path: Path) -> None:
    hostile_text = SEED.replace(CLAUSE, hostile_clause(100_000))
    assert hostile_text != SEED
    env = env_outside_git(tmp_path)
    calm, rough = within_ratio(import_command(tmp_path / "normal", SEED, env),
                               import_command(tmp_path / "hostile", hostile_text, env))
    assert rough.code == 2 and "cancellation_clause" in rough.err


# -- the diff engine: a whole 100 KB spec rewritten, and one repetitive pair --------------------------------------

def diff_repo(root: Path, old: dict[str, Any], new: dict[str, Any]) -> Command:
    repo = SpecRepo(root)
    repo.write(old)
    repo.commit("old")
    repo.write(new)
    repo.commit("new")
    return Command(("diff", "HEAD~1", "HEAD"), root, repo.env)


def small_revision(spec: dict[str, Any]) -> None:
    spec["duties"]["items"][1] = "Proactively analyzes data and plans for emerging and changing agency needs;"


def test_diff_of_a_rewritten_100kb_spec(tmp_path: Path) -> None:
    def big(spec: dict[str, Any]) -> None:
        spec["duties"]["items"] = [prose(400, seed=i) for i in range(40)]

    old = spec_with(big)
    assert len(json.dumps(old)) > 100_000
    new = json.loads(json.dumps(old))
    new["duties"]["items"] = [reworded(item, 5) for item in reversed(old["duties"]["items"])]
    calm, rough = within_ratio(diff_repo(tmp_path / "normal", NORMAL, spec_with(small_revision)),
                               diff_repo(tmp_path / "hostile", old, new))
    assert rough.code == 0 and "EXAMPLES OF DUTIES" in rough.out


def test_diff_of_one_repetitive_pair(tmp_path: Path) -> None:
    def before(spec: dict[str, Any]) -> None:
        spec["duties"]["items"][1] = "a " * 4_000 + "end;"

    def after(spec: dict[str, Any]) -> None:
        spec["duties"]["items"][1] = "a b " * 2_000 + "end;"

    calm, rough = within_ratio(diff_repo(tmp_path / "normal", NORMAL, spec_with(small_revision)),
                               diff_repo(tmp_path / "hostile", spec_with(before), spec_with(after)))
    assert rough.code == 0 and "EXAMPLES OF DUTIES" in rough.out


# -- deep nesting: fmt and render ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("depth", "args"), [(250, ("fmt",)), (400, ("render", "-f", "html"))])
def test_deeply_nested_items(tmp_path: Path, depth: int, args: tuple[str, ...]) -> None:
    def deep(spec: dict[str, Any]) -> None:
        spec["ksa"]["items"].append(nested(depth))

    env = env_outside_git(tmp_path)
    normal = Command((*args, str(write_spec(tmp_path / "normal", NORMAL))), tmp_path, env)
    hostile_file = write_spec(tmp_path / "hostile", spec_with(deep))
    before = hostile_file.read_bytes()
    calm, rough = within_ratio(normal, Command((*args, str(hostile_file)), tmp_path, env))
    assert calm.code == 0
    assert rough.code in (1, 2) and "/ksa/items/5" in rough.err and "nested more than 8" in rough.err, rough.err
    assert hostile_file.read_bytes() == before


# -- the parsers themselves, on 100 KB of hostile text ------------------------------------------------------------

GROWTH = """
import json, statistics, time
def timed(size):
    value = make(size)
    start = time.perf_counter()
    call(value)
    return time.perf_counter() - start
small, large = [], []
for _ in range({reps}):
    small.append(timed({size} // 10))
    large.append(timed({size}))
print(json.dumps([statistics.median(small), statistics.median(large)]))
"""


def growth(setup: str, size: int, *, timeout: float = 20.0, reps: int = 5) -> float:
    """How many times longer `call(make(size))` takes than ten times `call(make(size // 10))`: about 1 (or
    less) for work linear in the input, about 10 for quadratic work. `setup` defines make and call; it
    runs in a fresh interpreter, stopped (and failed) at the timeout."""
    code = textwrap.dedent(setup) + GROWTH.format(size=size, reps=reps)
    here = Path(__file__).parent
    try:
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=REPO,
                              env={**os.environ, "PYTHONPATH": os.pathsep.join(
                                  [str(here), str(here.parent), os.environ.get("PYTHONPATH", "")])})
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running after {timeout:g}s")
    assert done.returncode == 0, done.stderr
    small, large = json.loads(done.stdout)
    return float(large / (10 * max(small, 1e-4)))  # below 0.1 ms the clock, not the code, is measured


@pytest.mark.parametrize("hostile", [
    "hostile_clause(n)",
    "'Final 1' + ' ' * n + 'x'",
    "'is abolished effective ' + 'replaced by the class of Agency (' * (n // 33)",
    "'(Revised to add' + ' ' * n + 'x and y)'",
])
def test_clause_parser_is_linear(hostile: str) -> None:
    assert growth(f"""
        from test_pathological import hostile_clause
        from specdiff.importer.records import parse_clause as call
        def make(n):
            return {hostile}
    """, 100_000) <= RATIO


@pytest.mark.parametrize("hostile", [
    "'interpreted at the level of A' + ' ' * n + 'B'",
    "'interpreted at the level of A' + '\\u00a0' * n + '(B)'",
    "'interpreted at the level of A' + '\\u2003' * n + ' B'",
])
def test_reference_finder_is_linear(hostile: str) -> None:
    assert growth(f"""
        from specdiff.references import references
        def make(n):
            return {{"purpose": [{hostile}]}}
        call = references
    """, 100_000) <= RATIO


def lead_in_document(n: int) -> str:
    """The seed with a KSA of one lead-in bullet wrapped over n/4 lines, then n/8 lower-case bullets under it."""
    head, rest = SEED.split("KNOWLEDGE, SKILL AND ABILITY\n")
    tail = rest[rest.index("MINIMUM QUALIFICATIONS"):]
    return (f"{head}KNOWLEDGE, SKILL AND ABILITY\n\n\u2022 Considerable knowledge of\n" + "a\n" * (n // 4) +
            "\u2022 b;\n" * (n // 8) + "\n" + tail)


@pytest.mark.parametrize("hostile", [
    "SEED.replace('PURPOSE OF JOB CLASS', 'PURPOSE OF JOB CLASS' + '\\u00a0' * n, 1)",
    "SEED.replace('Supervises', 'Supervises' + '\\u00a0' * (n // 2) + ' - x' + '\\u00a0' * (n // 2), 1)",
    "SEED.replace('Supervises a', 'Supervises ' + 'a.' * (n // 2) + '.\\nSupervises a', 1)",
    "SEED + '\\nCLASS: 5258MP;' * (n // 12)",
    "SEED.replace('Agency Labor Relations Manager (5258MP)', 'Agency' + '\\u00a0' * n + 'x (5258MP)', 1)",
    "lead_in_document(n)",
])
def test_importer_is_linear(hostile: str) -> None:
    assert growth(f"""
        from test_pathological import SEED, lead_in_document
        from specdiff.errors import SpecdiffError
        from specdiff.importer import import_text
        def make(n):
            return {hostile}
        def call(text):
            try:
                import_text(text)
            except SpecdiffError:
                pass
    """, 100_000) <= RATIO


def test_redline_work_is_bounded() -> None:
    assert growth("""
        from specdiff.diff.redline import redline
        def make(n):
            return "a " * (n // 2), "a b " * (n // 4)
        def call(texts):
            return redline(*texts)
    """, 10_000) <= RATIO


def test_pairing_work_grows_with_the_text_not_its_square() -> None:
    """Ten times as many items (every one new, none like an old one) cost at most RATIO x ten times as much."""
    assert growth("""
        from test_pathological import ROT13, prose
        from specdiff.diff.engine import diff_specs
        def spec(items):
            return {"class_code": "5258MP", "title": "T", "duties": {"style": "bullet", "items": items}}
        def make(n):
            old = [prose(150, seed=i) for i in range(n)]
            return spec(old), spec([item.translate(ROT13) for item in old])
        def call(sides):
            return diff_specs(*sides)
    """, 200, reps=3) <= RATIO


# -- deep walks: fmt's canonical form and the document model --------------------------------------------------------

DEEP = 1_500  # past Python's recursion limit (1,000): a recursive walk fails here

def test_canonical_form_walks_any_depth_without_recursion() -> None:
    from specdiff.schema import canonical

    spec = {"title": "T", "class_code": "5258MP", "ksa": {"style": "bullet", "items": [nested(DEEP)]}}
    out = canonical(spec)
    assert list(out) == ["class_code", "title", "ksa"] and list(out["ksa"]) == ["style", "items"]
    node = out["ksa"]["items"][0]
    for level in range(1, DEEP + 1):  # the same content at every level (== itself would recurse)
        assert node["text"] == f"Level {level} of" and len(node["items"]) == 1
        node = node["items"][0]
    assert node == "deepest item;"


def test_document_model_walks_any_depth_without_recursion() -> None:
    from specdiff.render.document import ItemList, build_document, item_lines

    spec = spec_with(lambda s: s["ksa"]["items"].append(nested(DEEP)))
    document = build_document(spec)
    ksa = next(s for s in document.sections if s.id == "ksa")
    lines = [line for block in ksa.blocks if isinstance(block, ItemList) for line in item_lines(block.items, False)]
    assert lines[-1] == (DEEP, None, "deepest item;")
    assert lines[-2] == (DEEP - 1, None, f"Level {DEEP} of")

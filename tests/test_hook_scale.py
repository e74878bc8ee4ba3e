"""`specdiff validate FILE...` (the pre-commit hook's form): the files named are checked fully, and the
rules across specs against the facts of every other spec, kept by git blob id in .git/specdiff/.

Correctness only (bench/hook_scale.py measures time). Real git repositories; the cache is warmed,
damaged, made stale or unwritable, and every answer is compared with `specdiff validate` of the whole
catalog, which reads every spec.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest

from gitrepo import SpecRepo

CACHE = Path(".git") / "specdiff"
ACROSS = ("is also used by", "is named", "replaced by", "refers to")  # the messages of the rules across specs
RETIRED = {"effective": "2026-01-01", "retired": True, "reasons": ["abolish class"]}


def stage(repo: SpecRepo, spec: dict[str, Any], name: str | None = None) -> str:
    """Write a spec and stage it; its label."""
    repo.write(spec, name)
    label = f"specs/{name or spec['class_code'] + '.json'}"
    repo.git("add", label)
    return label


def touched(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with its purpose reworded: a staged change that breaks no rule."""
    spec["purpose"] = [*spec["purpose"][:-1], spec["purpose"][-1] + " As revised."]
    return spec


def problem_lines(run: Any) -> list[str]:
    return sorted(line for line in run.out.splitlines() if line.startswith("specs/"))


def located(lines: list[str], label: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{label}:")]


def warm(cli: Any, label: str) -> None:
    """One run, so the cache holds the facts of every spec."""
    cli("validate", label)
    assert (CACHE / "snapshot.json").is_file()


@pytest.mark.parametrize("name", ["0001AA.json", "9999ZZ.json"])
def test_a_staged_spec_that_duplicates_an_uncached_specs_class_code_is_caught(cli, make_repo, name) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    assert not CACHE.exists()
    label = stage(repo, repo.spec("5257MP"), name)  # the code 5257MP in a second file
    run = cli("validate", label)
    assert run.code == 1
    duplicate = [line for line in problem_lines(run) if "class code '5257MP' is also used by" in line]
    assert len(duplicate) == 1
    # The problem sits in whichever file comes second, as `specdiff validate` of everything reports it.
    assert duplicate == [line for line in problem_lines(cli("validate")) if "is also used by" in line]
    assert "(checked against 3 others)" in run.err


def test_a_title_reference_resolves_through_cached_facts_without_reading_the_other_spec(
        cli, make_repo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    retired = repo.spec("5257MP")  # the class 5258MP names ('Agency Labor Relations Specialist') is retired
    retired["records"] = [*retired.get("records", []), RETIRED]
    repo.write(retired)
    repo.commit("retire 5257MP")
    warm(cli, "specs/5681MP.json")
    label = stage(repo, touched(repo.spec("5258MP")))
    from specdiff import load

    read: list[str] = []
    real = load.read_bytes
    monkeypatch.setattr(load, "read_bytes", lambda file, name, **kw: read.append(name) or real(file, name, **kw))
    run = cli("validate", label)
    assert "specs/5257MP.json" not in read and "specs/5681MP.json" not in read  # facts came from the cache
    assert run.code == 1
    assert any("refers to 'Agency Labor Relations Specialist', which is retired (5257MP)" in line
               for line in located(problem_lines(run), label))


def _forged_snapshot(code: str, new_code: str, *, version: str | None) -> None:
    """Rewrite the cached facts so that `code` looks like `new_code`; with a version, under that
    specdiff version (and a right digest); without, leave the digest as it was (damage)."""
    path = CACHE / "snapshot.json"
    first, _, body = path.read_bytes().partition(b"\n")
    body = body.replace(code.encode(), new_code.encode())
    header = json.loads(first)
    if version is not None:
        header.update(specdiff=version, digest=hashlib.sha1(body).hexdigest())
    path.write_bytes(json.dumps(header).encode() + b"\n" + body)


@pytest.mark.parametrize("damage", ["another version", "digest wrong", "garbage", "truncated", "empty delta row"])
def test_a_damaged_or_foreign_cache_is_rebuilt_and_still_catches_a_duplicate(cli, make_repo, damage) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    warm(cli, "specs/5681MP.json")
    snapshot = CACHE / "snapshot.json"
    if damage == "another version":
        _forged_snapshot("5257MP", "5257XX", version="0.0.1")  # would hide the duplicate if it were trusted
    elif damage == "digest wrong":
        _forged_snapshot("5257MP", "5257XX", version=None)
    elif damage == "garbage":
        snapshot.write_bytes(b"\x00\xff not a cache")
        (CACHE / "delta.json").write_text("{", encoding="utf-8")
    elif damage == "truncated":
        snapshot.write_bytes(snapshot.read_bytes()[:200])
    else:  # a delta entry whose facts are not facts: must not be trusted either
        first, _, _ = (CACHE / "delta.json").read_bytes().partition(b"\n")
        blob = repo.git("rev-parse", ":specs/5257MP.json").strip()
        body = json.dumps({blob: ["5257XX"]}).encode() + b"\n"
        header = {**json.loads(first), "digest": hashlib.sha1(body).hexdigest()}
        (CACHE / "delta.json").write_bytes(json.dumps(header).encode() + b"\n" + body)
        snapshot.unlink()
    label = stage(repo, repo.spec("5257MP"), "9999ZZ.json")
    run = cli("validate", label)
    assert run.code == 1 and "class code '5257MP' is also used by specs/5257MP.json" in run.out
    header = json.loads(snapshot.read_bytes().partition(b"\n")[0])
    from specdiff.version import __version__

    assert header["specdiff"] == __version__  # rebuilt under this version
    assert b"5257XX" not in snapshot.read_bytes() + (CACHE / "delta.json").read_bytes()


def test_an_unstaged_change_to_another_spec_is_read_from_disk_not_from_the_stale_cache(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    label = stage(repo, touched(repo.spec("5258MP")))
    warm(cli, label)
    assert not any("'Agency Labor Relations Specialist'" in line for line in problem_lines(cli("validate", label)))
    other = repo.spec("5257MP")
    other["title"] = "Agency Labor Relations Analyst"
    repo.write(other)  # in the work tree only: the index (and the cache) still have the old title
    run = cli("validate", label)
    assert any("refers to 'Agency Labor Relations Specialist', which no spec here has" in line
               for line in located(problem_lines(run), label))
    assert located(problem_lines(run), label) == located(problem_lines(cli("validate")), label)


def test_a_spec_whose_blob_changed_gets_new_facts(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    warm(cli, "specs/5681MP.json")
    other = repo.spec("5257MP")
    other["class_code"] = "5681MP"  # committed: the cache holds the blob with code 5257MP
    repo.write(other, "5257MP.json")
    repo.commit("recode")
    label = stage(repo, touched(repo.spec("5681MP")))
    run = cli("validate", label)
    assert "specs/5681MP.json:3:17: /class_code: class code '5681MP' is also used by specs/5257MP.json" in run.out


def test_a_read_only_cache_still_gives_the_right_answer(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    warm(cli, "specs/5681MP.json")
    for path in [*CACHE.iterdir(), CACHE]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    before = {path.name: path.read_bytes() for path in CACHE.iterdir()}
    try:
        label = stage(repo, repo.spec("5257MP"), "9999ZZ.json")
        run = cli("validate", label)
        assert run.code == 1 and "class code '5257MP' is also used by specs/5257MP.json" in run.out
        assert {path.name: path.read_bytes() for path in CACHE.iterdir()} == before  # nothing written
    finally:
        for path in [CACHE, *CACHE.iterdir()]:
            path.chmod(stat.S_IMODE(path.stat().st_mode) | 0o200)


def test_no_cache_folder_possible_still_works(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    CACHE.write_text("a file where the cache folder would go\n", encoding="utf-8")
    label = stage(repo, repo.spec("5257MP"), "9999ZZ.json")
    run = cli("validate", label)
    assert run.code == 1 and "class code '5257MP' is also used by specs/5257MP.json" in run.out
    assert CACHE.is_file()


def _catalog_with_problems_across_specs(repo: SpecRepo) -> None:
    """Specs with every kind of problem across specs, committed."""
    for code in ("0029MP", "5989VR"):
        repo.add_seed_spec(code)
    retired = repo.spec("5257MP")  # named by 5258MP; replaced by a class no spec has
    retired["records"] = [*retired.get("records", []), {**RETIRED, "replaced_by": "5999ZZ"}]
    retired["bargaining_unit"] = {"code": "02", "name": "MANAGERS"}  # after 0001AA's MANAGERIAL, before 5258MP's
    repo.write(retired)
    repo.write(repo.spec("5681MP"), "0001AA.json")  # duplicate code, first in order
    renamed = repo.spec("5989VR")
    renamed["bargaining_unit"] = {"code": "03", "name": "CONFIDENTIAL EMPLOYEES"}  # 0029MP says CONFIDENTIAL
    repo.write(renamed)
    replaced = repo.spec("0029MP")
    replaced["records"] = [*replaced["records"], {**RETIRED, "replaced_by": "5257MP"}]  # retired too
    repo.write(replaced)
    repo.commit("problems across specs")


def test_validate_file_reports_what_validate_of_everything_reports_for_that_file(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    _catalog_with_problems_across_specs(repo)
    full = problem_lines(cli("validate"))
    labels = sorted(f"specs/{path.name}" for path in (repo.root / "specs").glob("*.json"))
    assert len(full) > 8
    for label in labels:
        shutil.rmtree(CACHE, ignore_errors=True)
        cold = problem_lines(cli("validate", label))
        shutil.rmtree(CACHE)
        cli("validate", next(other for other in reversed(labels) if other != label))  # every other one is cached
        warmed = problem_lines(cli("validate", label))
        code = json.loads((repo.root / label).read_text(encoding="utf-8"))["class_code"]
        about = [line for line in full if not line.startswith(f"{label}:") and any(rule in line for rule in ACROSS)
                 and (label in line or f"'{code}'" in line or f"({code})" in line)]
        for part in (cold, warmed):
            assert located(part, label) == located(full, label), label
            assert set(about) <= set(part), label  # the problems elsewhere that name it
            assert set(part) <= set(full), label  # what it says about other files is true too
    # Files named together: the same as each alone.
    together = problem_lines(cli("validate", *labels[:3]))
    assert all(located(together, label) == located(full, label) for label in labels[:3])


def test_problems_elsewhere_about_the_checked_spec_are_reported(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    """Retiring a class breaks the specs that name it; renaming it leaves their reference dangling."""
    repo = make_repo("5258MP", "5257MP", "5681MP")
    warm(cli, "specs/5681MP.json")
    retired = repo.spec("5257MP")
    retired["records"] = [*retired.get("records", []), RETIRED]
    label = stage(repo, retired)
    run = cli("validate", label)
    assert run.code == 1
    assert [line for line in problem_lines(run) if "5257MP" in line and line.startswith("specs/5258MP.json:")] == \
        [line for line in problem_lines(cli("validate")) if "retired (5257MP)" in line]
    renamed = repo.spec("5257MP")
    renamed["records"] = renamed["records"][:-1]
    renamed["title"] = "Agency Labor Relations Analyst"
    label = stage(repo, renamed)
    run = cli("validate", label, "--strict")
    assert run.code == 1  # the old title is still named by 5258MP: a warning, which --strict fails
    assert any(line.startswith("specs/5258MP.json:") and "'Agency Labor Relations Specialist', which no spec" in line
               for line in problem_lines(run))


def test_an_invalid_other_spec_is_named_and_not_reported_as_a_problem(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP")
    (repo.root / "specs" / "5681MP.json").write_text("{ not json", encoding="utf-8")
    repo.commit("a broken spec")
    label = stage(repo, touched(repo.spec("5258MP")))
    run = cli("validate", label)
    assert run.code == 0 and "5681MP" not in run.out
    assert "specdiff: note: 1 other spec file(s) are not valid specs, so the rules across specs could not check " \
           "against them: specs/5681MP.json" in run.err
    assert run.err.rstrip().endswith("(checked against 2 others)")
    assert cli("validate").code == 1  # CI's run over everything reports it


def test_the_summary_says_what_was_checked(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("0029MP", "5258MP", "5257MP")
    label = stage(repo, touched(repo.spec("0029MP")))
    run = cli("validate", label)
    assert (run.code, run.out, run.err) == (0, "", "ok: 1 spec(s) valid (checked against 2 others)\n")
    repo.add_seed_spec("5681MP")  # untracked: it counts, as `validate` of everything counts it
    assert cli("validate", label).err == "ok: 1 spec(s) valid (checked against 3 others)\n"
    problems = cli("validate", "specs/5681MP.json")
    assert problems.err == "0 error(s), 1 warning(s) in 1 file(s) (checked against 3 others)\n"


def test_the_schema_file_or_a_folder_checks_every_spec(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP")
    schema = repo.root / "schema" / "job-class.schema.json"
    schema.parent.mkdir()
    schema.write_text("{}\n", encoding="utf-8")
    everything = cli("validate")
    for args in (["schema/job-class.schema.json"], ["schema/job-class.schema.json", "specs/5258MP.json"], ["specs"]):
        run = cli("validate", *args)
        assert (run.code, run.out, run.err) == (everything.code, everything.out, everything.err), args
        assert "checked against" not in run.err


def test_outside_a_repository_the_other_specs_are_read_from_disk(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from conftest import REPO

    (tmp_path / "specs").mkdir()
    for code in ("5258MP", "5257MP"):
        (tmp_path / "specs" / f"{code}.json").write_bytes((REPO / "specs" / f"{code}.json").read_bytes())
    (tmp_path / "specs" / "9999ZZ.json").write_bytes((REPO / "specs" / "5257MP.json").read_bytes())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    run = cli("validate", "specs/9999ZZ.json")
    assert run.code == 1 and "class code '5257MP' is also used by specs/5257MP.json" in run.out
    assert "(checked against 2 others)" in run.err
    assert not (tmp_path / ".git").exists()


def test_the_cache_is_small_and_only_rewritten_when_something_changed(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo = make_repo("5258MP", "5257MP", "5681MP", "0029MP", "5989VR")
    label = stage(repo, touched(repo.spec("5258MP")))
    warm(cli, label)
    files = {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in CACHE.iterdir()}
    assert sum(len(data) for _, data in files.values()) < 5 * 1024  # facts, not specs
    cli("validate", label)
    assert {path: (path.stat().st_mtime_ns, path.read_bytes()) for path in CACHE.iterdir()} == files
    assert not any(name.endswith(".tmp") for name in os.listdir(CACHE))


def test_the_benchmark_catalog_is_valid_and_exercises_every_rule_across_specs(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """bench/hook_scale.py at a small size (so it cannot rot): valid specs, references, retirements."""
    import sys

    from conftest import REPO

    sys.path.insert(0, str(REPO / "bench"))
    from hook_scale import catalog, generate

    specs = catalog(120)
    assert len({spec["title"] for spec in specs.values()}) == 120
    assert sum("notes" in spec["minimum_qualifications"] for spec in specs.values()) > 10
    assert sum(bool(spec["records"][-1].get("replaced_by")) for spec in specs.values()) == 2
    generate(tmp_path / "repo", 120)
    monkeypatch.chdir(tmp_path / "repo")
    run = cli("validate")
    assert (run.code, run.err) == (0, "ok: 120 spec(s) valid\n")
    assert cli("validate", "specs/0007MP.json").err == "ok: 1 spec(s) valid (checked against 119 others)\n"

"""Change control end to end: draft --write, check (also through real pre-commit), ledger, due, policy."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from gitrepo import SpecRepo

BIN = Path(sys.executable).parent


@pytest.fixture
def repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    return make_repo("5258MP", "0029MP", "5681MP")  # type: ignore[no-any-return]


def revise(repo: SpecRepo) -> None:
    spec = repo.spec("5258MP")
    spec["minimum_qualifications"]["general_experience"] = [
        "Eight (8) years of professional experience in labor relations or human resources management."]
    repo.write(spec)


def test_check_fails_without_a_record_and_passes_after_draft_write(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(repo)
    run = cli("check")
    assert run.code == 1
    assert run.out.splitlines() == [
        "specs/5258MP.json: 5258MP: no new effective-date record for its substantive changes",
        "  fix: specdiff draft 5258MP --effective MM/DD/YYYY --revised MM/DD/YYYY --next-final --write"]
    wrote = cli("draft", "5258MP", "--effective", "07/05/2024", "--revised", "07/03/2024", "--next-final", "--write")
    assert wrote.code == 0 and wrote.out.strip() == "wrote specs/5258MP.json"
    record = repo.spec("5258MP")["records"][-1]
    assert record == {
        "effective": "2024-07-05", "revised": "2024-07-03", "final_no": "24-001",
        "cancellation_clause": "This replaces the existing specification for the class of Agency Labor Relations "
                               "Manager in Salary Group MP 65 approved effective April 22, 2022. (Revised to modify "
                               "Minimum Qualifications) Final No. 24-001",
        "reasons": ["modify Minimum Qualifications"]}
    assert cli("check").code == 0
    assert cli("validate").code == 0
    rendered = cli("render", "5258MP").out
    assert rendered.rstrip().endswith("EFFECTIVE DATE\n\n07/05/2024\n\nCLASS: 5258MP; EST: 10/25/2019; REV: 7/3/2024;")


def test_draft_write_twice_replaces_the_pending_record(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(repo)
    cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write")
    cli("draft", "5258MP", "--effective", "07/06/2024", "--final", "24-002", "--write")
    records = repo.spec("5258MP")["records"]
    assert len(records) == 3 and records[-1]["effective"] == "2024-07-06"


def test_check_finds_a_stale_clause(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(repo)
    spec = repo.spec("5258MP")
    stale = spec["records"][-1]["cancellation_clause"]  # the 2022 clause, copied by hand
    spec["records"].append({"effective": "2024-07-05", "cancellation_clause": stale})
    repo.write(spec)
    out = cli("check").out
    assert "the clause names effective date '2019-10-25' but the revision it replaces has '2022-04-22'" in out


def test_editorial_changes_need_no_record_unless_configured(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = repo.spec("5258MP")
    spec["purpose"][0] = spec["purpose"][0].replace("agency\u2019s", "agency's")
    repo.write(spec)
    assert cli("check").code == 0
    (repo.root / "specdiff.toml").write_text("editorial_needs_record = true\n", encoding="utf-8")
    assert cli("check").code == 1


def test_draft_needs_effective_to_write_and_refuses_bad_dates(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    revise(repo)
    run = cli("draft", "5258MP", "--write")
    assert run.code == 2 and "--write needs --effective" in run.err
    assert repo.spec("5258MP")["records"][-1]["effective"] == "2022-04-22"  # nothing written
    run = cli("draft", "5258MP", "--effective", "02/30/2024")
    assert run.code == 2 and "--effective '02/30/2024' is not a date" in run.err
    assert cli("draft", "5258MP", "--next-final").code == 2


@pytest.mark.parametrize("config, message", [
    ("[tool.specdiff]\nclause_templet = 'x'\n", "unknown key 'clause_templet'"),
    ("[tool.specdiff]\nreview_years = 'five'\n", "review_years must be a int, not str"),
    ("[tool.specdiff]\nfinal = 'Final {numbr}'\n", "final: unknown placeholder {numbr}; allowed: number"),
    ("[tool.specdiff]\nfinal = 'Final {number'\n", "final: invalid template"),
    ("[tool.specdiff\n", "cannot read the configuration"),
])
def test_invalid_configuration_is_a_clear_error(cli, repo: SpecRepo, config: str, message: str) -> None:  # type: ignore[no-untyped-def]
    (repo.root / "pyproject.toml").write_text(config, encoding="utf-8")
    revise(repo)
    run = cli("draft", "5258MP")
    assert run.code == 2 and message in run.err and "pyproject.toml" in run.err and run.err.count("\n") == 1


def test_configured_wording(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (repo.root / "pyproject.toml").write_text(
        "[tool.specdiff]\nfinal = 'Final {number}'\nclause_date = 'numeric'\n", encoding="utf-8")
    revise(repo)
    [draft] = cli("draft", "5258MP", "--final", "24-001", "-f", "json").json()["drafts"]
    assert draft["record"]["cancellation_clause"].endswith(
        "approved effective 04/22/2022. (Revised to modify Minimum Qualifications) Final 24-001")


def test_ledger_csv_has_one_row_per_record(cli) -> None:  # type: ignore[no-untyped-def]
    run = cli("ledger", "--format", "csv")
    assert run.code == 0
    rows = list(csv.DictReader(io.StringIO(run.out)))
    specs = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((REPO / "specs").glob("*.json"))]
    assert len(rows) == sum(len(s.get("records", [])) for s in specs) == 6
    current = next(r for r in rows if r["class_code"] == "5258MP" and r["final_no"])
    clause = specs[2]["records"][-1]["cancellation_clause"]
    assert current == {"class_code": "5258MP", "title": "Agency Labor Relations Manager", "salary_group": "MP 65",
                       "effective": "2022-04-22", "revised": "2022-04-21", "final_no": "22-007",
                       "reasons": "add Acknowledgement section; modify content", "reviewed": "", "inferred": "",
                       "retired": "", "baselined": "", "flags": "", "approvals": "", "clause": clause}
    assert [r["effective"] for r in rows] == sorted(r["effective"] for r in rows)


def test_ledger_since_and_by_final(cli) -> None:  # type: ignore[no-untyped-def]
    rows = cli("ledger", "--since", "01/01/2022", "-f", "json").json()["records"]
    assert [(r["class_code"], r["final_no"]) for r in rows] == [("0029MP", "22-007"), ("5258MP", "22-007"),
                                                                 ("5681MP", "23-001")]
    grouped = cli("ledger", "--by-final").out
    assert grouped.index("Final No. 22-007: 2 record(s)") < grouped.index("Final No. 23-001: 1 record(s)")


def test_due_lists_classes_past_the_cycle_oldest_first(cli) -> None:  # type: ignore[no-untyped-def]
    lines = cli("due", "--as-of", "04/10/2027").out.splitlines()
    assert [line.split()[0] for line in lines] == ["5257MP", "5989VR", "0029MP"]
    assert lines[2].endswith("last revision 2022-04-01  due since 2027-04-01")
    assert [line.split()[0] for line in cli("due", "--as-of", "04/10/2027", "--years", "10").out.splitlines()] == [
        "5257MP", "5989VR"]


def test_check_blocks_a_commit_through_real_pre_commit(repo: SpecRepo) -> None:
    hooks = [h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
             if h["id"] == "specdiff-records"]
    for hook in hooks:
        hook.update(language="system", entry=str(BIN / hook["entry"]))
    (repo.root / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}),
                                                       encoding="utf-8")
    env = {**repo.env, "PRE_COMMIT_HOME": str(repo.root.parent / "pre-commit-home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo.root, env=env, capture_output=True, text=True)

    assert run(sys.executable, "-m", "pre_commit", "install").returncode == 0
    repo.commit("add hooks")
    revise(repo)
    run("git", "add", "-A")
    blocked = run("git", "commit", "-q", "-m", "revise without record")
    assert blocked.returncode != 0
    assert "specs/5258MP.json: 5258MP: no new effective-date record" in blocked.stdout + blocked.stderr
    drafted = run(str(BIN / "specdiff"), "draft", "5258MP", "--effective", "07/05/2024", "--next-final", "--write")
    assert drafted.returncode == 0, drafted.stderr
    run("git", "add", "-A")
    passed = run("git", "commit", "-q", "-m", "revise with record")
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_check_and_draft_before_the_first_commit(cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fresh = SpecRepo(tmp_path / "fresh")
    fresh.add_seed_spec("5258MP")
    fresh.add_seed_spec("5257MP")  # a posting: no effective-date record
    monkeypatch.chdir(fresh.root)
    run = cli("check")
    assert run.code == 1
    assert run.out.splitlines()[0] == "specs/5257MP.json: 5257MP: no new effective-date record for its new class"
    [draft] = cli("draft", "5257MP", "-f", "json").json()["drafts"]
    assert draft["new_class"] and draft["record"]["cancellation_clause"] == "New class."


def test_the_ledger_shows_the_title_and_group_in_force_on_old_rows(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = repo.spec("5258MP")
    spec["title"] = "Agency Labor Relations Director"
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    assert cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write").code == 0
    rows = [r for r in cli("ledger", "-f", "json").json()["records"] if r["class_code"] == "5258MP"]
    assert [(r["effective"], r["title"], r["salary_group"]) for r in rows] == [
        ("2019-10-25", "Agency Labor Relations Manager", "MP 65"),
        ("2022-04-22", "Agency Labor Relations Manager", "MP 65"),  # named by the 2024 clause, not today's title
        ("2024-07-05", "Agency Labor Relations Director", "MP 67")]
    assert rows[-1]["clause"].startswith("This replaces the existing specification for the class of Agency Labor "
                                         "Relations Manager")


def test_due_says_when_no_class_is_due(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("due", "--as-of", "01/01/2020")
    assert run.code == 0 and run.out == ""
    assert run.err == "no class is due for review on 2020-01-01 (3 class(es) checked)\n"

"""Baselines (issue 14, point 2): a class brought under change control by `specdiff import` carries
`baseline`, and its own records (possibly none) are its history, so adding it needs no invented record.
`new` never writes one; a spec the base already had gets no exemption from it; `accept_baselines = false`
closes the door once the catalog is migrated. check, summary and ledger say "baselined"."""
from __future__ import annotations

import json

import pytest

from conftest import SEEDS
from gitrepo import SpecRepo

POSTING = str(SEEDS / "003_5257MP_posting.txt")  # 5257MP: a posting with no effective-date record
HEADED = str(SEEDS / "001_5258MP_headed.txt")  # 5258MP: records effective 10/25/2019 (inferred) and 04/22/2022


@pytest.fixture
def branch(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    """main holds 0029MP; the branch brings more classes under change control."""
    repo: SpecRepo = make_repo("0029MP")
    repo.git("checkout", "-q", "-b", "migrate")
    return repo


def test_import_writes_the_baseline(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING, HEADED).code == 0
    assert branch.spec("5257MP")["baseline"] == {} and "records" not in branch.spec("5257MP")
    headed = branch.spec("5258MP")
    assert headed["baseline"] == {"through": "2022-04-22"}  # the newest record the document carried
    keys = list(headed)
    assert keys.index("established") < keys.index("baseline") < keys.index("records")  # the schema's order
    assert cli("validate", "specs/5257MP.json", "specs/5258MP.json").code == 0


def test_a_recordless_imported_class_passes_check_as_baselined(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING).code == 0
    run = cli("check")
    assert run.code == 0, run.out
    assert run.out.splitlines() == ["specs/5257MP.json: 5257MP: baselined: brought under change control from an "
                                    "existing document; its own records are its history (no new record needed)"]
    assert "1 accepted as baselines" in run.err
    branch.commit("bring 5257MP under change control")
    assert cli("check").code == 0  # committed on the branch: still against the merge base with main


def test_the_same_class_made_with_new_needs_a_record(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("new", "5257MP", "--title", "Agency Labor Relations Specialist").code == 0
    assert "baseline" not in branch.spec("5257MP")
    run = cli("check")
    assert run.code == 1
    assert "specs/5257MP.json: 5257MP: no new effective-date record for its new class" in run.out
    assert "baselined" not in run.out


def test_new_like_a_baselined_class_does_not_copy_its_baseline(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", HEADED).code == 0
    assert cli("new", "7001MP", "--title", "Labor Relations Deputy Chief", "--like", "5258MP").code == 0
    assert "baseline" not in branch.spec("7001MP")
    run = cli("check")
    assert run.code == 1 and "7001MP: no new effective-date record for its new class" in run.out
    assert "5258MP: baselined" in run.out


def test_closed_baselines_make_an_imported_class_a_problem(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (branch.root / "specdiff.toml").write_text("accept_baselines = false\n", encoding="utf-8")
    assert cli("import", POSTING).code == 0
    run = cli("check")
    assert run.code == 1
    assert run.out.splitlines() == [
        "specs/5257MP.json: 5257MP: baselines are closed (accept_baselines = false): record it as a new class",
        "  fix: specdiff draft 5257MP --effective MM/DD/YYYY --revised MM/DD/YYYY --next-final --write"]
    assert cli("draft", "5257MP", "--effective", "07/01/2024", "--final", "24-001", "--write").code == 0
    assert cli("check").code == 0  # a record of its own, after the baseline


def test_closed_baselines_also_refuse_a_document_with_records(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (branch.root / "specdiff.toml").write_text("accept_baselines = false\n", encoding="utf-8")
    assert cli("import", HEADED).code == 0
    run = cli("check")
    assert run.code == 1 and "5258MP: baselines are closed" in run.out  # its records are the document's


def test_a_baseline_gives_no_exemption_to_a_spec_the_base_had(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo()
    assert cli("import", POSTING).code == 0
    repo.commit("bring 5257MP under change control")
    repo.git("checkout", "-q", "-b", "revise")
    spec = repo.spec("5257MP")
    spec["purpose"][0] = "This class is accountable for leading the agency's contract negotiations."
    repo.write(spec)
    run = cli("check")
    assert run.code == 1
    assert "specs/5257MP.json: 5257MP: no new effective-date record for its minor changes" in run.out
    assert "baselined" not in run.out


def test_a_baseline_written_by_hand_on_an_existing_spec_exempts_nothing(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = branch.spec("0029MP")
    spec["baseline"] = {"through": spec["records"][-1]["effective"]}
    spec["salary"]["group"] = "MP 70"
    branch.write(spec)
    run = cli("check")
    assert run.code == 1 and "0029MP: no new effective-date record for its substantive changes" in run.out


def test_the_summary_shows_a_baselined_class(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING, HEADED).code == 0
    branch.commit("bring two classes under change control")
    run = cli("summary", "main", "-f", "json")
    assert run.code == 0, run.out
    data = run.json()
    assert data["problem_count"] == 0
    classes = {c["class_code"]: c for c in data["classes"]}
    for code in ("5257MP", "5258MP"):
        assert classes[code]["status"] == "baselined" and classes[code]["record_status"] == "baselined"
        assert classes[code]["what"] == "brought under change control (baseline)"
    markdown = cli("summary", "main").out
    assert "(0 new, 2 baselined, 0 revised" in markdown
    assert "| 5257MP | Agency Labor Relations Specialist | baselined |" in markdown
    assert "### 5257MP Agency Labor Relations Specialist (baselined)" in markdown
    assert "class created" not in markdown and "| new |" not in markdown and "New records:" not in markdown
    html = cli("summary", "main", "-f", "html").out
    assert "<td>baselined</td>" in html


def test_the_ledger_flags_baselined_rows(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING, HEADED).code == 0
    assert cli("draft", "5258MP", "--effective", "07/01/2024", "--final", "24-001", "--reason", "modify content",
               "--write").code == 0  # a record after the baseline: not the document's
    rows = cli("ledger", "-f", "json").json()["records"]
    flags = {(r["class_code"], r["effective"]): r["flags"] for r in rows}
    assert flags[("5258MP", "2019-10-25")] == ["baselined", "inferred"]
    assert flags[("5258MP", "2022-04-22")] == ["baselined"]
    assert flags[("5258MP", "2024-07-01")] == []
    assert flags[("0029MP", "2022-04-01")] == []  # not imported here: no baseline
    [recordless] = [r for r in rows if r["class_code"] == "5257MP"]  # a class with no record is in the register
    assert recordless["effective"] == "" and recordless["baselined"] and recordless["flags"] == ["baselined"]
    assert recordless["title"] == "Agency Labor Relations Specialist"
    table = cli("ledger").out
    assert any(line.startswith("5257MP") and line.rstrip().endswith("baselined") for line in table.splitlines())


def test_the_baseline_row_takes_effect_from_est(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING).code == 0
    spec = branch.spec("5257MP")
    spec["established"] = "2022-06-14"
    branch.write(spec)
    [row] = [r for r in cli("ledger", "-f", "json").json()["records"] if r["class_code"] == "5257MP"]
    assert row["effective"] == "2022-06-14" and row["flags"] == ["baselined"]
    csv_row = next(line for line in cli("ledger", "-f", "csv").out.splitlines() if line.startswith("5257MP"))
    assert ",2022-06-14," in csv_row and ",yes,baselined," in csv_row


def test_edit_keeps_the_baseline(cli, branch: SpecRepo, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", HEADED).code == 0
    monkeypatch.setenv("EDITOR", "sed -i s/Proactively/Actively/")
    monkeypatch.delenv("VISUAL", raising=False)
    assert cli("edit", "5258MP").code == 0
    spec = branch.spec("5258MP")
    assert spec["baseline"] == {"through": "2022-04-22"}
    assert "Actively analyzes" in json.dumps(spec)


def test_log_says_the_first_commit_of_an_imported_class_baselined_it(cli, branch: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", POSTING).code == 0
    branch.commit("bring 5257MP under change control")
    assert cli("new", "7001MP", "--title", "Deputy Director").code == 0
    branch.commit("a class created here")
    assert cli("log", "5257MP").out.splitlines()[1].strip().startswith("baselined: brought under change control")
    assert cli("log", "7001MP").out.splitlines()[1].strip() == "class created"

"""Completeness (issue 14, point 9): what `specdiff new` left to be written, a missing EST, and the
specs that still name a class being retired are said, never passed over."""
from __future__ import annotations

from gitrepo import SpecRepo


def test_placeholders_left_by_new_are_warnings_and_fail_strict(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo("5258MP")
    assert cli("new", "7001MP", "--title", "Labor Relations Deputy Chief").code == 0
    run = cli("validate", "specs/7001MP.json")
    lines = [line for line in run.out.splitlines() if "TO BE WRITTEN" in line]
    assert run.code == 0 and len(lines) == 5 and all(": warning: still says 'TO BE WRITTEN:'" in line for line in lines)
    assert any(line.startswith("specs/7001MP.json:") and "/purpose/0:" in line for line in lines)
    assert cli("validate", "--strict", "specs/7001MP.json").code == 1


def test_a_spec_without_est_is_a_warning(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo("5257MP")  # a posting: no EST
    run = cli("validate")
    assert "specs/5257MP.json:1:1: /established: warning: no EST" in run.out


def test_retire_names_the_specs_that_still_name_the_class(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    spec = repo.spec("0029MP")
    spec["purpose"] = ["Duties are interpreted at the level of Agency Labor Relations Manager."]
    repo.write(spec)
    run = cli("retire", "5258MP", "--effective", "01/01/2030", "--final", "30-001")
    assert run.code == 0
    assert "note: specs/0029MP.json (/purpose/0) still names 'Agency Labor Relations Manager'" in run.err

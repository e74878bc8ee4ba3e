"""`specdiff import --update`: a newer revision merged into the existing spec, its record history kept."""
from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import DATA, SEED_FILES, SEEDS, import_seed
from specdiff.errors import ImportFailure, WriteError
from specdiff.importer.merge import DOCUMENT_FIELDS, merge_record, merge_spec

DOC_2019 = str(DATA / "update" / "5258MP_2019.txt")  # written by us from the 2022 clause (see its README)
DOC_2022 = str(SEEDS / "001_5258MP_headed.txt")
DOC_0029 = str(SEEDS / "002_0029MP_headed.txt")
SPEC = Path("specs") / "5258MP.json"
RECORD_2019 = {"effective": "2019-10-25", "final_no": "19-041", "cancellation_clause": "New class. Final No. 19-041"}
REAL = RECORD_2019
INFERRED = {"effective": "2019-10-25", "title": "Agency Labor Relations Manager", "salary_group": "MP 65",
            "inferred": True}  # what the 2022 clause says of the 2019 revision
APPROVALS = [{"role": "HR Director", "by": "A. Analyst", "date": "2019-10-20"}]


def _record_text(text: str, day: str) -> str:
    """The exact bytes of the record of one effective date in a spec file."""
    start = text.index(f'    {{\n      "effective": "{day}"')
    return text[start:text.index("\n    }", start) + len("\n    }")]


@pytest.fixture
def repo_2019(cli, make_repo):  # type: ignore[no-untyped-def]
    """A real git repo whose specs/5258MP.json is the 2019 revision, committed."""
    repo = make_repo()
    assert cli("import", DOC_2019).code == 0
    repo.commit("5258MP as established in 2019")
    return repo


# -- the required proof -------------------------------------------------------------------------------

def test_the_2022_seed_over_2019_keeps_the_2019_record_and_the_diff_shows_only_the_new_one(
        cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    before = SPEC.read_text(encoding="utf-8")
    assert json.loads(before)["records"] == [RECORD_2019]

    run = cli("import", "--update", DOC_2022)

    assert run.code == 0, run.err
    assert run.out == (f"updated specs/5258MP.json (from {DOC_2022}): 1 record added (2022-04-22), "
                       "sections replaced\n")
    after = SPEC.read_text(encoding="utf-8")
    records = json.loads(after)["records"]
    assert json.loads(after).get("baseline") == json.loads(before).get("baseline")  # the existing value wins
    assert records[0] == RECORD_2019  # not overwritten by the 2022 clause's inferred record
    assert _record_text(after, "2019-10-25") == _record_text(before, "2019-10-25")  # byte for byte
    assert [r["effective"] for r in records] == ["2019-10-25", "2022-04-22"]
    assert records[-1] == import_seed("001_5258MP_headed.txt").spec["records"][-1]  # added last, as imported

    [spec] = cli("diff", "--format", "json").json()["specs"]
    in_records = [(c["kind"], c["path"]) for c in spec["changes"] if c["path"].startswith("/records")]
    assert in_records == [("added", "/records/1")]
    assert {c["kind"] for c in spec["changes"] if c["level"] == "record"} == {"added"}
    sections = {c["section"] for c in spec["changes"] if not c["path"].startswith("/records")}
    assert sections == {"GUIDELINES FOR JOB CLASS USE", "EXAMPLES OF DUTIES", "ACKNOWLEDGEMENT"}  # the new text


def test_force_would_have_lost_the_2019_record(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    """What --update fixes: a plain --force re-import replaces the real 2019 record by a stub."""
    assert cli("import", "--force", DOC_2022).code == 0
    assert json.loads(SPEC.read_text(encoding="utf-8"))["records"][0] != RECORD_2019


def test_updating_again_changes_nothing_and_says_so(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", "--update", DOC_2022).code == 0
    before = SPEC.read_bytes()
    run = cli("import", "--update", DOC_2022)
    assert run.code == 0
    assert run.out == (f"unchanged specs/5258MP.json (from {DOC_2022}): same revision (2022-04-22), "
                       "sections unchanged\n")
    assert SPEC.read_bytes() == before


def test_approvals_and_repository_keys_survive_an_update(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    spec["records"][0]["approvals"] = APPROVALS
    spec["former_codes"] = ["5258XX"]
    spec["baseline"] = {"through": "2019-10-25"}
    repo_2019.write(spec)
    repo_2019.commit("approved")
    assert cli("import", "--update", DOC_2022).code == 0
    updated = json.loads(SPEC.read_text(encoding="utf-8"))
    assert updated["records"][0] == {**RECORD_2019, "approvals": APPROVALS}
    assert updated["former_codes"] == ["5258XX"] and updated["baseline"] == {"through": "2019-10-25"}
    assert updated["$schema"] == spec["$schema"]


# -- refusals, all or nothing -------------------------------------------------------------------------

def test_an_older_revision_over_a_newer_one_is_refused(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    assert cli("import", "--update", DOC_2022).code == 0
    before = SPEC.read_bytes()
    run = cli("import", "--update", DOC_2019)
    assert run.code == 2
    assert run.out == ""
    assert run.err.splitlines()[-1] == (
        f"specdiff: error: {DOC_2019}: is the revision effective 2019-10-25, older than the current record of "
        "specs/5258MP.json (effective 2022-04-22); an update cannot go back in time, nothing was written")
    assert SPEC.read_bytes() == before


def test_a_class_without_a_spec_is_refused(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    run = cli("import", "--update", DOC_0029)
    assert run.code == 2
    assert run.err.strip() == (f"specdiff: error: {DOC_0029}: no spec for 0029MP; import it without --update "
                               "(looked for specs/0029MP.json)")
    assert not Path("specs/0029MP.json").exists()


def test_update_with_force_is_a_usage_error(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    before = SPEC.read_bytes()
    run = cli("import", "--update", "--force", DOC_2022)
    assert run.code == 2
    assert run.err.strip().startswith("specdiff: error: --update and --force do not go together")
    assert SPEC.read_bytes() == before


def test_one_failing_file_writes_nothing(cli, repo_2019) -> None:  # type: ignore[no-untyped-def]
    before = SPEC.read_bytes()
    run = cli("import", "--update", DOC_2022, DOC_0029)
    assert run.code == 2
    assert "no spec for 0029MP" in run.err and run.out == ""
    assert SPEC.read_bytes() == before  # the 2022 document alone would have updated it


def test_every_failing_file_is_reported(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo()
    assert cli("import", DOC_2022).code == 0
    before = SPEC.read_bytes()
    run = cli("import", "--update", DOC_2019, DOC_0029)
    errors = [line for line in run.err.splitlines() if line.startswith("specdiff: error:")]
    assert run.code == 2 and len(errors) == 2
    assert "older than the current record" in errors[0] and "no spec for 0029MP" in errors[1]
    assert SPEC.read_bytes() == before


def test_an_invalid_existing_spec_is_named_and_left_alone(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    make_repo()
    SPEC.write_text('{"class_code": "5258MP"}\n', encoding="utf-8")
    run = cli("import", "--update", DOC_2022)
    assert run.code == 2 and run.err.startswith("specdiff: error: specs/5258MP.json")
    assert "Traceback" not in run.err
    assert SPEC.read_text(encoding="utf-8") == '{"class_code": "5258MP"}\n'


def test_out_dir_is_respected(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "old"
    assert cli("import", DOC_2019, "--out-dir", str(out)).code == 0
    run = cli("import", "--update", DOC_2022, "--out-dir", str(out))
    assert run.code == 0
    assert run.out.startswith(f"updated {out / '5258MP.json'} (from {DOC_2022}): 1 record added")
    assert json.loads((out / "5258MP.json").read_text(encoding="utf-8"))["records"][0] == RECORD_2019


# -- a same-date (corrected) re-import ----------------------------------------------------------------

def test_a_corrected_reimport_of_the_same_revision(cli, make_repo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_repo()
    assert cli("import", DOC_2022).code == 0
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    spec["records"][-1]["reviewed"] = True  # a field the document's record does not give
    SPEC.write_text(json.dumps(spec, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    corrected = tmp_path / "5258MP_corrected.txt"
    text = Path(DOC_2022).read_text(encoding="utf-8")
    corrected.write_text(text.replace("leverage solutions;", "leverages solutions;"), encoding="utf-8")

    run = cli("import", "--update", str(corrected))

    assert run.code == 0
    assert run.out == (f"updated specs/5258MP.json (from {corrected}): same revision (2022-04-22), "
                       "sections replaced\n")
    updated = json.loads(SPEC.read_text(encoding="utf-8"))
    assert "Analyzes complex workplace situations and issues and leverages solutions;" in updated["duties"]["items"]
    assert updated["records"] == spec["records"]  # the inferred 2019 record and the kept field


# -- the merge itself (pure) --------------------------------------------------------------------------

def test_an_inferred_record_never_overwrites_a_real_one() -> None:
    real = {**REAL, "approvals": APPROVALS}
    assert merge_record(real, INFERRED) is real


def test_a_real_record_replaces_an_inferred_one_keeping_what_no_document_gives() -> None:
    inferred = {**INFERRED, "approvals": APPROVALS}
    assert merge_record(inferred, REAL) == {**REAL, "approvals": APPROVALS}


def test_a_real_record_keeps_the_fields_the_document_lacks() -> None:
    old = {**REAL, "revised": "2019-10-24", "approvals": APPROVALS}
    new = {"effective": "2019-10-25", "final_no": "19-042"}
    assert merge_record(old, new) == {**REAL, "revised": "2019-10-24", "approvals": APPROVALS, "final_no": "19-042"}


def _spec(records: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {"class_code": "5258MP", "title": "Agency Labor Relations Manager", "purpose": ["Leads."],
            "records": records, **extra}


def test_records_are_matched_by_date_and_new_ones_join_in_date_order() -> None:
    existing = _spec([{"effective": "2018-01-05"}, {**INFERRED, "approvals": APPROVALS}, {"effective": "2022-04-22"}])
    document = _spec([{"effective": "2019-10-25", "final_no": "19-041"}, {"effective": "2020-03-01"},
                      {"effective": "2022-04-22", "final_no": "22-007"}, {"effective": "2023-06-30"}])
    merged = merge_spec(existing, document, source="doc.txt", target="specs/5258MP.json")
    assert merged.spec["records"] == [
        {"effective": "2018-01-05"},  # only the spec had it: kept
        {"effective": "2019-10-25", "final_no": "19-041", "approvals": APPROVALS},  # made real
        {"effective": "2020-03-01"},  # new, in date order
        {"effective": "2022-04-22", "final_no": "22-007"},  # completed
        {"effective": "2023-06-30"},  # new, the current record
    ]
    assert (merged.added, merged.made_real, merged.updated) == (("2020-03-01", "2023-06-30"), ("2019-10-25",),
                                                                ("2022-04-22",))
    assert not merged.same_revision


def test_sections_are_replaced_and_the_repository_keys_kept() -> None:
    existing = _spec([REAL], **{"$schema": "../schema/job-class.schema.json", "former_codes": ["5258XX"],
                                "established": "2019-10-25", "baseline": {"commit": "abc"},
                                "guidelines": ["Old guideline."], "jurisdiction": "State"})
    document = _spec([REAL], purpose=["Leads the program."], acknowledgement=["As defined..."],
                     baseline={"commit": "new"}, **{"$schema": "urn:other"})
    merged = merge_spec(existing, document, source="doc.txt", target="specs/5258MP.json").spec
    assert merged["purpose"] == ["Leads the program."] and merged["acknowledgement"] == ["As defined..."]
    assert "guidelines" not in merged  # a section the new revision dropped is gone
    assert merged["$schema"] == "../schema/job-class.schema.json" and merged["baseline"] == {"commit": "abc"}
    assert merged["former_codes"] == ["5258XX"] and merged["established"] == "2019-10-25"
    assert merged["jurisdiction"] == "State"
    assert list(merged)[0] == "$schema"  # canonical order


def test_an_update_never_gains_a_baseline() -> None:
    merged = merge_spec(_spec([REAL]), _spec([REAL], baseline={"commit": "abc"}), source="d", target="t")
    assert "baseline" not in merged.spec and merged.unchanged and merged.same_revision


def test_the_merge_leaves_its_inputs_alone() -> None:
    existing, document = _spec([INFERRED]), _spec([REAL, {"effective": "2022-04-22"}])
    kept = copy.deepcopy((existing, document))
    merge_spec(existing, document, source="d", target="t")
    assert (existing, document) == kept


def test_older_or_undated_documents_are_refused_with_both_dates() -> None:
    with pytest.raises(WriteError, match="effective 2019-10-25, older than .* of t \\(effective 2022-04-22\\)"):
        merge_spec(_spec([{"effective": "2022-04-22"}]), _spec([REAL]), source="d", target="t")
    with pytest.raises(ImportFailure, match="has no EFFECTIVE DATE"):
        merge_spec(_spec([REAL]), _spec([]), source="d", target="t")


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_document_fields_cover_every_record_field_the_importer_writes(seed: Path) -> None:
    """Keys outside DOCUMENT_FIELDS are kept as the repository's own: the importer must never write one."""
    for record in import_seed(seed.name).spec.get("records", []):
        assert set(record) <= DOCUMENT_FIELDS

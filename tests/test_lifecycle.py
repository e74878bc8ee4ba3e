"""Class lifecycle and time travel on a real repository with several revisions and effective dates."""
from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from gitrepo import SpecRepo

REVISION_2024 = {"effective": "2024-07-05", "revised": "2024-07-03", "final_no": "24-001",
                 "cancellation_clause": "This replaces the existing specification for the class of Agency Labor "
                                        "Relations Manager in Salary Group MP 65 approved effective April 22, 2022. "
                                        "(Revised to change salary group) Final No. 24-001",
                 "reasons": ["change salary group"]}


@pytest.fixture
def history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """5258MP: as imported (effective 04/22/2022), a typo fix, a 2024 revision, a 2026 revision; 0029MP too."""
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.add_seed_spec("0029MP")
    shas = {"import": repo.commit("import")}
    spec = repo.spec("5258MP")
    spec["purpose"][0] = spec["purpose"][0].replace("agency\u2019s", "agency's")
    repo.write(spec)
    shas["typo"] = repo.commit("typo")
    spec["salary"]["group"] = "MP 67"
    spec["records"].append(REVISION_2024)
    repo.write(spec)
    shas["2024"] = repo.commit("2024 revision")
    spec["title"] = "Agency Labor Relations Director"
    spec["records"].append({"effective": "2026-01-01", "cancellation_clause": "This replaces the existing "
                            "specification for the class of Agency Labor Relations Manager in Salary Group MP 67 "
                            "approved effective July 5, 2024. (Revised to change title)", "reasons": ["change title"]})
    repo.write(spec)
    shas["2026"] = repo.commit("2026 revision")
    monkeypatch.chdir(repo.root)
    for key, value in repo.env.items():
        monkeypatch.setenv(key, value)
    return shas


@pytest.mark.parametrize("day, expected", [
    ("04/21/2022", None), ("04/22/2022", "typo"), ("07/04/2024", "typo"), ("07/05/2024", "2024"),
    ("12/31/2025", "2024"), ("01/01/2026", "2026"), ("01/01/2030", "2026"),
])
def test_show_as_of_returns_the_revision_in_force(cli, history: dict[str, str], day: str, expected: str | None) -> None:  # type: ignore[no-untyped-def]
    run = cli("show", "5258MP", "--as-of", day, "--format", "json")
    if expected is None:
        assert run.code == 1
        assert run.json()["found"] is False and run.json()["spec"] is None
        assert run.json()["answer"] == ("5258MP was in force on 04/21/2022 under the revision effective 10/25/2019; "
                                        "the text of that revision is not in this repository (its first committed "
                                        "revision is effective 04/22/2022)")
        assert run.json()["effective"] == "2019-10-25"
        return
    assert run.code == 0, run.err
    shown = run.json()
    assert shown["commit"] == history[expected]
    month, date, year = day.split("/")
    assert shown["effective"] <= f"{year}-{month}-{date}" and shown["as_of"] == f"{year}-{month}-{date}"
    text = cli("show", "5258MP", "--as-of", day).out
    assert ("MP 67" in text) == (expected in ("2024", "2026"))
    assert ("Director" in text) == (expected == "2026")


def test_diff_as_of_matches_the_diff_of_those_revisions(cli, history: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    by_date = cli("diff", "--as-of", "05/01/2022", "--as-of", "08/01/2024", "5258MP", "-f", "json").json()
    by_commit = cli("diff", history["typo"], history["2024"], "-f", "json", "--", "specs/5258MP.json").json()
    assert [s["changes"] for s in by_date["specs"]] == [s["changes"] for s in by_commit["specs"]]
    assert by_date["old"] == "in force on 2022-05-01" and by_date["new"] == "in force on 2024-08-01"
    everything = cli("diff", "--as-of", "05/01/2022", "--as-of", "08/01/2024", "-f", "json").json()
    assert [s["class_code"] for s in everything["specs"]] == ["5258MP"]  # 0029MP did not change in force


def test_a_date_before_the_class_existed_is_answered(cli, history: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    report = cli("diff", "--as-of", "01/01/2000", "--as-of", "05/01/2022", "5258MP", "-f", "json").json()
    assert report["specs"][0]["status"] == "added"
    assert cli("diff", "--as-of", "01/01/2000", "-f", "json").code == 2  # two dates are needed


def test_retire_is_visible_everywhere(cli, history: dict[str, str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    run = cli("retire", "0029MP", "--effective", "01/01/2027", "--replaced-by", "5258MP", "--final", "26-001")
    assert run.code == 0 and run.out.strip() == "wrote specs/0029MP.json: 0029MP retired effective 2027-01-01, " \
                                                "replaced by 5258MP"
    record = json.loads(Path("specs/0029MP.json").read_text(encoding="utf-8"))["records"][-1]
    assert record["cancellation_clause"] == ("This class is abolished effective January 1, 2027. It is replaced by "
                                             "the class of Agency Labor Relations Director (5258MP). Final No. 26-001")
    assert record["retired"] is True and record["replaced_by"] == "5258MP"
    assert cli("retire", "0029MP", "--effective", "02/01/2027").code == 2  # already retired
    diff = cli("diff", "-f", "json").json()
    assert diff["specs"][0]["status"] == "retired"
    assert "**RETIRED: Abolished effective 01/01/2027; replaced by 5258MP.**" in cli("render", "0029MP", "-f",
                                                                                    "markdown").out
    assert "This class is abolished effective January 1, 2027." in cli("render", "0029MP").out
    retired = [r for r in cli("ledger", "-f", "json").json()["records"] if r["retired"]]
    assert [(r["class_code"], r["effective"], r["reasons"]) for r in retired] == [
        ("0029MP", "2027-01-01", "abolish class")]
    assert "0029MP" not in cli("due", "--as-of", "01/01/2040").out
    import subprocess

    subprocess.run(["git", "commit", "-qam", "retire 0029MP"], check=True)
    assert cli("log", "0029MP").out.splitlines()[1] == "    class retired; Effective-date Records: 1 added"
    shown = cli("show", "0029MP", "--as-of", "06/01/2027")
    assert shown.code == 1 and shown.out.strip() == ("0029MP was retired effective 01/01/2027, replaced by 5258MP; "
                                                     "nothing of it was in force on 06/01/2027")
    across = cli("diff", "--as-of", "06/01/2026", "--as-of", "06/01/2027", "0029MP", "-f", "json").json()
    assert across["specs"][0]["status"] == "retired"


def test_references_to_a_retired_class(cli, history: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    spec = json.loads(Path("specs/5258MP.json").read_text(encoding="utf-8"))
    spec["minimum_qualifications"]["notes"] = [
        "NOTE: For state employees this experience is interpreted at the level of Labor Relations Program Assistant."]
    Path("specs/5258MP.json").write_text(json.dumps(spec, indent=2) + "\n", encoding="utf-8")
    refs = cli("refs", "0029MP").out.splitlines()
    assert refs == ["specs/5258MP.json: /minimum_qualifications/notes/0: names 'Labor Relations Program Assistant': "
                    "NOTE: For state employees this experience is interpreted at the level of Labor Relations "
                    "Program Assistant."]
    assert cli("validate").code == 0
    cli("retire", "0029MP", "--effective", "01/01/2027")
    run = cli("validate")
    assert run.code == 1
    assert any("refers to 'Labor Relations Program Assistant', which is retired (0029MP)" in line
               for line in run.out.splitlines())
    Path("specdiff.toml").write_text("allow_retired_references = true\n", encoding="utf-8")
    assert cli("validate").code == 0


def test_rename_code_keeps_history_and_updates_references(cli, history: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    cli("retire", "0029MP", "--effective", "01/01/2027", "--replaced-by", "5258MP")
    subprocess.run(["git", "commit", "-qam", "retire"], check=True)
    run = cli("rename-code", "5258MP", "5260MP")
    assert run.out.splitlines() == ["wrote specs/5260MP.json (formerly 5258MP)", "removed specs/5258MP.json",
                                    "wrote specs/0029MP.json: replaced_by 5258MP -> 5260MP"]
    assert cli("validate").code == 0
    assert "Agency Labor Relations Director (5260MP, formerly 5258MP)" in cli("render", "5260MP").out
    subprocess.run(["git", "add", "-A"], check=True)
    subprocess.run(["git", "commit", "-qm", "new code"], check=True)
    [spec] = [s for s in cli("diff", "HEAD~1", "HEAD", "-f", "json").json()["specs"] if s["class_code"] == "5260MP"]
    assert spec["status"] == "recoded"
    assert cli("log", "5260MP").out.splitlines()[1].startswith("    class code changed (from specs/5258MP.json)")
    assert len(cli("log", "5260MP", "-f", "json").json()["commits"]) == 5  # the history followed the new code
    from specdiff.importer import import_text

    assert import_text(cli("render", "5260MP").out).spec["former_codes"] == ["5258MP"]


def test_new_skeleton_and_like(cli, history: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    run = cli("new", "7001MP", "--title", "Labor Relations Deputy Chief")
    assert run.code == 0 and "wrote specs/7001MP.json" in run.out
    spec = json.loads(Path("specs/7001MP.json").read_text(encoding="utf-8"))
    assert spec["acknowledgement"][0].startswith("As defined by Sec. 5-196")
    assert spec["jurisdiction"] == "State of Connecticut Executive Branch" and "records" not in spec
    copied = cli("new", "7002MP", "--title", "Labor Relations Analyst", "--like", "5258MP")
    assert copied.code == 0
    copy = json.loads(Path("specs/7002MP.json").read_text(encoding="utf-8"))
    original = json.loads(Path("specs/5258MP.json").read_text(encoding="utf-8"))
    assert copy["duties"] == original["duties"] and "records" not in copy and copy["class_code"] == "7002MP"
    assert cli("validate", "specs/7001MP.json", "specs/7002MP.json").out.count("error") == 0
    assert cli("new", "7001MP", "--title", "X").code == 2  # never overwrites


def write_editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
                      + textwrap.dedent(body) + "open(path, 'w', encoding='utf-8').write(text)\n", encoding="utf-8")
    return f"{sys.executable} {script}"


def test_edit_a_valid_change(cli, history: dict[str, str], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, """
        text = text.replace("Oversees performance management system;", "Oversees the performance management system;")
    """))
    before = json.loads(Path("specs/5258MP.json").read_text(encoding="utf-8"))
    run = cli("edit", "5258MP")
    assert run.code == 0, run.err
    assert "    ~ [minor] Oversees{+ the+} performance management system;" in run.out
    assert run.out.strip().endswith("wrote specs/5258MP.json")
    after = json.loads(Path("specs/5258MP.json").read_text(encoding="utf-8"))
    assert "Oversees the performance management system;" in after["duties"]["items"]
    assert after["records"] == before["records"] and after["established"] == before["established"]
    assert {k: v for k, v in after.items() if k != "duties"} == {k: v for k, v in before.items() if k != "duties"}


def test_edit_an_invalid_change_keeps_the_typing(cli, history: dict[str, str], tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, """
        text = text.replace("\\n\\nMP 67\\n", "\\n\\nMP 67\\n\\nEFFECTIVE DATE\\n\\n02/30/2026\\n")
        text = text.replace("Oversees performance management system;", "My careful new wording;")
    """))
    before = Path("specs/5258MP.json").read_bytes()
    run = cli("edit", "5258MP")
    assert run.code == 1 and Path("specs/5258MP.json").read_bytes() == before
    kept = Path(run.err.strip().splitlines()[-1].split("specdiff edit 5258MP --from ")[1])
    assert "My careful new wording;" in kept.read_text(encoding="utf-8")
    assert "not a real date" in run.err and f"your edit is kept in {kept}" in run.err
    monkeypatch.setenv("EDITOR", write_editor(tmp_path, """
        text = text.replace("02/30/2026", "01/01/2026")
    """))
    resumed = cli("edit", "5258MP", "--from", str(kept), "--yes")  # a section added: asked for, or --yes
    assert resumed.code == 0, resumed.err
    assert "warning: " in resumed.out and "'EFFECTIVE DATE' appears again" in resumed.out  # said, and kept
    assert "My careful new wording;" in json.loads(Path("specs/5258MP.json").read_text(encoding="utf-8"))["duties"][
        "items"]
    assert not kept.exists()


def test_edit_without_an_editor(cli, history: dict[str, str], monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.delenv("VISUAL", raising=False)
    run = cli("edit", "5258MP")
    assert run.code == 2 and "set $VISUAL or $EDITOR" in run.err

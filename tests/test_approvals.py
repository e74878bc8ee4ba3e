"""Approvals (issue 14, point 5): `specdiff approve` signs the current record for a role; with
`approvals_required` in the policy, check fails "awaiting approval: ROLE" until every role has signed the
record a branch adds; the summary shows the checklist and the ledger the approvals."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from markdown_it import MarkdownIt

from conftest import SEEDS
from gitrepo import SpecRepo

ROLES = 'approvals_required = ["HR Director", "Budget Office"]\n'


@pytest.fixture
def repo(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    return make_repo("5258MP", "0029MP", "5257MP")  # type: ignore[no-any-return]


@pytest.fixture
def revised(make_repo) -> SpecRepo:  # type: ignore[no-untyped-def]
    """main requires two roles (the policy committed there); the branch revises 5258MP with its record."""
    repo: SpecRepo = make_repo("5258MP", "0029MP")
    (repo.root / "specdiff.toml").write_text(ROLES, encoding="utf-8")
    repo.commit("require approvals")
    repo.git("checkout", "-q", "-b", "revise")
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    return repo


def draft(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("draft", "5258MP", "--effective", "07/05/2024", "--final", "24-001", "--write").code == 0


def one_error(run, *needles: str) -> str:  # type: ignore[no-untyped-def]
    assert run.code == 2, (run.code, run.out, run.err)
    assert run.out == "" and "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert line.startswith("specdiff: error: ")
    for needle in needles:
        assert needle in line, (needle, line)
    return str(line)


def test_approve_signs_the_current_record_and_says_so(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane  Smith", "--date", "07/01/2024")
    assert run.code == 0, run.err
    assert run.out == ("wrote specs/5258MP.json: HR Director approved by Jane Smith on 07/01/2024 (the record "
                       "effective 04/22/2022)\n")
    records = repo.spec("5258MP")["records"]
    assert records[-1]["approvals"] == [{"role": "HR Director", "by": "Jane Smith", "date": "2024-07-01"}]
    assert "approvals" not in records[0]  # only the current record
    assert cli("fmt", "--check").code == 0 and cli("validate").code == 0  # canonical and valid
    assert cli("approve", "5258MP", "--role", "Budget Office", "--by", "Raj Patel").code == 0
    assert repo.spec("5258MP")["records"][-1]["approvals"][-1]["date"] == dt.date.today().isoformat()


def test_approve_takes_the_policy_spelling_of_a_role(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (repo.root / "specdiff.toml").write_text(ROLES, encoding="utf-8")
    run = cli("approve", "5258MP", "--role", "hr  director", "--by", "Jane Smith", "--date", "07/01/2024")
    assert run.code == 0 and "HR Director approved by Jane Smith" in run.out
    assert run.err == "still awaiting: Budget Office\n"
    assert repo.spec("5258MP")["records"][-1]["approvals"][0]["role"] == "HR Director"
    run = cli("approve", "5258MP", "--role", "Budget Office", "--by", "Raj Patel", "--date", "07/02/2024")
    assert run.err == "every role of approvals_required has signed this record\n"


@pytest.mark.parametrize("args, needles", [
    (["5258PM", "--role", "HR", "--by", "Ann"], ["no spec specs/5258PM.json", "did you mean '5258MP'?"]),
    (["5257MP", "--role", "HR", "--by", "Ann"],
     ["specs/5257MP.json: 5257MP has no effective-date record to approve", "draft one first: specdiff draft 5257MP"]),
    (["5258MP", "--role", "  ", "--by", "Ann"], ["--role is empty"]),
    (["5258MP", "--role", "HR", "--by", ""], ["--by is empty"]),
    (["5258MP", "--role", "HR", "--by", "Ann", "--date", "02/30/2024"], ["--date '02/30/2024' is not a date"]),
    (["5258MP", "--role", "HR", "--by", "A" * 201],
     ["specs/5258MP.json", "/records/1/approvals/0/by", "nothing was written"]),
], ids=["no such class", "no record", "empty role", "empty name", "bad date", "name too long"])
def test_approve_refuses_bad_input_and_writes_nothing(cli, repo: SpecRepo, args: list[str],  # type: ignore[no-untyped-def]
                                                      needles: list[str]) -> None:
    before = {p.name: p.read_bytes() for p in (repo.root / "specs").iterdir()}
    one_error(cli("approve", *args), *needles)
    assert {p.name: p.read_bytes() for p in (repo.root / "specs").iterdir()} == before


def test_a_role_signs_a_record_once(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    before = (repo.root / "specs" / "5258MP.json").read_bytes()
    one_error(cli("approve", "5258MP", "--role", "hr director", "--by", "Eve"),
              "specs/5258MP.json: 'HR Director' already signed the current record of 5258MP (effective 04/22/2022): "
              "Jane Smith on 07/01/2024; nothing was written")
    assert (repo.root / "specs" / "5258MP.json").read_bytes() == before


def test_a_role_the_policy_does_not_require_is_refused(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    (repo.root / "specdiff.toml").write_text(ROLES, encoding="utf-8")
    before = (repo.root / "specs" / "5258MP.json").read_bytes()
    one_error(cli("approve", "5258MP", "--role", "HR Directr", "--by", "Ann"),
              "--role 'HR Directr' is not a role the policy requires (approvals_required: HR Director, Budget "
              "Office); did you mean 'HR Director'?")
    assert (repo.root / "specs" / "5258MP.json").read_bytes() == before


@pytest.mark.parametrize("setting, message", [
    ('approvals_required = "HR Director"', "approvals_required must be a list of role names, not str"),
    ('approvals_required = ["HR Director", ""]', "approvals_required[1] '' is not a role name"),
    ('approvals_required = [3]', "approvals_required[0] 3 is not a role name"),
    ('approvals_required = ["HR", "hr"]', "approvals_required names 'hr' twice"),
    ('accept_baselines = "no"', "accept_baselines must be a bool, not str"),
])
def test_the_policy_keys_are_checked(cli, repo: SpecRepo, setting: str, message: str) -> None:  # type: ignore[no-untyped-def]
    (repo.root / "specdiff.toml").write_text(setting + "\n", encoding="utf-8")
    one_error(cli("check"), "specdiff.toml", message)


def test_check_awaits_every_required_role_then_passes(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    draft(cli)
    run = cli("check")
    assert run.code == 1
    assert run.out.splitlines() == [
        "specs/5258MP.json: 5258MP: awaiting approval: HR Director",
        "  fix: specdiff approve 5258MP --role 'HR Director' --by NAME",
        "specs/5258MP.json: 5258MP: awaiting approval: Budget Office",
        "  fix: specdiff approve 5258MP --role 'Budget Office' --by NAME"]
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    run = cli("check")
    assert run.code == 1 and "awaiting approval: HR Director" not in run.out
    assert "awaiting approval: Budget Office" in run.out
    assert cli("approve", "5258MP", "--role", "Budget Office", "--by", "Raj Patel", "--date", "07/02/2024").code == 0
    assert cli("check").code == 0
    revised.commit("revise 5258MP, approved")
    assert cli("check").code == 0


def test_the_commit_hook_lets_pending_approvals_pass_but_not_a_missing_record(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    run = cli("check", "--allow-pending-approvals")
    assert run.code == 1 and "no new effective-date record" in run.out  # the flag excuses signatures only
    draft(cli)
    run = cli("check", "--allow-pending-approvals")
    assert run.code == 0, run.out + run.err
    assert run.out.splitlines() == [
        "specs/5258MP.json: 5258MP: pending: awaiting approval: HR Director (allowed by --allow-pending-approvals; "
        "CI requires it)",
        "specs/5258MP.json: 5258MP: pending: awaiting approval: Budget Office (allowed by --allow-pending-approvals; "
        "CI requires it)"]
    assert "2 approval(s) pending" in run.err
    assert cli("check").code == 1


def test_approvals_are_asked_only_of_a_record_the_branch_adds(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = revised.spec("5258MP")
    spec["salary"]["group"] = "MP 65"  # no change: the branch adds no record, nothing awaits approval
    revised.write(spec)
    assert cli("check").code == 0
    # signing the record in force at the base does not make it a new one (nor a stale one)
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    assert cli("check").code == 0
    spec = revised.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    revised.write(spec)
    run = cli("check")
    assert run.code == 1 and run.out.splitlines()[0] == (
        "specs/5258MP.json: 5258MP: no new effective-date record for its substantive changes")
    assert "awaiting" not in run.out and "clause" not in run.out
    draft(cli)  # the signed record of the base is kept; the new one follows it
    records = revised.spec("5258MP")["records"]
    assert [r["effective"] for r in records] == ["2019-10-25", "2022-04-22", "2024-07-05"]
    assert records[1]["approvals"][0]["by"] == "Jane Smith" and "approvals" not in records[2]
    assert "awaiting approval: HR Director" in cli("check").out  # the new record needs its own


def test_a_retirement_and_a_new_class_await_approval_but_a_baseline_does_not(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    spec = revised.spec("5258MP")
    spec["salary"]["group"] = "MP 65"
    revised.write(spec)
    assert cli("retire", "0029MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    assert cli("new", "7001MP", "--title", "Labor Relations Deputy Chief").code == 0
    assert cli("draft", "7001MP", "--effective", "07/05/2024", "--final", "24-002", "--write").code == 0
    assert cli("import", str(SEEDS / "003_5257MP_posting.txt")).code == 0
    out = cli("check").out
    assert "0029MP: awaiting approval: HR Director" in out and "7001MP: awaiting approval: Budget Office" in out
    assert "5257MP: baselined" in out and "5257MP: awaiting" not in out


def test_the_summary_shows_the_checklist(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    draft(cli)
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    assert cli("approve", "5258MP", "--role", "Legal", "--by", "Lee", "--date", "07/03/2024").code == 2
    revised.commit("revise 5258MP")
    run = cli("summary", "main", "-f", "json")
    assert run.code == 1
    data = run.json()
    [cls] = [c for c in data["classes"] if c["class_code"] == "5258MP"]
    assert cls["approvals"] == [
        {"role": "HR Director", "required": True, "status": "signed", "by": "Jane Smith", "date": "2024-07-01"},
        {"role": "Budget Office", "required": True, "status": "awaiting", "by": None, "date": None}]
    assert cls["awaiting"] == ["Budget Office"] and cls["record_status"] == "ok" and data["problem_count"] == 1
    markdown = cli("summary", "main").out
    assert "- \u2705 HR Director: signed by Jane Smith on 07/01/2024" in markdown
    assert "- \u23f3 Budget Office: awaiting" in markdown
    assert ("- \u274c 5258MP Agency Labor Relations Manager: awaiting approval: Budget Office \u2014 fix: "
            "`specdiff approve 5258MP --role 'Budget Office' --by NAME`") in markdown
    assert "\u2705 ok \u00b7 \u23f3 1 approval(s) awaited" in markdown
    html = cli("summary", "main", "-f", "html").out
    assert '<td class="approval-signed">Jane Smith</td><td>07/01/2024</td>' in html
    assert '<td>Budget Office</td><td class="approval-awaiting">awaiting</td>' in html
    revised.git("checkout", "-q", "main")
    revised.git("checkout", "-q", "-b", "signed")
    revised.git("merge", "-q", "revise")
    assert cli("approve", "5258MP", "--role", "Budget Office", "--by", "Raj Patel", "--date", "07/02/2024").code == 0
    revised.commit("budget office signs")
    run = cli("summary", "main", "-f", "json")
    assert run.code == 0 and run.json()["problem_count"] == 0


def test_the_ledger_shows_the_approvals(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024")
    cli("approve", "5258MP", "--role", "Budget Office", "--by", "Raj Patel", "--date", "07/02/2024")
    text = "HR Director: Jane Smith 07/01/2024; Budget Office: Raj Patel 07/02/2024"
    table = cli("ledger").out.splitlines()
    assert table[0].split() == ["Class", "Title", "Salary", "Group", "Effective", "REV", "Final", "No.", "Reasons",
                                "Approvals", "Flags"]
    assert any(line.startswith("5258MP") and text in line for line in table)
    rows = cli("ledger", "-f", "json").json()["records"]
    [row] = [r for r in rows if r["class_code"] == "5258MP" and r["effective"] == "2022-04-22"]
    assert row["approvals"] == [{"role": "HR Director", "by": "Jane Smith", "date": "2024-07-01"},
                                {"role": "Budget Office", "by": "Raj Patel", "date": "2024-07-02"}]
    assert text in cli("ledger", "-f", "csv").out and text in cli("ledger", "-f", "markdown").out


def test_the_ledger_flags_every_kind_of_record(cli, repo: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    assert cli("review", "5258MP", "--revised", "01/05/2028", "--final", "28-001", "--write").code == 0
    assert cli("retire", "0029MP", "--effective", "01/01/2030", "--final", "30-001").code == 0
    flags = {(r["class_code"], r["effective"]): r["flags"] for r in cli("ledger", "-f", "json").json()["records"]}
    assert flags[("5258MP", "2019-10-25")] == ["inferred"]
    assert flags[("5258MP", "2028-01-05")] == ["reviewed"]
    assert flags[("0029MP", "2030-01-01")] == ["retired"]
    assert "0029MP" not in {code for code, _ in flags if code == "5257MP"}  # 5257MP: no record, no baseline
    assert not [key for key in flags if key[0] == "5257MP"]


OWN_HTML = re.compile(r"(<!-- specdiff-summary -->|</?(?:del|ins)>|</details>|<details><summary>[^<>]*</summary>)\s*")
HOSTILE_ROLE = "HR `x` **\u2705 Approved** <!-- @org/everyone #1"
HOSTILE_NAME = "Eve\n# \u2705 Approved by HR\n<a href=x>y</a> [x](http://evil.example) `"


def test_hostile_roles_and_names_cannot_forge_the_summary(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    repo: SpecRepo = make_repo("5258MP")
    (repo.root / "specdiff.toml").write_text(f"approvals_required = {json.dumps([HOSTILE_ROLE, 'Legal'])}\n",
                                             encoding="utf-8")
    repo.commit("require approvals")
    repo.git("checkout", "-q", "-b", "revise")
    spec = repo.spec("5258MP")
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    draft(cli)
    assert cli("approve", "5258MP", "--role", HOSTILE_ROLE, "--by", HOSTILE_NAME, "--date", "07/01/2024").code == 0
    repo.commit("revise")
    parser = MarkdownIt("commonmark").enable(["table"])
    for markdown in (cli("summary", "main").out, cli("ledger", "-f", "markdown").out):
        tokens = [t for token in parser.parse(markdown) for t in [token, *(token.children or [])]]
        kinds = {t.type for t in tokens}
        assert not kinds & {"link_open", "image", "fence", "code_block"}, kinds
        assert not [t.content for t in tokens if t.type.startswith("html") and not OWN_HTML.fullmatch(t.content)]
        strong = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "strong_open"]
        assert not [text for text in strong if "Approved" in text], strong
        headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
        assert not [text for text in headings if "Approved" in text], headings
        assert "Approved" in markdown  # shown, as text
        spans = [t.content for t in tokens if t.type == "code_inline"]
        outside = markdown.replace("<!-- specdiff-summary -->", "")
        for span in spans:
            outside = outside.replace(span, "")
        assert "<!--" not in outside and "@org" not in outside.replace("@\u200dorg", "")


def test_a_signature_commit_reads_as_approvals_not_as_a_new_record(cli, revised: SpecRepo) -> None:  # type: ignore[no-untyped-def]
    """`diff` words an approval; `log` does not credit the signing commit with the record."""
    draft(cli)
    revised.commit("revise 5258MP")
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    revised.commit("approve 5258MP")
    run = cli("diff", "HEAD~1", "HEAD")
    assert "    + [record] HR Director: signed by Jane Smith on 2024-07-01" in run.out.splitlines(), run.out
    entries = cli("log", "5258MP", "--format", "json").json()["commits"]
    assert [bool(entry.get("record")) for entry in entries[:2]] == [False, True]  # newest first

"""`ledger` and `due` in one pass (issue 17): the output of every format equals the old quadratic algorithm's,
kept here as the reference, on a generated catalog of a few hundred specs with varied records."""
from __future__ import annotations

import copy
import datetime as dt
import random
from typing import Any

from gitrepo import SpecRepo

from specdiff.control.approvals import approvals_of
from specdiff.control.register import FLAGS, DueRow, LedgerRow, due, ledger
from specdiff.importer.records import parse_clause
from specdiff.render.register import LEDGER_HEADINGS, LedgerView, _cells, _table
from specdiff.render.tables import DUE, LEDGER, rendered
from specdiff.spec import current_record, is_retired, salary_group
from specdiff.spec import records as spec_records

CLASSES = 300
FINALS = ["22-007", "22-008", "23-001", "23-002", "24-010", "838", "1207", None, None]
GROUPS = ["MP 61", "MP 65", "MP 67", "MP 70"]
ROLES = ["HR Director", "Labor Relations"]


# --- the reference: the algorithm before issue 17, copied unchanged ------------------------------------------

def _old_in_force_under(spec: dict[str, Any], index: int) -> tuple[str, str]:
    records = spec_records(spec)
    title, group = records[index].get("title"), records[index].get("salary_group")
    if index + 1 < len(records):
        said = parse_clause(str(records[index + 1].get("cancellation_clause") or ""))
        title, group = title or said.get("title"), group or said.get("salary_group")
    else:
        title, group = title or spec.get("title"), group or salary_group(spec)
    return str(title or ""), str(group or "")


def _old_from_baseline(spec: dict[str, Any], record: dict[str, Any]) -> bool:
    baseline = spec.get("baseline")
    through = baseline.get("through") if isinstance(baseline, dict) else None
    return through is not None and str(record["effective"]) <= str(through)


def _old_row(spec: dict[str, Any], index: int) -> LedgerRow:
    record = spec_records(spec)[index]
    title, group = _old_in_force_under(spec, index)
    return LedgerRow(str(spec["class_code"]), title, group, record["effective"], record.get("revised", ""),
                     record.get("final_no", ""), "; ".join(record.get("reasons", [])), bool(record.get("reviewed")),
                     bool(record.get("inferred")), bool(record.get("retired")),
                     str(record.get("cancellation_clause", "")), _old_from_baseline(spec, record),
                     approvals_of(record))


def _old_rows(spec: dict[str, Any]) -> list[LedgerRow]:
    records = spec_records(spec)
    if not records and isinstance(spec.get("baseline"), dict):
        return [LedgerRow(str(spec["class_code"]), str(spec.get("title", "")), salary_group(spec) or "",
                          str(spec.get("established", "")), "", "", "", False, False, False, "", baselined=True)]
    return [_old_row(spec, index) for index in range(len(records))]


def old_ledger(specs: list[dict[str, Any]], since: str | None = None) -> list[LedgerRow]:
    rows = [row for spec in specs for row in _old_rows(spec) if since is None or row.effective >= since]
    return sorted(rows, key=lambda row: (row.effective, row.class_code))


def old_due(specs: list[dict[str, Any]], years: int, as_of: dt.date) -> list[DueRow]:
    rows = []
    for spec in specs:
        if is_retired(spec):
            continue
        current = current_record(spec)
        if current is not None:
            last, kind = current["effective"], "review" if current.get("reviewed") else "revision"
        elif "established" in spec:
            last, kind = spec["established"], "established"
        else:
            last, kind = None, "none"
        when = dt.date.fromisoformat(last) if last else None
        if when is not None:
            try:
                when = when.replace(year=when.year + years)
            except ValueError:
                when = when.replace(year=when.year + years, day=28)
        if when is None or when <= as_of:
            rows.append(DueRow(str(spec["class_code"]), str(spec.get("title", "")), last, kind,
                               when.isoformat() if when else None))
    return sorted(rows, key=lambda row: (row.last or "", row.class_code))


def old_table(view: LedgerView) -> str:
    """The table renderer before issue 17 (each Final No. group found by a scan of every row)."""
    rows, header = view.ordered(), list(LEDGER_HEADINGS.values())
    if not view.by_final:
        return _table(header, [_cells(r) for r in rows])
    blocks = []
    for number in dict.fromkeys(r.final_no for r in rows):
        group = [_cells(r) for r in rows if r.final_no == number]
        blocks.append(f"Final No. {number or '(none)'}: {len(group)} record(s)\n" + _table(header, group))
    return "\n".join(blocks)


def reference(fmt: str, rows: list[LedgerRow], by_final: bool) -> str:
    view = LedgerView(tuple(rows), by_final)
    return old_table(view) if fmt == "table" else rendered(LEDGER, fmt, view)


# --- the catalog ------------------------------------------------------------------------------------------------

def _clause(title: str, group: str, day: str, final: str | None) -> str:
    when = dt.date.fromisoformat(day).strftime("%B %d, %Y").replace(" 0", " ")
    return (f"This replaces the existing specification for the class of {title} in Salary Group {group} "
            f"approved effective {when}. (Revised to modify content)" + (f" Final No. {final}" if final else ""))


def _record(rng: random.Random, day: dt.date, previous: dict[str, Any] | None, last: bool) -> dict[str, Any]:
    """One record: shared Final Nos. and dates (ties between classes), titles given or only in the next clause."""
    record: dict[str, Any] = {"effective": day.isoformat()}
    final = rng.choice(FINALS)
    if final:
        record["final_no"] = final
    if rng.random() < 0.5:
        record["revised"] = (day - dt.timedelta(days=rng.randint(0, 9))).isoformat()
    if previous is not None and rng.random() < 0.7:
        record["cancellation_clause"] = _clause(f"Old Title {rng.randint(1, 40)}", rng.choice(GROUPS),
                                                previous["effective"], final)
    if rng.random() < 0.3:
        record["title"] = f"Given Title {rng.randint(1, 40)}"
    if rng.random() < 0.3:
        record["salary_group"] = rng.choice(GROUPS)
    record.update({key: True for key, odds in (("reviewed", 0.2), ("inferred", 0.15)) if rng.random() < odds})
    if rng.random() < 0.5:
        record["reasons"] = rng.sample(["modify content", "add Acknowledgement section", "retitle"], rng.randint(1, 2))
    if rng.random() < 0.3:
        record["approvals"] = [{"role": role, "by": f"Signer {rng.randint(1, 9)}", "date": day.isoformat()}
                               for role in rng.sample(ROLES, rng.randint(1, 2))]
    if last and rng.random() < 0.1:
        record["retired"] = True
    return record


def _spec(template: dict[str, Any], rng: random.Random, number: int) -> dict[str, Any]:
    spec = copy.deepcopy(template)
    spec.update(class_code=f"{number:04d}MP", title=f"Analyst {number % 37}")
    spec["salary"]["group"] = rng.choice(GROUPS)
    if rng.random() < 0.2:
        spec.pop("established", None)
    else:
        spec["established"] = f"{rng.randint(1990, 2005)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    day = dt.date(2000, 1, 1) + dt.timedelta(days=30 * rng.randint(0, 120))
    records: list[dict[str, Any]] = []
    count = rng.choice([0, 1, 1, 2, 3, 4, 6])
    for index in range(count):
        day += dt.timedelta(days=30 * rng.randint(1, 24))
        records.append(_record(rng, day, records[-1] if records else None, index == count - 1))
    spec["records"] = records
    if rng.random() < 0.35:
        through = rng.choice(records)["effective"] if records and rng.random() < 0.7 else None
        spec["baseline"] = {"through": through} if through else {}
    return spec


def catalog(repo: SpecRepo) -> list[dict[str, Any]]:
    """A few hundred specs written and committed to the repository, deterministically."""
    repo.add_seed_spec("5258MP")
    template, rng = repo.spec("5258MP"), random.Random(17)
    (repo.root / "specs" / "5258MP.json").unlink()
    specs = [_spec(template, rng, number) for number in range(1, CLASSES + 1)]
    for spec in specs:
        repo.write(spec)
    repo.commit("A generated catalog")
    return specs


# --- the tests --------------------------------------------------------------------------------------------------

def test_the_catalog_exercises_every_kind_of_row(make_repo) -> None:  # type: ignore[no-untyped-def]
    rows = old_ledger(catalog(make_repo()))
    assert {flag for row in rows for flag in row.flags} == set(FLAGS)
    assert len({row.final_no for row in rows}) >= 7 and sum(row.final_no == "" for row in rows) > 20
    assert any(row.approvals for row in rows) and any(row.effective == "" for row in rows)
    assert any(row.title.startswith("Old Title") for row in rows)  # the title in force, from the next clause
    assert len({row.effective for row in rows}) < len(rows)  # ties between classes: the class code orders them


def test_the_rows_equal_the_old_algorithm(make_repo) -> None:  # type: ignore[no-untyped-def]
    specs = catalog(make_repo())
    for since in (None, "2005-01-01", "2012-06-15", "2100-01-01"):
        assert ledger(specs, since) == old_ledger(specs, since), since
    for years in (1, 5, 10):
        for as_of in (dt.date(2010, 1, 1), dt.date(2030, 2, 28)):
            assert due(specs, years, as_of) == old_due(specs, years, as_of), (years, as_of)


def test_every_ledger_format_is_byte_identical_to_the_old_output(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    specs = catalog(make_repo())
    for since, day in ((None, None), ("01/01/2008", "2008-01-01")):
        for by_final in (False, True):
            for fmt in ("table", "csv", "json", "markdown"):
                grouped, after = ["--by-final"] if by_final else [], ["--since", since] if since else []
                args = ["ledger", "-f", fmt, *grouped, *after]
                run = cli(*args)
                assert run.code == 0, run.err
                assert run.out == reference(fmt, old_ledger(specs, day), by_final), args


def test_every_due_format_is_byte_identical_to_the_old_output(cli, make_repo) -> None:  # type: ignore[no-untyped-def]
    specs = catalog(make_repo())
    for fmt in ("text", "json"):
        for years in ("3", "5"):
            run = cli("due", "--as-of", "06/30/2020", "--years", years, "-f", fmt)
            assert run.code == 0, run.err
            assert run.out == rendered(DUE, fmt, tuple(old_due(specs, int(years), dt.date(2020, 6, 30)))), (fmt, years)
            assert run.out.count("\n") > 20

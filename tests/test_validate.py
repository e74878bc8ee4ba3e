"""`specdiff validate`: every rule has a failing example, reported as FILE:LINE:COL: /pointer: message.

Specs are real (specs/5258MP.json and friends) with one thing broken. Expected line and column
are found by searching the written file's text, independently of specdiff's position scanner.
"""
from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from specdiff import validator
from specdiff.store import dump_spec
from specdiff.validation import validate_files

SPECS = REPO / "specs"


def real(code: str = "5258MP") -> dict[str, Any]:
    return json.loads((SPECS / f"{code}.json").read_text(encoding="utf-8"))


def write(folder: Path, spec: dict[str, Any], name: str | None = None) -> Path:
    path = folder / (name or f"{spec['class_code']}.json")
    path.write_text(dump_spec(spec), encoding="utf-8")
    return path


def place(path: Path, needle: str, nth: int = 1, *, after: bool = True) -> str:
    """'path:line:col' of the value after `needle` (or of the needle itself) in the file's text."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    if after:
        at += len(needle)
        while text[at] in ' :\n':
            at += 1
    line = text.count("\n", 0, at) + 1
    return f"{path}:{line}:{at - (text.rfind(chr(10), 0, at) + 1) + 1}"


def at(path: Path, key: str, nth: int = 1) -> str:
    """'path:line:col' of the value of the nth `"key":` in the file."""
    return place(path, f'"{key}"', nth)


def lines(cli, *args: str) -> tuple[int, list[str], str]:  # type: ignore[no-untyped-def]
    """Exit code, problem lines (without title-reference warnings: their rule has its own tests), stderr."""
    run = cli("validate", *args)
    return run.code, [line for line in run.out.splitlines() if ": warning: refers to '" not in line], run.err


def test_real_specs_are_valid_with_cent_rounding(cli, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(REPO)
    code, out, err = lines(cli)
    assert code == 0
    assert all(": warning: " in line for line in out)
    assert "0 error(s)" in err


def test_schema_error_has_line_column_and_pointer(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["duties"]["items"][3] = 42
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{place(path, '42,', after=False)}: /duties/items/3: 42 is not of type 'string'"]


def test_unknown_field_and_missing_field_say_what_to_do(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["titel"] = "typo"
    del spec["title"]
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert f"{path}:1:1: /: 'title' is a required property; add it" in out
    assert any("('titel' was unexpected); remove it or check its spelling" in line for line in out)


def test_impossible_date(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["records"][1]["effective"] = "2023-02-30"
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{at(path, 'effective', 2)}: /records/1/effective: '2023-02-30' is not a real date; "
                   "write an existing date as YYYY-MM-DD"]


def test_file_name_must_match_class_code(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path, real(), name="5258.json")
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{at(path, 'class_code')}: /class_code: class code '5258MP' does not match the file "
                   "name '5258.json'; rename the file to 5258MP.json or fix class_code"]


def test_class_codes_are_unique_across_files(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write(tmp_path / "a", real())
    second = write(tmp_path / "b", real())
    code, out, _ = lines(cli, str(first), str(second))
    assert code == 1
    assert out == [f"{at(second, 'class_code')}: /class_code: class code '5258MP' is also used by {first}; "
                   "each class has one spec"]


def test_pay_minimum_above_maximum(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["salary"]["yearly"] = {"min": 136544.0, "max": 100149.0}
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert f"{at(path, 'yearly')}: /salary/yearly: yearly minimum 136,544.00 is above the maximum " \
           "100,149.00; swap them or correct one" in out


@pytest.mark.parametrize("changed, end, value, period, message", [
    ("hourly", "min", 49.0, "biweekly", "biweekly min 3,837.13 does not match hourly min 49.00 x 80 = 3,920.00"),
    ("yearly", "max", 140000.0, "yearly",
     "yearly max 140,000.00 does not match biweekly max 5,231.58 x 26.1 = 136,544.24"),
])
def test_pay_ranges_must_agree(cli, tmp_path: Path, changed: str, end: str, value: float,  # type: ignore[no-untyped-def]
                               period: str, message: str) -> None:
    spec = real()
    spec["salary"][changed][end] = value
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    nth = {"hourly": 1, "biweekly": 2, "yearly": 3}[period]
    assert out == [f"{at(path, end, nth)}: /salary/{period}/{end}: {message}; correct one of them"]


def test_effective_before_established(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["established"] = "2020-01-01"
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{at(path, 'effective', 1)}: /records/0/effective: effective 2019-10-25 is before the "
                   "class was established (2020-01-01); correct the date or `established`"]


def test_records_oldest_first(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["records"].reverse()
    spec["established"] = "2019-01-01"
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{at(path, 'effective', 2)}: /records/1/effective: records must run oldest first, but "
                   "2019-10-25 comes after 2022-04-22; move this record up"]


def test_final_number_shape(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    spec["records"][1]["final_no"] = "2022-7"
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert len(out) == 1 and out[0].startswith(f"{at(path, 'final_no')}: /records/1/final_no: '2022-7' does "
                                                "not match")


@pytest.mark.parametrize("number, warning", [
    ("838", "Final No. '838' is an old-style number; new records use YY-NNN such as 22-007"),
    ("21-007", "Final No. 21-007 is from 2021 but the revision was approved in 2022; check the number"),
])
def test_final_number_warnings_fail_only_when_strict(cli, tmp_path: Path, number: str,  # type: ignore[no-untyped-def]
                                                     warning: str) -> None:
    spec = real()
    spec["records"][1]["final_no"] = number
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 0
    assert out == [f"{at(path, 'final_no')}: /records/1/final_no: warning: {warning}"]
    assert lines(cli, "--strict", str(path))[0] == 1


def test_missing_salary_group_is_a_warning(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    spec = real()
    del spec["salary"]["group"]
    path = write(tmp_path, spec)
    code, out, _ = lines(cli, str(path))
    assert code == 0
    assert out == [f"{at(path, 'salary')}: /salary: warning: no salary group (such as MP 65); add salary.group"]
    assert lines(cli, "--strict", str(path))[0] == 1


@pytest.mark.parametrize("field, label, good", [
    ("bargaining_unit", "bargaining unit", "MANAGERIAL"),
    ("eeo", "EEO category", "Officials and Administrators"),
    ("occupational_group", "occupational group", "Personnel"),
])
def test_code_name_pairs_agree_across_specs(cli, tmp_path: Path, field: str, label: str,  # type: ignore[no-untyped-def]
                                            good: str) -> None:
    first = write(tmp_path, real())
    other = real("5681MP")
    other[field] = {**real()[field], "name": "Something Else"}
    second = write(tmp_path, other)
    code, out, _ = lines(cli, str(first), str(second))
    assert code == 1
    code_value = real()[field]["code"]
    assert out == [f"{at(second, 'name', CODED.index(field) + 1)}: /{field}/name: "
                   f"{label} ({code_value}) is named 'Something Else' here but {good!r} in {first}; use one name "
                   "for one code"]


CODED = ("occupational_group", "bargaining_unit", "eeo")


def test_duplicate_keys_are_rejected(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "5258MP.json"
    path.write_text('{\n  "class_code": "5258MP",\n  "title": "A",\n  "title": "B"\n}\n', encoding="utf-8")
    code, out, _ = lines(cli, str(path))
    assert code == 1
    assert out == [f"{path}: duplicate key 'title'; keep one of them"]


@pytest.mark.parametrize("content, message", [
    (b'{"class_code": ', ":1:16: invalid JSON: Expecting value"),
    (b"", ":1:1: invalid JSON: Expecting value"),
    (b"[1, 2]", ":1:1: /: a spec is a JSON object, not list; wrap the fields in { }"),
    (b'{"class_code": "X1",\n "title": "caf\xe9"}', ":2:1: not UTF-8 text (byte 35); save the file as UTF-8"),
])
def test_bad_files_are_one_line_each(cli, tmp_path: Path, content: bytes, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "X1.json"
    path.write_bytes(content)
    code, out, err = lines(cli, str(path))
    assert code == 1
    assert out == [f"{path}{message}"]
    assert "Traceback" not in err


def test_every_file_is_checked_before_exiting(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    broken = real()
    broken["title"] = ""
    write(tmp_path, broken)
    (tmp_path / "A1.json").write_text("{", encoding="utf-8")
    (tmp_path / "B2.json").mkdir()
    shutil.copy(SPECS / "0029MP.json", tmp_path)
    code, out, err = lines(cli, str(tmp_path), str(tmp_path / "missing.json"))
    assert code == 2  # a path that does not exist is a usage error, reported after the others
    assert [line.split(": ")[0].split(":")[0] for line in out] == [
        str(tmp_path / "5258MP.json"), str(tmp_path / "A1.json"), str(tmp_path / "B2.json")]
    assert "must not be empty" in out[0] and "is a directory" in out[2]
    assert f"specdiff: error: {tmp_path / 'missing.json'}: no such file or directory" in err


def test_the_validator_is_built_once_per_run(tmp_path: Path) -> None:
    for code in ("5258MP", "0029MP", "5681MP"):
        shutil.copy(SPECS / f"{code}.json", tmp_path)
    for number, title in ((1, ""), (2, 5)):  # two invalid specs: jsonschema words their problems
        write(tmp_path, {**real(), "class_code": f"X{number}", "title": title})
    validator._fast_check.cache_clear()
    validator._validator.cache_clear()
    report = validate_files(sorted(tmp_path.glob("*.json")))
    assert len(report.errors) == 2
    fast, full = validator._fast_check.cache_info(), validator._validator.cache_info()
    assert (fast.misses, fast.hits) == (1, 4)  # the compiled check: built once, used for all 5 files
    assert (full.misses, full.hits) == (1, 1)  # jsonschema: built once, only for the 2 invalid ones


def test_output_is_deterministic(tmp_path: Path) -> None:
    spec = copy.deepcopy(real())
    spec["salary"]["yearly"]["min"] = 1.0
    spec["title"] = ""
    write(tmp_path, spec)
    runs = {tuple(p.render() for p in validate_files([tmp_path / "5258MP.json"]).problems) for _ in range(3)}
    assert len(runs) == 1 and len(next(iter(runs))) == 1  # shape errors first: rules wait for a valid shape

"""Bad spec files: each gives one line naming the file and place, the documented exit code, no
traceback, and changes no file (validate, fmt and render are all tried)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from collections.abc import Callable

import pytest

from conftest import REPO
from helpers import one_line_error, one_problem_line, snapshot

pytestmark = pytest.mark.category("json")
SPEC = json.loads((REPO / "specs" / "5258MP.json").read_text(encoding="utf-8"))


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()  # a repository root, for the symlink rule
    (tmp_path / "specs").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def changed(spec_change: Callable[[dict[str, Any]], None]) -> bytes:
    spec = json.loads(json.dumps(SPEC))
    spec_change(spec)
    return (json.dumps(spec, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "1:1: invalid JSON"),
    ("invalid JSON", b'{"class_code": "5258MP",,}', "1:25: invalid JSON"),
    ("duplicate keys", b'{"class_code": "5258MP", "class_code": "X"}', "duplicate key 'class_code'"),
    ("not UTF-8", b'{"title": "\xff"}', "not UTF-8 text"),
    ("a JSON array", b"[1, 2, 3]", "a spec is a JSON object, not list"),
    ("a JSON number", b"42", "a spec is a JSON object, not int"),
    ("nesting 10,000 deep", b"[" * 10000 + b"]" * 10000, "nested too deeply"),
    ("unknown field", changed(lambda s: s.update(grade="12")), "'grade' was unexpected"),
    ("invalid date", changed(lambda s: s["records"][1].update(effective="2023-02-30")), "not a real date"),
    ("salary min > max", changed(lambda s: s["salary"]["hourly"].update(min=99.0)), "above the maximum"),
]
WRONG_TYPES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("text", lambda s: s.update(title=["x"]), "/title"),
    ("paragraphs", lambda s: s.update(purpose="one string"), "/purpose"),
    ("list", lambda s: s.update(duties=["a", "b"]), "/duties"),
    ("list item", lambda s: s["duties"]["items"].append({"txt": "x"}), "/duties/items/21"),
    ("list style", lambda s: s["duties"].update(style="stars"), "/duties/style"),
    ("code and name", lambda s: s.update(bargaining_unit="(02)-MANAGERIAL"), "/bargaining_unit"),
    ("pay range", lambda s: s["salary"].update(hourly={"min": "47.97", "max": 65.4}), "/salary/hourly/min"),
    ("date", lambda s: s.update(established=20191025), "/established"),
    ("record", lambda s: s["records"].append("2024-01-01"), "/records/2"),
    ("boolean", lambda s: s["records"][0].update(inferred="yes"), "/records/0/inferred"),
    ("other section", lambda s: s.update(other_sections=[{"heading": 5}]), "/other_sections/0/heading"),
]


@pytest.mark.parametrize("name, content, needle", BAD_FILES, ids=[c[0] for c in BAD_FILES])
def test_bad_file(cli, folder: Path, name: str, content: bytes, needle: str) -> None:  # type: ignore[no-untyped-def]
    path = folder / "specs" / "5258MP.json"
    path.write_bytes(content)
    before = snapshot(folder)
    run = cli("validate")
    assert run.code == 1 and "Traceback" not in run.out + run.err
    assert all(line.startswith("specs/5258MP.json:") for line in run.out.splitlines()), run.out
    assert any(needle in line for line in run.out.splitlines()), run.out
    cli("fmt")
    assert "Traceback" not in cli("render", "specs/5258MP.json").err
    assert snapshot(folder) == before  # fmt never rewrites a file it cannot read or that is not a spec


@pytest.mark.parametrize("kind, change, pointer", WRONG_TYPES, ids=[c[0] for c in WRONG_TYPES])
def test_wrong_type_in_every_field_kind(cli, folder: Path, kind: str, change, pointer: str) -> None:  # type: ignore[no-untyped-def]
    (folder / "specs" / "5258MP.json").write_bytes(changed(change))
    run = cli("validate")
    assert run.code == 1 and "Traceback" not in run.err
    assert any(f": {pointer}: " in line for line in run.out.splitlines()), run.out
    render = cli("render", "specs/5258MP.json")
    one_line_error(render, 2, "specs/5258MP.json")


def test_utf8_bom_is_read_and_fmt_removes_it(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    path = folder / "specs" / "5258MP.json"
    path.write_bytes(b"\xef\xbb\xbf" + (REPO / "specs" / "5258MP.json").read_bytes())
    assert cli("validate").code == 0
    assert cli("fmt", "--check").code == 1
    assert cli("fmt").code == 0 and path.read_bytes() == (REPO / "specs" / "5258MP.json").read_bytes()


def test_a_50_megabyte_file_is_refused_with_the_limit(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    path = folder / "specs" / "5258MP.json"
    with path.open("wb") as handle:
        handle.write(b'{"class_code": "5258MP", "title": "')
        handle.write(b"x" * 50_000_000)
        handle.write(b'"}')
    line = one_problem_line(cli("validate"), 1, "50 MB is over the 5 MB limit", "max_file_bytes")
    assert line.startswith("specs/5258MP.json: ")


def test_class_code_and_file_name_disagree(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    (folder / "specs" / "5259MP.json").write_bytes(changed(lambda s: None))
    one_problem_line(cli("validate"), 1, "specs/5259MP.json:3:17: /class_code", "rename the file")


def test_two_specs_with_one_class_code(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    (folder / "specs" / "5258MP.json").write_bytes(changed(lambda s: None))
    (folder / "specs" / "sub").mkdir()
    (folder / "specs" / "sub" / "5258MP.json").write_bytes(changed(lambda s: None))
    one_problem_line(cli("validate", "specs", "specs/sub"), 1, "is also used by specs/5258MP.json")


def test_a_symlink_out_of_the_repository_is_refused(cli, folder: Path, tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.json"
    outside.write_bytes(changed(lambda s: None))
    os.symlink(outside, folder / "specs" / "5258MP.json")
    one_problem_line(cli("validate"), 1, "is a symlink to a file outside the repository")
    cli("fmt")
    assert (folder / "specs" / "5258MP.json").is_symlink()  # fmt did not replace the link
    inside = folder / "specs" / "real.json"
    inside.write_bytes(b"{}")
    os.symlink(inside, folder / "specs" / "link.json")
    assert "outside the repository" not in cli("validate", "specs/link.json").out


def test_a_directory_named_like_a_spec(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    (folder / "specs" / "5258MP.json").mkdir()
    one_problem_line(cli("validate", "specs/5258MP.json"), 1, "is a directory, not a file")
    one_line_error(cli("render", "specs/5258MP.json"), 2, "is a directory")


def test_a_missing_file(cli, folder: Path) -> None:  # type: ignore[no-untyped-def]
    one_line_error(cli("validate", "specs/nope.json"), 2, "specs/nope.json: no such file or directory")
    one_line_error(cli("render", "specs/nope.json"), 2, "no such file")

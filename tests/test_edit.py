"""`specdiff edit`: bullets and wrapped lines read as a person means them, and a change of structure written
only after asking (or with --yes). The editor is a real process: a small Python script that rewrites the file."""
from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, SEED_FILES, import_seed
from specdiff.control.authoring import merged, structural
from specdiff.control.edit_text import as_rendered
from specdiff.diff import diff_specs
from specdiff.importer import import_text
from specdiff.render import render

SPEC = Path("specs/5258MP.json")
SECOND = "  \u2022 Proactively analyzes data and plans for emerging agency labor relations needs;\n"
OVERSEES = "  \u2022 Oversees performance management system;\n"


@pytest.fixture
def repo(make_repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:  # type: ignore[no-untyped-def]
    """A repository with 5258MP committed; edits are kept in tmp_path, not the machine's /tmp."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("VISUAL", raising=False)
    return make_repo("5258MP")


def editor(tmp_path: Path, body: str) -> str:
    """A real editor: a Python script that rewrites the file it is given with `body`."""
    script = tmp_path / "editor.py"
    script.write_text("import sys\npath = sys.argv[1]\ntext = open(path, encoding='utf-8').read()\n"
                      + textwrap.dedent(body) + "open(path, 'w', encoding='utf-8').write(text)\n", encoding="utf-8")
    return f"{sys.executable} {script}"


def use_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, body: str) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, body))


def duties() -> list[Any]:
    return list(json.loads(SPEC.read_text(encoding="utf-8"))["duties"]["items"])


def kept_file(err: str) -> Path:
    """The work file the command says it kept."""
    return Path(err.split("your edit is kept in ")[1].split(";")[0])


# -- bullets and wrapped lines, through the command ------------------------------------------------


def test_a_dash_bullet_at_column_0_among_bullets_is_a_sibling(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = duties()
    use_editor(monkeypatch, tmp_path, f"""
        text = text.replace({SECOND!r}, "- Coordinates agency labor relations training;\\n" + {SECOND!r})
    """)
    run = cli("edit", "5258MP")
    assert run.code == 0, run.err
    after = duties()
    assert len(after) == len(before) + 1
    assert after[1] == "Coordinates agency labor relations training;"
    assert all(isinstance(item, str) for item in after)  # nothing nested under the new duty
    assert after[2:] == before[1:]
    assert "+ [minor] Coordinates agency labor relations training;" in run.out


def test_a_bullet_retyped_with_a_dash_at_column_0_changes_nothing(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = SPEC.read_bytes()
    use_editor(monkeypatch, tmp_path, f"""
        text = text.replace({SECOND!r}, {SECOND!r}.replace("  \\u2022 ", "- "))
        text = text.replace({OVERSEES!r}, {OVERSEES!r}.replace("  \\u2022 ", "* "))
    """)
    run = cli("edit", "5258MP")
    assert run.code == 0, run.err
    assert run.out.strip() == "no semantic change; wrote specs/5258MP.json"
    assert SPEC.read_bytes() == before


def test_star_and_dash_bullets_indented_further_nest_under_the_item_before(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = duties()
    use_editor(monkeypatch, tmp_path, f"""
        text = text.replace({SECOND!r}, {SECOND!r} + "    * with the agency head;\\n      - quarterly;\\n"
                                                  "   * with the unions;\\n")
    """)
    run = cli("edit", "5258MP", "--yes")
    assert run.code == 0, run.err
    after = duties()
    assert len(after) == len(before)
    assert after[1] == {"text": before[1], "items": [{"text": "with the agency head;", "items": ["quarterly;"]},
                                                     "with the unions;"]}
    assert after[2:] == before[2:]


def test_a_plain_line_under_an_item_continues_it(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    use_editor(monkeypatch, tmp_path, f"""
        text = text.replace({OVERSEES!r}, "  \\u2022 Oversees performance\\nmanagement system;\\n"
                                          "Reports on it to the agency head.\\n")
    """)
    run = cli("edit", "5258MP")  # a wording change: written without asking
    assert run.code == 0, run.err
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    assert "groups" not in spec["duties"]
    assert "Oversees performance management system; Reports on it to the agency head." in spec["duties"]["items"]
    assert len(spec["duties"]["items"]) == 21


def test_a_heading_right_under_an_item_stays_a_heading(cli, make_repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    make_repo("5257MP")
    before = Path("specs/5257MP.json").read_bytes()
    use_editor(monkeypatch, tmp_path, """
        text = text.replace("as required.\\n\\nOFFICE OF LABOR RELATIONS:", "as required.\\nOFFICE OF LABOR RELATIONS:")
        text = text.replace("as required.\\n\\nKNOWLEDGE, SKILL", "as required.\\nKNOWLEDGE, SKILL")
    """)
    run = cli("edit", "5257MP")
    assert run.code == 0, run.err
    assert "no semantic change" in run.out and Path("specs/5257MP.json").read_bytes() == before


# -- asking before a change of structure -----------------------------------------------------------


NEST = f"""
    text = text.replace({SECOND!r}, "- New lead-in duty;\\n    * " + {SECOND!r}.lstrip(" \\u2022"))
"""


def test_a_structural_change_without_a_terminal_is_not_written(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import io

    before = SPEC.read_bytes()
    use_editor(monkeypatch, tmp_path, NEST)
    monkeypatch.setattr(sys, "stdin", io.StringIO("y\n"))  # not a terminal: never read as an answer
    run = cli("edit", "5258MP")
    assert run.code == 1
    assert SPEC.read_bytes() == before
    assert ("specdiff: error: specs/5258MP.json: the structure changed (EXAMPLES OF DUTIES: list nesting); nothing "
            "was written; check the diff above, then rerun with --yes to write it") in run.err
    kept = kept_file(run.err)
    assert f"to write it, run: specdiff edit 5258MP --from {kept} --yes" in run.err
    assert "- New lead-in duty;" in kept.read_text(encoding="utf-8")
    assert "+ [minor] New lead-in duty;" in run.out  # the diff was shown
    monkeypatch.setenv("EDITOR", "true")  # resume: save the kept text as it is
    resumed = cli("edit", "5258MP", "--from", str(kept), "--yes")
    assert resumed.code == 0, resumed.err
    assert duties()[1] == {"text": "New lead-in duty;",
                           "items": ["Proactively analyzes data and plans for emerging agency labor relations needs;"]}
    assert not kept.exists()


def test_a_structural_change_with_yes_is_written(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    use_editor(monkeypatch, tmp_path, NEST)
    run = cli("edit", "5258MP", "--yes")
    assert run.code == 0, run.err
    assert run.out.strip().endswith("wrote specs/5258MP.json")
    assert duties()[1]["text"] == "New lead-in duty;"
    assert list(tmp_path.glob("specdiff-edit-*")) == []


def test_a_wording_change_is_written_without_asking(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    use_editor(monkeypatch, tmp_path, """
        text = text.replace("Oversees performance management system;", "Oversees the performance management system;")
    """)
    run = cli("edit", "5258MP")
    assert run.code == 0, run.err
    assert "~ [minor] Oversees{+ the+} performance management system;" in run.out
    assert "structure" not in run.err
    assert "Oversees the performance management system;" in duties()


def test_an_edit_keeps_the_approvals_of_the_current_record(cli, repo, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Approvals are not printed in the document: a wording edit must not drop who signed the record."""
    assert cli("approve", "5258MP", "--role", "HR Director", "--by", "Jane Smith", "--date", "07/01/2024").code == 0
    signed = json.loads(SPEC.read_text(encoding="utf-8"))["records"][-1]["approvals"]
    use_editor(monkeypatch, tmp_path, """
        text = text.replace("Oversees performance management system;", "Oversees the performance management system;")
    """)
    assert cli("edit", "5258MP").code == 0
    spec = json.loads(SPEC.read_text(encoding="utf-8"))
    assert "Oversees the performance management system;" in spec["duties"]["items"]
    assert spec["records"][-1]["approvals"] == signed


def on_terminal(args: list[str], cwd: Path, env: dict[str, str], answer: bytes) -> tuple[int, str]:
    """Run a command on a pseudo-terminal, type `answer` at its [y/N] prompt; its exit code and output."""
    import pty

    master, slave = pty.openpty()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave, close_fds=True)
    os.close(slave)
    output, answered, deadline = b"", False, time.monotonic() + 120
    while time.monotonic() < deadline:
        if select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the command has ended and closed the terminal
                break
            output += chunk
            if not answered and b"[y/N] " in output:
                os.write(master, answer)
                answered = True
        elif process.poll() is not None:
            break
    code = process.wait(timeout=30)
    os.close(master)
    return code, output.decode("utf-8", "replace").replace("\r\n", "\n")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
@pytest.mark.parametrize("answer, written", [(b"n\n", False), (b"\n", False), (b"y\n", True)])
def test_on_a_terminal_it_asks_before_a_structural_change(repo, tmp_path: Path, answer: bytes, written: bool) -> None:
    before = SPEC.read_bytes()
    env = {**repo.env, "EDITOR": editor(tmp_path, NEST), "TMPDIR": str(tmp_path), "NO_COLOR": "1"}
    env.pop("VISUAL", None)
    code, output = on_terminal([sys.executable, "-m", "specdiff", "edit", "5258MP"], repo.root, env, answer)
    assert "the structure changed (EXAMPLES OF DUTIES: list nesting); check the diff above" in output
    assert "Write specs/5258MP.json? [y/N] " in output
    if written:
        assert code == 0, output
        assert duties()[1]["text"] == "New lead-in duty;"
        assert list(tmp_path.glob("specdiff-edit-*")) == []
        return
    assert code == 1, output
    assert SPEC.read_bytes() == before
    assert "nothing was written to specs/5258MP.json" in output
    kept = kept_file(output)
    assert kept.parent == tmp_path and "- New lead-in duty;" in kept.read_text(encoding="utf-8")


# -- the pre-pass and the structural test, as functions --------------------------------------------


def read_back(spec: dict[str, Any], text: str) -> dict[str, Any]:
    """What `edit` makes of `text` typed over `spec`."""
    return merged(spec, import_text(as_rendered(text), class_code=spec["class_code"]).spec)


@pytest.mark.parametrize("path", sorted((REPO / "specs").glob("*.json")), ids=lambda p: p.stem)
def test_every_bundled_spec_reads_back_through_the_edit_path(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    text = render(spec, "text")
    assert as_rendered(text) == text  # the rendered form is left as it is
    assert read_back(spec, text) == spec


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.name)
def test_every_imported_seed_reads_back_through_the_edit_path(seed: Path) -> None:
    spec = import_seed(seed.name).spec
    assert read_back(spec, render(spec, "text")) == spec


def test_bullets_nest_by_their_level_not_the_glyph() -> None:
    typed = "  \u2022 a;\n- b;\n  \u2022 c;\n      * c1;\n   - c2;\n    \u2022 c3;\n* e;\n"
    assert as_rendered(typed) == ("  \u2022 a;\n  - b;\n  \u2022 c;\n      * c1;\n      - c2;\n      \u2022 c3;\n"
                                  "  * e;\n")


def test_a_wrapped_line_is_indented_under_its_item_and_lines_are_kept() -> None:
    typed = "DUTIES\n\n- Oversees the\nsystem;\n\nAGENCY:\n  \u2022 x;\n"
    assert as_rendered(typed) == "DUTIES\n\n- Oversees the\n  system;\n\nAGENCY:\n  \u2022 x;\n"
    assert as_rendered(typed).count("\n") == typed.count("\n")


def edited(change: str) -> tuple[str, ...]:
    spec = json.loads((REPO / "specs" / "5257MP.json").read_text(encoding="utf-8"))
    new = read_back(spec, change)
    return structural(diff_specs(spec, new), spec, new)


def test_structure_is_read_from_the_diff() -> None:
    text = render(json.loads((REPO / "specs" / "5257MP.json").read_text(encoding="utf-8")), "text")
    first = "  \u2022 Conducts a variety of investigations and determines appropriate action;\n"
    second = "  \u2022 Administers and interprets collective bargaining agreements;\n"
    assert edited(text.replace("Conducts a variety", "Conducts many")) == ()
    assert edited(text.replace(first + second, second + first)) == ("EXAMPLES OF DUTIES: items moved",)
    assert edited(text.replace("OFFICE OF LABOR RELATIONS:\n", "")) == (
        "EXAMPLES OF DUTIES: list groups", "EXAMPLES OF DUTIES: items moved")
    start, end = text.index("SPECIAL REQUIREMENTS\n"), text.index("ACKNOWLEDGEMENT\n")
    assert edited(text[:start] + text[end:]) == ("SPECIAL REQUIREMENTS: section removed",)
    added = text[:start] + "APPOINTMENT\n\nBy examination.\n\n" + text[start:]
    assert edited(added) == ("APPOINTMENT: section added",)
    flattened = text.replace("  \u2022 Considerable\n    \u2022", "  \u2022 Considerable\n  \u2022")
    assert "KNOWLEDGE, SKILL AND ABILITY: list nesting" in edited(flattened)

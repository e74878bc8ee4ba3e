"""The shape of the code, enforced: import-linter's contracts (pyproject.toml), each third-party
library behind one module, and no module below the command line that prints or exits."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from conftest import REPO

SRC = REPO / "src" / "specdiff"
# The front end: the only modules that may write to the console or end the process.
FRONT_END = {"entry", "boundary", "hooks", "__main__", "schema_codegen"}  # schema_codegen: a developer's script
BEHIND_ONE_MODULE = {
    "git": {"specdiff.git"},
    "deepdiff": {"specdiff.diff.engine"},
    "jsonschema": {"specdiff.validator"},
    "fastjsonschema": {"specdiff.validator", "specdiff._schema_check", "specdiff.schema_codegen"},
}


def test_import_linter_contracts_are_kept() -> None:
    lint = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("specdiff", include_external_packages=True)


@pytest.mark.parametrize("library", sorted(BEHIND_ONE_MODULE))
def test_each_library_lives_behind_one_module(graph: grimp.ImportGraph, library: str) -> None:
    assert graph.find_modules_that_directly_import(library) == BEHIND_ONE_MODULE[library]


def test_only_the_command_line_uses_typer(graph: grimp.ImportGraph) -> None:
    users = graph.find_modules_that_directly_import("typer")
    assert users and all(m == "specdiff.boundary" or m.startswith("specdiff.cli") for m in users), users


def _module(path: Path) -> str:
    return ".".join(path.relative_to(SRC.parent).with_suffix("").parts).removesuffix(".__init__")


def _prints_or_exits(tree: ast.AST) -> list[str]:
    """print(...), sys.exit / os._exit, sys.stdout / sys.stderr, in a module's code."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("print", "exit"):
            found.append(f"line {node.lineno}: {node.func.id}()")
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and \
                (node.value.id, node.attr) in {("sys", "exit"), ("os", "_exit"), ("sys", "stdout"), ("sys", "stderr")}:
            found.append(f"line {node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_module_below_the_command_line_prints_or_exits() -> None:
    core = [p for p in sorted(SRC.rglob("*.py")) if not _module(p).startswith("specdiff.cli")
            and _module(p).split(".")[-1] not in FRONT_END and p.name != "_schema_check.py"]
    assert len(core) > 40  # the library really is scanned
    offenders = {_module(p): hits for p in core if (hits := _prints_or_exits(ast.parse(p.read_text("utf-8"))))}
    assert offenders == {}


def test_the_scan_would_see_a_print() -> None:
    assert _prints_or_exits(ast.parse("import sys\nprint('x')\nsys.stdout.write('y')\n")) == [
        "line 2: print()", "line 3: sys.stdout"]

"""What `specdiff init` sets up in a spec repository, as data: the files it would write, their content,
and which of them are already there (those are never overwritten).

The policy file is generated from the Policy dataclass (every key, commented out, with its default and
a one-line description from DESCRIPTIONS); the pre-commit config and the CI workflow are templates
shipped in specdiff/templates/ (the workflow is examples/workflows/specdiff-pr.yml, kept equal by a test).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from specdiff import schema
from specdiff.policy import Policy, find_config
from specdiff.store import SCHEMA_IN_REPO
from specdiff.version import __version__

POLICY_FILE = "specdiff.toml"
PRE_COMMIT_FILE = ".pre-commit-config.yaml"
WORKFLOW_FILE = ".github/workflows/specdiff.yml"
SCHEMA_FILE = SCHEMA_IN_REPO.as_posix()

# One line per Policy field (README, "Policy"); a test checks that every field has one.
DESCRIPTIONS = {
    "clause": "cancellation clause of a revision: what it replaces ({title}, {salary_group}, {effective}), why, "
              "the Final No.",
    "consolidation": "clause of a class that replaces several: {classes} lists each as consolidated_class words it",
    "consolidated_class": "how a consolidation clause names each class it replaces",
    "new_class": "clause of a new class (placeholders {final}, {title}, {salary_group})",
    "revised": "the reasons part of a clause; {reasons} are the changes, such as 'modify Minimum Qualifications'",
    "retirement": "clause of the record that abolishes a class (specdiff retire); {replaced} is replaced_by or empty",
    "replaced_by": "how a retirement clause names the class that replaces the abolished one",
    "review": "the clause of a review that changes nothing",
    "final": "how a clause names the Final No.: \"Final No. {number}\", \"Final {number}\" or \"Final# {number}\"",
    "clause_date": "dates in clauses: \"long\" (October 25, 2019) or \"numeric\" (10/25/2019)",
    "named_sections": "the reason is \"modify <Name>\" when every content change falls in these sections",
    "jurisdiction": "the letterhead of a spec made by `specdiff new`",
    "acknowledgement": "the standard Acknowledgement section of a spec made by `specdiff new`",
    "allow_retired_references": "let specs name the title of a retired class (otherwise validate reports an error)",
    "editorial_needs_record": "editorial changes alone also need a new effective-date record",
    "review_years": "the review cycle of `specdiff due`, in years",
    "max_file_bytes": "larger spec files are refused (the environment's SPECDIFF_MAX_FILE_BYTES overrides it)",
    "specs_dir": "the specs folder, relative to the repository root",
    "base_branch": "what check and draft compare with (\"\": origin/HEAD, else main or master)",
    "accept_baselines": "a spec added with a baseline (specdiff import) passes check without a new record",
    "approvals_required": "roles that approve each new record (specdiff approve), such as [\"HR Director\"]",
}


@dataclass(frozen=True)
class Planned:
    """One thing `init` sets up: a file (content) or a folder (content None, path ending in /), and why
    it is left alone (None: it is to be created)."""

    path: str  # repository-relative, POSIX
    content: str | None
    kept: str | None = None


def plan(root: Path, specs_folder: str) -> list[Planned]:
    """What `specdiff init` would write at root, each file marked when it is left alone."""
    wanted = [
        Planned(f"{specs_folder}/", None),
        Planned(SCHEMA_FILE, schema.load_schema_text()),
        Planned(POLICY_FILE, policy_file()),
        Planned(PRE_COMMIT_FILE, pre_commit_config(specs_folder)),
        Planned(WORKFLOW_FILE, workflow(specs_folder)),
    ]
    return [Planned(item.path, item.content, _kept(root, item)) for item in wanted]


def _kept(root: Path, item: Planned) -> str | None:
    """Why an item is left alone: it exists (or the policy lives elsewhere); None when it is to be made."""
    path = root / item.path
    if path.exists() or path.is_symlink():
        if item.path == SCHEMA_FILE and path.is_file() and path.read_bytes() != (item.content or "").encode():
            return f"exists; it differs from the schema of specdiff {__version__}"
        return "exists"
    if item.path == POLICY_FILE:
        found = find_config(root)
        if found is not None:  # a specdiff.toml here would hide those settings
            return f"the settings are in {found[0]}"
    return None


# -- the policy file -------------------------------------------------------------------------------


def policy_file() -> str:
    """specdiff.toml: every Policy key, commented out, with its description and default. Removing the
    `#` in front of a key sets it; tables come last, as TOML requires."""
    head = ["# specdiff's settings (written by `specdiff init`; README, \"Policy\"). Every key is shown with its",
            "# default; remove the # in front of a key to change it. The same keys may instead sit under a",
            "# [tool.specdiff] table, here or in pyproject.toml.", ""]
    defaults = {item.name: getattr(Policy(), item.name) for item in fields(Policy)}
    scalars = [(name, value) for name, value in defaults.items() if not isinstance(value, dict)]
    tables = [(name, value) for name, value in defaults.items() if isinstance(value, dict)]
    blocks = [_scalar_lines(*item) for item in scalars] + [_table_lines(*item) for item in tables]
    return "\n".join(head + [line for block in blocks for line in [*block, ""]]).rstrip("\n") + "\n"


def _scalar_lines(name: str, default: Any) -> list[str]:
    return [f"# {DESCRIPTIONS[name]}", f"#{name} = {toml_value(default)}"]


def _table_lines(name: str, default: dict[str, Any]) -> list[str]:
    rows = [f"#{toml_value(key)} = {toml_value(value)}" for key, value in default.items()]
    return [f"# {DESCRIPTIONS[name]}", f"#[{name}]", *rows]


def toml_value(value: Any) -> str:
    """A default as TOML: strings (JSON's escapes are TOML's), booleans, integers, lists of them."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, str)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"no TOML form for a default of type {type(value).__name__}")


# -- the templates ---------------------------------------------------------------------------------


def template(name: str) -> str:
    """A file of specdiff/templates/ (package data)."""
    from importlib import resources

    return resources.files("specdiff").joinpath("templates", name).read_text(encoding="utf-8")


def _yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pre_commit_config(specs_folder: str) -> str:
    """.pre-commit-config.yaml: specdiff's three hooks as local `language: system` hooks on the
    installed specdiff, and the remote form (this version's tag) as a commented alternative."""
    folder = re.escape(specs_folder)
    return template("pre-commit-config.yaml").format(
        spec_files=_yaml_quoted(rf"^{folder}/.*\.json$"),
        validate_files=_yaml_quoted(rf"^({folder}/.*\.json|schema/.*\.json)$"),
        version=__version__)


def workflow(specs_folder: str) -> str:
    """.github/workflows/specdiff.yml: the example pull-request workflow, on the specs folder."""
    text = template("specdiff-pr.yml")
    return text if specs_folder == "specs" else text.replace('"specs/**"', json.dumps(f"{specs_folder}/**"))

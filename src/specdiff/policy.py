"""The wording and rules of change control, with defaults that reproduce Connecticut's.

Configured in `[tool.specdiff]` of pyproject.toml, or in specdiff.toml, at the repository root.
Unknown keys and wrong types are errors that name the file and the key.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from specdiff.errors import ConfigError

REVIEW = "Reviewed in accordance with Connecticut General Statute \u00a7 5-200a"


@dataclass(frozen=True)
class Policy:
    """How records are worded and checked. Templates use {placeholders}."""

    clause: str = ("This replaces the existing specification for the class of {title} in Salary Group {salary_group} "
                   "approved effective {effective}. ({reasons}) {final}")
    consolidation: str = "This replaces the existing specifications for the classes of {classes}. ({reasons}) {final}"
    consolidated_class: str = "{title} in Salary Group {salary_group} approved effective {effective}"
    new_class: str = "New class. {final}"
    revised: str = "Revised to {reasons}"
    retirement: str = "This class is abolished effective {effective}. {replaced}{final}"
    replaced_by: str = "It is replaced by the class of {title} ({code}). "
    review: str = REVIEW
    final: str = "Final No. {number}"
    clause_date: str = "long"  # long: October 25, 2019; numeric: 10/25/2019
    named_sections: dict[str, list[str]] = field(default_factory=lambda: {
        "Substitutions Allowed": ["substitutions_allowed"],
        "Minimum Qualifications": ["minimum_qualifications", "general_experience", "special_experience",
                                   "substitutions_allowed"],
        "Appointment": ["APPOINTMENT"],
    })
    jurisdiction: str = "State of Connecticut Executive Branch"
    acknowledgement: str = (
        "As defined by Sec. 5-196 of the Connecticut General Statutes, a job class is a position or group of "
        "positions that share general characteristics and are categorized under a single title for "
        "administrative purposes. As such, a job class is not meant to be all-inclusive of every task and/or "
        "responsibility.")
    allow_retired_references: bool = False
    editorial_needs_record: bool = False
    review_years: int = 5
    max_file_bytes: int = 5_000_000
    specs_dir: str = "specs"  # the specs folder, relative to the repository root
    base_branch: str = ""  # what check and draft compare with by default ("": origin/HEAD, main or master)
    # An added spec that carries `baseline` (specdiff import) passes check without a new record; set false once
    # the catalog is migrated, so a class from then on arrives with a record of its own.
    accept_baselines: bool = True
    approvals_required: list[str] = field(default_factory=list)  # roles that sign each new record (specdiff approve)


_TYPES = {f.name: f.type for f in fields(Policy)}


def _check(key: str, value: Any, where: str) -> Any:
    expected = {"str": str, "bool": bool, "int": int}.get(str(_TYPES[key]))
    if expected is not None and (not isinstance(value, expected) or (expected is int and isinstance(value, bool))):
        raise ConfigError(f"{key} must be a {expected.__name__}, not {type(value).__name__}", path=where)
    if key == "named_sections" and not (isinstance(value, dict) and all(
            isinstance(v, list) and all(isinstance(s, str) for s in v) for v in value.values())):
        raise ConfigError("named_sections must map a name to a list of section ids or headings", path=where)
    if key == "specs_dir" and (value.startswith("/") or ".." in value.split("/") or not value.strip("/. ")):
        raise ConfigError("specs_dir must be a folder inside the repository, such as 'specs'", path=where)
    if key == "clause_date" and value not in ("long", "numeric"):
        raise ConfigError("clause_date must be 'long' or 'numeric'", path=where)
    if key == "approvals_required":
        _check_roles(value, where)
    if isinstance(value, str) and key not in ("clause_date", "specs_dir", "base_branch"):
        _check_template(key, value, where)
    return value


ROLE_CHARS = 200  # a role is written into specs as the schema's shortText


def _check_roles(value: Any, where: str) -> None:
    """approvals_required: a list of distinct roles, each non-empty one-line text a spec can hold."""
    fix = "write a list of role names, such as [\"HR Director\", \"Budget Office\"]"
    if not isinstance(value, list):
        raise ConfigError(f"approvals_required must be a list of role names, not {type(value).__name__}; {fix}",
                          path=where)
    for index, role in enumerate(value):
        if not isinstance(role, str) or not role.strip() or len(role) > ROLE_CHARS or role != " ".join(role.split()):
            raise ConfigError(f"approvals_required[{index}] {role!r} is not a role name (one line of text, at most "
                              f"{ROLE_CHARS} characters, no leading, trailing or repeated spaces); {fix}",
                              path=where)
    folded = [role.casefold() for role in value]
    repeated = next((role for index, role in enumerate(value) if role.casefold() in folded[:index]), None)
    if repeated is not None:
        raise ConfigError(f"approvals_required names {repeated!r} twice; list each role once", path=where)


_PLACEHOLDERS = {"clause": {"title", "salary_group", "effective", "reasons", "final"},
                 "consolidation": {"classes", "reasons", "final"},
                 "consolidated_class": {"title", "salary_group", "effective"},
                 "new_class": {"final", "title", "salary_group"}, "revised": {"reasons"}, "review": set(),
                 "retirement": {"effective", "replaced", "final", "title"}, "replaced_by": {"title", "code"},
                 "final": {"number"}, "jurisdiction": set(), "acknowledgement": set()}


def _check_template(key: str, template: str, where: str) -> None:
    import string

    try:
        names = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as error:
        raise ConfigError(f"{key}: invalid template ({error}); write placeholders as {{name}}", path=where) from None
    unknown = names - _PLACEHOLDERS.get(key, set())
    if unknown:
        allowed = ", ".join(sorted(_PLACEHOLDERS.get(key, set()))) or "none"
        raise ConfigError(f"{key}: unknown placeholder {{{sorted(unknown)[0]}}}; allowed: {allowed}", path=where)


def _parse_toml(text: str, where: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        data: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"cannot read the configuration: {error}", path=where) from None
    return data


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the configuration: {error}", path=str(path)) from None


CONFIG_FILES = ("specdiff.toml", "pyproject.toml")


def settings_in(name: str, text: str, where: str) -> dict[str, Any] | None:
    """The specdiff settings a configuration file's text holds (None: a pyproject.toml without them).
    specdiff.toml holds them as top-level keys or, like pyproject.toml, under [tool.specdiff]; not both."""
    data = _parse_toml(text, where)
    tool = data.get("tool")
    if name != "specdiff.toml":
        return tool.get("specdiff") if isinstance(tool, dict) else None
    if not (isinstance(tool, dict) and "specdiff" in tool):
        return data
    if set(data) != {"tool"}:
        raise ConfigError("has both top-level keys and a [tool.specdiff] table; keep one of the two (move the "
                          "top-level keys under [tool.specdiff], or the other way round)", path=where)
    settings: dict[str, Any] = tool["specdiff"]  # a non-table is refused by policy_from, naming the file
    return settings


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    """The nearest specdiff.toml or pyproject.toml with [tool.specdiff], and its settings."""
    for folder in (start.resolve(), *start.resolve().parents):
        for name in CONFIG_FILES:
            path = folder / name
            if path.is_file():
                settings = settings_in(name, _read_text(path), str(path))
                if settings is not None:
                    return path, settings
    return None


def policy_from(settings: Any, where: str) -> Policy:
    """A policy from configured settings; ConfigError naming the place and the key otherwise."""
    if not isinstance(settings, dict):
        raise ConfigError("[tool.specdiff] must be a table", path=where)
    unknown = sorted(set(settings) - set(_TYPES))
    if unknown:
        raise ConfigError(f"unknown key {unknown[0]!r}; known keys: {', '.join(sorted(_TYPES))}", path=where)
    return replace(Policy(), **{key: _check(key, value, where) for key, value in settings.items()})


def load_policy(start: Path | None = None) -> Policy:
    """The policy configured for the repository at start (default: the current directory)."""
    found = find_config(start or Path.cwd())
    if found is None:
        return Policy()
    path, settings = found
    return policy_from(settings, str(path))

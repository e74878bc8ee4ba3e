"""`specdiff new` and `specdiff edit`: write specs as the document analysts know, never losing typing."""
from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from specdiff.control.policy import Policy
from specdiff.diff import diff_specs
from specdiff.diff.output_text import render_text as render_diff
from specdiff.diff.report import DiffReport, SpecChange
from specdiff.errors import SpecdiffError, UsageError
from specdiff.importer import import_text
from specdiff.render import render
from specdiff.rules import check_spec
from specdiff.schema import validate_spec
from specdiff.specfile import dump_spec, load_spec, read_text, schema_ref, spec_file, write_atomic

TO_WRITE = "TO BE WRITTEN:"


def skeleton(code: str, title: str, policy: Policy) -> dict[str, Any]:
    """A valid new spec with the jurisdiction's standard sections and marked places to write."""
    return {
        "class_code": code, "title": title, "jurisdiction": policy.jurisdiction,
        "purpose": [f"{TO_WRITE} what the class is accountable for."],
        "supervision_received": [f"{TO_WRITE} who directs the work."],
        "duties": {"style": "bullet", "items": [f"{TO_WRITE} the first example of duties;",
                                                "Performs related duties as required."]},
        "ksa": {"style": "bullet", "items": [f"{TO_WRITE} the knowledge, skills and abilities."]},
        "minimum_qualifications": {"general_experience": [f"{TO_WRITE} the general experience required."]},
        "acknowledgement": [policy.acknowledgement],
    }


def new_spec(code: str, title: str, like: str | None, policy: Policy) -> list[str]:
    """Create specs/CODE.json: a skeleton, or a copy of another class to adapt (without its records)."""
    target = spec_file(code)
    if target.exists():
        raise UsageError(f"{target} already exists; choose another code, or edit it with `specdiff edit {code}`")
    if like:
        base = load_spec(spec_file(like))
        drop = {"records", "established", "former_codes", "$schema"}
        spec = {**{k: v for k, v in base.items() if k not in drop}, "class_code": code, "title": title}
    else:
        spec = skeleton(code, title, policy)
    problems = validate_spec(spec)
    if problems:
        raise UsageError(f"the new spec would not validate at {problems[0].pointer}: {problems[0].message}")
    write_atomic(target, dump_spec({"$schema": schema_ref(target.parent), **spec}))
    source = f"a copy of {like}" if like else "a skeleton: replace each 'TO BE WRITTEN'"
    return [f"wrote {target} ({source}); then `specdiff edit {code}`, and `specdiff draft {code}` before committing"]


def _editor() -> list[str]:
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not command:
        raise UsageError("set $VISUAL or $EDITOR to the editor to use (e.g. export EDITOR=nano)")
    return shlex.split(command)


def merged(original: dict[str, Any], edited: dict[str, Any]) -> dict[str, Any]:
    """The edited spec, keeping what the document does not print: older records, EST, former codes."""
    spec = dict(edited)
    old_records = original.get("records") or []
    new_records = edited.get("records") or []
    if old_records:
        spec["records"] = old_records[:-1] + new_records[-1:] if new_records else old_records
    for key in ("established", "former_codes"):
        if key in original and key not in spec:
            spec[key] = original[key]
    return {"$schema": original["$schema"], **spec} if "$schema" in original else spec


def _keep(workfile: Path, code: str, why: str) -> tuple[list[str], int]:
    return [f"{why}", f"your edit is kept in {workfile}; fix it, then run: specdiff edit {code} --from {workfile}"], 1


def edit(code: str, from_file: Path | None) -> tuple[list[str], int]:
    """Open the rendered spec in the editor; import, validate and write it back only if valid."""
    path = spec_file(code)
    original = load_spec(path)
    command = _editor()
    if from_file is None:
        fd, name = tempfile.mkstemp(prefix=f"specdiff-edit-{code}-", suffix=".txt")
        os.close(fd)
        workfile = Path(name)
        write_atomic(workfile, render(original, "text"))
    else:
        workfile = from_file
    before = read_text(workfile)
    finished = subprocess.run([*command, str(workfile)])
    if finished.returncode != 0:
        return _keep(workfile, code, f"the editor exited with status {finished.returncode}; nothing was written")
    text = read_text(workfile)
    if text == before and from_file is None:
        workfile.unlink()
        return [f"no change to {path}"], 0
    try:
        result = import_text(text, source=str(workfile), class_code=code)
    except SpecdiffError as error:
        return _keep(workfile, code, f"{error}")
    spec = merged(original, result.spec)
    problems = [f"{p.pointer}: {p.message}" for p in validate_spec(spec)] or [
        f"{p.pointer}: {p.message}" for p in check_spec(str(path), spec) if p.severity == "error"]
    if problems:
        return _keep(workfile, code, f"the edit is not a valid spec: {problems[0]} ({len(problems)} problem(s))")
    change = SpecChange(code, str(spec["title"]), "modified", str(path), str(path), tuple(diff_specs(original, spec)))
    lines = render_diff(DiffReport("before", "your edit", (change,))).splitlines() if change.changes else []
    write_atomic(path, dump_spec(spec))
    workfile.unlink(missing_ok=True)
    warnings = [f"warning: {warning}" for warning in result.warnings]
    return [*warnings, *lines, f"wrote {path}" if change.changes else f"no semantic change; wrote {path}"], 0

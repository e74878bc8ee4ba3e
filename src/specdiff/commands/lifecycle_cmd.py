"""`specdiff retire` and `specdiff rename-code`: lifecycle changes, written atomically, said out loud."""
from __future__ import annotations

from pathlib import Path

from specdiff.control.lifecycle import is_retired, recoded_spec, retired_spec, with_replacement_recoded
from specdiff.control.policy import Policy
from specdiff.errors import UsageError
from specdiff.schema import validate_spec
from specdiff.specfile import dump_spec, load_all_specs, load_spec, spec_file, write_atomic


def _load_class(code: str, what: str) -> dict:  # type: ignore[type-arg]
    path = spec_file(code)
    if not path.exists():
        raise UsageError(f"{what} {code!r}: no spec {path}; check the class code")
    return load_spec(path)


def retire(code: str, *, effective: str, revised: str | None, final: str | None, replaced_by: str | None,
           policy: Policy) -> list[str]:
    """Append a retirement record to the class; the spec stays in the repository."""
    spec = _load_class(code, "retire")
    if is_retired(spec):
        raise UsageError(f"{code} is already retired; its current record abolishes it")
    replacement = _load_class(replaced_by, "--replaced-by") if replaced_by else None
    if replacement is not None and is_retired(replacement):
        raise UsageError(f"--replaced-by {replaced_by}: that class is retired too; name a class in force")
    current = (spec.get("records") or [{}])[-1].get("effective")
    if current and effective <= current:
        raise UsageError(f"--effective {effective} is not after the current record ({current}); "
                         "a retirement takes effect after the revision in force")
    new = retired_spec(spec, effective=effective, revised=revised, final=final, replacement=replacement,
                       policy=policy)
    _check(new, spec_file(code))
    write_atomic(spec_file(code), dump_spec(new))
    return [f"wrote {spec_file(code)}: {code} retired effective {effective}"
            + (f", replaced by {replaced_by}" if replaced_by else "")]


def rename_code(old: str, new: str) -> list[str]:
    """Move a class to a new code: specs/NEW.json (formerly OLD), and references to OLD updated."""
    spec = _load_class(old, "rename-code")
    target = spec_file(new)
    if target.exists():
        raise UsageError(f"{target} already exists; choose a code no class uses")
    recoded = recoded_spec(spec, new)
    _check(recoded, target)
    updates = [(path, moved) for path, other in load_all_specs()
               if other["class_code"] != old
               for moved in [with_replacement_recoded(other, old, new)] if moved is not None]
    write_atomic(target, dump_spec(recoded))
    spec_file(old).unlink()
    done = [f"wrote {target} (formerly {old})", f"removed {spec_file(old)}"]
    for path, moved in updates:
        write_atomic(path, dump_spec(moved))
        done.append(f"wrote {path}: replaced_by {old} -> {new}")
    return done


def _check(spec: dict, path: Path) -> None:  # type: ignore[type-arg]
    problems = validate_spec(spec)
    if problems:
        raise UsageError(f"{path}: the result would not validate at {problems[0].pointer}: {problems[0].message}")

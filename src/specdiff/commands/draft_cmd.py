"""`specdiff draft` and `specdiff review`: draft records against a base revision; --write applies them."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from specdiff.commands.diff_cmd import spec_at
from specdiff.control.draft import Draft, DraftRequest, draft_record, next_final, with_record
from specdiff.control.policy import Policy
from specdiff.dates import padded, parse_document_date, parse_iso, unpadded
from specdiff.errors import LoadError, SchemaError, SpecdiffError, UsageError
from specdiff.git import Repository
from specdiff.render.escape import escape_markdown
from specdiff.schema import validate_spec
from specdiff.textutil import json_dumps, printable
from specdiff.specfile import dump_spec, load_all_specs, load_spec, spec_file, write_atomic


def parse_date_option(value: str | None, option: str) -> str | None:
    """MM/DD/YYYY or YYYY-MM-DD -> ISO; UsageError naming the option otherwise."""
    if value is None:
        return None
    try:
        return parse_iso(value).isoformat() if "-" in value else parse_document_date(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date; write MM/DD/YYYY (or YYYY-MM-DD)") from None


def final_number(final: str | None, allocate: bool, request_dates: list[str | None]) -> str | None:
    """--final as given, or with --next-final the next free number of the approval year."""
    if final and allocate:
        raise UsageError("give --final or --next-final, not both")
    if not allocate:
        return final
    year_of = next((d for d in request_dates if d), None)
    if year_of is None:
        raise UsageError("--next-final needs --revised or --effective, to know the year of the Final No.")
    return next_final([spec for _, spec in load_all_specs()], dt.date.fromisoformat(year_of).year)


def drafts_for(repo: Repository, base: str, codes: list[str], request: DraftRequest, policy: Policy,
               replaces: list[str]) -> list[tuple[Draft, dict[str, Any], dict[str, Any] | None]]:
    """(draft, working spec, base spec) for each class; every class is read before any is drafted."""
    replaced = []
    for code in replaces:
        old = spec_at(repo, base, spec_file(code).as_posix())
        if old is None:
            raise UsageError(f"--replaces {code}: no spec {spec_file(code)} at the base revision; check the code")
        replaced.append(old)
    found = []
    errors: list[SpecdiffError] = []
    for code in codes:
        path = spec_file(code)
        try:
            new = load_spec(path)
        except LoadError as error:
            errors.append(error)
            continue
        old = spec_at(repo, base, spec_file(code).as_posix())
        found.append((draft_record(path.as_posix(), old, new, request, policy, replaced or None), new, old))
    if errors:
        from specdiff.errors import ManyErrors

        raise ManyErrors(errors) if len(errors) > 1 else errors[0]
    return found


def write_drafts(found: list[tuple[Draft, dict[str, Any], dict[str, Any] | None]]) -> list[str]:
    """Append each needed record atomically; the lines say which files changed."""
    done = []
    for draft, new, old in found:
        if not draft.needed:
            done.append(f"unchanged {draft.path}: no record needed (no substantive or minor change)")
            continue
        if "effective" not in draft.record:
            raise UsageError("--write needs --effective DATE (the date the revision takes effect)")
        revised = with_record(new, old, draft.record)
        problems = validate_spec(revised)
        if problems:  # never write a spec that would not validate; the file stays as it was
            raise SchemaError(f"the drafted record would make the spec invalid at {problems[0].pointer}: "
                              f"{problems[0].message}; fix the spec or the options", path=draft.path)
        write_atomic(Path(draft.path), dump_spec(revised))
        done.append(f"wrote {draft.path}")
    return done


def render_drafts(drafts: list[Draft], fmt: str) -> str:
    if fmt == "json":
        items = [{"class_code": d.class_code, "title": d.title, "path": d.path, "needed": d.needed,
                  "new_class": d.new_class, "reasons": list(d.reasons), "record": d.record} for d in drafts]
        return json_dumps({"version": 1, "drafts": items}) + "\n"
    blocks = [_markdown(d) if fmt == "markdown" else printable(_text(d)) for d in drafts]
    return "\n".join(blocks)


def _facts(record: dict[str, Any]) -> str:
    facts = []
    if "effective" in record:
        facts.append(f"EFFECTIVE DATE {padded(parse_iso(record['effective']))}")
    if "revised" in record:
        facts.append(f"REV: {unpadded(parse_iso(record['revised']))}")
    if "final_no" in record:
        facts.append(f"Final No. {record['final_no']}")
    return "   ".join(facts) or "(give --effective, --revised and --final or --next-final)"


def _text(draft: Draft) -> str:
    lines = [f"{draft.class_code} {draft.title} ({draft.path})"]
    if not draft.needed:
        lines.append("  no record needed: only editorial or record changes since the base")
    lines += [f"  reasons: {'; '.join(draft.reasons) or '(none)'}", "  CANCELLATION CLAUSE",
              f"  {draft.record['cancellation_clause']}", f"  {_facts(draft.record)}"]
    return "\n".join(lines) + "\n"


def _markdown(draft: Draft) -> str:
    esc = escape_markdown
    lines = [f"### {esc(draft.class_code)} {esc(draft.title)}", ""]
    if not draft.needed:
        lines += ["No record needed: only editorial or record changes since the base.", ""]
    lines += [f"> {esc(draft.record['cancellation_clause'])}", "", esc(_facts(draft.record)), ""]
    return "\n".join(lines)

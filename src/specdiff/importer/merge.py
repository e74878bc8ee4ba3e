"""`import --update`: a newer revision of a document merged into the existing spec of its class.

The document's sections replace the spec's; the record history is kept and extended. Records are
matched by effective date: a real record is never overwritten by an inferred one (known only from a
later record's cancellation clause), an inferred record gives way to a real one, fields the document
does not give are kept, and new records join in date order. Pure functions over dicts: nothing here
reads or writes a file.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from specdiff import schema
from specdiff.errors import ImportFailure, WriteError

Spec = dict[str, Any]
Record = dict[str, Any]

# The fields an imported document gives a record (importer/spec_builder.py). Any other key of an existing
# record (approvals...) was added in the repository, not read from a document, and always stays.
DOCUMENT_FIELDS = frozenset({"effective", "revised", "final_no", "title", "salary_group", "cancellation_clause",
                             "reasons", "reviewed", "inferred", "retired", "replaced_by"})
# Top-level keys the repository owns: the existing spec's value wins, and an update never adds or drops one.
REPOSITORY_KEYS = ("$schema", "baseline")


@dataclass(frozen=True)
class Merged:
    """The updated spec and what the update did to it (dates ISO, oldest first)."""

    spec: Spec
    added: tuple[str, ...]  # records new to the spec
    made_real: tuple[str, ...]  # inferred records replaced by the document's real one
    updated: tuple[str, ...]  # existing records that took new fields from the document
    same_revision: bool  # the document's current record has the spec's current date
    text_changed: bool  # anything but the records differs (sections, title, letterhead...)
    unchanged: bool  # the updated spec is the existing one: nothing to write


@functools.lru_cache(maxsize=1)
def section_keys() -> frozenset[str]:
    """Top-level keys holding the document's sections (the schema's x-sections, plus other_sections, the
    text with no field of its own): a section the new document lacks is gone from the spec too."""
    keys = {info.pointer.strip("/").split("/")[0] for info in schema.sections()}
    return frozenset(keys - {"records"} | {"other_sections"})


def merge_spec(existing: Spec, document: Spec, *, source: str, target: str) -> Merged:
    """The existing spec updated from an imported document; ImportFailure when the document has no
    effective date, WriteError when it is older than the spec's current record."""
    ours, theirs = list(existing.get("records") or []), list(document.get("records") or [])
    _check_order(ours, theirs, source, target)
    records, added, made_real, updated = merge_records(ours, theirs)
    spec = _top_level(existing, document)
    if records:
        spec["records"] = records
    same = bool(ours) and ours[-1]["effective"] == theirs[-1]["effective"]
    return Merged(schema.canonical(spec), added, made_real, updated, same,
                  _without_records(existing) != _without_records(spec), spec == existing)


def _without_records(spec: Spec) -> Spec:
    return {key: value for key, value in spec.items() if key != "records"}


def _check_order(ours: list[Record], theirs: list[Record], source: str, target: str) -> None:
    """The document must carry a current record no older than the spec's current record."""
    if not theirs:
        raise ImportFailure("has no EFFECTIVE DATE, so its place in the record history of "
                            f"{target} is unknown; add the EFFECTIVE DATE section, or import it with --force "
                            "to replace the spec", path=source)
    if ours and theirs[-1]["effective"] < ours[-1]["effective"]:
        raise WriteError(f"is the revision effective {theirs[-1]['effective']}, older than the current record "
                         f"of {target} (effective {ours[-1]['effective']}); an update cannot go back in time, "
                         "nothing was written", path=source)


def _top_level(existing: Spec, document: Spec) -> Spec:
    """Sections from the document; other keys from the document when it has them, else kept;
    repository keys ($schema, baseline) always as the existing spec has them (or not at all)."""
    spec = {key: value for key, value in existing.items()
            if key not in section_keys() and key != "records"}
    spec.update((key, value) for key, value in document.items()
                if key not in REPOSITORY_KEYS and key != "records")
    return spec


def merge_records(ours: list[Record], theirs: list[Record]
                  ) -> tuple[list[Record], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(records oldest first, dates added, dates made real, dates updated): each of the document's records
    merged into the spec's record of the same effective date, or added."""
    merged = list(ours)
    added: list[str] = []
    made_real: list[str] = []
    updated: list[str] = []
    for record in theirs:
        day = record["effective"]
        at = next((i for i, old in enumerate(merged) if old["effective"] == day), None)
        if at is None:
            merged.append(record)
            added.append(day)
            continue
        new = merge_record(merged[at], record)
        if new != merged[at]:
            (made_real if _inferred(merged[at]) and not _inferred(new) else updated).append(day)
            merged[at] = new
    merged.sort(key=lambda r: str(r["effective"]))  # stable: records of one date keep their order
    return merged, tuple(sorted(added)), tuple(made_real), tuple(updated)


def merge_record(old: Record, new: Record) -> Record:
    """One record of the spec and the document's record of the same date, merged.

    A real record is never overwritten by an inferred one; an inferred one is replaced by a real one
    (keeping the keys a document never gives, such as approvals); otherwise the document's fields win
    and the fields it lacks are kept.
    """
    if _inferred(new) and not _inferred(old):
        return old
    if _inferred(old) and not _inferred(new):
        return {**{k: v for k, v in old.items() if k not in DOCUMENT_FIELDS}, **new}
    return {**old, **new}


def _inferred(record: Record) -> bool:
    return bool(record.get("inferred"))

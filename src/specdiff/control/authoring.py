"""Writing specs as the document analysts know: a new class's skeleton or a copy to adapt, and an
edited document merged back into its spec (keeping what the document does not print)."""
from __future__ import annotations

from typing import Any

from specdiff.policy import Policy
from specdiff.rules import PLACEHOLDER as TO_WRITE  # validate warns where it is left

NOT_COPIED = {"records", "established", "former_codes", "$schema"}


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


def copy_of(base: dict[str, Any], code: str, title: str) -> dict[str, Any]:
    """Another class's spec under a new code and title, without its records, EST and former codes."""
    return {**{k: v for k, v in base.items() if k not in NOT_COPIED}, "class_code": code, "title": title}


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

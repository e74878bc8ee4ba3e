"""Cancellation clauses: what a revision replaces, why, and under which Final No."""
from __future__ import annotations

from typing import Any

from specdiff.policy import Policy
from specdiff.control.reasons import join_phrases
from specdiff.dates import long_form, padded, parse_iso
from specdiff.spec import current_record, salary_group

PLACEHOLDER_DATE = "[effective date of the replaced revision]"


def clause_date(iso: str | None, policy: Policy) -> str:
    """A date as the clause prints it (policy: long or numeric)."""
    if iso is None:
        return PLACEHOLDER_DATE
    day = parse_iso(iso)
    return long_form(day) if policy.clause_date == "long" else padded(day)


def final_text(number: str | None, policy: Policy) -> str:
    return policy.final.format(number=number) if number else ""


def reason_text(reasons: list[str], policy: Policy, *, review: bool) -> str:
    """'Revised to add Acknowledgement section and modify content', with the review sentence first if any."""
    revised = policy.revised.format(reasons=join_phrases(reasons)) if reasons else ""
    if review:
        return f"{policy.review}. {revised}" if revised else policy.review
    return revised


def replaced(spec: dict[str, Any]) -> dict[str, Any]:
    """What a spec's current revision is, as a clause names it."""
    current = current_record(spec)
    return {"title": spec.get("title", ""), "salary_group": salary_group(spec) or "[salary group]",
            "effective": current["effective"] if current else None}


def _tidy(text: str) -> str:
    return " ".join(text.replace("()", "").split())


def revision_clause(old: dict[str, Any], reasons: list[str], final: str | None, policy: Policy, *,
                    review: bool = False) -> str:
    """The clause of a revision of an existing class."""
    was = replaced(old)
    return _tidy(policy.clause.format(title=was["title"], salary_group=was["salary_group"],
                                      effective=clause_date(was["effective"], policy),
                                      reasons=reason_text(reasons, policy, review=review),
                                      final=final_text(final, policy)))


def new_class_clause(new: dict[str, Any], final: str | None, policy: Policy) -> str:
    """The clause of a class with no earlier revision."""
    return _tidy(policy.new_class.format(final=final_text(final, policy), title=new.get("title", ""),
                                         salary_group=new.get("salary", {}).get("group", "")))


def consolidation_clause(olds: list[dict[str, Any]], reasons: list[str], final: str | None, policy: Policy) -> str:
    """The clause of a class that replaces several: '... for the classes of A ... and B ...'."""
    classes = [policy.consolidated_class.format(title=was["title"], salary_group=was["salary_group"],
                                                effective=clause_date(was["effective"], policy))
               for was in (replaced(old) for old in olds)]
    return _tidy(policy.consolidation.format(classes=join_phrases(classes),
                                             reasons=reason_text(reasons, policy, review=False),
                                             final=final_text(final, policy)))

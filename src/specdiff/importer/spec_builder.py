"""Assemble a spec from the sections, letterhead and trailer the importer found."""
from __future__ import annotations

import re
from typing import Any

from specdiff import schema
from specdiff.validator import validate_spec
from specdiff.dates import parse_document_date
from specdiff.errors import ImportFailure
from specdiff.importer import blocks
from specdiff.importer.header import Letterhead
from specdiff.importer.lines import Line
from specdiff.importer.records import Trailer, parse_clause
from specdiff.importer.sections import RawSection
from specdiff.textutil import join_lines
from specdiff.vocab import PLACEHOLDER

CODE_NAME = re.compile(r"^\(\s*(?P<code>[0-9A-Za-z]{1,4})\s*\)\s*-\s*(?P<name>\S.*)$")
NOTE = re.compile(r"^NOTES?\b", re.IGNORECASE)


class SpecBuilder:
    """Collects section values into a spec dict; `finish` checks and returns it."""

    def __init__(self, source: str, head: Letterhead, trailer: Trailer) -> None:
        self.source = source
        self.head = head
        self.trailer = trailer
        self.spec: dict[str, Any] = {}
        self.record: dict[str, Any] = {}  # parts of the current record (clause, effective date)
        self.warnings: list[str] = []
        self.seen: dict[str, int] = {}
        self.after: str | None = None

    def warn(self, line: int | None, message: str) -> None:
        place = f"{self.source}:{line}" if line else self.source
        self.warnings.append(f"{place}: {message}")

    # -- sections ---------------------------------------------------------------------------

    def add(self, raw: RawSection) -> None:
        """Place one section in the spec."""
        if raw.kind == "official" and raw.id is not None and raw.id not in self.seen:
            self._add_official(raw, raw.id)
        elif raw.heading is None:
            self._add_other(raw, "text before the first section is not a letterhead")
        elif raw.kind == "official":
            self._add_other(raw, f"section {raw.heading.text!r} appears again (first at line "
                                 f"{self.seen.get(raw.id or '', '?')})")
        else:
            self._add_other(raw, f"unknown section {raw.heading.text!r}")

    def _add_official(self, raw: RawSection, section_id: str) -> None:
        assert raw.heading is not None
        self.seen[section_id] = raw.heading.number
        self.after = section_id
        if not raw.has_text:
            if section_id != "effective_date":  # an empty EFFECTIVE DATE is reported with its record
                self.warn(raw.heading.number, f"section {raw.heading.text!r} has no text; it is left empty")
            return
        info = schema.section(section_id)
        value = self._value(info, raw)
        if value is not None:
            self._store(info.pointer, value)

    def _value(self, info: schema.SectionInfo, raw: RawSection) -> Any:
        body = [line for line in raw.body if not line.is_blank]
        if info.shape == "paragraphs":
            return blocks.paragraphs(raw.body)
        if info.shape == "list":
            return blocks.parse_list(raw.body, allow_run_in=bool(schema.annotation(info.pointer, "x-run-in")))
        if info.shape == "codeName":
            return self._code_name(raw, body)
        if info.shape == "date":
            return self._date(raw, body)
        if info.id == "salary_information":
            return self._salary_information(raw)
        return join_lines([line.text for line in body])

    def _code_name(self, raw: RawSection, body: list[Line]) -> Any:
        match = CODE_NAME.match(join_lines([line.text for line in body]))
        if match:
            return {"code": match.group("code"), "name": match.group("name")}
        heading = raw.heading.text if raw.heading else "section"
        self._add_other(raw, f"{heading!r} is not written as (code)-NAME such as (02)-MANAGERIAL")
        return None

    def _date(self, raw: RawSection, body: list[Line]) -> str:
        text = body[0].text
        try:
            day = parse_document_date(text).isoformat()
        except ValueError:
            raise ImportFailure(f"{text!r} under {raw.heading.text if raw.heading else 'a date heading'} is "
                                "not a real date; write it as MM/DD/YYYY",
                                path=self.source, where=str(body[0].number)) from None
        if len(body) > 1:
            rest = RawSection(None, "unknown", body=body[1:])
            self._add_other(rest, f"text after the date {text!r} has no field")
        return day

    def _salary_information(self, raw: RawSection) -> str:
        first, *rest = blocks.paragraphs(raw.body)
        if rest and raw.heading is not None and raw.body[0].number == raw.heading.number:
            # "Pay Grade: 21" on one line (Kansas): the paragraphs after it are not salary notes
            later = [line for line in raw.body if line.number != raw.heading.number]
            self._add_other(RawSection(None, "unknown", body=later), f"text after {raw.heading.text} {first!r} "
                                                                      "has no field")
            return first
        if rest:
            self.spec.setdefault("salary", {})["notes"] = rest
        return first

    def _store(self, pointer: str, value: Any) -> None:
        parts = pointer.strip("/").split("/")
        if parts[0] == "records":
            self.record[parts[-1]] = value
            return
        target = self.spec
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value

    def _add_other(self, raw: RawSection, why: str) -> None:
        """Keep a section with no field of its own in other_sections, and say so."""
        first = raw.heading.number if raw.heading else raw.body[0].number
        self.warn(first, f"{why}; kept under other_sections")
        entry: dict[str, Any] = {"heading": raw.heading.text} if raw.heading else {}
        entry["after"] = self.after
        if raw.has_text:
            body = raw.body if raw.heading else self._with_gaps(raw.body)
            entry["content"] = blocks.parse_list(body, allow_run_in=False)
        self.spec.setdefault("other_sections", []).append(entry)

    def _with_gaps(self, body: list[Line]) -> list[Line]:
        """Text before the first section comes without its blank lines: put them back where line numbers
        skip, so its paragraphs stay apart. On a series page every line is a paragraph of its own (the list of
        classes, a row each)."""
        spaced: list[Line] = []
        for line in body:
            if spaced and (self.head.series or line.number > spaced[-1].number + 1) and not spaced[-1].is_blank:
                spaced.append(Line(line.number, 0, "blank", ""))
            spaced.append(line)
        return spaced

    # -- the finished spec ------------------------------------------------------------------

    def finish(self, *, class_code: str | None, title: str | None) -> dict[str, Any]:
        """The spec in canonical order; ImportFailure if required facts are missing."""
        self._move_notes()
        self._pick_series_class(class_code)
        records = self._records()
        self.spec["class_code"] = self._class_code(class_code)
        if self.head.former_codes:
            self.spec["former_codes"] = self.head.former_codes
        self.spec["title"] = self._title(title, records)
        if self.head.jurisdiction:
            self.spec["jurisdiction"] = self.head.jurisdiction
        if self.head.pay:
            self.spec.setdefault("salary", {}).update(self.head.pay)
        if records:
            self.spec["records"] = records
        established = self._trailer_date("EST") or self._letterhead_date()
        if established:
            self.spec["established"] = established
        spec: dict[str, Any] = schema.canonical(self.spec)
        self._check(spec)
        return spec

    def _pick_series_class(self, given: str | None) -> None:
        """On a series page, the class given (--class-code) or named by the file name, else the first; say
        that the page describes several classes and which one the spec is."""
        series = self.head.series
        if not series:
            return
        wanted = {given.upper()} if given else {token.upper() for token in file_name_tokens(self.source)}
        chosen = next((entry for entry in series if entry.code.upper() in wanted), series[0])
        self.head.title, self.head.class_code = chosen.title, chosen.code
        listed = ", ".join(f"{entry.title} ({entry.code})" for entry in series)
        self.warn(None, f"the page describes {len(series)} classes ({listed}); imported as the spec of "
                        f"{chosen.title} ({chosen.code}), the list of classes kept under other_sections: import "
                        "each other class with --class-code CODE --title TITLE")

    def _move_notes(self) -> None:
        """NOTE paragraphs of an experience section move to minimum_qualifications.notes.

        They are taken from the section the renderer prints them in (schema: x-printed-in),
        so import and render agree.
        """
        quals = self.spec.get("minimum_qualifications", {})
        host = schema.host_section("/minimum_qualifications/notes", set(quals))
        paragraphs = quals.get(host or "", [])
        notes = [p for p in paragraphs if NOTE.match(p)]
        kept = [p for p in paragraphs if not NOTE.match(p)]
        if notes and kept:
            quals[host or ""], quals["notes"] = kept, notes

    def _records(self) -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        clause = self.record.get("cancellation_clause")
        facts = parse_clause(clause) if clause else {}
        if clause and "effective" not in facts:
            self.warn(self.seen.get("cancellation_clause"), "the cancellation clause does not say which "
                      "revision it replaces (class, salary group, approval date); no earlier record added")
        if "effective" in facts:
            earlier = {k: facts[k] for k in ("effective", "title", "salary_group")}
            records.append({**earlier, "inferred": True})
        current = self._current_record(clause, facts)
        if current:
            records.append(current)
        return records

    def _current_record(self, clause: str | None, facts: dict[str, Any]) -> dict[str, Any]:
        revised = self._trailer_date("REV")
        if not (clause or revised or "effective" in self.record):
            if "effective_date" in self.seen:
                self.warn(self.seen["effective_date"], "section 'EFFECTIVE DATE' has no text; it is left empty")
            return {}
        current: dict[str, Any] = {"effective": self.record.get("effective") or self._stand_in(revised)}
        if not current["effective"]:
            return self._no_current_record()
        if "effective" not in self.record:
            current["effective_unknown"] = True
        if revised:
            current["revised"] = revised
        for key in ("final_no", "reasons", "reviewed", "retired", "replaced_by"):
            if key in facts:
                current[key] = facts[key]
        if clause:
            current["cancellation_clause"] = clause
        return current

    def _stand_in(self, revised: str | None) -> str | None:
        """The REV date in place of an EFFECTIVE DATE the document printed empty (flagged effective_unknown).

        A document with no EFFECTIVE DATE heading at all is refused: it may have been cut off.
        """
        line = self.seen.get("effective_date")
        if line is None:
            raise ImportFailure("the document has a cancellation clause or REV date but no EFFECTIVE DATE; "
                                "add an EFFECTIVE DATE section with the date the revision took effect",
                                path=self.source)
        if revised:
            self.warn(line, f"EFFECTIVE DATE is empty: the record takes the REV date {revised} in its place "
                            "and is flagged effective_unknown; write the real date and remove the flag")
        return revised

    def _no_current_record(self) -> dict[str, Any]:
        """An empty EFFECTIVE DATE and no REV date: the clause is kept, but no current record is made."""
        clause = self.record.pop("cancellation_clause", None)
        line = self.seen.get("cancellation_clause") or self.seen.get("effective_date")
        self.warn(line, "EFFECTIVE DATE is empty and there is no REV date: no record for this revision; "
                        "the cancellation clause is kept under other_sections")
        if clause:
            entry = {"heading": "CANCELLATION CLAUSE", "after": "acknowledgement",
                     "content": {"style": "paragraphs", "items": [clause]}}
            self.spec.setdefault("other_sections", []).append(entry)
        return {}

    def _trailer_date(self, key: str) -> str | None:
        if key not in self.trailer.values:
            return None
        text, line = self.trailer.values[key]
        try:
            return parse_document_date(text).isoformat()
        except ValueError:
            raise ImportFailure(f"{key}: {text!r} is not a real date; write it as M/D/YYYY",
                                path=self.source, where=str(line)) from None

    def _letterhead_date(self) -> str | None:
        """The date of a "date code" line (Pennsylvania), taken as the date the class was established."""
        if not self.head.established:
            return None
        try:
            return parse_document_date(self.head.established).isoformat()
        except ValueError:
            self.warn(None, f"{self.head.established!r} before the class code is not a real date; "
                            "no established date taken")
            return None

    def _class_code(self, given: str | None) -> str:
        trailer = self.trailer.values.get("CLASS", (None, 0))[0]
        found = given or self.head.class_code or trailer
        if not found and (named := code_in_file_name(self.source)):
            self.warn(None, f"no class code in the text; class code {named!r} taken from the file name: check it, "
                            "or pass --class-code")
            found = named
        if not found:
            raise ImportFailure("no class code found (no '(CODE)' after the title, no 'CLASS:' line, no "
                                "recruitment number, none in the file name); pass --class-code CODE",
                                path=self.source)
        for other in (self.head.class_code, trailer):
            if other and other != found:
                self.warn(None, f"the document also names class code {other!r}; using {found!r}")
        return found

    def _title(self, given: str | None, records: list[dict[str, Any]]) -> str:
        if given or self.head.title:
            return given or self.head.title or ""
        earlier = next((r for r in records if r.get("inferred")), None)
        if earlier:
            self.warn(self.seen.get("cancellation_clause"), f"no title line; title {earlier['title']!r} taken "
                      "from the cancellation clause (the title it replaced): check it, or pass --title")
            return str(earlier["title"])
        self.warn(None, f"no class title found (no title line and no cancellation clause naming the class); the "
                        f"title is left as {UNKNOWN_TITLE!r}: write it in the spec (validate flags it until then), "
                        "or pass --title")
        return UNKNOWN_TITLE

    def _check(self, spec: dict[str, Any]) -> None:
        problems = validate_spec(spec)
        if problems:
            first = problems[0]
            raise ImportFailure(f"the imported spec does not match the schema at {first.pointer}: "
                                f"{first.message} ({len(problems)} problem(s)); fix the document there, "
                                "or pass --class-code/--title", path=self.source)


UNKNOWN_TITLE = f"{PLACEHOLDER} the class title (the document does not give it)"
# A class code as a file name carries it (`4610PS.txt`, `spec_4610PS.docx`, `..._72137.txt`): Connecticut's
# four digits and two letters first, else five or six digits, else four digits right after a "class" or
# "code" word (`class-1681`: a bare 4-digit token may be a year or an index), else a lower-case code of
# digits with letters inside (`04ca20`, `1074k2`: letters between digits, so `2nd`, `v2`, `40hr` are not,
# nor a year with a version, `2019v2`);
# the first of its kind wins.
_CT_CODE = re.compile(r"^\d{4}[A-Z]{2}$")
_NUMERIC_CODE = re.compile(r"^\d{5,6}$")
_FOUR_DIGITS = re.compile(r"^\d{4}$")
_LOWER_CODE = re.compile(r"^(?=[0-9a-z]{5,8}$)(?!(?:19|20)\d\d[a-z])\d+[a-z]+\d+$")  # not 2019v2
_CODE_WORDS = frozenset({"class", "code", "classcode", "jobcode"})


def file_name_tokens(source: str) -> list[str]:
    """The words of a document's file name, without its folder and extension."""
    name = source.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.split(r"[\s_.-]+", name)


def code_in_file_name(source: str) -> str | None:
    """The class code a document's file name carries, if it carries exactly one kind of code."""
    tokens = file_name_tokens(source)
    for pattern in (_CT_CODE, _NUMERIC_CODE):
        found = [token for token in tokens if pattern.match(token)]
        if found:
            return found[0]
    labelled = [token for before, token in zip(tokens, tokens[1:], strict=False)
                if before.lower() in _CODE_WORDS and _FOUR_DIGITS.match(token)]
    if labelled:
        return labelled[0]
    return next((token for token in tokens if _LOWER_CODE.match(token)), None)

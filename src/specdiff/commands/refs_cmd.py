"""`specdiff refs CLASS`: which specs refer to a class (by title in their text, or as a replacement)."""
from __future__ import annotations

from specdiff.commands.draft_cmd import spec_file
from specdiff.control.refs import referring_to
from specdiff.specfile import SPECS_DIR, load_spec
from specdiff.textutil import printable


def refs_lines(code: str) -> list[str]:
    """One line per reference: FILE: /pointer: the sentence (or the replacement record)."""
    target = load_spec(spec_file(code))
    specs = []
    for file in sorted(SPECS_DIR.glob("*.json")):
        try:
            specs.append((str(file), load_spec(file)))
        except Exception:  # noqa: BLE001 - a broken file refers to nothing; validate reports it
            continue
    lines = [f"{path}: {ref.pointer}: names {ref.title!r}: {ref.text}"
             for path, ref in referring_to(str(target["title"]), specs) if path != str(spec_file(code))]
    for path, spec in specs:
        for index, record in enumerate(spec.get("records", [])):
            if record.get("replaced_by") == code:
                lines.append(f"{path}: /records/{index}/replaced_by: retired, replaced by {code}")
    return [printable(line) for line in lines]

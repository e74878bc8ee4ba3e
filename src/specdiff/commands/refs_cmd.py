"""`specdiff refs CLASS`: which specs refer to a class (by title in their text, or as a replacement)."""
from __future__ import annotations

from specdiff.control.refs import referring_to
from specdiff.specfile import load_all_specs, load_spec, spec_file
from specdiff.textutil import printable


def refs_lines(code: str) -> list[str]:
    """One line per reference: FILE: /pointer: the sentence (or the replacement record)."""
    target = load_spec(spec_file(code))
    specs = [(str(path), spec) for path, spec in load_all_specs()]
    lines = [f"{path}: {ref.pointer}: names {ref.title!r}: {ref.text}"
             for path, ref in referring_to(str(target["title"]), specs) if path != str(spec_file(code))]
    for path, spec in specs:
        for index, record in enumerate(spec.get("records", [])):
            if record.get("replaced_by") == code:
                lines.append(f"{path}: /records/{index}/replaced_by: retired, replaced by {code}")
    return [printable(line) for line in lines]

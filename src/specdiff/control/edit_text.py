"""The text a person typed in `specdiff edit`, read the way they meant it, put back into the rendered form.

The importer reads documents as the State prints them: a bullet's nesting is its indent, and a plain line
after a duty that ends a sentence starts something new (a paragraph, a group heading). A person editing the
rendered text in nano or vi types `- ` or `* ` at column 0 among the `  •` bullets, or wraps a long duty
onto a line of its own. This pre-pass rewrites only indentation, never a word, so that the importer reads:

- a bullet (`•`, `-`, `*`, or a number) at or left of the column of its siblings as their sibling, and one
  indented further than the items of its level as a child of the item before it; the glyph does not matter;
- a plain line right under an item (no blank line between) as more words of that item (wrapped text), unless
  it is a heading: in capitals (AGENCY:, a section heading) or the revision trailer (CLASS: ...; EST: ...).
  A group heading is written as the renderer prints it: after a blank line, right above its bullets.

Text already in the rendered form comes back unchanged, so rendering a spec and reading it back gives the
same spec. Lines are neither added nor removed: line numbers in import errors still point into the edit.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from specdiff.importer.headings import looks_like_heading, official_section
from specdiff.importer.lines import Line, classify, normalise_newlines
from specdiff.importer.records import is_trailer_line
from specdiff.importer.sections import split_inline_heading

_ITEM_KINDS = frozenset({"bullet", "numbered"})
_WRAP = 2  # how much further than its item a wrapped line is indented (past the glyph, under the words)


@dataclass
class _Levels:
    """The columns of the open list levels, outermost first: each level keeps the column of the item that
    opened it, so a sibling typed left of it (column 0 among `  •`) does not pull the next ones under it."""

    columns: list[int] = field(default_factory=list)

    def place(self, column: int) -> int:
        """The column an item typed at `column` goes to: its level's, or a new, deeper level's."""
        if not self.columns or column > self.columns[-1]:
            self.columns.append(column)
            return column
        while len(self.columns) > 1 and column <= self.columns[-2]:
            self.columns.pop()
        return self.columns[-1]

    def close(self) -> None:
        """A heading or a paragraph ends the list."""
        self.columns.clear()


def as_rendered(text: str) -> str:
    """The typed text with bullets and wrapped lines indented as the renderer prints them (see the module)."""
    levels = _Levels()
    item_column: int | None = None  # the column of the item a plain line right under it would continue
    out: list[str] = []
    for number, raw in enumerate(normalise_newlines(text).split("\n"), start=1):
        line = classify(number, raw)
        if line.is_blank:
            item_column = None
            out.append(raw)
        elif line.kind in _ITEM_KINDS:
            item_column = levels.place(line.indent)
            out.append(_indented(raw, item_column))
        elif item_column is not None and not _is_heading(line):
            out.append(_indented(raw, max(line.indent, item_column + _WRAP)))
        else:
            levels.close()
            item_column = None
            out.append(raw)
    return "\n".join(out)


def _is_heading(line: Line) -> bool:
    """A line that starts something of its own even right under an item: a capitals (sub-)heading, an
    official section heading in any case, or the revision trailer."""
    head = split_inline_heading(line)[0].text
    return looks_like_heading(line.text) or official_section(head) is not None or is_trailer_line(line.text)


def _indented(raw: str, column: int) -> str:
    """The line's text at `column` (the indent as typed: spaces, no-break spaces, expanded tabs, replaced)."""
    return " " * column + raw.lstrip(" \u00a0")

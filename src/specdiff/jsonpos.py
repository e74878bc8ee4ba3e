"""Where each value of a JSON text starts (line and column), addressed by JSON Pointer.

`json.loads` gives values but no positions; reports need `file:line:col`. This
scanner runs only on texts `json.loads` already accepted, and only when there is
something to report, so the common clean case costs nothing.
"""
from __future__ import annotations

import bisect
import contextlib
import json
import re

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null")


def escape_token(token: str) -> str:
    """A key or index as a JSON Pointer token."""
    return token.replace("~", "~0").replace("/", "~1")


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.offsets: dict[str, int] = {}

    def skip(self, i: int) -> int:
        match = _WS.match(self.text, i)
        return match.end() if match else i

    def value(self, i: int, pointer: str) -> int:
        i = self.skip(i)
        self.offsets[pointer] = i
        char = self.text[i]
        if char == "{":
            return self.members(i + 1, pointer)
        if char == "[":
            return self.elements(i + 1, pointer)
        match = (_STRING if char == '"' else _SCALAR).match(self.text, i)
        if match is None:
            raise ValueError(f"not JSON at offset {i}")
        return match.end()

    def members(self, i: int, pointer: str) -> int:
        i = self.skip(i)
        while self.text[i] != "}":
            key_match = _STRING.match(self.text, i)
            if key_match is None:
                raise ValueError(f"not JSON at offset {i}")
            key = json.loads(key_match.group())
            i = self.skip(key_match.end()) + 1  # past ':'
            i = self.skip(self.value(i, f"{pointer}/{escape_token(key)}"))
            if self.text[i] == ",":
                i = self.skip(i + 1)
        return i + 1

    def elements(self, i: int, pointer: str) -> int:
        i, index = self.skip(i), 0
        while self.text[i] != "]":
            i = self.skip(self.value(i, f"{pointer}/{index}"))
            index += 1
            if self.text[i] == ",":
                i = self.skip(i + 1)
        return i + 1


class Positions:
    """Line/column lookup for the values of one JSON text."""

    def __init__(self, text: str) -> None:
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        scanner = _Scanner(text)
        # On a text json.loads refused, the positions found so far still help; the rest fall back to a parent.
        with contextlib.suppress(ValueError, IndexError, RecursionError):
            scanner.value(0, "")
        self._offsets = scanner.offsets

    def of(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of the value at pointer, or of its nearest existing parent."""
        pointer = "" if pointer == "/" else pointer
        while pointer not in self._offsets and pointer:
            pointer = pointer.rsplit("/", 1)[0]
        offset = self._offsets.get(pointer, 0)
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

"""Options shared by several commands, built from the tables they offer: a --format's choices are
the keys of its renderer table, --fail-on and --level take the levels of the one ranking."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import typer

from specdiff.vocab import LEVELS


def _choice(names: tuple[str, ...], option: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if value not in names:
            raise typer.BadParameter(f"{value!r} is not one of {', '.join(names)}", param_hint=f"'{option}'")
        return value

    return parse


def format_option(table: Iterable[str], default: str | None) -> Any:
    """--format/-f with the keys of a renderer table as its choices."""
    names = tuple(table)
    return typer.Option(default, "--format", "-f", parser=_choice(names, "--format"), metavar="FORMAT",
                        help=f"Output format: {', '.join(names)}.", show_default=True)


def level_parser(option: str) -> Callable[[str], str]:
    return _choice(LEVELS, option)


LEVEL_HELP = f"one of {', '.join(LEVELS)} (lowest first)"


"""`specdiff packet BASE [HEAD] --output FILE.(pdf|docx|html)`: the commission packet of a batch."""
from __future__ import annotations

from pathlib import Path

import typer

from specdiff.cli import app
from specdiff.cli.options import format_option
from specdiff.cli.output import commit_stamp, note, to_file_or_stdout, write_binary
from specdiff.errors import EXIT_OK, EXIT_PROBLEMS, UsageError
from specdiff.render.tables import PACKET, PACKET_BINARY, rendered, rendered_bytes

FORMATS = (*PACKET, *PACKET_BINARY)
SUFFIXES = {".htm": "html", **{f".{name}": name for name in FORMATS}}


def packet_format(fmt: str | None, output: Path | None) -> str:
    """The format asked for with --format, else the one --output's extension names, else html."""
    named = SUFFIXES.get(output.suffix.lower()) if output is not None else None
    if output is not None and named is None and fmt is None:
        raise UsageError(f"--output {str(output)!r}: cannot tell the format from the extension "
                         f"{output.suffix or '(none)'!r}; name the file .pdf, .docx or .html, or pass --format")
    if fmt is not None and named is not None and named != fmt:
        raise UsageError(f"--output {str(output)!r} names a .{named} file but --format is {fmt}; "
                         "make them agree or leave one out")
    return fmt or named or "html"


@app.command("packet")
def packet_command(
    base: str = typer.Argument(..., metavar="BASE", help="The branch the batch merges into (e.g. main)."),
    head: str = typer.Argument("HEAD", metavar="HEAD", help="The batch's head (default: HEAD)."),
    fmt: str | None = format_option(FORMATS, None),
    output: Path | None = typer.Option(None, "--output", "-o", metavar="FILE",
                                       help="Write the packet here; its extension (.pdf, .docx, .html) picks the "
                                            "format. Required for pdf and docx on a terminal."),
) -> int:
    """The commission packet of a batch (BASE...HEAD, from the merge base, as `summary` reads it).

    A cover (the batch's Final No(s)., effective dates and classes), a numbered table of
    changes (number, class, section, kind, level, the diff's redline, a blank Action
    column), each class's comparative print (the document as it will read: omissions
    struck, insertions underlined; Word tracked changes in .docx), each new class in full,
    each retirement in words, and an approval sheet per class with the roles the base's
    policy requires (names and dates where `specdiff approve` recorded them, blank lines
    otherwise). Deterministic; all spec text escaped. Exit 0 when written, 1 when written but
    the batch has open items (unreadable or invalid specs, missing or stale records; they are
    listed on the cover), 2 on bad input (nothing written).

    Example: specdiff packet main --output packet-26-001.pdf
    """
    from specdiff.pr.packet import build_packet
    from specdiff.workspace import opened

    chosen = packet_format(fmt, output)
    with opened() as ws:
        ws.require_root("packet")
        packet = build_packet(ws, ws.repository(), base, head)
        stamp = commit_stamp(ws.repository(), head)
    if chosen in PACKET_BINARY:
        if write_binary(rendered_bytes(PACKET_BINARY, chosen, packet, stamp), output, chosen):
            note(f"wrote {output}")
    else:
        to_file_or_stdout(rendered(PACKET, chosen, packet), output, chosen)
    awaited = f"; {packet.awaiting} signature(s) awaited" if packet.awaiting else ""
    note(f"packet {base}...{head}: {len(packet.classes)} class(es), {len(packet.rows)} numbered change(s){awaited}")
    if packet.open_items:
        note(f"{len(packet.open_items)} open item(s), listed on the cover (specdiff summary {base} explains each)")
    return EXIT_PROBLEMS if packet.open_items else EXIT_OK

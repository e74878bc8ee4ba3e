"""HTML: one self-contained, printable page that looks like the official document."""
from __future__ import annotations

from specdiff.render.document import Block, Document, Item, ItemList, Section, Subheading
from specdiff.render.escape import escape_html as esc

STYLE = """
body { font-family: Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.45; color: #111; }
header { text-align: center; margin-bottom: 2rem; }
header .jurisdiction { font-variant: small-caps; letter-spacing: .05em; }
header h1 { font-size: 1.5rem; margin: .5rem 0; }
h2 { font-size: 1rem; letter-spacing: .04em; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #999; }
.subheading { font-weight: bold; margin-bottom: .2rem; }
.retired { color: #a3141b; font-weight: bold; letter-spacing: .03em; }
footer { margin-top: 2rem; font-size: .9rem; border-top: 1px solid #999; padding-top: .5rem; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } }
""".strip()


def _items(items: tuple[Item, ...], numbered: bool) -> str:
    tag = "ol" if numbered else "ul"
    lis = "".join(
        f"<li>{esc(item.text)}{_items(item.children, False) if item.children else ''}</li>" for item in items
    )
    return f"<{tag}>{lis}</{tag}>"


def _block(block: Block) -> str:
    if isinstance(block, ItemList):
        return _items(block.items, block.numbered)
    if isinstance(block, Subheading):
        return f'<p class="subheading">{esc(block.text)}</p>'
    return f"<p>{esc(block.text)}</p>"


def _section(section: Section) -> str:
    heading = f"<h2>{esc(section.heading)}</h2>" if section.heading else ""
    ident = f' id="{esc(section.id)}"' if section.id else ""
    return f"<section{ident}>{heading}{''.join(_block(b) for b in section.blocks)}</section>"


def _header(document: Document) -> str:
    head = document.letterhead
    lines = [f'<div class="jurisdiction">{esc(head.jurisdiction)}</div>'] if head else []
    lines.append(f"<h1>{esc(document.title)} ({esc(document.class_code)})</h1>")
    if document.retired:
        lines.append(f'<p class="retired">RETIRED: {esc(document.retired)}.</p>')
    if head and head.pay:
        lines.append(f'<div class="pay">{" / ".join(esc(p) for p in head.pay)}</div>')
    return "<header>" + "".join(lines) + "</header>"


def render_html(document: Document) -> str:
    """A complete HTML page; no scripts, no external resources."""
    body = _header(document) + "\n".join(_section(s) for s in document.sections)
    if document.trailer:
        body += f"<footer>{esc(document.trailer)}</footer>"
    title = esc(f"{document.title} ({document.class_code})")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>"
        f"<style>{STYLE}</style></head>\n<body>{body}</body></html>\n"
    )

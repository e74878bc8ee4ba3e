"""The one Markdown escaper and the code-span builder, checked with a real CommonMark parser: whatever a
value holds, it renders as that text (one line), in every place the renderers put a value."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from specdiff.render.escape import code_span, escape_markdown
from specdiff.textutil import printable

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# Characters that mean something to Markdown, HTML or GitHub, plus letters, digits and blanks.
HOSTILE_ALPHABET = st.sampled_from(list("#>+-=*_`~|\\[](){}<>!&;:/.@$^'\"\t\n\r 0123456789aAwWgGhHxX\u00a0\u2028"))
VALUES = st.text(alphabet=HOSTILE_ALPHABET, max_size=40)
# GitHub links these in rendered text: mentions, issue and GH- references, bare URLs, www. links.
AUTOLINK = re.compile(r"[@#][\w-]|\bgh-\d|www\.|://", re.IGNORECASE)
PAYLOADS = [
    "\n\n# \u2705 Approved by HR\n\n    code\n\n---",
    "X`**\u2705 Approved by HR \u2014 merge when ready** <a href=x>y</a> @org/everyone <!--",
    "    indented code", "\tindented code", "- item", "+ item", "* item", "1. item", "12) item", "> quote",
    "# h1", "###### h6", "===", "---", "***", "___", "```python", "~~~", "<!--", "<details>", "<script>x</script>",
    "[x]: http://evil.example", "[x](http://evil.example)", "![i](http://e.x/i.png)", "<http://evil.example>",
    "| a | b |", "$\\Huge x$", "~~struck~~", "Title #", "a@b.example", "see GH-12 and #3 and org/repo#4",
    "https://evil.example www.evil.example", "&lt;b&gt; &amp; &#x41;", "trailing \\", "C# and F#",
]


def _flat(tokens: list[Token]) -> list[Token]:
    return [t for token in tokens for t in [token, *_flat(token.children or [])]]


def _expected(value: str) -> str:
    """What a value should read as once rendered: shown controls, one line."""
    return _folded(value).strip()


def _folded(value: str) -> str:
    return printable(re.sub(r"[ \t]*(?:\r\n?|\n)[ \t]*", " ", value))


def _text(tokens: list[Token]) -> str:
    return "".join(t.content for t in _flat(tokens) if t.type == "text").replace("\u200d", "")


def _kinds(tokens: list[Token]) -> list[str]:
    return [t.type for t in _flat(tokens)]


@pytest.mark.parametrize("value", PAYLOADS)
def test_a_payload_is_one_paragraph_of_its_own_text(value: str) -> None:
    tokens = MD.parse(escape_markdown(value))
    assert _kinds(tokens) == ["paragraph_open", "inline", "text", "paragraph_close"], escape_markdown(value)
    assert _text(tokens) == _expected(value)
    assert not AUTOLINK.search(tokens[1].children[0].content)  # type: ignore[index]


@settings(max_examples=400, deadline=None)
@given(VALUES)
def test_any_value_renders_as_its_own_text_only(value: str) -> None:
    tokens = MD.parse(escape_markdown(value))
    if not _expected(value):
        assert _text(tokens) == ""
        return
    assert _kinds(tokens) == ["paragraph_open", "inline", "text", "paragraph_close"], escape_markdown(value)
    assert _text(tokens) == _expected(value)
    assert not AUTOLINK.search(tokens[1].children[0].content)  # type: ignore[index]


CONTEXTS = {  # where the renderers put values, and the structure that must come out
    "heading": ("### {} (revised)", ["heading_open", "inline", "text", "heading_close"]),
    "item": ("- {}", ["bullet_list_open", "list_item_open", "paragraph_open", "inline", "text", "paragraph_close",
                      "list_item_close", "bullet_list_close"]),
    "quote": ("> {}", ["blockquote_open", "paragraph_open", "inline", "text", "paragraph_close",
                       "blockquote_close"]),
    "after a line": ("Comparing\n{}", ["paragraph_open", "inline", "text", "softbreak", "text", "paragraph_close"]),
    "inserted": ("x <ins>{}</ins> y", ["paragraph_open", "inline", "text", "html_inline", "text", "html_inline",
                                       "text", "paragraph_close"]),
}


@settings(max_examples=150, deadline=None)
@given(VALUES.filter(lambda v: bool(_expected(v))), st.sampled_from(sorted(CONTEXTS)))
def test_a_value_cannot_leave_its_place(value: str, context: str) -> None:
    template, kinds = CONTEXTS[context]
    tokens = MD.parse(template.format(escape_markdown(value)))
    found = [kind for kind in _kinds(tokens)]
    merged = [k for i, k in enumerate(found) if not (k == "text" and i and found[i - 1] == "text")]
    assert merged == kinds, template.format(escape_markdown(value))
    assert _expected(value) in _text(tokens)


@settings(max_examples=150, deadline=None)
@given(VALUES.filter(lambda v: bool(_expected(v))))
def test_a_value_stays_in_its_table_cell(value: str) -> None:
    table = f"| Class | Title |\n| --- | --- |\n| X | {escape_markdown(value)} |\n| Y | two |"
    tokens = _flat(MD.parse(table))
    assert [t.type for t in tokens].count("tr_open") == 3 and [t.type for t in tokens].count("td_open") == 4
    assert not {t.type for t in tokens} - {"table_open", "thead_open", "tr_open", "th_open", "inline", "text",
                                           "th_close", "tr_close", "thead_close", "tbody_open", "td_open",
                                           "td_close", "tbody_close", "table_close"}


@pytest.mark.parametrize("value", [*PAYLOADS, "`", "``", "a`", "`a", " a ", "a ``` b", "   "])
def test_a_code_span_holds_exactly_its_text(value: str) -> None:
    tokens = _flat(MD.parse(f"fix: {code_span(value)} done"))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "text", "code_inline", "text", "paragraph_close"]
    assert tokens[3].content == _folded(value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=HOSTILE_ALPHABET, min_size=1, max_size=40))
def test_any_code_span_holds_exactly_its_text(value: str) -> None:
    tokens = _flat(MD.parse(f"- fix: {code_span(value)}"))
    kinds = [t.type for t in tokens]
    assert kinds.count("code_inline") == 1 and "html_inline" not in kinds and "softbreak" not in kinds
    assert next(t for t in tokens if t.type == "code_inline").content == _folded(value)


def test_the_comment_forgery_payload_stays_inside_the_fix_span() -> None:
    code = "X`**\u2705 Approved by HR \u2014 merge when ready** <a href=x>y</a> @org/everyone <!--"
    fix = f"specdiff draft {code} --base main"
    line = f"- \u274c {escape_markdown(code)}: no record \u2014 fix: {code_span(fix)}"
    tokens = _flat(MD.parse(f"{line}\n\n### Overview"))
    kinds = [t.type for t in tokens]
    assert "strong_open" not in kinds and "html_inline" not in kinds and "html_block" not in kinds
    assert [t.content for t in tokens if t.type == "code_inline"] == [fix]
    assert ("heading_open", "h3") in [(t.type, t.tag) for t in tokens]  # the next section is not swallowed

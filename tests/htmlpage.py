"""An HTML page as tests inspect it: the elements it has and the text it shows."""
from __future__ import annotations

from html.parser import HTMLParser


class Page(HTMLParser):
    """Feed it a page; read `tags` (element names), `elements` (name, attributes) and `texts`."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    @property
    def tags(self) -> list[str]:
        return [tag for tag, _ in self.elements]

    @property
    def text(self) -> str:
        return "".join(self.texts)

"""The HTML summary in a real browser: headless Chromium (Debian's package) driven by Playwright.

Asserts what a person sees: every changed class present, insertions underlined and deletions
struck through, no console errors, no request leaving the page. Saves a screenshot in the test's
tmp dir. Skipped locally when chromium is missing; in CI (CI=true) a missing browser fails.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from browser import FLAGS, require_chromium
from gitrepo import SpecRepo

pytestmark = pytest.mark.browser


@pytest.fixture
def chromium() -> str:
    return require_chromium()


@pytest.fixture
def summary_page(tmp_path: Path, cli, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    repo = SpecRepo(tmp_path / "repo")
    repo.add_seed_spec("5258MP")
    repo.add_seed_spec("0029MP")
    repo.commit("main")
    repo.git("checkout", "-q", "-b", "pr")
    spec = repo.spec("5258MP")
    spec["duties"]["items"][2] = "Interprets and ensures consistent adherence to collective bargaining agreements;"
    spec["duties"]["items"].pop(5)
    spec["salary"]["group"] = "MP 67"
    repo.write(spec)
    other = repo.spec("0029MP")
    other["acknowledgement"] = ["<img src=x onerror=alert(1)> is text here."]
    repo.write(other)
    repo.commit("revise")
    monkeypatch.chdir(repo.root)
    page = tmp_path / "summary.html"
    assert cli("summary", "main", "--format", "html", "--output", str(page)).code == 1  # no record for MP 67 yet
    return page


def test_summary_page_in_headless_chromium(chromium: str, summary_page: Path, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("request", lambda request: requests.append(request.url))
        page.goto(summary_page.as_uri())
        for code in ("5258MP", "0029MP"):
            assert page.locator(f'article[id="{code}"]').is_visible()
            assert page.locator(f"table.overview >> text={code}").count() == 1
        inserted = page.locator('article[id="5258MP"] ins', has_text="consistent")
        assert inserted.is_visible()
        assert "underline" in inserted.evaluate("e => getComputedStyle(e).textDecorationLine")
        deleted = page.locator('article[id="5258MP"] del').first
        assert deleted.is_visible()
        assert "line-through" in deleted.evaluate("e => getComputedStyle(e).textDecorationLine")
        assert page.locator('article[id="5258MP"] section.changed').count() >= 2  # duties and salary information
        assert page.locator('article[id="0029MP"] img').count() == 0  # the spec's <img> is text, not an element
        assert page.get_by_text("<img src=x onerror=alert(1)> is text here.").is_visible()
        shot = tmp_path / "summary.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    assert shot.stat().st_size > 10_000

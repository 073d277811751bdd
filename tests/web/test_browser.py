"""The web page in headless Chromium (Debian's, driven by Playwright) against a real uvicorn server.

Pastes a reworded copy, checks the original and the highlighted passages appear, and saves screenshots
(desktop and phone width) into docs/screenshots/. Skips when Chromium or Playwright is missing, except
with CI=true, where that is a failure.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from newsdedup.synth import generate_articles, make_copy
from tests.serving import running_server

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("NEWSDEDUP_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _unavailable(reason: str) -> None:
    if _in_ci():
        pytest.fail(f"CI=true and the browser test must not skip: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def playwright_api() -> Any:
    """Playwright's sync API, or a skip (a failure in CI) saying what is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(
            "Playwright is not installed: pip install -e '.[browser]' (no `playwright install` needed)"
        )
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set NEWSDEDUP_CHROMIUM)")
    return sync_playwright


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A uvicorn process serving the app on a fresh SQLite file, on a free localhost port."""
    command = ["uvicorn", "newsdedup.api:create_app", "--factory", "--port", "{port}"]
    with running_server(command, tmp_path, database_url=f"sqlite:///{tmp_path / 'web.sqlite3'}") as base:
        yield base


def _seed(base: str) -> tuple[str, str, str]:
    """Index articles and copies of some; return the first's title and domain, and a fresh reworded copy."""
    generated = list(generate_articles(60, seed=202))
    original = generated[0]
    same_site = [article for article in generated[1:] if article.domain == original.domain][:3]
    others = same_site + [article for article in generated[1:] if article.domain != original.domain][:2]
    for article in (original, *others):
        body = {
            "url": article.url,
            "text": article.text,
            "title": article.title,
            "publisher": article.publisher,
            "published_at": article.published_at.isoformat(),
        }
        assert httpx.post(f"{base}/v1/articles", json=body).status_code == 201
    rng = random.Random(1)
    for number, article in enumerate((original, *others[:3])):
        for site, kind, days in (("daily-aggregator", "spun", 1), ("newsmirror", "truncated", 3)):
            body = {
                "url": f"https://{site}.example/{number}",
                "text": make_copy(article.text, kind, rng).text,
                "published_at": (article.published_at + timedelta(days=days + number)).isoformat(),
            }
            assert httpx.post(f"{base}/v1/articles", json=body).status_code == 201
    copy = make_copy(original.text, "roundtrip", random.Random(7)).text.split("\n\n")
    own = " ".join(others[0].text.split("\n\n")[1:3])
    middle = max(1, len(copy) // 2)
    pasted = [*copy[:middle], f"Our view: {own}", *copy[middle:], f"Source: {original.url}"]
    return original.title, original.domain, "\n\n".join(pasted)


def test_pasting_a_copy_shows_the_original_with_highlighted_passages(
    playwright_api: Any, server: str
) -> None:
    title, domain, copy = _seed(server)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with playwright_api() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{server}/")
            page.fill("#article", copy)
            page.fill("#published", "2024-01-03T10:00")
            page.click("button[type=submit]")
            page.wait_for_selector("#verdict")
            verdict = page.inner_text("#verdict")
            assert "Likely original" in verdict and title in verdict
            marks = page.locator("mark[data-passage]")
            assert marks.count() >= 4, "two passages at least, each highlighted on both sides"
            first = page.locator("mark[data-passage='1']")
            assert first.count() == 2, "passage 1 is highlighted on both sides"
            colours = {first.nth(i).evaluate("m => getComputedStyle(m).backgroundColor") for i in range(2)}
            assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}
            page.screenshot(path=str(SCREENSHOTS / "match.png"), full_page=False)

            page.set_viewport_size({"width": 390, "height": 844})
            page.reload()
            page.fill("#article", copy)
            page.fill("#published", "2024-01-03T10:00")
            page.click("button[type=submit]")
            page.wait_for_selector("#verdict")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"the page is {overflow}px wider than a phone screen"
            page.screenshot(path=str(SCREENSHOTS / "match-phone.png"), full_page=False)

            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(f"{server}/publishers/{domain}")
            assert page.locator("svg.chart rect.bar").count() >= 1
            assert "daily-aggregator.example" in page.inner_text("table")
            page.screenshot(path=str(SCREENSHOTS / "report.png"), full_page=True)
        finally:
            browser.close()

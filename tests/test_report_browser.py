"""The report in a real browser: every page of the built site loads in headless Chromium without a
console error, a broken image, or any request leaving this machine; the navigation and the PDF work.

Playwright for Python drives Debian's Chromium (/usr/bin/chromium; `.ci/run` installs it). Where it is
missing the tests skip and say why. The site is built from a fresh run of every notebook into a
temporary folder, so the committed results/ and figures/ are never touched.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import run_cli
from lib.delivery import report

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.is_file():
    pytest.skip(f"headless Chromium not found at {CHROMIUM}: install it (Debian: apt-get install chromium "
                "chromium-driver; .ci/run does) to test the report in a browser", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (requirements.txt)")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-extensions"]
LOCAL = {"127.0.0.1", "localhost", "::1"}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """`python -m lib report` on a fresh output folder: runs every notebook, builds the site and the PDF."""
    out = tmp_path_factory.mktemp("report")
    env = dict(os.environ, GENEVA_OUT=str(out), GENEVA_OFFLINE_GUARD="1")
    env.pop("GENEVA_CORPUS", None)
    result = run_cli("report", "--chromium", str(CHROMIUM), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return out / "site"


@pytest.fixture(scope="module")
def server(site):
    """The site served over HTTP on 127.0.0.1 (a random free port), as a classroom machine would."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Watch:
    """Records, for one browser page, every problem the site must not have."""

    def __init__(self, page):
        self.problems: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"script error: {e}"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"HTTP {r.status}: {r.url}"))
        page.on("requestfailed", lambda r: r.url not in self.outside and
                self.problems.append(f"failed request: {r.url} ({r.failure})"))
        page.route("**/*", self._only_local)

    def _only_local(self, route):
        url = urlparse(route.request.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL:
            self.outside.append(route.request.url)   # never let it out: record it and fail the test
            route.abort()
        else:
            route.continue_()


def open_page(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    watch = Watch(page)
    page.goto(url, wait_until="load")
    return page, watch


def broken_images(page) -> list[str]:
    return page.evaluate("Array.from(document.images)"
                         ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src.slice(0, 80))")


def unlabelled_images(page) -> list[str]:
    """Images without alternative text (a screen reader would say only "image")."""
    return page.evaluate("Array.from(document.images)"
                         ".filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.src.slice(0, 80))")


def test_every_page_loads_cleanly_and_stays_on_this_machine(site, server, browser):
    pages = sorted(p.name for p in site.glob("*.html"))
    assert "index.html" in pages and len(pages) >= 2
    problems, images = {}, 0
    for name in pages:
        page, watch = open_page(browser, server + name)
        found = watch.problems + [f"outside request: {u}" for u in watch.outside]
        found += [f"image does not load: {src}" for src in broken_images(page)]
        found += [f"image has no alt text: {src}" for src in unlabelled_images(page)]
        images += page.evaluate("document.images.length")
        if found:
            problems[name] = found
        page.close()
    assert problems == {}
    assert images > 0, "no image on any page: the image check above checked nothing"


def test_the_watch_catches_what_it_must(browser, server, site, tmp_path):
    """The checks above can fail: a page with a CDN script, a broken image and a script error."""
    bad = site / "zz-bad-test-page.html"
    bad.write_text('<html><head><script src="https://cdn.example.org/require.js"></script></head><body>'
                   '<img src="missing.png"><script>undefined_function()</script></body></html>', encoding="utf-8")
    try:
        page, watch = open_page(browser, server + bad.name)
        assert watch.outside == ["https://cdn.example.org/require.js"]
        assert any("404" in p for p in watch.problems) and any("undefined_function" in p for p in watch.problems)
        assert broken_images(page) != [] and unlabelled_images(page) != []
        page.close()
    finally:
        bad.unlink()


def test_the_navigation_reaches_every_page_and_the_pdf(site, server, browser):
    page, watch = open_page(browser, server)
    links = page.eval_on_selector_all("nav.geneva-nav a", "els => els.map(a => a.getAttribute('href'))")
    assert sorted(links) == sorted([p.name for p in site.glob("*.html")] + [report.PDF_NAME])
    for href in links:
        if href == report.PDF_NAME:
            continue
        page.click(f"nav.geneva-nav a[href='{href}']")
        page.wait_for_load_state("load")
        assert page.url == server + href
        assert page.eval_on_selector("nav.geneva-nav a[aria-current='page']", "a => a.getAttribute('href')") == href
        assert page.inner_text("h1")
    pdf = page.request.get(server + report.PDF_NAME)
    assert pdf.status == 200 and pdf.body()[:5] == b"%PDF-"
    assert watch.problems == [] and watch.outside == []
    page.close()


def test_the_pdf_is_a_print_of_the_write_up(site):
    data = (site / report.PDF_NAME).read_bytes()
    assert data[:5] == b"%PDF-" and data.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", data)) >= 2


def test_front_page_screenshot(site, server, browser, tmp_path):
    """Saves what a reader sees first (and, with GENEVA_REPORT_SCREENSHOT=path, keeps a copy there)."""
    page, watch = open_page(browser, server)
    shot = tmp_path / "report-front-page.png"
    page.screenshot(path=str(shot))
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert "Write-up" in page.inner_text("h1")
    if os.environ.get("GENEVA_REPORT_SCREENSHOT"):
        shutil.copy(shot, os.environ["GENEVA_REPORT_SCREENSHOT"])
    page.close()

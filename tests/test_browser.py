"""The reports in a real browser: headless Chromium (Debian's package), driven by playwright, offline.

Every report of a run (the index, the summary, each audit) is opened from file:// with the network
off and every non-file request aborted and recorded: no request may leave the page, none may fail,
no console error. The findings tables (itables/DataTables) filter rows when text is typed in their
search box, the charts (inline SVG) are drawn, and values from the inputs stay text (no live
element, no script). Screenshots go to test-artifacts/browser/ (gitignored).

Skipped, with the reason, only where no browser can be had: no Chromium on the machine, or no
playwright package. Never `playwright install`: the browser is the system's.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from audit_lib.audits import implemented
from tests import test_bad_inputs, test_privacy

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome-stable")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("file:", "data:", "blob:", "about:")


def find_chromium() -> str | None:
    for name in CHROMIUM:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip(
        "playwright.sync_api",
        reason="the playwright package is not installed (pip install playwright==1.65.2)",
    )
    executable = find_chromium()
    if executable is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def full_run(tmp_path_factory) -> test_privacy.SampleRun:
    """Every implemented audit on the sample (the same run as test_privacy's)."""
    return test_privacy.sample_run(tmp_path_factory)


@pytest.fixture(scope="session")
def hostile_run(tmp_path_factory) -> test_bad_inputs.Run:
    """ROPA on a register with hostile values (the same run as test_bad_inputs')."""
    return test_bad_inputs.hostile_ropa_run(tmp_path_factory)


@dataclass
class Visit:
    """A page opened offline, with everything that went wrong while it loaded and ran."""

    page: object
    blocked: list[str] = field(default_factory=list)  # requests that tried to leave the machine
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    dialogs: list[str] = field(default_factory=list)  # alert(), confirm(): injected script ran

    def problems(self) -> dict[str, list[str]]:
        found = {
            "blocked requests": self.blocked,
            "failed requests": self.failed,
            "console errors": self.errors,
            "dialogs": self.dialogs,
        }
        return {kind: items for kind, items in found.items() if items}


def visit(browser, path: Path) -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_offline(True)
    page = context.new_page()
    seen = Visit(page)

    def route(request_route):
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            seen.blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    page.on(
        "console",
        lambda message: seen.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: seen.errors.append(str(error)))
    page.on(
        "requestfailed",
        lambda request: (
            seen.failed.append(f"{request.url} ({request.failure})")
            if request.url.startswith("file:")
            else None
        ),
    )
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(path.resolve().as_uri(), wait_until="load")
    if page.locator(".gdpr-interactive").count():
        page.wait_for_selector(".gdpr-interactive table.dataTable", timeout=15_000)
    page.wait_for_timeout(200)  # anything scheduled on load has run
    return seen


def screenshot(seen: Visit, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    seen.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def report_links(browser, index: Path) -> list[str]:
    seen = visit(browser, index)
    hrefs = seen.page.eval_on_selector_all(
        "a[href]", "links => links.map(a => a.getAttribute('href'))"
    )
    assert seen.problems() == {}
    screenshot(seen, "run-index")
    seen.page.context.close()
    local = [href for href in hrefs if not re.match(r"^[a-z]+:", href) and not href.startswith("#")]
    for href in local:
        assert (index.parent / href).is_file(), f"index.html links to a missing file: {href}"
    return [href for href in local if href.endswith(".html")]


def test_every_report_opens_offline_with_no_failed_request_and_no_console_error(full_run, browser):
    pages = report_links(browser, full_run.out / "index.html")
    expected = {"summary.html"} | {f"{name}.html" for name in implemented()}
    assert expected <= set(pages)
    for name in pages:
        seen = visit(browser, full_run.out / name)
        assert seen.problems() == {}, name
        charts = seen.page.locator("figure.gdpr-figure svg")
        assert charts.count() >= 1, f"{name}: no chart"
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box and box["width"] > 100 and box["height"] > 50, f"{name}: chart {i} not drawn"
        assert seen.page.locator("text=Traceback").count() == 0
        screenshot(seen, f"run-{name.removesuffix('.html')}")
        seen.page.context.close()


def rows_of(page, table_id: str) -> list[str]:
    return page.eval_on_selector_all(f"#{table_id} tbody tr", "rows => rows.map(r => r.innerText)")


def test_findings_tables_filter_rows_when_text_is_typed(full_run, browser):
    searched = []
    for audit in implemented():
        seen = visit(browser, full_run.out / f"{audit}.html")
        page = seen.page
        table_id = f"{audit}-findings"
        search = page.locator(f"#{table_id}_wrapper input[type=search]")
        if page.locator(f"#{table_id}").count() == 0 or search.count() == 0:
            seen.page.context.close()  # no findings, or few enough for one page (no search box)
            continue
        before = rows_of(page, table_id)
        record_key = page.locator(f"#{table_id} tbody tr").nth(1).locator("td").nth(2).inner_text()
        search.fill("")
        search.type(record_key, delay=5)
        page.wait_for_timeout(300)
        after = rows_of(page, table_id)
        assert 1 <= len(after) and all(record_key in row for row in after), (audit, record_key)
        info = page.locator(f"#{table_id}_wrapper .dt-info").inner_text()
        assert "filtered from" in info, info
        assert len(after) < len(before) or "filtered from" in info
        search.fill("no finding has this text")
        page.wait_for_timeout(300)
        assert rows_of(page, table_id) == ["No matching records found"]
        assert seen.problems() == {}
        screenshot(seen, f"run-{audit}-search")
        seen.page.context.close()
        searched.append(audit)
    assert searched, "no findings table with a search box in any report"


def test_values_from_the_inputs_stay_text_in_the_browser(hostile_run, browser):
    """A processing activity named <script>alert(1)</script>, another <img src=x onerror=...>, a
    country <svg onload=...>: shown as text, never as live elements (no dialog, no request)."""
    seen = visit(browser, hostile_run.out / "ropa.html")
    page = seen.page
    screenshot(seen, "hostile-ropa")
    assert seen.problems() == {}  # an <img src=x> would have requested file:///.../x
    live = page.evaluate(
        r"""() => ({
            img: document.querySelectorAll('img[src="x"], img[onerror]').length,
            onload: document.querySelectorAll('[onload], [onerror]').length,
            // a script made from a value, or a value embedded unescaped in the table's data
            scripts: [...document.scripts].filter(s => s.textContent.trim() === 'alert(1)'
                || /<(script|img|svg)\b[^>]*alert\(1\)/i.test(s.textContent)).length,
        })"""
    )
    assert live == {"img": 0, "onload": 0, "scripts": 0}
    text = page.locator("body").inner_text()
    for value in (
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
    ):
        assert value in text, value

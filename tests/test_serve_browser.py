"""`kb serve` in a real browser: Debian's Chromium, driven by Selenium through chromedriver, on 127.0.0.1.

Search by keyboard, open an event, follow a source, filter events, download a CSV — with every message
the browser logs at SEVERE counted as a failure, and the basics of accessibility checked (a label for every
field, a title for every drawing, a skip link reached first by Tab, text contrast of at least 4.5:1). Screenshots go to the test's folder;
`tools/update_docs.py` runs this module with KB_SCREENSHOTS=docs/serve to refresh the ones the docs show.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from helpers import ALL_EXAMPLES
from serve_server import KB, Served

CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER),
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)",
)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    store = tmp_path_factory.mktemp("browser") / "store"
    subprocess.run([KB, "--store", str(store), "ingest", str(ALL_EXAMPLES)], check=True, capture_output=True)
    server = Served(store)
    yield server
    err = server.stop()
    assert "Traceback" not in err, err


@pytest.fixture(scope="module")
def downloads(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1300,1000",
                "--disable-dev-shm-usage", "--no-first-run"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture
def shots(tmp_path) -> list[Path]:
    """Folders screenshots go to: the test's own, and KB_SCREENSHOTS when set (the docs')."""
    folders = [tmp_path]
    if os.environ.get("KB_SCREENSHOTS"):
        folders.append(Path(os.environ["KB_SCREENSHOTS"]))
    for f in folders:
        f.mkdir(parents=True, exist_ok=True)
    return folders


def _wait_for(browser, fragment: str) -> None:
    """Wait until the browser is on a page whose URL holds ``fragment`` and that has loaded (a click or a form
    submit navigates after the call returns: reading the page at once could read the one before)."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 20).until(
        lambda b: fragment in b.current_url and b.execute_script("return document.readyState") == "complete"
    )


def _snap(browser, shots: list[Path], name: str) -> None:
    for folder in shots:
        browser.save_screenshot(str(folder / name))


def _no_errors(browser) -> None:
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


_LOW_CONTRAST = """
    // WCAG 2 contrast of each element's own text against the first opaque background behind it
    const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
      .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
      return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const alpha = c => { const m = c.match(/[\\d.]+/g); return m.length > 3 ? Number(m[3]) : 1; };
    const bg = el => { for (let e = el; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
      if (alpha(c) > 0.5) return c; } return 'rgb(255, 255, 255)'; };
    const low = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg')) continue;
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden, .skip')) continue;
      const [a, b] = [lum(style.color), lum(bg(el))];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && style.fontWeight >= 700);
      if (ratio < (large ? 3 : 4.5)) low.push(el.tagName + ' ' + ratio.toFixed(2) + ' ' + el.textContent.trim().slice(0, 40));
    }
    return low;"""


def _accessible(browser) -> None:
    """Every field labelled, every drawing titled, the page's language given, text contrast at WCAG AA."""
    unlabelled = browser.execute_script("""
        return [...document.querySelectorAll('input, select, textarea')]
          .filter(el => el.type !== 'hidden' && !el.labels.length && !el.getAttribute('aria-label'))
          .map(el => el.outerHTML);""")
    assert unlabelled == []
    untitled = browser.execute_script("return [...document.querySelectorAll('svg')].filter(s => !s.querySelector('title')).length")
    assert untitled == 0
    assert browser.execute_script("return document.documentElement.lang") == "en"
    assert browser.execute_script(_LOW_CONTRAST) == []


def test_search_open_an_event_and_follow_a_source(browser, served, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(served.url + "/")
    _accessible(browser)
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)  # the first stop is the skip link
    assert browser.switch_to.active_element.text == "Skip to content"
    box = browser.find_element(By.ID, "q")
    box.send_keys("who mediated Israel–Syria talks after Dec 2024", Keys.ENTER)  # by keyboard
    _wait_for(browser, "/ask?q=")
    assert "United States" in browser.find_element(By.CLASS_NAME, "who").text
    assert browser.find_elements(By.CSS_SELECTOR, "svg.timeline")
    _accessible(browser)
    _no_errors(browser)
    _snap(browser, shots, "answer.png")

    link = browser.find_element(By.LINK_TEXT,
                                "Israeli and Syrian delegates meet in Paris in talks overseen by the United States")
    link.click()
    _wait_for(browser, "/id/event/")
    assert browser.current_url.endswith("/id/event/washington-examiner-2026-01-06/paris-talks")
    sources = {a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "figure.quote a.source")}
    assert len(sources) == 5  # five articles report it, each quoted
    _no_errors(browser)
    _snap(browser, shots, "event.png")

    browser.find_elements(By.CSS_SELECTOR, "a.source")[0].click()  # follow a source to its article
    _wait_for(browser, "/id/article/")
    assert "events it reports" in browser.find_element(By.TAG_NAME, "main").text
    _no_errors(browser)


def test_filter_events_and_download_a_csv(browser, served, downloads, shots):
    from selenium.webdriver.common.by import By

    browser.get(served.url + "/events")
    for field, value in (("actor1", "Israel"), ("actor2", "Syria"), ("since", "2025"), ("until", "2025")):
        browser.find_element(By.ID, field).send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "form.filters button").click()
    _wait_for(browser, "since=2025")  # a stable URL: the filter is in it
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows tbody tr")
    assert rows
    marks = browser.find_elements(By.CSS_SELECTOR, "svg.timeline g.event")
    assert len(marks) == len(rows)
    _accessible(browser)
    _no_errors(browser)
    _snap(browser, shots, "events.png")

    browser.find_element(By.LINK_TEXT, "CSV").click()
    target = downloads / "events.csv"
    deadline = time.monotonic() + 20
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    with target.open(encoding="utf-8") as f:
        downloaded = list(csv.DictReader(f))
    assert len(downloaded) == len(rows)


def test_the_sparql_page_runs_the_founding_query(browser, served):
    from selenium.webdriver.common.by import By

    browser.get(served.url + "/sparql")
    _accessible(browser)
    browser.find_element(By.CSS_SELECTOR, "main form button").click()
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def loaded_text(b) -> str:  # the form posts to the same URL: read the page only once the new one is loaded
        try:
            return b.execute_script("return document.readyState === 'complete' ? document.body.innerText : ''")
        except WebDriverException:  # the old page's nodes, gone mid-navigation
            return ""

    WebDriverWait(browser, 20).until(lambda b: "United States" in loaded_text(b))


def test_the_map_filters_by_place(browser, served, shots):
    from selenium.webdriver.common.by import By

    browser.get(served.url + "/map?actor=Israel&actor=Syria")
    _accessible(browser)
    circles = browser.find_elements(By.CSS_SELECTOR, "svg.map circle.place")
    assert circles
    paris = next(c for c in circles if c.find_element(By.TAG_NAME, "title").get_attribute("textContent").startswith("Paris"))
    _no_errors(browser)
    _snap(browser, shots, "map.png")
    browser.execute_script("arguments[0].closest('a').dispatchEvent(new MouseEvent('click', {bubbles: true}))", paris)
    _wait_for(browser, "place=Paris")
    assert "actor=Israel" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows tbody tr")
    assert len(rows) == 2 and all("Paris" in r.text for r in rows)

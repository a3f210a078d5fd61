"""The site in a real headless browser (Debian's chromium through Selenium), against the
real server started with `newskg serve` on a free loopback port. Screenshots of each page
are saved to test-artifacts/screenshots/."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from conftest import REPO
from pages_data import SCRIPT_HEADLINE, ingested_store, rebased_copy
from server_helpers import free_port
from server.editor_assets import available as editor_available

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = REPO / "test-artifacts" / "screenshots"

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install selenium)")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """`newskg serve` over a copy of the ingested store whose IRIs live at the server's own address."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    root = tmp_path_factory.mktemp("browser")
    store = rebased_copy(ingested_store(tmp_path_factory.getbasetemp() / "pages"), root / "store", url + "/")
    env = {**os.environ, "NEWSKG_BASE": url + "/"}
    env.pop("NEWSKG_UPDATE_TOKEN", None)
    exe = Path(sys.executable).with_name("newskg")
    log = open(root / "server.log", "wb")
    server = subprocess.Popen([str(exe), "serve", "--store", str(store), "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail("the server exited: " + (root / "server.log").read_text(errors="replace"))
            try:
                if requests.get(url + "/", timeout=1).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("the server did not start")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def screenshot(driver, name: str, width: int = 1280) -> Path:
    """A full-page screenshot at the given window width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 600)")
    driver.set_window_size(width, min(height + 120, 6000))
    path = SCREENSHOTS / f"{name}.png"
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)
    return path


def test_home_page_lists_the_articles(site, browser):
    browser.get(site + "/")
    assert "NewsKG" in browser.title
    headlines = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "ol.articles a.headline")]
    assert len(headlines) == 3
    assert SCRIPT_HEADLINE in headlines  # shown as text, not run
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert  # the headline's script never ran
    screenshot(browser, "home")
    screenshot(browser, "home-phone", width=390)


def test_article_page_shows_the_positions_table(site, browser):
    browser.get(site + "/")
    link = next(a for a in browser.find_elements(By.CSS_SELECTOR, "ol.articles a.headline")
                if "not ready" in a.text.lower())
    link.click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.positions")))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.positions tbody tr")
    assert rows
    badges = browser.find_elements(By.CSS_SELECTOR, "table.positions .badge")
    assert {b.text for b in badges} & {"supports", "opposes", "hesitant", "conditional", "neutral"}
    holder_links = browser.find_elements(By.CSS_SELECTOR, "table.positions tbody td:first-child a")
    assert all(a.get_attribute("href").startswith(site + "/id/actor/") for a in holder_links)
    screenshot(browser, "article")
    screenshot(browser, "article-phone", width=390)
    holder_links[0].click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    assert "/id/actor/" in browser.current_url
    screenshot(browser, "actor")


def test_proposition_page_draws_its_chart(site, browser):
    browser.get(site + "/")
    browser.find_elements(By.CSS_SELECTOR, "ol.articles a.headline")[0].click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.positions")))
    rows = browser.find_elements(By.CSS_SELECTOR, "table.positions tbody tr")
    opposed = [r for r in rows if r.find_elements(By.CSS_SELECTOR, ".stance-opposes")] or rows
    opposed[0].find_element(By.CSS_SELECTOR, "td:nth-child(3) a").click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "figure.chart svg")))
    assert browser.find_elements(By.CSS_SELECTOR, "figure.chart svg circle")
    screenshot(browser, "proposition")


# the plain query page is what browsers get when YASGUI is not installed (no npm install);
# with it, tests/test_browser_editor.py tests the editor
plain_query_page = pytest.mark.skipif(editor_available(), reason="YASGUI is installed: test_browser_editor.py")


@plain_query_page
def test_query_page_runs_an_example_and_links_the_results(site, browser):
    browser.get(site + "/sparql")
    examples = browser.find_elements(By.CSS_SELECTOR, "button.example")
    assert len(examples) == 8
    examples[0].click()  # actors an article mentions
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#results table tbody tr")))
    rows = browser.find_elements(By.CSS_SELECTOR, "#results table tbody tr")
    assert rows
    links = browser.find_elements(By.CSS_SELECTOR, "#results table a")
    own = [a for a in links if a.get_attribute("href").startswith(site + "/id/")]
    assert own, "IRIs of our resources are links into the pages"
    assert "result" in browser.find_element(By.ID, "status").text
    screenshot(browser, "query")
    own[0].click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    assert browser.current_url.startswith(site + "/id/")


@plain_query_page
def test_query_page_shows_errors_readably(site, browser):
    browser.get(site + "/sparql")
    editor = browser.find_element(By.ID, "query")
    editor.clear()
    editor.send_keys("SELECT * WHERE { ?s ?p }")
    from selenium.webdriver.common.keys import Keys
    editor.send_keys(Keys.CONTROL, Keys.ENTER)  # Ctrl+Enter runs the query
    error = WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, "#results .error")))
    assert error.text.strip()
    assert "400" in browser.find_element(By.ID, "results").text
    screenshot(browser, "query-error")


def test_vocabulary_pages_render(site, browser):
    for path, name in (("/ontology", "ontology"), ("/shapes", "shapes"), ("/.well-known/void", "void")):
        browser.get(site + path)
        assert browser.find_element(By.TAG_NAME, "h1").text
        screenshot(browser, name)


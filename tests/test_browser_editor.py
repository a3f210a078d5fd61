"""The YASGUI query page in a real headless browser: an example runs, a column sorts, the answer
downloads as CSV, the share link opens the same query, and a 100,000-row answer is drawn capped
without freezing the page. Screenshots go to test-artifacts/screenshots/."""
from __future__ import annotations

import time
from urllib.parse import unquote

import pytest

from kg.reconciliation import normalised
from server.editor_assets import ROW_CAP, available
from test_browser import By, EC, WebDriverWait, browser, screenshot, site  # noqa: F401  (fixtures)

if not available():
    pytest.skip("YASGUI is not installed (npm install, run by make setup)", allow_module_level=True)

ROWS = "#yasgui .yasr table.dataTable tbody tr"
HUNDRED_THOUSAND = """SELECT ?n WHERE {
  VALUES ?a { 0 1 2 3 4 5 6 7 8 9 } VALUES ?b { 0 1 2 3 4 5 6 7 8 9 } VALUES ?c { 0 1 2 3 4 5 6 7 8 9 }
  VALUES ?d { 0 1 2 3 4 5 6 7 8 9 } VALUES ?e { 0 1 2 3 4 5 6 7 8 9 }
  BIND(?a * 10000 + ?b * 1000 + ?c * 100 + ?d * 10 + ?e AS ?n) }"""


def open_editor(site, browser):
    browser.execute_script("window.localStorage.clear()") if browser.current_url.startswith(site) else None
    browser.get(site + "/sparql")
    WebDriverWait(browser, 20).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror")))


def set_query(browser, text: str) -> None:
    browser.execute_script("window.newskgYasgui.getTab().setQuery(arguments[0])", text)


def run(browser) -> None:
    browser.execute_script("window.__drawn = false; window.newskgYasgui.getTab().getYasr().once('drawn', "
                           "function () { window.__drawn = true; }); window.newskgYasgui.getTab().query()")
    WebDriverWait(browser, 60).until(lambda b: b.execute_script("return window.__drawn"))


def column(browser, index: int) -> list[str]:
    return [td.text for td in browser.find_elements(By.CSS_SELECTOR, f"{ROWS} td:nth-child({index})")]


def sort_by(browser, index: int, direction: str) -> list[str]:
    """Clicks the column's heading until the table says it is sorted that way; the column's cells."""
    heading = f"#yasgui .yasr table.dataTable thead th:nth-child({index})"
    for _ in range(3):
        if browser.find_element(By.CSS_SELECTOR, heading).get_attribute("aria-sort") == direction:
            break
        browser.find_element(By.CSS_SELECTOR, heading).click()
        WebDriverWait(browser, 10).until(
            lambda b: b.find_element(By.CSS_SELECTOR, heading).get_attribute("aria-sort") in ("ascending", "descending"))
    assert browser.find_element(By.CSS_SELECTOR, heading).get_attribute("aria-sort") == direction
    return column(browser, index)


def test_an_example_runs_and_its_results_link_into_the_pages(site, browser):
    open_editor(site, browser)
    examples = browser.find_elements(By.CSS_SELECTOR, "button.example")
    assert len(examples) == 8
    examples[0].click()
    WebDriverWait(browser, 20).until(EC.presence_of_element_located((By.CSS_SELECTOR, ROWS)))
    assert browser.find_element(By.ID, "question").text
    assert examples[0].get_attribute("aria-pressed") == "true"
    assert browser.find_elements(By.CSS_SELECTOR, ".CodeMirror .cm-keyword"), "the query is highlighted"
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, f"{ROWS} a")]
    assert any(h.startswith(site + "/id/") for h in links if h)
    screenshot(browser, "editor-example")
    set_query(browser, "SELECT * WHERE { ?s ?p ?o } LIMIT 1")   # an edit: the example is no longer selected
    assert examples[0].get_attribute("aria-pressed") == "false"
    assert browser.find_element(By.ID, "question").text == ""


def test_sorting_a_column_and_downloading_csv(site, browser, tmp_path):
    open_editor(site, browser)
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    set_query(browser, "PREFIX schema: <https://schema.org/>\nSELECT ?name WHERE { ?a a <https://w3id.org/newskg/ns#Actor> ; schema:name ?name }")
    run(browser)
    assert browser.find_element(By.CSS_SELECTOR, "#yasgui .yasr table.dataTable thead th:nth-child(2)").text.lower() == "name"
    ascending = sort_by(browser, 2, "ascending")
    assert len(ascending) > 5 and ascending == sorted(ascending, key=normalised)   # accents sort with their letter
    descending = sort_by(browser, 2, "descending")
    assert descending == sorted(descending, key=normalised, reverse=True)
    browser.find_element(By.CSS_SELECTOR, "#yasgui .yasr_downloadIcon").click()
    deadline = time.monotonic() + 15
    while not list(tmp_path.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    files = list(tmp_path.glob("*.csv"))
    assert files, "a CSV file was downloaded"
    import csv
    with files[0].open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["name"] and ["Péter Szijjártó"] in rows[1:]


def test_the_share_link_opens_the_same_query(site, browser):
    open_editor(site, browser)
    query = "SELECT ?s WHERE { ?s a <https://schema.org/NewsArticle> } LIMIT 2"
    set_query(browser, query)
    link = browser.execute_script("return window.newskgYasgui.getTab().getShareableLink()")
    assert link.startswith(site + "/sparql")
    browser.switch_to.new_window("tab")
    try:
        browser.get(link)
        WebDriverWait(browser, 20).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#yasgui .CodeMirror")))
        shown = browser.execute_script("return window.newskgYasgui.getTab().getQuery()")
        assert shown.strip() == query
        screenshot(browser, "editor-shared")
    finally:
        browser.close()
        browser.switch_to.window(browser.window_handles[0])


def test_a_hundred_thousand_rows_are_drawn_capped_and_the_page_stays_responsive(site, browser):
    open_editor(site, browser)
    set_query(browser, HUNDRED_THOUSAND)
    run(browser)
    notice = WebDriverWait(browser, 60).until(EC.visibility_of_element_located((By.ID, "capped")))
    assert "100,000" in notice.text and f"{ROW_CAP:,}" in notice.text
    WebDriverWait(browser, 30).until(EC.presence_of_element_located((By.CSS_SELECTOR, ROWS)))
    assert len(browser.find_elements(By.CSS_SELECTOR, ROWS)) == 50   # one page of the table at a time
    info = browser.execute_script("return window.newskgYasgui.getTab().getYasr().results.getBindings().length")
    assert info == ROW_CAP
    assert notice.find_elements(By.CSS_SELECTOR, "button.download-all")
    screenshot(browser, "editor-capped")


def test_tab_leaves_the_editor(site, browser):
    from selenium.webdriver.common.keys import Keys
    open_editor(site, browser)
    browser.find_element(By.CSS_SELECTOR, "#yasgui .CodeMirror").click()
    browser.switch_to.active_element.send_keys(Keys.TAB)
    active = browser.switch_to.active_element
    assert active.tag_name != "textarea" or not active.find_elements(By.XPATH, "ancestor::div[contains(@class,'CodeMirror')]")


def test_a_bad_query_shows_the_endpoints_message(site, browser):
    open_editor(site, browser)
    set_query(browser, "SELECT * WHERE { ?s ?p }")
    run(browser)
    error = WebDriverWait(browser, 20).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "#yasgui .yasr .errorResult")))
    assert "400" in error.text or "error" in error.text.lower()
    screenshot(browser, "editor-error")

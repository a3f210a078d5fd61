"""Finding things in a real headless browser: the search box's suggestions, the browse pages,
and no page wider than a phone's screen. Screenshots go to test-artifacts/screenshots/."""
from __future__ import annotations

from test_browser import By, EC, WebDriverWait, browser, screenshot, site  # noqa: F401  (fixtures)

PHONE = 390


def test_typing_part_of_an_accented_name_suggests_it(site, browser):
    browser.get(site + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.site-search input[name=q]")
    box.send_keys("szijj")   # no accents typed
    suggestion = WebDriverWait(browser, 10).until(
        EC.visibility_of_element_located((By.CSS_SELECTOR, "ul.suggestions li a")))
    assert "Péter Szijjártó" in suggestion.text
    screenshot(browser, "search-suggestions")
    suggestion.click()
    WebDriverWait(browser, 10).until(EC.url_contains("/id/actor/peter-szijjarto"))
    assert "Szijjártó" in browser.find_element(By.TAG_NAME, "h1").text


def test_keyboard_picks_a_suggestion_and_enter_without_one_opens_the_results(site, browser):
    from selenium.webdriver.common.keys import Keys
    browser.get(site + "/ontology")
    box = browser.find_element(By.CSS_SELECTOR, "form.site-search input[name=q]")
    box.send_keys("hungar")
    WebDriverWait(browser, 10).until(EC.visibility_of_element_located((By.CSS_SELECTOR, "ul.suggestions li")))
    box.send_keys(Keys.ARROW_DOWN, Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_contains("/id/"))
    browser.get(site + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.site-search input[name=q]")
    box.send_keys("nato", Keys.ENTER)
    WebDriverWait(browser, 10).until(EC.url_contains("/search?q=nato"))
    kinds = {b.text.lower() for b in browser.find_elements(By.CSS_SELECTOR, "ol.search-results .kind-badge")}
    assert {"actor", "proposition"} <= kinds
    screenshot(browser, "search-results")


def test_paging_through_the_actors(site, browser):
    browser.get(site + "/")
    browser.find_element(By.CSS_SELECTOR, '.counts a[href="/actors"]').click()
    WebDriverWait(browser, 10).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.index tbody tr")))
    first = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.index tbody td:first-child a")]
    assert first
    screenshot(browser, "actors")
    screenshot(browser, "actors-phone", width=PHONE)
    browser.get(site + "/actors?per_page=5")   # the test store has a few dozen actors
    browser.find_element(By.CSS_SELECTOR, "table.index th a[href*='sort=name']").click()
    WebDriverWait(browser, 10).until(EC.url_contains("sort=name"))
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.index tbody td:first-child a")]
    assert names == sorted(names, key=str.casefold)
    browser.find_element(By.CSS_SELECTOR, "nav.pager a[rel=next]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("page=2"))
    second = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.index tbody td:first-child a")]
    assert second and not set(second) & set(names)
    assert sorted(names + second, key=str.casefold) == names + second
    browser.find_element(By.CSS_SELECTOR, "nav.pager a[rel=prev]").click()
    WebDriverWait(browser, 10).until(EC.url_contains("page=1"))


def _pages(site, browser) -> list[str]:
    """One page of every kind: the fixed pages and the first entry of each index."""
    paths = ["/", "/search?q=nato", "/actors", "/propositions", "/events", "/articles", "/sparql",
             "/ontology", "/shapes", "/.well-known/void"]
    for name in ("actors", "propositions", "events", "articles"):
        browser.get(f"{site}/{name}")
        links = browser.find_elements(By.CSS_SELECTOR, "table.index tbody td a[href*='/id/']")
        if links:
            paths.append(links[0].get_attribute("href")[len(site):])
    return paths


def test_no_page_is_wider_than_a_phone(site, browser):
    paths = _pages(site, browser)
    wide = {}
    browser.set_window_size(PHONE, 900)
    try:
        for path in paths:
            browser.get(site + path)
            width = browser.execute_script("return document.documentElement.scrollWidth")
            viewport = browser.execute_script("return document.documentElement.clientWidth")
            if width > viewport:
                wide[path] = (width, viewport)
    finally:
        browser.set_window_size(1280, 1000)
    for name, path in (("search-phone", "/search?q=nato"), ("propositions-phone", "/propositions")):
        browser.get(site + path)
        screenshot(browser, name, width=PHONE)
    assert not wide, wide

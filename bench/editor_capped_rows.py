"""How long the query page takes to show a 100,000-row answer (capped to the first rows), and how
long the page's main thread is blocked meanwhile, in headless Chromium against a running server.

    python -m bench.editor_capped_rows http://127.0.0.1:8080
"""
from __future__ import annotations

import sys

HUNDRED_THOUSAND = """SELECT ?n WHERE {
  VALUES ?a { 0 1 2 3 4 5 6 7 8 9 } VALUES ?b { 0 1 2 3 4 5 6 7 8 9 } VALUES ?c { 0 1 2 3 4 5 6 7 8 9 }
  VALUES ?d { 0 1 2 3 4 5 6 7 8 9 } VALUES ?e { 0 1 2 3 4 5 6 7 8 9 }
  BIND(?a * 10000 + ?b * 1000 + ?c * 100 + ?d * 10 + ?e AS ?n) }"""

MEASURE = """
const done = arguments[arguments.length - 1];
let longest = 0, last = performance.now();
const tick = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last - 50); last = now; }, 50);
const tab = window.newskgYasgui.getTab();
const started = performance.now();
tab.getYasr().once('drawn', () => setTimeout(() => { clearInterval(tick);
  done({shown_after_ms: performance.now() - started, longest_block_ms: longest,
        rows_drawn: tab.getYasr().results.getBindings().length}); }, 100));
tab.setQuery(arguments[0]);
tab.query();
"""


def main(url: str, rounds: int = 3) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_script_timeout(120)
    try:
        for _ in range(rounds):
            driver.get(url.rstrip("/") + "/sparql")
            driver.execute_script("return window.newskgYasgui !== undefined")
            print(driver.execute_async_script(MEASURE, HUNDRED_THOUSAND))
    finally:
        driver.quit()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080")

"""Real-browser tests of the built site, opened from file:// in headless Chromium.

Run by `make test` after ../shared/tools/site-audit has installed Chromium, chromedriver and
Selenium (its virtual environment is reused). Usage: browser_tests.py OUTPUT_DIR
"""
import pathlib
import shutil
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import TimeoutException

site = pathlib.Path(sys.argv[1]).resolve()
options = Options()
for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
# An explicit driver keeps Selenium Manager (which would go to the network) out of it.
driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def open_page(relative, query=None):
    url = (site / relative).as_uri()
    if query is not None:
        url += "?q=" + urllib.parse.quote(query)
    driver.get(url)


def severe_logs():
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


try:
    # Character n-grams: 污水处理 finds 县城污水处理率 (an indicator) and tasks about 污水处理.
    open_page("search.html", "污水处理")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
    check("search 污水处理 finds the indicator 县城污水处理率",
          any(h.endswith("indicators/shengzhou-2024/county-sewage-treatment.html") for h in links), links[:5])
    check("search results link to task anchors", any("#c" in h for h in links), links[:5])
    status = driver.find_element(By.ID, "search-status").text
    check("search reports its count", "找到" in status and str(len(links)) in status, status)
    # A department by its short alias.
    open_page("search.html", "生态环境分局")
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
    check("search finds a department by alias", "绍兴市生态环境局嵊州分局" in names, names[:5])
    # Result texts are inserted as text: a query with markup shows nothing and runs nothing.
    open_page("search.html", "<img src=x onerror=alert(1)>")
    check("a query with markup runs no script", len(driver.find_elements(By.CSS_SELECTOR, "#search-results img")) == 0)
    # The search box on every page submits to search.html.
    open_page("plans/huzhou-2018.html")
    box = driver.find_element(By.ID, "site-search")
    box.send_keys("森林覆盖率")
    box.submit()
    # submit() does not wait for the next page: wait (up to 20 s) for search.html and its results,
    # so a slow machine is not a failure; a page that never shows results still is.
    try:
        WebDriverWait(driver, 20).until(lambda d: "search.html" in d.current_url and
                                        len(d.find_elements(By.CSS_SELECTOR, "#search-results li")) > 0)
    except TimeoutException:
        pass
    check("the header search box leads to results", "search.html" in driver.current_url and
          len(driver.find_elements(By.CSS_SELECTOR, "#search-results li")) > 0, driver.current_url)
    # Sortable tables as progressive enhancement.
    open_page("departments/index.html")
    # A region whose plans assign tasks has the counts columns (a region without lists passages only).
    table = [t for t in driver.find_elements(By.CSS_SELECTOR, "table") if len(t.find_elements(By.CSS_SELECTOR, "thead th")) >= 6][-1]
    header = table.find_elements(By.CSS_SELECTOR, "thead th")[3]
    header.find_element(By.CSS_SELECTOR, "button.sort").click()
    values = [int(r.find_elements(By.CSS_SELECTOR, "td")[2].text) for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    check("clicking a header sorts ascending", values == sorted(values) and header.get_attribute("aria-sort") == "ascending", values)
    header.find_element(By.CSS_SELECTOR, "button.sort").click()
    values = [int(r.find_elements(By.CSS_SELECTOR, "td")[2].text) for r in table.find_elements(By.CSS_SELECTOR, "tbody tr")]
    check("clicking again sorts descending", values == sorted(values, reverse=True), values)
    check("no console errors", not severe_logs(), severe_logs())
finally:
    driver.quit()

print(f"browser: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

"""Real-browser tests of the built site, opened from file:// in headless Chromium.

Run by `make test` after ../shared/tools/site-audit has installed Chromium, chromedriver and
Selenium (its virtual environment is reused). Usage: browser_tests.py OUTPUT_DIR
"""
import csv
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


def search(query):
    """Opens search.html?q=query and waits (up to 20 s) until the results are shown."""
    open_page("search.html", query)
    try:
        WebDriverWait(driver, 20).until(lambda d: d.find_element(By.ID, "search-status").get_attribute("data-done") is not None)
    except TimeoutException:
        pass
    found = {}
    for group in driver.find_elements(By.CSS_SELECTOR, "#search-results section"):
        plan = group.find_element(By.CSS_SELECTOR, "h2").text
        for item in group.find_elements(By.CSS_SELECTOR, "li"):
            href = item.find_element(By.CSS_SELECTOR, "a").get_attribute("href")
            marks = [m.text for m in item.find_elements(By.CSS_SELECTOR, "mark")]
            found[href.split("/")[-1]] = (plan, marks)
    return found


# The units the open data says contain every word (or a synonym of it): what search must find.
tasks = [row for table in sorted((site / "data" / "tasks").glob("*.csv"))
         for row in csv.DictReader(open(table, encoding="utf-8-sig", newline=""))]


def units_with(*alternatives_per_word):
    return {row["url"].split("/")[-1]: row for row in tasks
            if all(any(a.lower() in (row["title"] + row["text"]).lower() for a in alts) for alts in alternatives_per_word)}


def check_search(query, words, plan_of):
    expected = units_with(*words)
    found = search(query)
    check(f"search {query!r}: the open data has units to find", len(expected) > 0)
    for anchor, row in expected.items():
        hit = found.get(anchor)
        check(f"search {query!r} finds {anchor}", hit is not None, sorted(found)[:8])
        if hit is None:
            continue
        check(f"search {query!r}: {anchor} is under its plan", hit[0] == plan_of(row["plan"]), hit[0])
        check(f"search {query!r}: {anchor} has the words highlighted",
              all(any(m.lower() == a.lower() for m in hit[1] for a in alts) for alts in words), hit[1])
    return expected, found


def show_all():
    """Clicks the search page's button until it is hidden; the groups' headings."""
    headings = lambda: [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#search-results section h2")]
    for _ in range(10):
        button = driver.find_element(By.ID, "search-more")
        if not button.is_displayed():
            break
        shown = len(headings())
        button.click()
        try:
            WebDriverWait(driver, 20).until(lambda d: len(headings()) > shown or not d.find_element(By.ID, "search-more").is_displayed())
        except TimeoutException:
            pass
    return headings()


def severe_logs():
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


try:
    # Plan titles as the home page names them (a link per plan).
    open_page("index.html")
    titles = {a.get_attribute("href").split("/")[-1][:-len(".html")]: a.text
              for a in driver.find_elements(By.CSS_SELECTOR, "main a[href*='plans/']")}
    plan_of = lambda plan_id: titles.get(plan_id, plan_id)
    # The whole text of every task is searched, results are grouped under their plan and the
    # matches are highlighted.
    check_search("黑臭水体", [["黑臭水体"]], plan_of)
    check_search("消耗臭氧层", [["消耗臭氧层"]], plan_of)
    # 臭氧 finds O3 through the synonym table (Templates/synonyms.txt), highlighted as written.
    expected, found = check_search("臭氧", [["臭氧", "O3"]], plan_of)
    only_o3 = [a for a, row in expected.items() if "臭氧" not in row["title"] + row["text"]]
    check("some unit says O3 and not 臭氧", len(only_o3) > 0)
    check("臭氧 finds a unit written O3, with O3 highlighted",
          all(a in found and "O3" in found[a][1] for a in only_o3), [found.get(a) for a in only_o3])
    # Two words: a unit must contain both.
    expected, found = check_search("水质 2020", [["水质"], ["2020"]], plan_of)
    check("水质 2020 finds only units with both words",
          all(a in expected for a in found if "#" in a and not a.endswith(".html")), sorted(found))
    # Character n-grams: 污水处理 finds 县城污水处理率 (an indicator) and tasks about 污水处理.
    search("污水处理")
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li > a")]
    check("search 污水处理 finds the indicator 县城污水处理率",
          any(h.endswith("indicators/shengzhou-2024/county-sewage-treatment.html") for h in links), links[:5])
    check("search results link to task anchors", any("#c" in h for h in links), links[:5])
    status = driver.find_element(By.ID, "search-status").text
    check("search reports its count", "找到" in status and f"{len(links)} 条" in status, status)
    # Groups a step: the first 5 plans or regions with results, those named by a query word
    # loaded first; the button shows the rest, each group once, none without a result.
    search("生态环境")
    headings = lambda: [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#search-results section h2")]
    first = headings()
    more = driver.find_element(By.ID, "search-more")
    check("search 生态环境 shows 5 groups and offers more", len(first) == 5 and more.is_displayed(), first)
    after = show_all()
    check("the button shows the other groups, each once", len(after) > 5 and len(set(after)) == len(after) and after[:5] == first, after)
    check("every group shown has results", all(len(s.find_elements(By.CSS_SELECTOR, "li")) > 0
                                               for s in driver.find_elements(By.CSS_SELECTOR, "#search-results section")))
    # The groups whose plan or region is named by a query word are loaded first: 浙江省's
    # departments (the last group) are among the first 5 shown, before other regions'.
    search("浙江")
    first = headings()
    after = show_all()
    named = [h for h in after if "浙江省" in h]
    check("groups named by a query word are loaded first", len(after) > 5 and len(named) == 1 and named[0] in first,
          (first, after))
    # A department by its short alias.
    search("生态环境分局")
    names = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#search-results li > a")]
    check("search finds a department by alias", "绍兴市生态环境局嵊州分局" in names, names[:5])
    # Result texts are inserted as text: a query with markup shows nothing and runs nothing.
    search("<img src=x onerror=alert(1)>")
    check("a query with markup runs no script", len(driver.find_elements(By.CSS_SELECTOR, "#search-results img")) == 0)
    # Content is inserted as text: a unit whose text holds markup shows it as characters.
    search("湖州")
    check("results hold no markup from the content",
          all(e.tag_name in ("section", "h2", "a", "ol", "li", "span", "p", "mark")
              for e in driver.find_elements(By.CSS_SELECTOR, "#search-results *")))
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

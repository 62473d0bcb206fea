#!/usr/bin/env python3
"""Search benchmark figure (docs/search.md): the size of the search index of a synthetic
N-plan site and the time of a query in headless Chromium, opened from file:// as a reader
would. A figure to read, not a timed test: nothing here passes or fails on time.

    scripts/bench_search.py [--plans 1000] [--runs 5] [--bin .build/release]

Uses the corpus of `make bench` (.build-bench/corpus-N, made by scripts/gen_corpus.py when
missing), builds it with plansite into .build-bench/search-N, then opens search.html?q=...
for each query RUNS times in a fresh page and reads the time search.js measured from the
query to the results on screen (window.plansiteSearchDone). Selenium and chromedriver are
those the site audit installs (../shared/tools/site-audit, its virtual environment); when
this Python has no Selenium the script runs itself again with that environment's Python.
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
QUERIES = ["污水处理", "生态环境", "水质 2020", "PM2.5", "臭氧", "消耗臭氧层"]


def reexec_with_selenium():
    try:
        import selenium  # noqa: F401
        return
    except ImportError:
        pass
    home = os.environ.get("SITE_AUDIT_HOME", os.path.expanduser("~/.cache/site-audit"))
    pythons = sorted(glob.glob(os.path.join(home, "venv-py3.*", "bin", "python")))
    if not pythons or os.environ.get("BENCH_SEARCH_REEXEC"):
        print("search benchmark skipped: no Selenium (run ../shared/tools/site-audit once to install it)")
        sys.exit(0)
    os.environ["BENCH_SEARCH_REEXEC"] = "1"
    os.execv(pythons[0], [pythons[0]] + sys.argv)


def folder_bytes(path):
    return sum(os.path.getsize(f) for f in glob.glob(os.path.join(path, "**", "*"), recursive=True) if os.path.isfile(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--plans", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build", "release"))
    ap.add_argument("--work", default=os.path.join(ROOT, ".build-bench"))
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--no-build", action="store_true", help="query the site the last run built")
    args = ap.parse_args()
    reexec_with_selenium()
    import gen_corpus
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    corpus = os.path.join(args.work, "corpus-%d" % args.plans)
    if not os.path.isfile(os.path.join(corpus, "corpus.json")):
        print("generating %s ..." % corpus, flush=True)
        gen_corpus.generate(args.plans, corpus, args.seed, os.path.join(ROOT, "Content"))
    out = os.path.join(args.work, "search-%d" % args.plans)
    if not args.no_build:
        subprocess.run([os.path.join(args.bin, "plansite"), "build", "--content", corpus, "--templates",
                        os.path.join(ROOT, "Templates"), "--output", out], check=True, stdout=subprocess.DEVNULL)
    index = os.path.join(out, "assets", "search")
    shards = glob.glob(os.path.join(index, "g", "*.js"))
    documents = glob.glob(os.path.join(index, "[pr]", "*.js"))
    shard_bytes = sum(map(os.path.getsize, shards))
    print("search index, %d plans: %.1f MB in %d files (shards %.1f MB in %d files, largest %.0f KB; documents %.1f MB in %d files)" % (
        args.plans, folder_bytes(index) / 1e6, len(shards) + len(documents), shard_bytes / 1e6, len(shards),
        max(map(os.path.getsize, shards)) / 1e3, (folder_bytes(index) - shard_bytes) / 1e6, len(documents)))

    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=shutil.which("chromedriver")))
    page = "file://" + os.path.abspath(os.path.join(out, "search.html"))
    try:
        print("query (headless Chromium, file://, median of %d; from the query to the results on screen):" % args.runs)
        for query in QUERIES:
            times, loaded = [], 0
            for _ in range(args.runs):
                driver.get(page + "?q=" + urllib.parse.quote(query))
                WebDriverWait(driver, 60).until(lambda d: d.execute_script("return !!window.plansiteSearchDone"))
                done = driver.execute_script("return window.plansiteSearchDone")
                times.append(done["ms"])
                scripts = driver.execute_script(
                    "return Array.from(document.querySelectorAll('script[src*=\"assets/search/\"]')).map(s => s.src)")
                loaded = sum(os.path.getsize(urllib.parse.unquote(urllib.parse.urlparse(s).path)) for s in scripts)
                count = done["count"]
            shard_files = sum(1 for s in scripts if "/assets/search/g/" in s)
            print("  %-10s %6.1f ms (%.1f–%.1f)  %5d results in %s groups  loaded %.2f MB of the index in %d files (%d shards, %d documents)" % (
                query, statistics.median(times), min(times), max(times), count, done.get("groups", "?"), loaded / 1e6, len(scripts),
                shard_files, len(scripts) - shard_files))
    finally:
        driver.quit()


if __name__ == "__main__":
    main()

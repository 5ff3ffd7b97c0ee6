#!/usr/bin/env python3
"""Bytes and time of a search query on a built site, in headless Chromium: Dossier's own search, and Pagefind's
when the site also has a `pagefind/` folder (`python3 -m pagefind_bin --site SITE`).

    python3 Benchmarks/search-bench.py SITE [query ...]

Each query runs on a freshly loaded search page with an empty cache, as a reader's first query would: the bytes are
the sizes of the index files the server sent for the query (uncompressed: the local server does not compress; a
worker's requests count too, which the Performance API would miss), the time is from submitting the query to the first results on screen,
documents of the first 10 results included. Pagefind's query runs through its JavaScript API (`search()`, then
`data()` of the first 10 results, which is what its UI shows).
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "quality"))
import browser  # noqa: E402
from bench import tree_size  # noqa: E402
from browser import SiteServer, make_driver  # noqa: E402

QUERIES = ["pentagon", "surveillance", "supply chain", '"supply chain"']
SERVED = []  # paths the server sent, in order


def _note(self, code="-", size="-"):
    SERVED.append(self.path.split("?")[0])


browser._Quiet.log_request = _note

DOSSIER = """
const [query, done] = arguments;
const form = document.querySelector("form[data-search]"), status = document.getElementById("search-status");
const start = performance.now();
document.getElementById("search-input").value = query;
form.dispatchEvent(new Event("submit", {cancelable: true}));
(function wait() {
  if (!status.textContent.includes("“")) return setTimeout(wait, 2);
  const ms = performance.now() - start;
  done({ms: ms,
        results: document.querySelectorAll("#search-results li").length, status: status.textContent});
})();
"""

PAGEFIND = """
const [query, base, done] = arguments;
const start = performance.now();
import(base + "pagefind/pagefind.js").then(async pagefind => {
  await pagefind.options({baseUrl: base});
  const search = await pagefind.search(query);
  await Promise.all(search.results.slice(0, 10).map(r => r.data()));
  const ms = performance.now() - start;
  done({ms: ms,
        results: search.results.length, status: ""});
}).catch(e => done({error: String(e)}));
"""


def measure(driver, site, url, script, *args):
    driver.execute_cdp_cmd("Network.clearBrowserCache", {})
    driver.get(url)
    time.sleep(0.2)
    del SERVED[:]
    result = driver.execute_async_script(script, *args)
    time.sleep(0.2)
    folder = "/search/" if script is DOSSIER else "/pagefind/"
    files = sorted({p for p in SERVED if folder in p})
    result["files"] = len(files)
    result["bytes"] = sum(os.path.getsize(os.path.join(site, p.split("/", 2)[2])) for p in files)
    return result


def main():
    site = sys.argv[1]
    queries = sys.argv[2:] or QUERIES
    server = SiteServer(site, port=0)
    driver = make_driver()
    driver.set_script_timeout(60)
    driver.execute_cdp_cmd("Network.enable", {})
    engines = [("dossier", os.path.join(site, "search"))]
    if os.path.isdir(os.path.join(site, "pagefind")):
        engines.append(("pagefind", os.path.join(site, "pagefind")))
    report = {"index": {}, "queries": []}
    for name, folder in engines:
        mib, count = tree_size(folder)
        report["index"][name] = {"bytes": round(mib * 2 ** 20), "files": count}
    try:
        for query in queries:
            row = {"query": query, "dossier": measure(driver, site, server.url + "search/", DOSSIER, query)}
            if len(engines) > 1:
                row["pagefind"] = measure(driver, site, server.url + "search/", PAGEFIND, query, server.url)
            report["queries"].append(row)
    finally:
        driver.quit()
        server.close()
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()

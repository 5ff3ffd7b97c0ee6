#!/usr/bin/env python3
"""`dossier import` against trafilatura on the article-extraction benchmark, side by side, on one core.

    python3 Benchmarks/import-bench.py [--pages ../shared/extraction/article-benchmark] [--dossier .build/release/dossier]
                                       [--runs 3] [--core 0]

Both tools get the same decompressed pages. Dossier imports them all in one `dossier import --dry-run
--format json` run into an empty site; trafilatura (PyPI) runs `trafilatura.extract` on each page in this
process, and, timed only, its command line (`trafilatura --input-dir`) over the same files, the like of
Dossier's whole command. Both are pinned to one core (`taskset`/`sched_setaffinity`), they alternate run by run, and each timing
(wall and CPU) is the best of --runs. On a busy machine the CPU times compare the work; the wall times do not.
The score is the benchmark's (its README): `\\w+` tokens, case folded, 4-token shingles; per page TP, FP and
FN; precision and recall averaged over pages; F1 of the averages.
"""
import argparse
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOKEN = re.compile(r"\w+", re.UNICODE)


def shingles(text):
    tokens = TOKEN.findall((text or "").lower())
    grams = [" ".join(tokens[i:i + 4]) for i in range(0, max(1, len(tokens) - 3))]
    return Counter(g for g in grams if g)


def page_score(truth, predicted):
    a, b = shingles(truth), shingles(predicted)
    tp = sum(min(a[k], b[k]) for k in a.keys() | b.keys())
    fp = sum(max(0, b[k] - a[k]) for k in b)
    fn = sum(max(0, a[k] - b[k]) for k in a)
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score(truth, predictions):
    pairs = [page_score(truth[k]["articleBody"], predictions.get(k, "")) for k in sorted(truth)]
    p = sum(x for x, _ in pairs) / len(pairs)
    r = sum(y for _, y in pairs) / len(pairs)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def run_dossier(dossier, files, core):
    site = tempfile.mkdtemp(prefix="dossier-import-bench-")
    os.makedirs(os.path.join(site, "Content", "sources"))
    with open(os.path.join(site, "Content", "site.yml"), "w") as f:
        f.write("title: Import benchmark\n")
    cmd = ["taskset", "-c", str(core), dossier, "import", "--site", site, "--dry-run", "--format", "json"] + files
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    shutil.rmtree(site, ignore_errors=True)
    rows = json.loads(done.stdout)
    texts = {}
    for row in rows:
        key = os.path.basename(row["input"]).split(".")[0]
        texts[key] = row.get("text", "")
    return texts, seconds, cpu


def run_trafilatura_command(folder, core):
    """trafilatura's own command line over the same files: the whole job, process start included, as for Dossier.
    It names its output files by its own ids, so this run is timed, not scored."""
    out = tempfile.mkdtemp(prefix="trafilatura-out-")
    try:
        cmd = ["taskset", "-c", str(core), "trafilatura", "--input-dir", folder, "--output-dir", out]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return None, seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_trafilatura(pages, core):
    import trafilatura
    os.sched_setaffinity(0, {core})
    texts = {}
    start, cpu = time.perf_counter(), time.process_time()
    for key, html in pages.items():
        texts[key] = trafilatura.extract(html) or ""
    return texts, time.perf_counter() - start, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", default=os.path.join(ROOT, "..", "shared", "extraction", "article-benchmark"))
    parser.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--core", type=int, default=0)
    args = parser.parse_args()
    with open(os.path.join(args.pages, "ground-truth.json")) as f:
        truth = json.load(f)
    work = tempfile.mkdtemp(prefix="import-bench-pages-")
    pages, files = {}, []
    for key in sorted(truth):
        with gzip.open(os.path.join(args.pages, "html", key + ".html.gz"), "rb") as f:
            raw = f.read()
        path = os.path.join(work, key + ".html")
        with open(path, "wb") as out:
            out.write(raw)
        files.append(path)
        pages[key] = raw.decode("utf-8", errors="replace")
    runs = {"dossier import": lambda: run_dossier(args.dossier, files, args.core),
            "trafilatura": lambda: run_trafilatura(pages, args.core),
            "trafilatura (command line)": lambda: run_trafilatura_command(work, args.core)}
    best = {name: (None, None, None) for name in runs}
    # The two alternate, run by run, so a change in the machine's load falls on both alike.
    for _ in range(args.runs):
        for name, run in runs.items():
            texts, seconds, cpu = run()
            _, wall, cpus = best[name]
            best[name] = (texts, seconds if wall is None else min(wall, seconds), cpu if cpus is None else min(cpus, cpu))
    shutil.rmtree(work, ignore_errors=True)
    results = {name: (score(truth, texts) if texts is not None else None, wall, cpu) for name, (texts, wall, cpu) in best.items()}
    print(f"{len(truth)} pages of article-extraction-benchmark, one core, best of {args.runs} runs\n")
    print("| extractor | F1 | precision | recall | seconds | CPU seconds | pages/s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, (scores, seconds, cpu) in results.items():
        f1, p, r = (f"{x:.3f}" for x in scores) if scores else ("-", "-", "-")
        print(f"| {name} | {f1} | {p} | {r} | {seconds:.2f} | {cpu:.2f} | {len(truth) / seconds:.1f} |")
    (_, d, dc), (_, t, tc) = results["dossier import"], results["trafilatura"]
    (_, c, cc) = results["trafilatura (command line)"]
    print(f"\ndossier import is {t / d:.1f}x trafilatura's pages per second ({tc / dc:.1f}x in CPU time) against its"
          f" extract() calls on pages in memory,\nand {c / d:.1f}x ({cc / dc:.1f}x in CPU time) against its command line"
          " on the same files")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Peak memory of `dossier build` on a site with one huge brief, against the brief's size.

    python3 Benchmarks/memory.py [--dossier PATH] [--kinds prose dense table citations]
                                 [--sizes 5 20] [--work /tmp/dossier-memory] [--runs 1]

For each kind and size (MB of brief body) it writes a site of its own under --work: `Content/site.yml`,
one actor, one topic, one source and the one big brief (`Content/briefs/big.md`), then runs
`dossier build --site SITE --output OUT --clean --quiet` (the release binary, `.build/release/dossier`
unless --dossier says otherwise) under `/usr/bin/time -v`, and prints the peak RSS ("Maximum resident
set size"), the brief's size and their ratio, once as measured and once less the process base: the peak
of the same build with a tiny brief (a few hundred bytes), printed first. With --runs N it keeps the
lowest peak of N runs.

Kinds of brief:
    prose      paragraphs of words, each with one link and one emphasis
    dense      `*a* [b](c) **d** ` repeated, every paragraph 40 lines of it
    table      one long table of five columns
    citations  paragraphs each citing the source, `[@src "quote"]`, and naming an actor, `[[actor]]`

A build that fails (say, refused by a limit) is reported with its peak and its first error line.
Build with `swift build -c release --product dossier` first.
"""
import argparse
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
MB = 1_000_000

WORDS = ("pentagon negotiations safeguards contract surveillance autonomous weapons investors "
         "agreement blacklist designation supply chain risk federal agencies model access defence "
         "research engineering compromise guardrails deployment oversight policy review").split()
QUOTE = "the talks resumed on safeguards"


def words(i, n):
    """n words, deterministic in i."""
    return " ".join(WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n))


def prose_paragraph(i):
    return (f"{words(i, 40).capitalize()}, as [the report](https://news.example/{i}) says, "
            f"and *{words(i + 1, 2)}* {words(i + 2, 30)}.\n\n")


def dense_paragraph(i):
    return "".join("*a* [b](c) **d** " * 4 + "\n" for _ in range(40)) + "\n"


def table_rows(i):
    if i == 0:
        return "| Actor | Position | Date | Source | Note |\n|---|---|---|---|---|\n"
    return f"| actor {i} | {WORDS[i % len(WORDS)]} | 2026-03-{i % 28 + 1:02d} | wire {i % 7} | {words(i, 6)} |\n"


def citation_paragraph(i):
    return (f"{words(i, 20).capitalize()} [[actor-one]] said so [@src \"{QUOTE}\"], "
            f"and {words(i + 1, 12)} [[actor-one|the other side]].\n\n")


KINDS = {"prose": prose_paragraph, "dense": dense_paragraph, "table": table_rows, "citations": citation_paragraph}


def body_of(kind, size):
    """A body of the given kind of about `size` bytes."""
    make = KINDS[kind]
    parts, total, i = [], 0, 0
    while total < size:
        part = make(i)
        parts.append(part)
        total += len(part.encode())
        i += 1
    return "".join(parts)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_site(folder, body):
    """A site in `folder` with one actor, topic and source, and the brief `big` with `body`; the brief's bytes."""
    shutil.rmtree(folder, ignore_errors=True)
    content = os.path.join(folder, "Content")
    write(os.path.join(content, "site.yml"), "title: Memory benchmark\nbase_url: https://example.org/\n")
    write(os.path.join(content, "actors", "actor-one.md"), "---\nname: Actor One\nkind: person\n---\nAn actor.\n")
    write(os.path.join(content, "topics", "topic-one.md"), "---\ntitle: Topic One\n---\nA topic.\n")
    write(os.path.join(content, "sources", "src.md"),
          "---\ntitle: Report\npublisher: Wire\nurl: https://news.example/src\npublished: 2026-03-01\n---\n"
          f"Officials said {QUOTE} after a week.\n")
    brief = ("---\ntitle: Big brief\ndate: 2026-03-05\nsummary: One brief of many bytes.\n"
             "actors: [actor-one]\ntopics: [topic-one]\n---\n" + body)
    path = os.path.join(content, "briefs", "big.md")
    write(path, brief)
    return os.path.getsize(path)


def peak_rss(dossier, site, output, runs):
    """(lowest peak RSS in MB over `runs` builds, None), or (the peak, the failure's first error line)."""
    best = None
    for _ in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
        proc = subprocess.run(["/usr/bin/time", "-v", dossier, "build", "--site", site, "--output", output,
                               "--clean", "--quiet"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        rss = None
        for line in proc.stderr.splitlines():
            if line.strip().startswith("Maximum resident set size"):
                rss = int(line.rsplit(" ", 1)[1]) * 1024 / MB
        if proc.returncode != 0 or "Command exited with non-zero status" in proc.stderr:
            errors = [l for l in (proc.stdout + proc.stderr).splitlines() if "error" in l]
            return rss, (errors[0] if errors else proc.stderr.strip()[:200])
        best = rss if best is None else min(best, rss)
    return best, None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--kinds", nargs="+", default=list(KINDS), choices=list(KINDS))
    ap.add_argument("--sizes", nargs="+", type=float, default=[5, 20], help="brief sizes in MB")
    ap.add_argument("--work", default="/tmp/dossier-memory")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    if not os.access(args.dossier, os.X_OK):
        raise SystemExit(f"no dossier binary at {args.dossier}: swift build -c release --product dossier")
    output = os.path.join(args.work, "output")

    tiny = os.path.join(args.work, "tiny")
    size = make_site(tiny, "A tiny brief with [a link](https://example.org/) and *emphasis*.\n")
    base, failure = peak_rss(args.dossier, tiny, output, args.runs)
    if failure:
        raise SystemExit(f"the tiny site failed to build: {failure}")
    print(f"base: tiny brief of {size} bytes, peak RSS {base:.1f} MB")
    print(f"{'kind':<10} {'brief MB':>9} {'peak MB':>8} {'ratio':>6} {'less base':>10} {'ratio':>6}")
    for kind in args.kinds:
        for mb in args.sizes:
            site = os.path.join(args.work, f"{kind}-{mb:g}")
            size = make_site(site, body_of(kind, int(mb * MB)))
            peak, failure = peak_rss(args.dossier, site, output, args.runs)
            if failure:
                print(f"{kind:<10} {size / MB:>9.1f} {peak:>8.1f} {peak * MB / size:>6.1f} "
                      f"{peak - base:>10.1f} {(peak - base) * MB / size:>6.1f}  refused: {failure}")
            else:
                print(f"{kind:<10} {size / MB:>9.1f} {peak:>8.1f} {peak * MB / size:>6.1f} "
                      f"{peak - base:>10.1f} {(peak - base) * MB / size:>6.1f}")
            sys.stdout.flush()
            shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(output, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Dossier's build benchmark: Dossier vs Hugo vs a single cmark-gfm pass, side by side.

    python3 Benchmarks/bench.py [--sizes 5000 20000] [--runs 5] [--dossier .build/release/dossier] [--outputs DIR]

For each corpus size it generates the corpus (Benchmarks/make-corpus.py, the copy of the shared generator),
then runs, alternately and --runs times each: Dossier's clean full build (no cache, empty output folder),
Hugo's build of the twin site, and `cmark-gfm` over the corpus's Markdown concatenated into one file.
It reports the median wall time, system (kernel) time and peak RSS of each (from /usr/bin/time -v) and the ratios the
speed targets are stated in. Output is a Markdown table, ready for the README, then a second one that puts
the ratios in context: how much each tool writes (bytes and files) and its largest HTML page, and how long
`cp -r` takes to write Dossier's output again into an empty folder beside it (the file system's share of a build,
which no generator can avoid).

Both tools write next to the corpus unless --outputs names another folder for them: a RAM disk such as
/dev/shm leaves out the file system's cost, which on a disk can be most of either build's time (creating
twenty thousand files and folders just after the previous run's were deleted).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(cmd, cwd=None):
    """Runs cmd under /usr/bin/time -v; returns (wall seconds, peak RSS MiB, system (kernel) seconds)."""
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"benchmark command failed: {' '.join(cmd)}")
    wall = rss = system = None
    for line in proc.stderr.splitlines():
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            value = line.rsplit(" ", 1)[1]
            parts = [float(p) for p in value.split(":")]
            wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[1]) / 1024
        elif line.startswith("System time (seconds)"):
            system = float(line.rsplit(" ", 1)[1])
    return wall, rss, system


def tree_size(folder):
    """(MiB, file count) of everything under folder."""
    total = count = 0
    for parent, _, names in os.walk(folder):
        for name in names:
            total += os.path.getsize(os.path.join(parent, name))
            count += 1
    return total / 2 ** 20, count


def largest_page(folder):
    """(KiB, path relative to folder) of the largest HTML page under folder: what a reader's phone must open."""
    size, path = 0, ""
    for parent, _, names in os.walk(folder):
        for name in names:
            if name.endswith(".html"):
                full = os.path.join(parent, name)
                if os.path.getsize(full) > size:
                    size, path = os.path.getsize(full), os.path.relpath(full, folder)
    return size / 1024, path


def markdown_of(content_dir):
    """The Markdown bodies of a Dossier corpus concatenated (front matter removed)."""
    parts = []
    for kind in ("briefs", "events", "actors", "topics"):
        folder = os.path.join(content_dir, kind)
        for name in sorted(os.listdir(folder)):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
            if text.startswith("---\n"):
                end = text.find("\n---\n", 4)
                text = text[end + 5:] if end >= 0 else text
            parts.append(text)
    return "\n\n".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"))
    ap.add_argument("--work", default=None, help="folder for corpora (default: a temporary folder)")
    ap.add_argument("--outputs", default=None, help="folder for both tools' outputs (default: next to each corpus)")
    args = ap.parse_args()
    for tool in ("hugo", "cmark-gfm"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is not installed (make bench installs it)")
    work = args.work or tempfile.mkdtemp(prefix="dossier-bench-")
    results = {}
    for n in args.sizes:
        corpus = os.path.join(work, f"corpus-{n}")
        if not os.path.isdir(corpus):
            subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--briefs", str(n), "--out", corpus],
                           check=True, stdout=subprocess.DEVNULL)
        site = os.path.join(corpus, "dossier")
        hugo = os.path.join(corpus, "hugo")
        md = os.path.join(corpus, "all.md")
        with open(md, "w", encoding="utf-8") as f:
            f.write(markdown_of(os.path.join(site, "Content")))
        samples = {"dossier": [], "hugo": [], "cmark": [], "copy": []}
        outputs = os.path.join(args.outputs, f"corpus-{n}") if args.outputs else corpus
        os.makedirs(outputs, exist_ok=True)
        for _ in range(args.runs):
            out = os.path.join(outputs, "dossier-out")
            shutil.rmtree(out, ignore_errors=True)
            shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
            samples["dossier"].append(timed([args.dossier, "build", "--site", site, "--output", out, "--quiet"]))
            public = os.path.join(outputs, "hugo-out") if args.outputs else os.path.join(hugo, "public")
            shutil.rmtree(public, ignore_errors=True)
            samples["hugo"].append(timed(["hugo", "--quiet", "-s", hugo] + (["-d", public] if args.outputs else [])))
            samples["cmark"].append(timed(["sh", "-c", f"cmark-gfm -e table -e strikethrough -e autolink -e tagfilter -e tasklist '{md}' > /dev/null"]))
            copy = os.path.join(outputs, "dossier-copy")
            shutil.rmtree(copy, ignore_errors=True)
            samples["copy"].append(timed(["cp", "-r", out, copy]))
            shutil.rmtree(copy, ignore_errors=True)
        results[n] = {k: tuple(statistics.median(sample[i] for sample in v) for i in range(3)) for k, v in samples.items()}
        results[n]["written"] = (tree_size(out), tree_size(public))
        results[n]["largest"] = (largest_page(out), largest_page(public))

    print(f"| briefs | Dossier (wall, kernel, memory) | Hugo (wall, kernel, memory) | cmark-gfm | Dossier ÷ Hugo (time) "
          f"| Dossier ÷ Hugo (memory) | Dossier ÷ cmark-gfm |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        d, h, c = r["dossier"], r["hugo"], r["cmark"]
        print(f"| {n} | {d[0]:.2f} s, {d[2]:.2f} s, {d[1]:.0f} MiB | {h[0]:.2f} s, {h[2]:.2f} s, {h[1]:.0f} MiB | {c[0]:.2f} s | "
              f"{d[0] / h[0]:.2f} | {d[1] / h[1]:.2f} | {d[0] / c[0]:.2f} |")
    if len(results) >= 2:
        sizes = sorted(results)
        small, large = sizes[0], sizes[-1]
        growth = results[large]["dossier"][0] / results[small]["dossier"][0]
        print(f"\ngrowth: Dossier time at {large} ÷ time at {small} = {growth:.2f} (targets of issue #25: time ratio ≤ 0.3, "
              f"memory ratio ≤ 0.4, ÷ cmark-gfm ≤ 2.5, growth ≤ {large / small * 1.05:.1f})")

    print("\n| briefs | Dossier writes | largest Dossier page (target ≤ 256 KiB) | Hugo writes | largest Hugo page "
          "| `cp -r` of Dossier's output | `cp -r` ÷ cmark-gfm |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n, r in results.items():
        (dossier_mib, dossier_files), (hugo_mib, hugo_files) = r["written"]
        (largest_kib, largest_path), (hugo_kib, hugo_path) = r["largest"]
        print(f"| {n} | {dossier_mib:.0f} MiB in {dossier_files} files | {largest_kib:.0f} KiB `{largest_path}` | "
              f"{hugo_mib:.0f} MiB in {hugo_files} files | {hugo_kib:.0f} KiB `{hugo_path}` | {r['copy'][0]:.2f} s | "
              f"{r['copy'][0] / r['cmark'][0]:.2f} |")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Two Dossier binaries side by side: clean builds of the same corpus, and whether they write the same bytes.

    python3 Benchmarks/compare.py OLD NEW [--briefs 5000] [--runs 5] [--outputs /dev/shm/dossier-compare]

Made for refactorings that must be neither slower nor different (issue #24): it generates the benchmark corpus
(`make-corpus.py`), builds it with each binary alternately (`dossier build --clean --quiet`, each into its own
empty folder under --outputs, by default in RAM so the disk's swings stay out), and prints the median wall time,
user + system CPU time and peak RSS of each, their ratio, and whether the two outputs are byte for byte the same
(`diff -r`; `--ignore-lines` and `--exclude` leave out what an intended change between the two added). Alternating runs share whatever else the machine is doing, so the ratio is fairer than the times.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd):
    """Runs cmd under /usr/bin/time -v; returns (wall s, user + system s, peak RSS MiB)."""
    proc = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"build failed: {' '.join(cmd)}")
    values = {}
    for line in proc.stderr.splitlines():
        key, _, value = line.strip().rpartition(": ")
        values[key] = value
    parts = [float(p) for p in values["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":")]
    wall = sum(p * 60 ** i for i, p in enumerate(reversed(parts)))
    cpu = float(values["User time (seconds)"]) + float(values["System time (seconds)"])
    return wall, cpu, int(values["Maximum resident set size (kbytes)"]) / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--briefs", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--outputs", default="/dev/shm/dossier-compare")
    parser.add_argument("--ignore-lines", action="append", default=[], metavar="REGEX",
                        help="diff -I: lines a known, intended change added (repeatable)")
    parser.add_argument("--exclude", action="append", default=[], metavar="NAME",
                        help="diff -x: files a known, intended change added or changed (repeatable)")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="dossier-compare-")
    try:
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--briefs", str(args.briefs),
                        "--out", work], check=True, stdout=subprocess.DEVNULL)
        site = os.path.join(work, "dossier")
        results = {"old": [], "new": []}
        for _ in range(args.runs):
            for name in ("old", "new"):
                out = os.path.join(args.outputs, name)
                shutil.rmtree(out, ignore_errors=True)
                shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
                binary = os.path.abspath(getattr(args, name))
                results[name].append(timed([binary, "build", "--site", site, "--output", out, "--clean", "--quiet"]))
        ignored = [a for r in args.ignore_lines for a in ("-I", r)] + [a for x in args.exclude for a in ("-x", x)]
        same = subprocess.run(["diff", "-rq"] + ignored + [os.path.join(args.outputs, "old"), os.path.join(args.outputs, "new")],
                              stdout=subprocess.DEVNULL).returncode == 0
        print(f"{args.briefs:,} briefs, medians of {args.runs} alternating clean builds into {args.outputs}\n")
        print("| binary | wall | user + system | peak RSS |")
        print("|---|---:|---:|---:|")
        medians = {}
        for name in ("old", "new"):
            rows = results[name]
            medians[name] = [statistics.median(r[i] for r in rows) for i in range(3)]
            wall, cpu, rss = medians[name]
            print(f"| {name} ({getattr(args, name)}) | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB |")
        ratio = [medians["new"][i] / medians["old"][i] for i in range(3)]
        print(f"| new ÷ old | {ratio[0]:.2f} | {ratio[1]:.2f} | {ratio[2]:.2f} |")
        print(f"\noutputs byte-identical: {'yes' if same else 'NO'}")
        shutil.rmtree(args.outputs, ignore_errors=True)
        return 0 if same else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Dossier's incremental build benchmark: the figures of issue #5, beside a clean full build of the same site.

    python3 Benchmarks/incremental.py [--briefs 5000] [--runs 5] [--edits 10] [--dossier .build/release/dossier]
                                      [--work DIR] [--no-watch] [--only-templates]

It generates the corpus with Benchmarks/make-corpus.py into DIR/corpus-N (the layout Benchmarks/bench.py uses, so
a corpus already there is reused), copies its site folder to DIR/incremental-N (without Output/ and .dossier/, so
the corpus stays clean) and measures on that copy:

1. No-change build: `dossier build` when a build already ran and nothing changed since; --runs builds. A build
   trusts its stamp only when every input is more than 2 s older than the previous build (git's racy-clean rule),
   so the script first waits until the inputs are that old and runs one unmeasured build.
2. Body edit under `dossier watch`: --edits times, a new paragraph "Edit number K for the latency measurement."
   is appended to one brief; timed from the write of the Markdown file until Output/briefs/<id>/index.html holds
   that sentence (polled every 1 ms), and until watch prints its rebuild line (the whole rebuild finished).
   Each edit waits for the previous rebuild line.
3. Template edits: copies of the built-in Templates/brief.mustache and Templates/layout.mustache are placed in
   the site's Templates/; then --runs rounds, in an order that rotates from round to round, of a clean full build
   (no Output/, no .dossier/) and, for each template, a different HTML comment inserted followed by
   `dossier build` (not clean).

4. Template edits under `dossier watch` (after 3., with the site's copies of the templates in place): --runs times
   for each template, a different HTML comment inserted; timed from the write until the brief's page holds the
   comment, and until watch prints its rebuild line. Each edit waits for the previous rebuild line.

--no-watch skips 2. and 4. (and the second save while a rebuild runs), for a quicker run of the build figures;
--only-templates skips 2. (and the second save) but keeps 4., for the template figures alone.

Every edit is checked: the build or rebuild after it must put the new sentence or comment into the brief's page.
It prints a Markdown table of median, min and max wall times against the targets (write → page on disk ≤ 50 ms,
no-change build ≤ 150 ms, template edit ≤ the clean full build), then one of watch's rebuild lines as an example.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
EDIT_TARGET_MS = 50
NO_CHANGE_TARGET_MS = 150
STAMP_MARGIN_S = 2.1
# Each template edited, and the text its HTML comment is inserted before (the last occurrence).
TEMPLATES = (("brief.mustache", "</article>"), ("layout.mustache", "</body>"))


def corpus_site(work, briefs):
    """The site folder of the corpus of `briefs` briefs in `work`, generated first when it is not there yet."""
    corpus = os.path.join(work, f"corpus-{briefs}")
    if not os.path.isdir(corpus):
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--briefs", str(briefs), "--out", corpus],
                       check=True, stdout=subprocess.DEVNULL)
    return os.path.join(corpus, "dossier")


def fresh_copy(site, dest):
    """Copies the site folder to `dest` (replacing it) without its Output/ and .dossier/; returns `dest`."""
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(site, dest, ignore=shutil.ignore_patterns("Output", ".dossier"))
    return dest


def build(dossier, site):
    """Runs `dossier build --timings` on the site; returns (wall ms, its output). Exits when the build fails."""
    start = time.perf_counter()
    proc = subprocess.run([dossier, "build", "--site", site, "--timings"], capture_output=True, text=True)
    ms = (time.perf_counter() - start) * 1000
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-2000:] + proc.stderr[-3000:])
        raise SystemExit(f"dossier build --site {site} failed")
    return ms, proc.stdout


def clean_build(dossier, site):
    """A full build as Benchmarks/bench.py times it: no Output/ and no .dossier/ first; returns its wall ms."""
    shutil.rmtree(os.path.join(site, "Output"), ignore_errors=True)
    shutil.rmtree(os.path.join(site, ".dossier"), ignore_errors=True)
    return build(dossier, site)[0]


def wait_until_inputs_settle(site):
    """Sleeps until every file under Content/ and Templates/ is older than the margin a build stamp requires."""
    newest = 0.0
    for folder in ("Content", "Templates"):
        for parent, _, names in os.walk(os.path.join(site, folder)):
            newest = max([newest] + [os.stat(os.path.join(parent, n)).st_mtime for n in names])
    time.sleep(max(0.0, newest + STAMP_MARGIN_S - time.time()))


def no_change_builds(dossier, site, runs):
    """`dossier build` with nothing changed since the last build, `runs` times; returns (wall ms list, how many took
    the stamp's fast path, the page count)."""
    wait_until_inputs_settle(site)
    build(dossier, site)
    times, fast = [], 0
    for _ in range(runs):
        ms, output = build(dossier, site)
        times.append(ms)
        fast += output.startswith("stamp ")
    pages = int(re.search(r"built (\d+) pages", output).group(1))
    return times, fast, pages


def wait_for_text(path, text, timeout=120):
    """Polls the file every 1 ms until it contains `text`; returns the perf_counter time it was seen."""
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                if text in f.read():
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.001)
    raise SystemExit(f"{text!r} did not appear in {path} within {timeout} s")


class Watcher:
    """`dossier watch --timings` on a site, with every line it prints and the perf_counter time it arrived."""

    def __init__(self, dossier, site):
        """Starts watch and waits until its first build is done and it watches."""
        self.process = subprocess.Popen([dossier, "watch", "--site", site, "--timings"], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.lines = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_line(0, "watching ")

    def _read(self):
        """Collects the output lines, each with its arrival time."""
        for line in self.process.stdout:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def wait_for_line(self, start, marker, timeout=120):
        """Waits for a line from index `start` on that contains `marker`; returns (arrival time, line)."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            for arrived, line in self.lines[start:]:
                if marker in line:
                    return arrived, line
            if self.process.poll() is not None:
                break
            time.sleep(0.001)
        raise SystemExit(f"dossier watch printed no line with {marker!r}:\n" + "\n".join(l for _, l in self.lines))

    def stop(self):
        """Interrupts watch like Ctrl-C, killing it when it does not stop."""
        self.process.send_signal(2)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def pick_brief(site, fraction):
    """The brief 1/`fraction` of the way through the sorted list: its file, its page in Output/ and its text."""
    briefs = sorted(os.listdir(os.path.join(site, "Content", "briefs")))
    name = briefs[len(briefs) // fraction]
    brief = os.path.join(site, "Content", "briefs", name)
    with open(brief, encoding="utf-8") as f:
        original = f.read()
    return brief, os.path.join(site, "Output", "briefs", name[:-len(".md")], "index.html"), original


def body_edits(dossier, site, edits):
    """Appends a paragraph to one brief `edits` times while `dossier watch` runs; returns (ms until the page holds
    it, ms until watch's rebuild line, the brief's path below the site, the last rebuild line)."""
    brief, page, original = pick_brief(site, 2)
    watcher = Watcher(dossier, site)
    to_page, to_line = [], []
    try:
        for run in range(1, edits + 1):
            time.sleep(0.3)
            seen = len(watcher.lines)
            sentence = f"Edit number {run} for the latency measurement."
            start = time.perf_counter()
            with open(brief, "w", encoding="utf-8") as f:
                f.write(f"{original}\n{sentence}\n")
            to_page.append((wait_for_text(page, sentence) - start) * 1000)
            arrived, line = watcher.wait_for_line(seen, " changed: ")
            to_line.append((arrived - start) * 1000)
    finally:
        watcher.stop()
    return to_page, to_line, os.path.relpath(brief, site), line


def saves_during_rebuild(dossier, site, edits, gap=0.3):
    """Saves one brief twice, `gap` seconds apart, `edits` times while `dossier watch` runs: the second save lands
    while the first one's rebuild is still running (an editor's autosave, or undo). Returns the ms from the second
    write until the page holds its sentence, and how many of the second saves found a rebuild running."""
    brief, page, original = pick_brief(site, 3)
    watcher = Watcher(dossier, site)
    to_page, mid_rebuild = [], 0
    try:
        for run in range(1, edits + 1):
            seen = len(watcher.lines)
            first = f"First save {run} for the mid-rebuild measurement."
            with open(brief, "w", encoding="utf-8") as f:
                f.write(f"{original}\n{first}\n")
            time.sleep(gap)
            if not any(" changed: " in l for _, l in watcher.lines[seen:]):
                mid_rebuild += 1
            second = f"Second save {run} for the mid-rebuild measurement."
            after_first = len(watcher.lines)
            start = time.perf_counter()
            with open(brief, "w", encoding="utf-8") as f:
                f.write(f"{original}\n{first}\n\n{second}\n")
            to_page.append((wait_for_text(page, second) - start) * 1000)
            # The rebuild that holds the second save has finished, and nothing more comes, before the next round.
            watcher.wait_for_line(after_first, " changed: ")
            count, quiet_since = len(watcher.lines), time.perf_counter()
            while time.perf_counter() - quiet_since < 3.0:
                time.sleep(0.05)
                if len(watcher.lines) != count:
                    count, quiet_since = len(watcher.lines), time.perf_counter()
    finally:
        watcher.stop()
    return to_page, mid_rebuild


def install_templates(dossier, site):
    """Copies the built-in templates that get edited into the site's Templates/ and builds once (not measured);
    returns {template name: its text}."""
    originals = {}
    for name, _ in TEMPLATES:
        path = os.path.join(site, "Templates", name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copyfile(os.path.join(ROOT, "Templates", name), path)
        with open(path, encoding="utf-8") as f:
            originals[name] = f.read()
    build(dossier, site)
    return originals


def brief_page(site):
    """The output page of the first brief, which every edited template shows."""
    return os.path.join(site, "Output", "briefs", "brief-00000", "index.html")


def write_with_comment(site, name, anchor, original, comment):
    """Writes the site's template `name`: `original` with `comment` inserted before the last `anchor`."""
    at = original.rindex(anchor)
    with open(os.path.join(site, "Templates", name), "w", encoding="utf-8") as f:
        f.write(original[:at] + comment + "\n" + original[at:])


def edit_template(dossier, site, name, anchor, original, run):
    """Writes the template with a comment of this run inserted, then runs `dossier build`; returns its wall ms.
    Exits when the comment is not in the brief page afterwards."""
    comment = f"<!-- {name} edit {run} -->"
    write_with_comment(site, name, anchor, original, comment)
    ms = build(dossier, site)[0]
    page = brief_page(site)
    with open(page, encoding="utf-8") as f:
        if comment not in f.read():
            raise SystemExit(f"the build after editing {name} did not put {comment!r} into {page}")
    return ms


def template_edits(dossier, site, runs):
    """`runs` rounds of a clean full build and an edit of each template followed by `dossier build`, the order
    rotating from round to round so that none always follows the other; returns (full build ms list,
    {template name: ms list})."""
    originals = install_templates(dossier, site)
    full, edited = [], {name: [] for name, _ in TEMPLATES}
    steps = [None] + list(TEMPLATES)
    for run in range(1, runs + 1):
        for step in steps[run % len(steps):] + steps[:run % len(steps)]:
            if step is None:
                full.append(clean_build(dossier, site))
            else:
                name, anchor = step
                edited[name].append(edit_template(dossier, site, name, anchor, originals[name], run))
    return full, edited


def template_edits_under_watch(dossier, site, runs):
    """`runs` edits of each template while `dossier watch` runs (the templates installed by `template_edits`);
    returns {template name: (ms until the brief's page holds the comment, ms until watch's rebuild line)}."""
    originals = {}
    for name, _ in TEMPLATES:
        with open(os.path.join(ROOT, "Templates", name), encoding="utf-8") as f:
            originals[name] = f.read()
    page = brief_page(site)
    watcher = Watcher(dossier, site)
    measured = {name: ([], []) for name, _ in TEMPLATES}
    try:
        for run in range(1, runs + 1):
            for name, anchor in TEMPLATES:
                time.sleep(0.3)
                seen = len(watcher.lines)
                comment = f"<!-- {name} watch edit {run} -->"
                start = time.perf_counter()
                write_with_comment(site, name, anchor, originals[name], comment)
                to_page, to_line = measured[name]
                to_page.append((wait_for_text(page, comment) - start) * 1000)
                arrived, _ = watcher.wait_for_line(seen, " changed: ")
                to_line.append((arrived - start) * 1000)
    finally:
        watcher.stop()
    return measured


def row(figure, target, samples, passed):
    """One table row: the figure, its target, median (min–max) in ms, and pass/fail (or — without a target)."""
    verdict = "—" if passed is None else ("pass" if passed else "**fail**")
    return (f"| {figure} | {target} | {statistics.median(samples):.0f} ms ({min(samples):.0f}–{max(samples):.0f}) "
            f"| {len(samples)} | {verdict} |")


def report(briefs, pages, no_change, fast, to_page, to_line, brief, line, full, edited, mid=None, watched=None):
    """Prints the Markdown table of the figures against their targets."""
    full_ms = statistics.median(full)
    print(f"Incremental builds, {briefs} briefs ({pages} pages); median (min–max) wall time.\n")
    print("| figure | target | measured | runs | result |")
    print("|---|---|---:|---:|---|")
    if to_page:
        print(row(f"brief edited under `dossier watch`: write → page on disk (`{brief}`)", f"≤ {EDIT_TARGET_MS} ms",
                  to_page, statistics.median(to_page) <= EDIT_TARGET_MS))
        print(row("brief edited under `dossier watch`: write → rebuild line printed", "—", to_line, None))
    if mid:
        samples, during = mid
        print(row(f"second save 0.3 s after the first, while its rebuild runs ({during}/{len(samples)}): write → page on disk",
                  f"≤ {EDIT_TARGET_MS} ms", samples, statistics.median(samples) <= EDIT_TARGET_MS))
    print(row(f"`dossier build`, nothing changed (stamp fast path {fast}/{len(no_change)})",
              f"≤ {NO_CHANGE_TARGET_MS} ms", no_change, statistics.median(no_change) <= NO_CHANGE_TARGET_MS))
    for name, samples in edited.items():
        print(row(f"`Templates/{name}` edited, then `dossier build`", f"≤ full build ({full_ms:.0f} ms)", samples,
                  statistics.median(samples) <= full_ms))
    for name, (page_ms, line_ms) in (watched or {}).items():
        print(row(f"`Templates/{name}` edited under `dossier watch`: write → brief page on disk", "—", page_ms, None))
        print(row(f"`Templates/{name}` edited under `dossier watch`: write → rebuild line printed", "—", line_ms, None))
    print(row("full build (`dossier build`, no Output/, no .dossier/)", "—", full, None))
    if line:
        print(f"\nlast rebuild line of `dossier watch`: {line}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--briefs", type=int, default=5000, help="corpus size (default 5000)")
    ap.add_argument("--runs", type=int, default=5,
                    help="no-change builds, full builds and edits of each template (default 5)")
    ap.add_argument("--edits", type=int, default=10, help="brief edits under dossier watch (default 10)")
    ap.add_argument("--dossier", default=os.path.join(ROOT, ".build", "release", "dossier"),
                    help="the dossier binary (default .build/release/dossier)")
    ap.add_argument("--work", default=None, help="folder for the corpus and the site copy (default: a temporary "
                                                 "folder, removed afterwards); a corpus already there is reused")
    ap.add_argument("--no-watch", action="store_true",
                    help="skip the edits under dossier watch (2. and 4.), for a quicker run of the build figures")
    ap.add_argument("--only-templates", action="store_true",
                    help="skip the brief edits under dossier watch (2.), keeping the template edits under watch (4.)")
    args = ap.parse_args()
    if not os.access(args.dossier, os.X_OK):
        raise SystemExit(f"no dossier binary at {args.dossier} (build it, or pass --dossier)")
    work = args.work or tempfile.mkdtemp(prefix="dossier-incremental-")
    site = fresh_copy(corpus_site(work, args.briefs), os.path.join(work, f"incremental-{args.briefs}"))
    try:
        no_change, fast, pages = no_change_builds(args.dossier, site, args.runs)
        to_page = to_line = brief = line = mid = watched = None
        if not args.no_watch and not args.only_templates:
            to_page, to_line, brief, line = body_edits(args.dossier, site, args.edits)
            mid = saves_during_rebuild(args.dossier, site, args.edits)
        full, edited = template_edits(args.dossier, site, args.runs)
        if not args.no_watch:
            watched = template_edits_under_watch(args.dossier, site, args.runs)
    finally:
        shutil.rmtree(site if args.work else work, ignore_errors=True)
    report(args.briefs, pages, no_change, fast, to_page, to_line, brief, line, full, edited, mid, watched)


if __name__ == "__main__":
    main()

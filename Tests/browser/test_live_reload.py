#!/usr/bin/env python3
"""Live reload in a real browser: headless Chromium opens a page from `dossier serve`, the test edits the
brief's Markdown, and the page must change by itself; a broken edit must show the error overlay, and the fix
must remove it.

Runs the built `.build/debug/dossier serve` on a free loopback port with a temporary copy of a small site.
Prints one line per test and a summary line `N passed, N failed`; exits 1 when any test failed.
Needs Debian's `chromium` and `chromium-driver` and Python's `selenium` (`make test-browser` installs them).
Talks only to 127.0.0.1; every wait is bounded.
"""
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must never download a driver or a browser

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOSSIER = os.environ.get("DOSSIER", os.path.join(ROOT, ".build", "debug", "dossier"))
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
BRIEF = "Content/briefs/status.md"

SITE = {
    "Content/site.yml": "title: Browser test briefing\nbase_url: https://example.org/briefing/\n",
    "Content/sources/wire.txt": "date 2026-03-05 The Agency said it would review the contract with Example Corp.\n",
    "Content/actors/agency.md": "---\nname: The Agency\nkind: government\n---\nThe agency.\n",
}

BRIEF_TEMPLATE = """---
title: Where it stands
date: 2026-03-05
summary: A review is coming.
actors: [agency]
---
The review is {text} [@wire].
"""

# Used only while the default theme is not compiled into the binary yet (a build then reports missing templates).
FALLBACK_THEME = {
    "Templates/layout.mustache": '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{{page.title}}</title>'
                                 '<link rel="stylesheet" href="{{page.stylesheet}}"></head>\n<body><main>{{$main}}{{/main}}</main></body></html>\n',
    "Templates/brief.mustache": '{{<layout}}{{$main}}<h1>{{brief.title}}</h1><div>{{{brief.body}}}</div>{{/main}}{{/layout}}\n',
    "Templates/assets/style.css": "body { font-family: sans-serif; }\n",
}
for _name in ["home", "briefs", "actors", "actor", "event", "timeline", "topics", "topic", "stances", "sources", "source", "404"]:
    FALLBACK_THEME[f"Templates/{_name}.mustache"] = "{{<layout}}{{$main}}<h1>{{page.title}}</h1>{{/main}}{{/layout}}\n"


def write(site, relative, text):
    path = os.path.join(site, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def write_brief(site, text):
    write(site, BRIEF, BRIEF_TEMPLATE.format(text=text))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout, what):
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except Exception as error:  # the page may be mid-reload
            last_error = error
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}" + (f" (last error: {last_error})" if last_error else ""))


def relative_luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def parse_rgb(css):
    inner = css[css.index("(") + 1:css.index(")")]
    return [float(part) for part in inner.split(",")[:3]]


def contrast(a, b):
    la, lb = sorted([relative_luminance(parse_rgb(a)), relative_luminance(parse_rgb(b))], reverse=True)
    return (la + 0.05) / (lb + 0.05)


class Server:
    """`dossier serve` in the background, with its output gathered."""

    def __init__(self, site, port):
        self.lines = []
        self.process = subprocess.Popen([DOSSIER, "serve", "--site", site, "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output(self):
        return "\n".join(self.lines)

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(2)  # SIGINT, as Ctrl-C
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        return self.process.returncode


class LiveReloadTests:
    def __init__(self, site, port, driver, server):
        self.site, self.port, self.driver, self.server = site, port, driver, server
        self.url = f"http://127.0.0.1:{port}/briefs/status/"

    def body_text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def overlay(self):
        found = self.driver.find_elements(By.ID, "dossier-build-error")
        return found[0] if found else None

    def test_edit_reloads_the_open_page(self):
        write_brief(self.site, "ORIGINAL-TEXT")
        self.driver.get(self.url)
        wait_until(lambda: "ORIGINAL-TEXT" in self.body_text(), 20, "the original text")
        # the script connects to the event stream; wait until the server has it open
        wait_until(lambda: self.driver.execute_script(
            "return !!document.querySelector('script[data-dossier-build]')"), 10, "the live-reload script")
        time.sleep(0.5)
        self.driver.execute_script("window.__notReloadedYet = true;")
        write_brief(self.site, "UPDATED-TEXT")
        wait_until(lambda: "UPDATED-TEXT" in self.body_text(), 20, "the edited text without a manual reload")
        assert self.driver.execute_script("return window.__notReloadedYet === undefined"), "the page itself reloaded"
        with open(os.path.join(self.site, "Output/briefs/status/index.html"), encoding="utf-8") as f:
            assert "__dossier" not in f.read(), "the script is never written into Output/"

    def test_broken_edit_shows_the_error_overlay(self):
        self.driver.get(self.url)
        wait_until(lambda: "Where it stands" in self.body_text(), 20, "the page")
        time.sleep(0.5)
        write(self.site, "Content/actors/agency.md", SITE["Content/actors/agency.md"].replace(
            "kind: government", "kind: '<img src=x onerror=\"window.__injected=1\">'"))
        write_brief(self.site, "BROKEN [[no-such-actor]]")
        wait_until(lambda: self.overlay() is not None and self.overlay().is_displayed()
                   and "no-such-actor" in self.overlay().text, 20, "the error overlay")
        overlay = self.overlay()
        assert overlay.get_attribute("role") == "alert", "the overlay is announced as an alert"
        text = overlay.text
        assert BRIEF + ":" in text and "no-such-actor" in text, f"the overlay lists the diagnostic: {text!r}"
        assert "UPDATED-TEXT" in self.body_text() or "ORIGINAL-TEXT" in self.body_text(), "the last good page stays"
        assert "<img src=x" in text, f"diagnostic text is shown as text: {text!r}"
        assert not overlay.find_elements(By.TAG_NAME, "img"), "and never parsed as HTML"
        assert self.driver.execute_script("return window.__injected === undefined"), "no script ran from a diagnostic"
        items = overlay.find_elements(By.TAG_NAME, "code")
        assert items, "one line per diagnostic"
        ratio = contrast(items[0].value_of_css_property("color"), items[0].value_of_css_property("background-color"))
        title = overlay.find_element(By.TAG_NAME, "h2")
        title_ratio = contrast(title.value_of_css_property("color"), overlay.value_of_css_property("background-color"))
        assert ratio >= 7 and title_ratio >= 4.5, f"readable contrast: {ratio:.1f}:1 and {title_ratio:.1f}:1"
        # a page opened while the build is broken shows the overlay at once
        self.driver.get(f"http://127.0.0.1:{self.port}/")
        wait_until(lambda: self.overlay() is not None, 10, "the overlay on a page loaded while broken")

    def test_fix_removes_the_overlay(self):
        if self.overlay() is None:
            write_brief(self.site, "BROKEN [[no-such-actor]]")
            self.driver.get(self.url)
            wait_until(lambda: self.overlay() is not None, 20, "the overlay before the fix")
        self.driver.get(self.url)
        wait_until(lambda: self.overlay() is not None, 10, "the overlay before the fix")
        time.sleep(0.5)
        write(self.site, "Content/actors/agency.md", SITE["Content/actors/agency.md"])
        write_brief(self.site, "FIXED-TEXT")
        wait_until(lambda: "FIXED-TEXT" in self.body_text(), 20, "the fixed text")
        wait_until(lambda: self.overlay() is None, 10, "the overlay to go")


def make_site():
    site = tempfile.mkdtemp(prefix="dossier-browser-")
    for relative, text in SITE.items():
        write(site, relative, text)
    write_brief(site, "ORIGINAL-TEXT")
    probe = subprocess.run([DOSSIER, "build", "--site", site, "--quiet"], capture_output=True, text=True, timeout=120)
    if probe.returncode != 0 and "missing template" in probe.stderr:
        for relative, text in FALLBACK_THEME.items():
            write(site, relative, text)
        probe = subprocess.run([DOSSIER, "build", "--site", site, "--quiet"], capture_output=True, text=True, timeout=120)
    if probe.returncode != 0:
        raise RuntimeError("the test site does not build:\n" + probe.stderr)
    return site


def main():
    if not os.path.exists(DOSSIER):
        print(f"error: {DOSSIER} is missing: run `swift build --product dossier` first")
        print("0 passed, 1 failed")
        return 1
    site = make_site()
    port = free_port()
    server = Server(site, port)
    driver = None
    passed, failed = 0, 0
    try:
        deadline = time.monotonic() + 120
        while "serving http://" not in server.output():
            if server.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("dossier serve did not start:\n" + server.output())
            time.sleep(0.05)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
                     "--disable-extensions", "--disable-background-networking", "--window-size=1200,900"]:
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
        driver.set_page_load_timeout(30)
        driver.set_script_timeout(10)
        tests = LiveReloadTests(site, port, driver, server)
        for name in ["test_edit_reloads_the_open_page", "test_broken_edit_shows_the_error_overlay", "test_fix_removes_the_overlay"]:
            started = time.monotonic()
            try:
                getattr(tests, name)()
                passed += 1
                print(f"PASS {name} ({time.monotonic() - started:.1f} s)", flush=True)
            except Exception:
                failed += 1
                print(f"FAIL {name}\n{traceback.format_exc()}", flush=True)
    finally:
        if driver is not None:
            driver.quit()
        status = server.stop()
        if failed:
            print("dossier serve printed:\n" + server.output())
        if status not in (0, None):
            print(f"dossier serve exited with {status} on Ctrl-C")
            failed += 1
        shutil.rmtree(site, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())

"""Headless Chromium through selenium, and a static file server for a built site.

Shared by the quality tests and Scripts/screenshots.py. Selenium never downloads a driver:
the Debian chromium and chromium-driver packages are used through explicit paths.
"""
import functools
import http.server
import os
import shutil
import socketserver
import threading

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


def make_driver(width=1280, height=900, scheme=None):
    """A headless Chromium; `scheme` ("light" or "dark") forces prefers-color-scheme."""
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=en-GB"):
        options.add_argument(arg)
    if scheme:
        options.add_argument(f"--force-prefers-color-scheme={scheme}")
        options.add_argument("--blink-settings=preferredColorScheme=" + ("0" if scheme == "dark" else "1"))
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    return driver


def set_scheme(driver, scheme):
    """Emulates prefers-color-scheme through the DevTools protocol."""
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"media": "screen", "features": [{"name": "prefers-color-scheme", "value": scheme}]})


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class SiteServer:
    """Serves `folder` on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, folder):
        handler = functools.partial(_Quiet, directory=folder)
        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def pages(folder):
    """Every HTML page of a built site, as paths relative to it, sorted."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/"))
    return sorted(found)


def url_of(base, path):
    """The URL of a page path (`briefs/x/index.html` → `base/briefs/x/`)."""
    if path == "index.html":
        return base
    if path.endswith("/index.html"):
        return base + path[: -len("index.html")]
    return base + path

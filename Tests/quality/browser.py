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
    prefix = "/"

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        # The site lives below `prefix`, as it would below a base URL with a path.
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, ".missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code, message=None, explain=None):
        # Like a static host: unknown paths get the site's 404 page.
        page = os.path.join(self.directory, "404.html")
        if code == 404 and os.path.exists(page):
            with open(page, "rb") as f:
                body = f.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)


# The quality build uses this base URL, so absolute links (the 404 page's, canonical URLs) stay on this machine.
QUALITY_PORT = int(os.environ.get("DOSSIER_QUALITY_PORT", "48213"))
QUALITY_BASE = f"http://127.0.0.1:{QUALITY_PORT}/briefing/"


class SiteServer:
    """Serves `folder` on 127.0.0.1 below `/briefing/` (on QUALITY_PORT, or a free port with `port=0`)."""

    def __init__(self, folder, port=QUALITY_PORT, prefix="/briefing/"):
        handler = functools.partial(type("Handler", (_Quiet,), {"prefix": prefix}), directory=folder)
        socketserver.TCPServer.allow_reuse_address = True
        self.httpd = socketserver.ThreadingTCPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
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

#!/usr/bin/env python3
"""Screenshots of each page kind of the example site, for the README (headless Chromium, 1280×900).

    python3 Scripts/screenshots.py [OUT_DIR]

Records two editions of a copy of the example — first an earlier state (one event less, one stance and
one judgment different), then the example itself — and builds it into .build/screenshot-site, so
`/changes/` shows a real second edition. Each PNG is a 1280×900 view, light scheme except `*-dark.png`;
`picture-*.png` clip each picture at 1280 px (`*-500.png`: the same on the generated 500-brief site, when
built), and `phone-*.png` are 390×844 views. Defaults to docs/screenshots.
"""
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "quality"))
from browser import QUALITY_BASE, SiteServer, make_driver, set_scheme  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DOSSIER = os.path.join(ROOT, ".build", "debug", "dossier")


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert old in text, f"{path}: {old!r} not found"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


def cut_edition(site, day, note=None):
    """Records the content of `site` as its next edition, dated `day` (a day of March 2026)."""
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(1772366400 + (day - 1) * 86400))
    subprocess.run([DOSSIER, "edition", "--site", site] + (["--note", note] if note else []), check=True, env=env,
                   stdout=subprocess.DEVNULL)


def build_two_editions(out):
    """Edition 1 from a changed copy of Content/, edition 2 from the example itself, built into `out`."""
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(os.path.join(ROOT, "Content"), os.path.join(tmp, "Content"))
        content = os.path.join(tmp, "Content")
        # The earlier edition lacks one event: remove it and the links to it.
        gone = "amodei-criticises-openai-deal"
        os.remove(os.path.join(content, "events", gone + ".md"))
        for dirpath, _, names in os.walk(content):
            for name in names:
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                new = re.sub(r"\[\[" + gone + r"(?:\|([^\]]*))?\]\]", lambda m: m.group(1) or "that criticism", text)
                if new != text:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(new)
        topic = os.path.join(content, "topics", "military-use-limits.md")
        with open(topic, encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"(- actor: dario-amodei\n    position: )support", r"\1mixed", text, count=1)
        with open(topic, "w", encoding="utf-8") as f:
            f.write(text)
        edit(os.path.join(content, "briefs", "anthropic-pentagon-talks-overview.md"),
             "    likelihood: very likely", "    likelihood: likely")
        cut_edition(tmp, 4)
        shutil.rmtree(content)
        shutil.copytree(os.path.join(ROOT, "Content"), content)
        cut_edition(tmp, 5, "Amodei's criticism of the OpenAI deal, and firmer odds of a settlement.")
        subprocess.run([DOSSIER, "build", "--site", tmp, "--output", out, "--base-url", QUALITY_BASE, "--quiet", "--clean"], check=True)

SHOTS = [
    ("home", "", "light", None),
    ("home-dark", "", "dark", None),
    ("brief", "briefs/anthropic-pentagon-talks-overview/", "light", None),
    ("actor", "actors/anthropic/", "light", "#network-heading"),
    ("event", "events/hegseth-designates-anthropic-supply-chain-risk/", "light", None),
    ("timeline", "timeline/", "light", None),
    ("topic", "topics/military-use-limits/", "light", "#histories-heading"),
    ("stances", "stances/", "light", None),
    ("network", "", "light", "#network-heading"),
    ("source", "sources/anthropic-pentagon-talks-2026-03-05/", "light", None),
    ("search", "search/?q=amodei", "light", None),
    ("changes", "changes/", "light", None),
]

# Each picture alone at 1280 px (a clip of the page around the SVG), and pages on a 390 px phone, where the lists
# stand in for the pictures.
PICTURES = [
    ("picture-timeline", "timeline/", "svg.timeline-chart"),
    ("picture-network", "", "svg.network-chart"),
    ("picture-matrix", "", "svg.matrix-chart"),
    ("picture-strip", "topics/lawful-purposes-language/", "svg.stance-strip"),
    ("picture-neighbourhood", "actors/anthropic/", "svg.network-chart"),
]
PHONE = [
    ("phone-home", "", "#topics-heading"),
    ("phone-timeline", "timeline/", None),
    ("phone-topic", "topics/military-use-limits/", "#histories-heading"),
]


def clip(driver, selector, target):
    """A PNG of the element `selector` selects, with a margin, at one CSS px per pixel."""
    box = driver.execute_script(
        "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
        "return {x: r.left + window.scrollX - 8, y: r.top + window.scrollY - 8, width: r.width + 16, height: r.height + 16};",
        selector)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True, "clip": dict(box, scale=1)})
    with open(target, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def pictures(driver, base, out, suffix=""):
    """The pictures of the site served at `base`, one PNG each, then the phone pages."""
    set_scheme(driver, "light")
    for name, path, selector in PICTURES:
        driver.get(base + path)
        time.sleep(0.2)
        if driver.execute_script("return !!document.querySelector(arguments[0])", selector):
            clip(driver, selector, os.path.join(out, name + suffix + ".png"))
    if suffix:
        return
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": False})
    for name, path, anchor in PHONE:
        driver.get(base + path)
        time.sleep(0.2)
        driver.execute_script(
            "var el = arguments[0] && document.querySelector(arguments[0]);"
            "window.scrollTo({top: el ? el.getBoundingClientRect().top + window.scrollY - 16 : 0, behavior: 'instant'});",
            anchor)
        driver.save_screenshot(os.path.join(out, name + ".png"))
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs", "screenshots")
    site = os.path.join(ROOT, ".build", "screenshot-site")
    build_two_editions(site)
    os.makedirs(out, exist_ok=True)
    server = SiteServer(site)
    driver = make_driver(1280, 900)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    try:
        for name, path, scheme, anchor in SHOTS:
            set_scheme(driver, scheme)
            driver.get(server.url + path)
            time.sleep(0.3)
            driver.execute_script(
                "var el = arguments[0] && document.querySelector(arguments[0]);"
                "window.scrollTo({top: el ? el.getBoundingClientRect().top + window.scrollY - 16 : 0, behavior: 'instant'});",
                anchor)
            time.sleep(0.2)
            target = os.path.join(out, name + ".png")
            driver.save_screenshot(target)
            print(f"{target}: {os.path.getsize(target) // 1024} KB")
        pictures(driver, server.url, out)
        # The same pictures at the size of a real story, when `make test-quality` has built the 500-brief site.
        large = os.path.join(ROOT, ".build", "pictures-site")
        if os.path.exists(os.path.join(large, "index.html")):
            other = SiteServer(large, port=0)
            try:
                pictures(driver, other.url, out, suffix="-500")
            finally:
                other.close()
    finally:
        driver.quit()
        server.close()


if __name__ == "__main__":
    main()

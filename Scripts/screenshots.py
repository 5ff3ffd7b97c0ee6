#!/usr/bin/env python3
"""Screenshots of each page kind of a built site, for the README (headless Chromium, 1280×900).

    python3 Scripts/screenshots.py [BUILT_SITE] [OUT_DIR]

Defaults: .build/quality-site and docs/screenshots. Each PNG is the top 1280×900 of the page,
light scheme, except `*-dark.png`.
"""
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "quality"))
from browser import SiteServer, make_driver, set_scheme  # noqa: E402

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


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else ".build/quality-site"
    out = sys.argv[2] if len(sys.argv) > 2 else "docs/screenshots"
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
    finally:
        driver.quit()
        server.close()


if __name__ == "__main__":
    main()

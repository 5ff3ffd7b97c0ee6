"""Fixtures for the quality gates: the built example site, a local server for it, and a browser.

`make test-quality` builds the example into .build/quality-site first; DOSSIER_QUALITY_SITE names another folder.
"""
import json
import os

import pytest

from browser import SiteServer, make_driver

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = os.environ.get("DOSSIER_QUALITY_SITE", os.path.join(ROOT, ".build", "quality-site"))


@pytest.fixture(scope="session")
def site_dir():
    if not os.path.exists(os.path.join(SITE, "index.html")):
        pytest.fail(f"no built site at {SITE}: run `make test-quality`, which builds it")
    return SITE


@pytest.fixture(scope="session")
def model(site_dir):
    with open(os.path.join(site_dir, "data", "site.json"), encoding="utf-8") as f:
        return json.load(f)


@pytest.fixture(scope="session")
def server(site_dir):
    s = SiteServer(site_dir)
    yield s
    s.close()


@pytest.fixture(scope="session")
def driver():
    d = make_driver(1280, 900)
    yield d
    d.quit()

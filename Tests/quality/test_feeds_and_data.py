"""Feeds, sitemap, calendar and data exports of the built example, read by real parsers."""
import csv
import glob
import io
import json
import os
import xml.etree.ElementTree as ET

import feedparser
import icalendar

from browser import pages


def feed_paths(site_dir):
    paths = ["feed.xml", "changes/feed.xml"]
    for kind in ("actors", "topics"):
        paths += sorted(os.path.relpath(p, site_dir) for p in glob.glob(os.path.join(site_dir, kind, "*", "feed.xml")))
    return paths


def test_every_feed_parses_without_errors(site_dir, model):
    paths = feed_paths(site_dir)
    assert len(paths) == 2 + len(model["actors"]) + len(model["topics"])
    for path in paths:
        parsed = feedparser.parse(os.path.join(site_dir, path))
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.version == "atom10", path
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)), f"{path}: duplicate entry ids"
        for e in parsed.entries:
            assert e.updated_parsed is not None and e.link.startswith(model["site"]["base_url"]), path


def test_site_feed_has_briefs_and_events_newest_first(site_dir, model):
    parsed = feedparser.parse(os.path.join(site_dir, "feed.xml"))
    assert len(parsed.entries) == min(50, len(model["briefs"]) + len(model["events"]))
    times = [e.updated_parsed for e in parsed.entries]
    assert times == sorted(times, reverse=True)
    kinds = {e.link.split("/")[-3] for e in parsed.entries}
    assert kinds == {"briefs", "events"}


def test_editions_feed_has_the_edition(site_dir, model):
    parsed = feedparser.parse(os.path.join(site_dir, "changes", "feed.xml"))
    assert parsed.entries[0].title.startswith(f"Edition {model['edition']}:")
    # Each entry links to the edition's own page.
    assert parsed.entries[0].link.endswith(f"/changes/{model['edition']}/")
    assert os.path.exists(os.path.join(site_dir, "changes", str(model["edition"]), "index.html"))


def test_calendar_parses_with_one_event_per_timeline_entry(site_dir, model):
    with open(os.path.join(site_dir, "data", "events.ics"), "rb") as f:
        calendar = icalendar.Calendar.from_ical(f.read())
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == len(model["events"])
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == len(uids)
    assert {u.split("@")[0] for u in uids} == {e["id"] for e in model["events"]}
    for e in events:
        assert e.decoded("DTSTART") <= e.decoded("DTEND")


def test_sitemap_lists_exactly_the_built_pages(site_dir, model):
    tree = ET.parse(os.path.join(site_dir, "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [loc.text for loc in tree.getroot().findall("s:url/s:loc", ns)]
    base = model["site"]["base_url"]
    expected = set()
    for page in pages(site_dir):
        if page == "404.html":
            continue
        expected.add(base + (page[: -len("index.html")] if page.endswith("index.html") else page))
    assert len(locs) == len(set(locs))
    assert set(locs) == expected
    with open(os.path.join(site_dir, "robots.txt"), encoding="utf-8") as f:
        assert f"Sitemap: {base}sitemap.xml" in f.read()


def test_data_exports_have_their_shapes(site_dir, model):
    with open(os.path.join(site_dir, "data", "timeline.json"), encoding="utf-8") as f:
        timeline = json.load(f)
    assert len(timeline["events"]) == len(model["events"])
    for e in timeline["events"]:
        assert isinstance(e["start_date"]["year"], int) and e["text"]["headline"]
    with open(os.path.join(site_dir, "data", "network.json"), encoding="utf-8") as f:
        network = json.load(f)
    labels = {e["label"] for e in network["elements"]}
    assert len(labels) == len(model["actors"])
    for c in network["connections"]:
        assert c["from"] in labels and c["to"] in labels and c["direction"] in ("directed", "undirected", "mutual")
    with open(os.path.join(site_dir, "data", "stances.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(io.StringIO(f.read())))
    assert rows[0] == ["actor", "topic", "position", "as_of", "summary", "sources"]
    assert len(rows) - 1 == sum(len(t["stances"]) for t in model["topics"])
    assert model["version"] == 2

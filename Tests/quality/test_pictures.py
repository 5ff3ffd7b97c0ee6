"""Every picture the build draws is readable and goes somewhere, on a wide screen and on a phone.

For one page of each kind (and every page with a picture on the example), at 1280 and 390 CSS px wide, on the
example site and on a generated 500-brief site (DOSSIER_PICTURES_SITE, built by `make test-quality`):
- no page scrolls sideways;
- on a wide screen, every picture fits its column;
- in every SVG shown, no two text labels' boxes intersect and none runs past the picture's edge;
- labels drawn at least 11 CSS px high;
- a label cut with "…" has its full text in a <title>;
- every mark (event, cluster, node, strip part, matrix cell) is inside a link with a <title> and an accessible
  name, and the link's target page (and the element its fragment names) exists.
"""
import os
import re
from urllib.parse import unquote, urlsplit

import pytest

from browser import SiteServer, make_driver, pages, url_of

WIDTHS = [1280, 390]

CHECK = r"""
const wide = arguments[0];
const own = t => [...t.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join('').trim();
const out = {overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
             problems: [], links: [], charts: 0};
for (const svg of document.querySelectorAll('svg.chart')) {
  if (!svg.getClientRects().length) continue;
  out.charts++;
  const name = svg.querySelector('title') ? svg.querySelector('title').textContent : svg.className.baseVal;
  const box = svg.getBoundingClientRect();
  const frame = svg.parentElement.getBoundingClientRect();
  if (wide && box.right > frame.right + 0.5)
    out.problems.push(`${name}: the picture is ${Math.round(box.right - frame.right)} px wider than its column`);
  const scale = box.width / svg.viewBox.baseVal.width;
  const texts = [...svg.querySelectorAll('text')].filter(t => t.getClientRects().length && own(t));
  const rects = texts.map(t => t.getBoundingClientRect());
  texts.forEach((t, i) => {
    const r = rects[i], label = own(t);
    if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      out.problems.push(`${name}: "${label}" is clipped by the picture's edge`);
    const size = parseFloat(getComputedStyle(t).fontSize) * scale;
    if (size < 11 && !t.classList.contains('mark-glyph'))
      out.problems.push(`${name}: "${label}" is ${size.toFixed(1)} px high`);
    const a = t.closest('a');
    if (label.includes('…') && !t.querySelector('title') && !(a && a.querySelector(':scope > title')))
      out.problems.push(`${name}: "${label}" is cut without its full text in a title`);
    for (let j = i + 1; j < texts.length; j++) {
      const s = rects[j];
      const dx = Math.min(r.right, s.right) - Math.max(r.left, s.left);
      const dy = Math.min(r.bottom, s.bottom) - Math.max(r.top, s.top);
      if (dx > 0.5 && dy > 0.5) out.problems.push(`${name}: "${label}" overlaps "${own(texts[j])}"`);
    }
  });
  for (const m of svg.querySelectorAll('.event, .cluster, .node, .strip-part, .mark')) {
    if (!m.closest('.legend') && !m.closest('a')) out.problems.push(`${name}: a ${m.getAttribute('class')} mark is not a link`);
  }
  for (const a of svg.querySelectorAll('a')) {
    const title = a.querySelector(':scope > title');
    if (!title || !title.textContent.trim() || !a.getAttribute('aria-label'))
      out.problems.push(`${name}: a link without a title or accessible name`);
    const href = new URL(a.getAttribute('href'), document.baseURI);
    if (href.pathname === location.pathname) {
      if (href.hash && !document.getElementById(decodeURIComponent(href.hash.slice(1))))
        out.problems.push(`${name}: ${href.hash} is not on this page`);
    } else {
      out.links.push(href.href);
    }
  }
}
return out;
"""


def site_pages(folder, every_chart_page):
    """One page of each kind, in order; on a small site every actor and topic page (they carry pictures)."""
    chosen, seen = [], {}
    for page in pages(folder):
        parts = page.split("/")
        kind = parts[0] if len(parts) > 2 else page
        seen[kind] = seen.get(kind, 0) + 1
        limit = 1000 if every_chart_page and kind in ("actors", "topics") else 2
        if seen[kind] <= limit:
            chosen.append(page)
    return chosen


def target_exists(folder, base, url):
    """Whether a link below `base` names a built file, and its fragment an element in it."""
    if not url.startswith(base):
        return True
    parts = urlsplit(url)
    path = unquote(parts.path[len(urlsplit(base).path):])
    file = os.path.join(folder, path, "index.html") if path.endswith("/") or path == "" else os.path.join(folder, path)
    if not os.path.isfile(file):
        return False
    if not parts.fragment:
        return True
    with open(file, encoding="utf-8") as f:
        return re.search(r'\bid="%s"' % re.escape(unquote(parts.fragment)), f.read()) is not None


def check_site(folder, server, driver, width, every_chart_page):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    problems, charts, checked = [], 0, set()
    for page in site_pages(folder, every_chart_page):
        driver.get(url_of(server.url, page))
        result = driver.execute_script(CHECK, width >= 1280)
        charts += result["charts"]
        if result["overflow"] > 0:
            problems.append(f"{page} @{width}: the page scrolls sideways by {result['overflow']} px")
        problems += [f"{page} @{width}: {p}" for p in result["problems"]]
        for link in result["links"]:
            if link not in checked:
                checked.add(link)
                if not target_exists(folder, server.url, link):
                    problems.append(f"{page} @{width}: a mark links to {link}, which does not exist")
    return problems, charts


@pytest.mark.parametrize("width", WIDTHS)
def test_pictures_on_the_example(site_dir, server, driver, width):
    problems, charts = check_site(site_dir, server, driver, width, every_chart_page=True)
    if width > 800:
        assert charts >= 4, "expected the timeline, network, matrix and strips to be drawn"
    assert not problems, "\n".join(problems[:60])


@pytest.fixture(scope="module")
def large_site():
    folder = os.environ.get("DOSSIER_PICTURES_SITE")
    if not folder or not os.path.exists(os.path.join(folder, "index.html")):
        pytest.skip("no generated site: `make test-quality` builds one into DOSSIER_PICTURES_SITE")
    s = SiteServer(folder, port=0)
    yield folder, s
    s.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_pictures_on_a_generated_500_brief_site(large_site, driver, width):
    folder, server = large_site
    problems, charts = check_site(folder, server, driver, width, every_chart_page=False)
    if width > 800:
        assert charts >= 4
    assert not problems, "\n".join(problems[:60])


def test_the_check_sees_an_overlap(server, driver):
    """The check itself: two labels drawn on top of each other, and a mark without a link, are reported."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    driver.get(server.url + "timeline/")
    driver.execute_script(
        "const svg = document.querySelector('svg.chart');"
        "const t = svg.querySelector('text.lane-label');"
        "svg.appendChild(t.cloneNode(true));"
        "const c = document.createElementNS('http://www.w3.org/2000/svg', 'circle');"
        "c.setAttribute('class', 'event'); c.setAttribute('r', '3'); svg.appendChild(c);")
    result = driver.execute_script(CHECK, True)
    assert any("overlaps" in p for p in result["problems"])
    assert any("not a link" in p for p in result["problems"])

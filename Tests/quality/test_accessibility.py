"""Every page of the built example, in light and dark colour schemes and at 390, 780 and 1280 CSS px wide, has
no axe-core violations at WCAG 2.2 A and AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa).

axe-core's axe.min.js comes from the PyPI package axe-playwright-python, which ships it; it is injected
with selenium (Playwright itself is not used).
"""
import importlib.util
import os

import pytest

from browser import pages, set_scheme, url_of

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_source():
    spec = importlib.util.find_spec("axe_playwright_python")
    assert spec and spec.submodule_search_locations, "pip install axe-playwright-python"
    path = os.path.join(list(spec.submodule_search_locations)[0], "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


def describe(violations):
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {', '.join(node['target'])}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", [390, 780, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(site_dir, server, driver, scheme, width):
    source = axe_source()
    set_scheme(driver, scheme)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    failures = []
    checked = 0
    for page in pages(site_dir):
        driver.get(url_of(server.url, page))
        assert driver.execute_script("return matchMedia('(prefers-color-scheme: %s)').matches" % scheme)
        driver.execute_script(source)
        result = driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
            ".then(r => done({violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary}))}))}))"
            ".catch(e => done({error: String(e)}));", TAGS)
        assert "error" not in result, f"{page}: {result.get('error')}"
        checked += 1
        if result["violations"]:
            failures.append(f"{page} ({scheme}, {width} px):\n{describe(result['violations'])}")
    assert checked > 0
    assert not failures, "axe-core found violations:\n" + "\n".join(failures)

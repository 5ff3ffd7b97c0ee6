"""A reader types into the search page: results appear with kind and date, keyboard navigation works."""
import os
import pathlib
import urllib.parse

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from browser import SiteServer


def results(driver):
    return driver.find_elements(By.CSS_SELECTOR, "#search-results .result")


def settled(driver, query):
    """Waits until the results on screen are those of the whole query (typing re-renders them per key)."""
    WebDriverWait(driver, 5).until(lambda d: f"“{query}”" in d.find_element(By.ID, "search-status").text)


def test_typing_finds_actors_briefs_and_events(server, driver):
    driver.get(server.url + "search/")
    box = driver.find_element(By.ID, "search-input")
    box.send_keys("amodei")
    settled(driver, "amodei")
    first = results(driver)[0]
    assert first.find_element(By.CSS_SELECTOR, ".result-title").text == "Dario Amodei"
    assert first.find_element(By.CSS_SELECTOR, ".result-kind").text.lower() == "actor"
    kinds = {r.find_element(By.CSS_SELECTOR, ".result-kind").text.lower() for r in results(driver)}
    assert {"actor", "event", "brief"} <= kinds
    dated = [r for r in results(driver) if r.find_elements(By.CSS_SELECTOR, ".result-meta time")]
    assert dated and all(t.find_element(By.CSS_SELECTOR, "time").get_attribute("datetime") for t in dated)
    status = driver.find_element(By.ID, "search-status").text
    total = int(status.split()[0])
    assert status.startswith(f"{total} results for “amodei”")
    if total > len(results(driver)):  # ten at a time: the button shows more and moves focus to the first new one
        assert status.endswith(f", showing {len(results(driver))}.")
        shown = len(results(driver))
        driver.find_element(By.ID, "search-more").send_keys(Keys.ENTER)
        WebDriverWait(driver, 5).until(lambda d: len(results(d)) > shown)
        assert driver.switch_to.active_element.get_attribute("id") == f"result-{shown}"
    assert "q=amodei" in driver.current_url


def test_case_and_accents_do_not_matter_and_aliases_match(server, driver):
    driver.get(server.url + "search/")
    box = driver.find_element(By.ID, "search-input")
    box.send_keys("HÉGSETH")
    settled(driver, "HÉGSETH")
    titles = [r.find_element(By.CSS_SELECTOR, ".result-title").text for r in results(driver)]
    assert titles[0] == "Pete Hegseth"
    assert any("Hegseth designates" in t for t in titles)
    box.clear()
    box.send_keys("the anthropic ceo")  # an alias of Dario Amodei
    settled(driver, "the anthropic ceo")
    assert results(driver)[0].find_element(By.CSS_SELECTOR, ".result-title").text == "Dario Amodei"


def test_keyboard_moves_through_results_and_enter_opens_one(server, driver):
    driver.get(server.url + "search/?q=openai")
    settled(driver, "openai")
    assert len(results(driver)) > 1
    box = driver.find_element(By.ID, "search-input")
    box.send_keys(Keys.ARROW_DOWN)
    links = driver.find_elements(By.CSS_SELECTOR, "#search-results a.result-link")
    assert driver.switch_to.active_element == links[0]
    driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
    assert driver.switch_to.active_element == links[1]
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    driver.switch_to.active_element.send_keys(Keys.ARROW_UP)
    assert driver.switch_to.active_element == box
    box.send_keys(Keys.ARROW_DOWN)
    target = links[0].get_attribute("href")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    WebDriverWait(driver, 5).until(lambda d: d.current_url == target)


def test_no_results_says_so(server, driver):
    driver.get(server.url + "search/")
    driver.find_element(By.ID, "search-input").send_keys("zzzzqqq")
    WebDriverWait(driver, 5).until(lambda d: "No results" in d.find_element(By.ID, "search-status").text)
    assert not results(driver)


def test_the_page_says_what_to_do_without_javascript(site_dir):
    with open(f"{site_dir}/search/index.html", encoding="utf-8") as f:
        page = f.read()
    assert "<noscript>" in page and "Search needs JavaScript" in page


def test_a_word_only_in_a_source_article_is_found_with_a_marked_snippet(server, driver):
    driver.get(server.url + "search/?q=fallout")
    settled(driver, "fallout")
    first = results(driver)[0]
    assert first.find_element(By.CSS_SELECTOR, ".result-kind").text.lower() == "source"
    marks = first.find_elements(By.CSS_SELECTOR, ".result-excerpt mark")
    assert [m.text.lower() for m in marks] == ["fallout"]
    assert len(first.find_element(By.CSS_SELECTOR, ".result-excerpt").text) < 260, "a snippet, not the whole article"
    assert not driver.find_element(By.ID, "search-more").is_displayed(), "nothing more to show"


def test_titles_and_names_come_before_body_words(server, driver):
    driver.get(server.url + "search/?q=pentagon")
    settled(driver, "pentagon")
    # Actors are left out: an alias counts as a name (the Department of Defense is "the Pentagon").
    titles = [r.find_element(By.CSS_SELECTOR, ".result-title").text.lower() for r in results(driver)
              if r.find_element(By.CSS_SELECTOR, ".result-kind").text.lower() != "actor"]
    with_word = [i for i, t in enumerate(titles) if "pentagon" in t]
    without = [i for i, t in enumerate(titles) if "pentagon" not in t]
    assert with_word and without and max(with_word) < min(without)


def test_a_phrase_in_quotes_matches_only_words_side_by_side(server, driver):
    driver.get(server.url + "search/")
    box = driver.find_element(By.ID, "search-input")
    box.send_keys('"mutually acceptable"')
    settled(driver, '"mutually acceptable"')
    assert results(driver)
    for r in results(driver):
        text = " ".join(m.text.lower() for m in r.find_elements(By.CSS_SELECTOR, "mark"))
        assert "mutually acceptable" in text
    box.clear()
    box.send_keys('"acceptable mutually"')
    WebDriverWait(driver, 5).until(lambda d: "No results" in d.find_element(By.ID, "search-status").text)
    box.clear()
    box.send_keys("acceptable mutually")
    settled(driver, "acceptable mutually")
    assert results(driver)


def test_search_works_from_a_folder_opened_from_disk(site_dir, driver):
    # Pages link with relative URLs whatever the base URL, and the index is loaded by script tags, not fetch().
    driver.get(pathlib.Path(site_dir, "search", "index.html").as_uri() + "?q=fallout")
    settled(driver, "fallout")
    assert results(driver)[0].find_elements(By.CSS_SELECTOR, ".result-excerpt mark")


def test_a_query_on_a_large_site_downloads_little(driver):
    site = os.environ.get("DOSSIER_PICTURES_SITE")
    if not site or not os.path.isdir(os.path.join(site, "search")):
        pytest.skip("no generated site (DOSSIER_PICTURES_SITE)")
    large = SiteServer(site, port=0)
    try:
        for query in ("pentagon", "supply chain", '"supply chain"'):
            driver.execute_cdp_cmd("Network.clearBrowserCache", {})
            driver.get(large.url + "search/?q=" + urllib.parse.quote(query))
            settled(driver, query)
            assert results(driver)
            loaded = driver.execute_script(
                "return performance.getEntriesByType('resource').filter(r => r.name.includes('/search/'))"
                ".reduce((n, r) => n + r.encodedBodySize, 0)")
            assert 0 < loaded <= 400_000, f"{query}: {loaded} bytes"
    finally:
        large.close()

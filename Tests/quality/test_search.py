"""A reader types into the search page: results appear with kind and date, keyboard navigation works."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


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
    assert status.startswith(f"{len(results(driver))} results for “amodei”")
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

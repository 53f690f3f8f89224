"""The website widget in a real browser (Debian's chromium + chromedriver), against the
real Rasa server and action server. The tests run in order and share one browser."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.e2e.servers import Servers

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SCREENSHOTS = ROOT / "var" / "screenshots"

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException, TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Needs chromium and chromedriver, and starts the Rasa and action servers (pytest.ini).
pytestmark = [pytest.mark.e2e, pytest.mark.browser]


@pytest.fixture(scope="module")
def servers(model, tmp_path_factory):
    db = tmp_path_factory.mktemp("widget-tracker") / "conversations.db"
    running = Servers(tmp_path_factory.mktemp("widget-servers"), {"TRACKER_DB": str(db)}, model)
    running.db = db
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser(servers):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip(f"browser tests need {CHROMIUM} and {CHROMEDRIVER} (Debian packages chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.get(f"{servers.url}/webhooks/web/chat")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def wait(driver, condition, seconds: float = 30):
    return WebDriverWait(driver, seconds, poll_frequency=0.2).until(lambda d: condition(d))


def log_text(driver) -> str:
    return driver.find_element(By.CSS_SELECTOR, ".cc-log").text


def session_id(driver) -> str:
    return wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".cc-root").get_attribute("data-session-id"))


def open_panel(driver) -> None:
    launcher = wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".cc-launcher"))
    if launcher.get_attribute("aria-expanded") != "true":
        launcher.click()
    session_id(driver)


def type_message(driver, text: str) -> None:
    box = driver.find_element(By.ID, "cc-input")
    box.send_keys(text, Keys.ENTER)


def stored_user_messages(db: Path, sender: str) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(row[0]).get("text") for row in rows]


def test_full_conversation(browser):
    open_panel(browser)
    type_message(browser, "I loved being a nurse")
    wait(browser, lambda d: "Registered Nurses" in log_text(d))
    choices = browser.find_elements(By.CSS_SELECTOR, ".cc-choice")
    titles = [c.text for c in choices]
    assert "Nurse Practitioners" in titles and "Less schooling" in titles
    choices[titles.index("Nurse Practitioners")].click()
    wait(browser, lambda d: "Moving from Registered Nurses to Nurse Practitioners" in log_text(d))
    # The button's title shows as the person's message, not its payload.
    users = [m.text for m in browser.find_elements(By.CSS_SELECTOR, ".cc-user")]
    assert users[-1] == "Nurse Practitioners" and not any(u.startswith("/") for u in users)
    browser.save_screenshot(str(SCREENSHOTS / "widget-desktop.png"))


def test_reload_continues_the_same_conversation(browser, servers):
    before = session_id(browser)
    browser.refresh()
    open_panel(browser)
    assert session_id(browser) == before
    assert "Registered Nurses" in log_text(browser), "the transcript is shown again after a reload"
    type_message(browser, "what about something with less schooling?")
    wait(browser, lambda d: "less schooling than Registered Nurses" in log_text(d))
    stored = stored_user_messages(servers.db, before)
    assert stored[0] == "I loved being a nurse"
    assert stored[-1] == "what about something with less schooling?"


@pytest.mark.parametrize("attack", ['<img src=x onerror="window.__xss=1">', "<script>window.__xss=2</script>"])
def test_markup_is_shown_as_text_and_never_runs(browser, attack):
    open_panel(browser)
    count = len(browser.find_elements(By.CSS_SELECTOR, ".cc-user"))
    type_message(browser, attack)
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cc-user")) > count)
    assert browser.find_elements(By.CSS_SELECTOR, ".cc-user")[-1].text == attack
    time.sleep(1)
    assert browser.execute_script("return window.__xss === undefined")
    assert browser.find_elements(By.CSS_SELECTOR, ".cc-log img, .cc-log script") == []
    with pytest.raises(NoAlertPresentException):
        _ = browser.switch_to.alert.text


def test_keyboard_only(browser):
    browser.refresh()
    launcher = wait(browser, lambda d: d.find_element(By.CSS_SELECTOR, ".cc-launcher"))
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(15):
        if browser.switch_to.active_element == launcher:
            break
        browser.switch_to.active_element.send_keys(Keys.TAB)
    assert browser.switch_to.active_element == launcher, "the launcher is reachable with Tab"
    launcher.send_keys(Keys.ENTER)
    wait(browser, lambda d: d.find_element(By.ID, "cc-input") == d.switch_to.active_element)
    assert launcher.get_attribute("aria-expanded") == "true"
    count = len(browser.find_elements(By.CSS_SELECTOR, ".cc-bot"))
    browser.switch_to.active_element.send_keys("thanks", Keys.ENTER)
    wait(browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".cc-bot")) > count)
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    wait(browser, lambda d: not d.find_element(By.CSS_SELECTOR, ".cc-panel").is_displayed())
    assert browser.switch_to.active_element == launcher, "Escape closes the chat and returns focus"
    log = browser.find_element(By.CSS_SELECTOR, ".cc-log")
    assert log.get_attribute("aria-live") == "polite" and log.get_attribute("role") == "log"
    assert browser.find_element(By.CSS_SELECTOR, "label[for='cc-input']")


def test_phone_width_nothing_cut_off(browser):
    browser.set_window_size(360, 740)
    try:
        browser.refresh()
        open_panel(browser)
        width = browser.execute_script("return window.innerWidth")
        height = browser.execute_script("return window.innerHeight")
        for selector in (".cc-panel", ".cc-input", ".cc-send", ".cc-close"):
            box = browser.execute_script(
                "const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                "return [r.left, r.top, r.right, r.bottom];",
                selector,
            )
            assert box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height, (selector, box, width)
        overflow = browser.execute_script(
            "return document.querySelector('.cc-log').scrollWidth > document.querySelector('.cc-log').clientWidth"
        )
        assert not overflow, "no sideways scrolling inside the chat"
        browser.save_screenshot(str(SCREENSHOTS / "widget-phone.png"))
    finally:
        browser.set_window_size(1280, 900)


def test_offline_notice_queues_messages_and_recovers(browser, servers):
    browser.refresh()
    open_panel(browser)
    servers.stop_rasa()
    try:
        notice = browser.find_element(By.CSS_SELECTOR, ".cc-notice")
        wait(browser, lambda d: notice.is_displayed() and "Can't reach" in notice.text, 30)
        type_message(browser, "are you a bot?")
        wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, ".cc-pending"))
        assert "waiting to send" in browser.find_elements(By.CSS_SELECTOR, ".cc-pending")[-1].text
    finally:
        servers.start_rasa()
    try:
        wait(browser, lambda d: not d.find_element(By.CSS_SELECTOR, ".cc-notice").is_displayed(), 60)
        wait(browser, lambda d: "automated assistant" in log_text(d), 60)
    except TimeoutException:
        pytest.fail("the widget did not reconnect and deliver the queued message: " + log_text(browser)[-300:])
    assert browser.find_elements(By.CSS_SELECTOR, ".cc-pending") == []


def test_guided_questions_and_a_follow_up_in_the_widget(browser):
    # Issue 12 in the widget: someone who doesn't know yet answers two questions by
    # clicking, then asks about one of the roles by its position in the list.
    open_panel(browser)
    type_message(browser, "honestly no idea what I want to do with my life")
    wait(browser, lambda d: any(c.text.startswith("Creating") for c in d.find_elements(By.CSS_SELECTOR, ".cc-choice")))
    next(c for c in browser.find_elements(By.CSS_SELECTOR, ".cc-choice") if c.text.startswith("Creating")).click()
    wait(browser, lambda d: any(c.text == "A degree is fine" for c in d.find_elements(By.CSS_SELECTOR, ".cc-choice")))
    next(c for c in browser.find_elements(By.CSS_SELECTOR, ".cc-choice") if c.text == "A degree is fine").click()
    wait(browser, lambda d: "an Artistic interest" in log_text(d))
    type_message(browser, "what does the second one pay?")
    wait(browser, lambda d: "Median pay: $" in log_text(d))
    browser.save_screenshot(str(SCREENSHOTS / "widget-guided.png"))

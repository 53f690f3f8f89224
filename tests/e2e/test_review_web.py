"""The counselor review web app over conversations from the running assistant."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import uuid

import pytest
import requests

from tests.conftest import ROOT
from tests.e2e.servers import free_port

# Starts the Rasa and action servers: not in `make test-fast` (pytest.ini).
pytestmark = pytest.mark.e2e

PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def review_app(assistant, sqlite_db, tmp_path_factory):
    sender = f"web-review-{uuid.uuid4().hex[:6]}"
    assistant.say(sender, "I was a doctor")
    url = f"sqlite:///{sqlite_db}"
    subprocess.run(
        [sys.executable, "-m", "review", "--db", url, "add-counselor", "maria", "--password-stdin"],
        cwd=ROOT,
        input=PASSWORD + "\n",
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    port = free_port()
    log = open(tmp_path_factory.mktemp("review") / "review.log", "wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "review", "--db", url, "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "REVIEW_SECRET": "test"},
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            if requests.get(f"{base}/login", timeout=2).status_code == 200:
                break
        except requests.RequestException:
            time.sleep(0.5)
    yield {"url": base, "sender": assistant.conversation_id(sender)}
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def signed_in(base: str) -> requests.Session:
    session = requests.Session()
    form = session.get(f"{base}/login", timeout=10).text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    answer = session.post(
        f"{base}/login", data={"csrf": token, "name": "maria", "password": PASSWORD}, timeout=10, allow_redirects=False
    )
    assert answer.status_code == 302, answer.text
    return session


ROUTES = [
    ("GET", "/"),
    ("GET", "/conversations"),
    ("GET", "/conversations?needs_review=1"),
    ("GET", "/conversations/x"),
    ("GET", "/overview"),
    ("GET", "/export?format=csv"),
    ("GET", "/export?format=jsonl"),
    ("POST", "/conversations/x/notes"),
    ("POST", "/conversations/x/delete"),
    ("POST", "/purge"),
    ("POST", "/logout"),
]


@pytest.mark.parametrize("method, path", ROUTES)
def test_every_route_refuses_anonymous_access(review_app, method, path):
    answer = requests.request(method, review_app["url"] + path, timeout=10, allow_redirects=False)
    assert answer.status_code == 302 and answer.headers["Location"] == "/login"
    assert "Registered" not in answer.text


def test_sign_in_cookie_and_csrf(review_app):
    base = review_app["url"]
    session = signed_in(base)
    cookie = next(c for c in session.cookies if c.name == "review_session")
    raw = requests.Session()
    form = raw.get(f"{base}/login", timeout=10).text
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
    answer = raw.post(
        f"{base}/login", data={"csrf": token, "name": "maria", "password": PASSWORD}, timeout=10, allow_redirects=False
    )
    header = answer.headers["Set-Cookie"]
    assert "HttpOnly" in header and "SameSite=Strict" in header and cookie.value
    forged = session.post(f"{base}/conversations/{review_app['sender']}/notes", data={"text": "no token"}, timeout=10)
    assert forged.status_code == 403
    out = session.post(f"{base}/logout", data={"csrf": "wrong"}, timeout=10, allow_redirects=False)
    assert out.status_code == 403


def test_wrong_password(review_app):
    base = review_app["url"]
    session = requests.Session()
    for _ in range(2):
        form = session.get(f"{base}/login", timeout=10).text
        token = re.search(r'name="csrf" value="([0-9a-f]+)"', form).group(1)
        answer = session.post(f"{base}/login", data={"csrf": token, "name": "maria", "password": "nope"}, timeout=10)
        assert answer.status_code == 401 and "Wrong name or password" in answer.text


def test_queue_transcript_note_export_and_overview(review_app):
    base, sender = review_app["url"], review_app["sender"]
    session = signed_in(base)
    queue = session.get(f"{base}/conversations?needs_review=1", timeout=30).text
    assert sender in queue and "unanswered_question" in queue
    page = session.get(f"{base}/conversations/{sender}", timeout=30).text
    assert "I was a doctor" in page and "liked_role" in page and "None of these" in page
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
    session.post(
        f"{base}/conversations/{sender}/notes",
        data={"csrf": token, "text": "<b>call back</b>", "reviewed": "1"},
        timeout=30,
    )
    page = session.get(f"{base}/conversations/{sender}", timeout=30).text
    assert "&lt;b&gt;call back&lt;/b&gt;" in page and "reviewed" in page
    csv_text = session.get(f"{base}/export?ids={sender}&format=csv", timeout=30).text
    assert "I was a doctor" in csv_text.splitlines()[1]
    story = session.get(f"{base}/export?ids={sender}&format=story", timeout=30).text
    assert "intent: liked_role" in story
    overview = session.get(f"{base}/overview", timeout=30).text
    assert overview.count("<svg") == 4 and "Conversations per day by channel" in overview


def test_in_a_real_browser(review_app):
    from pathlib import Path

    chromium, chromedriver = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not (chromium.exists() and chromedriver.exists()):
        pytest.skip(f"browser test needs {chromium} and {chromedriver}")
    from selenium import webdriver
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def until(condition):
        ignored = (StaleElementReferenceException, NoSuchElementException)
        return WebDriverWait(driver, 30, ignored_exceptions=ignored).until(lambda d: condition(d))

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(chromedriver)), options=options)
    shots = ROOT / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        driver.get(review_app["url"] + "/conversations")
        assert driver.current_url.endswith("/login")
        driver.find_element(By.NAME, "name").send_keys("maria")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        until(lambda d: "Needs review" in d.find_element(By.TAG_NAME, "h1").text)
        driver.save_screenshot(str(shots / "review-queue.png"))
        driver.find_element(By.LINK_TEXT, review_app["sender"]).click()
        until(lambda d: "I was a doctor" in d.page_source)
        driver.find_element(By.NAME, "text").send_keys("Asked which doctor; follow up by email.")
        driver.find_element(By.CSS_SELECTOR, "form[action*='/notes'] button").click()
        until(lambda d: "Asked which doctor; follow up by email." in d.find_element(By.TAG_NAME, "ul").text)
        driver.save_screenshot(str(shots / "review-transcript.png"))
        driver.find_element(By.LINK_TEXT, "Overview").click()
        until(lambda d: len(d.find_elements(By.TAG_NAME, "svg")) == 4)
        driver.save_screenshot(str(shots / "review-overview.png"))
    finally:
        driver.quit()

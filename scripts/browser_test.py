"""Drives the Tracestock web UI in headless Chromium (see scripts/browser-test.sh).

Each step is a check; the run ends with 'N passed, M failed' and exits non-zero on any failure.
Screenshots of every page visited go to $SCREENSHOTS.
"""
import os
import sys
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

BASE = os.environ["BASE_URL"]
CODE = os.environ["AUTH_CODE"]
SHOTS = os.environ.get("SCREENSHOTS", "screenshots")

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
driver.set_page_load_timeout(30)
# A click or Enter that submits a form returns before the next page has loaded; on a busy machine
# the old page is still there. Element lookups wait for their element, text checks for their text.
driver.implicitly_wait(20)

passed, failed = 0, 0


def step(name):
    def wrap(fn):
        global passed, failed
        started = time.time()
        try:
            fn()
            passed += 1
            print(f"ok   {name} ({time.time() - started:.1f} s)")
        except Exception:
            failed += 1
            print(f"FAIL {name}")
            traceback.print_exc()
            shot("failure-" + name.replace(" ", "-"))
        return fn
    return wrap


def shot(name):
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def go(path):
    driver.get(BASE + path)


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def wait_text(expected, timeout=20):
    """The page's text once it contains `expected` (or, after `timeout` seconds, as it is)."""
    return wait_for(text, lambda body: expected in body, timeout)


def fill(field_id, value):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)
    return element


def sign_in(name, password):
    """Signs in and returns once the sign-in page has been left (Enter returns before that)."""
    go("/login")
    fill("name", name)
    fill("password", password).send_keys(Keys.ENTER)
    url = wait_for(lambda: driver.current_url, lambda url: "/login" not in url)
    assert "/login" not in url, f"{name} is still on the sign-in page: {text()[:300]}"


def sign_out():
    """Signs out and returns once the sign-in page has loaded (the click returns before that)."""
    driver.find_element(By.CSS_SELECTOR, "form.who button").click()
    wait_url("/login")


def wait_url(part, timeout=20):
    """The current URL once it contains `part`; fails with the URL it has after `timeout` seconds."""
    url = wait_for(lambda: driver.current_url, lambda url: part in url, timeout)
    assert part in url, f"still at {url}, expected {part}"
    return url


def wait_for(read, done, timeout=20):
    """`read()` once `done` says yes to it; after `timeout` seconds, whatever it reads then.

    Reading may fail while the browser swaps pages (a stale element): that is retried too."""
    deadline = time.time() + timeout
    while True:
        try:
            value = read()
            if done(value) or time.time() > deadline:
                return value
        except Exception:
            if time.time() > deadline:
                raise
        time.sleep(0.1)


def scan(mode, code, order=None, location="WH-MAIN"):
    go("/scan")
    driver.find_element(By.CSS_SELECTOR, f"input[name=mode][value={mode}]").click()
    Select(driver.find_element(By.ID, "location")).select_by_value(location)
    fill("order", order or "")
    # A scanner types the code and presses Enter.
    fill("scan", code).send_keys(Keys.ENTER)
    return driver.find_element(By.ID, "verdict")


@step("public verify page needs no sign-in and says genuine")
def _():
    go("/verify")
    assert "/verify" in driver.current_url, driver.current_url
    fill("code", CODE).send_keys(Keys.ENTER)
    verdict = driver.find_element(By.ID, "verdict")
    assert verdict.text.startswith("genuine"), verdict.text
    assert "good" in verdict.get_attribute("class")
    shot("verify-genuine")
    fill("code", "TS:0000000000000000000000000000")
    driver.find_element(By.ID, "code").send_keys(Keys.ENTER)
    # The page with the first verdict is still there until the answer to this post has loaded.
    verdict = wait_for(lambda: driver.find_element(By.ID, "verdict").text, lambda v: not v.startswith("genuine"))
    assert verdict.split()[0] in ("unknown", "malformed"), verdict
    shot("verify-unknown")


@step("a page without a session redirects to sign-in; a wrong password is refused")
def _():
    go("/skus/EB-100")
    assert "/login" in driver.current_url, driver.current_url
    shot("login")
    fill("name", "oper")
    fill("password", "not-the-password").send_keys(Keys.ENTER)
    assert "Wrong user name or password" in wait_text("Wrong user name or password")


@step("an operator signs in (keyboard only) and sees the dashboard")
def _():
    go("/login?next=/")
    fill("name", "oper")
    fill("password", "operator-password-1").send_keys(Keys.ENTER)
    wait_text("Latest events")
    assert driver.current_url.rstrip("/") == BASE, driver.current_url
    body = text()
    assert "Stock by SKU" in body and "EB-100" in body and "Latest events" in body, body[:500]
    shot("dashboard")


@step("receive two units by scanning GS1 element strings")
def _():
    for serial in ("WEB-0001", "WEB-0002", "WEB-0003"):
        verdict = scan("receive", f"(01)09520123456788(21){serial}")
        assert verdict.text.startswith("RECEIVED"), verdict.text
        assert "good" in verdict.get_attribute("class")
    shot("scan-received")


@step("ship each unit on its own order")
def _():
    verdict = scan("ship", "(01)09520123456788(21)WEB-0001", order="WEB-ORDER-1")
    assert verdict.text.startswith("SHIPPED"), verdict.text
    verdict = scan("ship", "(01)09520123456788(21)WEB-0002", order="WEB-ORDER-2")
    assert verdict.text.startswith("SHIPPED"), verdict.text
    shot("scan-shipped")
    verdict = scan("ship", "(01)09520123456788(21)WEB-0002", order="WEB-ORDER-3")
    assert verdict.text.startswith("REFUSED") and "bad" in verdict.get_attribute("class"), verdict.text
    shot("scan-refused")


@step("a return with a swapped serial is wrongOrder, and is recorded as suspicious")
def _():
    go("/returns")
    fill("order", "WEB-ORDER-1")
    fill("serial", "WEB-0002").send_keys(Keys.ENTER)
    verdict = driver.find_element(By.ID, "verdict")
    assert verdict.text.startswith("wrongOrder"), verdict.text
    assert "WEB-ORDER-2" in verdict.text, verdict.text
    shot("returns-wrong-order")
    fill("reason", "customer sent the other unit back")
    driver.find_element(By.NAME, "acceptSuspicious").click()
    driver.find_element(By.CSS_SELECTOR, "#record-form button").click()
    assert "Recorded the return" in wait_text("Recorded the return"), text()[:400]
    rows = driver.find_element(By.ID, "suspicious-returns").text
    assert "WEB-ORDER-1" in rows and "wrongOrder" in rows, rows
    shot("returns-recorded")


@step("the scan station checks a return too")
def _():
    verdict = scan("return", "(01)09520123456788(21)WEB-0001", order="WEB-ORDER-1")
    assert verdict.text.startswith("match"), verdict.text


@step("a recall finds a lot, quarantines after confirmation, and downloads as CSV")
def _():
    go("/recall")
    Select(driver.find_element(By.ID, "sku")).select_by_value("VIT-C")
    fill("lots", "B7781").send_keys(Keys.ENTER)
    total = driver.find_element(By.ID, "recall-total").text
    assert total and total != "0", total
    assert "in_stock" in driver.find_element(By.ID, "recall-counts").text
    shot("recall-result")
    href = driver.find_element(By.ID, "recall-csv").get_attribute("href")
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookies})) as response:
        csv = response.read().decode()
    assert csv.startswith("sku,state,location,order"), csv[:200]
    assert "B7781" in csv
    driver.find_element(By.ID, "quarantine-start").click()
    driver.find_element(By.ID, "confirm-quarantine")
    shot("recall-confirm")
    fill("reason", "supplier notice 42")
    driver.find_element(By.ID, "quarantine-confirm").click()
    assert "Quarantined" in wait_text("Quarantined"), text()[:400]
    counts = driver.find_element(By.ID, "recall-counts").text
    assert "quarantined" in counts and "in_stock" not in counts, counts
    shot("recall-quarantined")


@step("a unit's page shows its whole history and its label")
def _():
    go("/units/EB-100/WEB-0002")
    history = driver.find_element(By.ID, "unit-history").text
    for event in ("receive", "ship", "return"):
        assert event in history, history
    image = driver.find_element(By.CSS_SELECTOR, ".label-preview img")
    assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image), "label did not load"
    shot("unit")


@step("the SKU page has a sales chart and restock numbers")
def _():
    go("/skus/EB-100")
    assert driver.find_elements(By.CSS_SELECTOR, ".chart svg rect"), "no bars in the chart"
    assert "Reorder point" in driver.find_element(By.ID, "restock-facts").text
    shot("sku")


@step("reorder and ageing tables sort and download")
def _():
    go("/reorder")
    shot("reorder")
    driver.find_element(By.LINK_TEXT, "On hand").click()
    wait_url("sort=on_hand")
    assert driver.find_element(By.CSS_SELECTOR, "th[aria-sort=ascending]")
    go("/ageing")
    assert driver.find_element(By.ID, "ageing-table")
    shot("ageing")


@step("a viewer can look but is refused when it tries to write")
def _():
    sign_out()
    sign_in("watcher", "viewer-password-1")
    assert "Stock by SKU" in wait_text("Stock by SKU")
    go("/scan")
    driver.find_element(By.CSS_SELECTOR, "input[name=mode][value=receive]").click()
    fill("scan", "(01)09520123456788(21)WEB-0099").send_keys(Keys.ENTER)
    assert "Not allowed" in wait_text("Not allowed"), text()[:300]
    shot("viewer-refused")
    sign_out()
    assert "/login" in driver.current_url


@step("the layout works on a phone-sized screen")
def _():
    driver.set_window_size(390, 844)
    sign_in("boss", "admin-password-1")
    go("/")
    width = driver.execute_script("return document.documentElement.scrollWidth")
    assert width <= 400, f"page is {width}px wide on a 390px screen"
    shot("dashboard-phone")
    go("/scan")
    shot("scan-phone")


driver.quit()
print(f"browser-test: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

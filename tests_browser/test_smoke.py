"""Smoke test through a real browser: the portal login in Chinese and Tibetan, a county desk."""

import re

from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CHINESE = re.compile("[\u4e00-\u9fff]")


def login_button_text(page) -> str:
	return page.locator("form.form-login button.btn-login").first.inner_text()


def test_login_page_in_chinese(page):
	page.goto(f"{BASE_URL}/login?_lang=zh")
	text = login_button_text(page)
	screenshot(page, "login-zh")
	assert CHINESE.search(text), text


def test_login_page_in_tibetan(page):
	page.goto(f"{BASE_URL}/login?_lang=bo")
	text = login_button_text(page)
	screenshot(page, "login-bo")
	assert TIBETAN.search(text), text
	assert page.locator("html").get_attribute("lang") == "bo"


def test_chosen_language_cookie_is_honoured_for_guests(page):
	page.context.add_cookies([{"name": "preferred_language", "value": "bo", "url": BASE_URL}])
	page.goto(f"{BASE_URL}/login")
	assert TIBETAN.search(login_button_text(page))


def test_county_desk_lists_only_its_county(page, site_records):
	page.goto(f"{BASE_URL}/login?_lang=zh")
	page.fill("#login_email", site_records["user"])
	page.fill("#login_password", site_records["password"])
	page.locator("form.form-login button.btn-login").first.click()
	page.wait_for_url(re.compile(r".*/app.*"), timeout=30_000)
	page.wait_for_selector(".workspace-main-section, .layout-main-section", timeout=30_000)
	page.wait_for_timeout(1500)
	assert "county-justice-bureau" in page.url, page.url
	screenshot(page, "county-desk")

	page.goto(f"{BASE_URL}/app/legal-consultation")
	page.wait_for_selector(".list-row-container, .no-result", timeout=30_000)
	page.wait_for_timeout(1000)
	listed = page.locator(".result").inner_text()
	screenshot(page, "county-consultations")
	assert "城东群众甲" in listed
	assert "城中群众乙" not in listed

	response = page.goto(f"{BASE_URL}/api/resource/Legal Consultation/{site_records['neighbour']}")
	assert response.status == 403

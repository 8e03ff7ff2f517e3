"""Browser tests: Playwright for Python driving Debian's chromium against a served site.

Run by scripts/test with the bench's python: QHLS_SITE names the site, QHLS_BASE_URL where it is
served, QHLS_SCREENSHOTS where pictures of what a person sees are saved.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("QHLS_BASE_URL", "http://localhost:8000")
SITE = os.environ.get("QHLS_SITE", "qhls.localhost")
SCREENSHOTS = Path(os.environ.get("QHLS_SCREENSHOTS", "/tmp/qhls-screenshots"))
BENCH = Path(os.environ.get("FRAPPE_BENCH", Path.home() / "frappe-bench"))
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
	"--no-first-run",
	"--disable-quic",
]


@pytest.fixture(scope="session")
def site_records():
	"""Staff and records the tests look for, made through Frappe on the served site."""
	import frappe

	from qh_legal_service.install import complete_setup_unattended
	from qh_legal_service.tests import utils

	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		complete_setup_unattended()
		utils.make_staff("browser-county@test.qh", utils.CHENGDONG, "County Justice Bureau")
		own = utils.make_consultation(division=utils.BEIGUAN_COMMUNITY, citizen_name="城东群众甲").name
		neighbour = utils.make_consultation(division=utils.CHENGZHONG, citizen_name="城中群众乙").name
		frappe.db.commit()  # nosemgrep: the served site reads these from its own connection
		yield {
			"user": "browser-county@test.qh",
			"password": utils.TEST_PASSWORD,
			"own": own,
			"neighbour": neighbour,
		}
	finally:
		frappe.destroy()


@pytest.fixture(scope="session")
def browser():
	with sync_playwright() as playwright:
		browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
		yield browser
		browser.close()


@pytest.fixture
def page(browser):
	context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
	page = context.new_page()
	yield page
	context.close()


def screenshot(page, name: str) -> Path:
	"""Save what the person sees now."""
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	path = SCREENSHOTS / f"{name}.png"
	page.screenshot(path=str(path), full_page=True)
	return path


PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def citizen(request):
	"""The portal citizen named by the test module's CITIZEN, made on the served site; the user and
	everything they sent (applications, files) are deleted afterwards."""
	import frappe

	from qh_legal_service.tests.test_portal import make_citizen
	from qh_legal_service.tests.utils import TEST_PASSWORD, delete_with_history

	email = request.module.CITIZEN
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		make_citizen(email)
		frappe.db.commit()  # nosemgrep: the served site reads the user from its own connection
		yield {"user": email, "password": TEST_PASSWORD}
		frappe.db.rollback()  # see what the served site committed meanwhile
		for doctype in ("Legal Aid Application", "File"):
			for name in frappe.get_all(doctype, filters={"owner": email}, pluck="name"):
				delete_with_history(doctype, name)
		frappe.delete_doc("User", email, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: leave the served site as it was
	finally:
		frappe.destroy()


@pytest.fixture
def phone(browser, citizen):
	"""A phone-sized page signed in as the citizen, with no language chosen yet."""
	context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
	page = context.new_page()
	response = page.request.post(
		f"{BASE_URL}/api/method/login", form={"usr": citizen["user"], "pwd": citizen["password"]}
	)
	assert response.ok, response.text()
	yield page
	context.close()

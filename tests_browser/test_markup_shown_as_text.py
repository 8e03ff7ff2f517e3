"""A visitor's question full of markup and scripts reaches the county desk as text: the list and the form
show the characters typed, no element of it is made and no script of it runs."""

import json
import re

import pytest
from conftest import BASE_URL, BENCH, SITE, screenshot

PHONE = "13900000978"
NAME = '<img src=x onerror="window.__qhls_ran=1">卓玛'
QUESTION = '<script>window.__qhls_ran=2</script><b>草场</b> 边界怎么划？ <svg onload="window.__qhls_ran=3">'


@pytest.fixture
def scripted_question(site_records):
	"""A guest's question from Beiguan (Chengdong, the county staff's own area), sent through the web form."""
	import frappe

	from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, delete_with_history

	# A connection of its own: another module's fixture may have closed the session's.
	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	yield {
		"doctype": "Legal Consultation",
		"web_form_name": "legal-question",
		"citizen_name": NAME,
		"citizen_phone": PHONE,
		"division": BEIGUAN_COMMUNITY,
		"question": QUESTION,
	}
	frappe.db.rollback()  # see what the served site committed
	for name in frappe.get_all("Legal Consultation", filters={"citizen_phone": PHONE}, pluck="name"):
		delete_with_history("Legal Consultation", name)
	frappe.db.commit()  # nosemgrep: leave the served site as it was
	frappe.destroy()


def test_markup_in_a_question_is_text_on_the_desk(browser, page, site_records, scripted_question):
	visitor = browser.new_context()
	sent = visitor.request.post(
		f"{BASE_URL}/api/method/frappe.website.doctype.web_form.web_form.accept",
		form={"web_form": "legal-question", "data": json.dumps(scripted_question)},
	)
	assert sent.ok, sent.text()
	name = sent.json()["message"]["name"]
	visitor.close()

	dialogs = []
	page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
	page.goto(f"{BASE_URL}/login?_lang=zh")
	page.fill("#login_email", site_records["user"])
	page.fill("#login_password", site_records["password"])
	page.locator("form.form-login button.btn-login").first.click()
	page.wait_for_url(re.compile(r".*/app.*"), timeout=30_000)

	page.goto(f"{BASE_URL}/app/legal-consultation?citizen_phone={PHONE}")
	page.wait_for_selector(".list-row-container", timeout=30_000)
	page.wait_for_timeout(1000)
	listed = page.locator(".result").inner_text()
	screenshot(page, "desk-markup-list")
	# The name is letters on the page (the list escapes its title once more, so it reads "&lt;img"),
	# never an image.
	assert "img src=x" in listed, listed
	assert page.locator("img[src='x']").count() == 0

	page.goto(f"{BASE_URL}/app/legal-consultation/{name}")
	page.wait_for_selector('.frappe-control[data-fieldname="question"]', timeout=30_000)
	page.wait_for_timeout(1000)
	screenshot(page, "desk-markup-form")
	assert page.evaluate("window.__qhls_ran") is None
	assert page.locator("img[src='x']").count() == 0
	assert page.locator(".layout-main-section svg[onload]").count() == 0
	assert "window.__qhls_ran=2" in page.locator('[data-fieldname="question"] textarea').input_value()
	assert not dialogs, dialogs

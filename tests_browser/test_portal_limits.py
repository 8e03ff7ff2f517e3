"""A citizen who has sent too much is refused in Tibetan, and the form keeps everything they typed: once
the limit allows again, the same form sends as it stands."""

import re

import pytest
from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CITIZEN = "browser-limits-citizen@test.qh"
FORM = f"{BASE_URL}/mediation-request"
APPLICANT = "ཚེ་རིང་སྒྲོལ་མ"
SUMMARY = "ང་ཚོ་གཉིས་ཀྱི་དགུན་ས་རྩྭ་ཐང་གི་ས་མཚམས་ལ་རྩོད་གཞི་ཡོད།"
LIMITS = ("citizen_per_account_per_minute", "citizen_per_account_per_hour")


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


@pytest.fixture
def limited(citizen):
	"""The citizen may send one request an hour and has sent it; settings and requests restored after."""
	import frappe

	from qh_legal_service import portal_protection
	from qh_legal_service.tests.utils import delete_with_history

	settings = frappe.get_single(portal_protection.SETTINGS)
	saved = {key: settings.get(key) for key in (*LIMITS, "enabled")}

	def set_limits(**values):
		doc = frappe.get_single(portal_protection.SETTINGS)
		doc.update(values)
		doc.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the served site reads the settings from its own connection
		portal_protection.clear_counts()

	set_limits(enabled=1, citizen_per_account_per_minute=0, citizen_per_account_per_hour=1)
	portal_protection.count_write(citizen["user"], "127.0.0.1", portal_protection.settings())
	try:
		yield {**citizen, "set_limits": set_limits}
	finally:
		set_limits(**saved)
		frappe.db.rollback()
		for name in frappe.get_all("Mediation Case", filters={"owner": citizen["user"]}, pluck="name"):
			delete_with_history("Mediation Case", name)
		frappe.db.commit()  # nosemgrep: leave the served site as it was


def requests_of(user: str) -> int:
	import frappe

	frappe.db.rollback()  # see what the served site committed
	return frappe.db.count("Mediation Case", {"owner": user})


def test_a_refused_request_keeps_what_was_typed(limited, phone):
	page = phone
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.goto(f"{FORM}/new?_lang=bo")
	page.wait_for_selector('.web-form [data-fieldname="applicant_name"]')
	field(page, "applicant_name").fill(APPLICANT)
	field(page, "applicant_phone").fill("13900000004")
	field(page, "division").fill("北关社区")
	page.locator(".awesomplete li", has_text="北关社区").first.click()
	field(page, "other_party_name").fill("བཀྲ་ཤིས")
	field(page, "dispute_type").select_option("Grassland and Pasture Boundaries")
	field(page, "dispute_summary").fill(SUMMARY)
	page.locator(".web-form .submit-btn").click()

	dialog = page.locator(".modal.show .modal-body, .msgprint").first
	dialog.wait_for(state="visible")
	text = dialog.inner_text()
	assert TIBETAN.search(text), text
	assert "ཁྱེད་ཀྱིས་བྲིས་པ་རེའུ་མིག་ནང་ད་དུང་ཡོད" in text, text  # "what you typed is still in the form"
	screenshot(page, "portal-limit-refused-bo-phone")
	assert not page.locator(".success-page").is_visible()
	assert requests_of(limited["user"]) == 0
	# Everything typed is still there.
	assert field(page, "applicant_name").input_value() == APPLICANT
	assert field(page, "other_party_name").input_value() == "བཀྲ་ཤིས"
	assert field(page, "dispute_summary").input_value() == SUMMARY
	assert field(page, "dispute_type").input_value() == "Grassland and Pasture Boundaries"

	# Once the limit allows again, the same form sends as it stands.
	limited["set_limits"](citizen_per_account_per_hour=100)
	# The person closes the message (every message dialog the refusal opened).
	page.wait_for_timeout(500)
	page.evaluate("$('.modal.show').modal('hide')")
	page.wait_for_function("!document.querySelector('.modal.show')")
	page.locator(".web-form .submit-btn").click()
	page.locator(".success-page").wait_for(state="visible")
	assert requests_of(limited["user"]) == 1
	assert not errors, errors

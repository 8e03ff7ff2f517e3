"""A citizen applies for legal aid on a phone, in Tibetan: a refused submission keeps what they typed."""

import re

from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CITIZEN = "browser-portal-citizen@test.qh"
INVALID_ID = "110105194912310021"
VALID_ID = "11010519491231002X"
VILLAGE = "630102001001"  # 北关社区居民委员会
FORM = f"{BASE_URL}/legal-aid-application"


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


def label(page, fieldname: str) -> str:
	return page.locator(
		f'.web-form .frappe-control[data-fieldname="{fieldname}"] .control-label'
	).inner_text()


def test_citizen_applies_in_tibetan_on_a_phone(phone):
	page = phone
	page.goto(f"{FORM}/new")
	page.wait_for_selector(".qhls-language-switch")
	page.locator(".qhls-language-switch a", has_text="བོད་ཡིག").click()
	page.wait_for_selector('.web-form [data-fieldname="applicant_name"]')
	assert page.locator("html").get_attribute("lang") == "bo"
	for fieldname in ("applicant_name", "id_number", "division", "matter_type", "facts"):
		assert TIBETAN.search(label(page, fieldname)), label(page, fieldname)
	screenshot(page, "portal-new-bo-phone")

	field(page, "applicant_name").fill("ཚེ་རིང་རྡོ་རྗེ")
	field(page, "id_number").fill(INVALID_ID)
	field(page, "phone").fill("13900000000")
	division = field(page, "division")
	division.fill("北关社区")
	page.locator(".awesomplete li", has_text="北关社区").first.click()
	field(page, "matter_type").select_option("Labour Relations or Unpaid Pay")
	field(page, "aid_requested").select_option("Labour Arbitration Representation")
	field(page, "facts").fill("ལས་ཀའི་གླ་ཕོགས་ཟླ་བ་དྲུག་མ་སྤྲོད།")
	page.locator(".web-form .submit-btn").click()

	dialog = page.locator(".modal.show .modal-body, .msgprint").first
	dialog.wait_for()
	message = dialog.inner_text()
	assert INVALID_ID in message and TIBETAN.search(message), message
	screenshot(page, "portal-invalid-id-bo-phone")
	page.locator('.modal.show [data-dismiss="modal"]').first.click()
	page.locator(".modal.show").wait_for(state="hidden")

	# What the citizen typed is still there: only the ID number needs fixing.
	assert field(page, "applicant_name").input_value() == "ཚེ་རིང་རྡོ་རྗེ"
	assert field(page, "id_number").input_value() == INVALID_ID
	assert field(page, "facts").input_value() == "ལས་ཀའི་གླ་ཕོགས་ཟླ་བ་དྲུག་མ་སྤྲོད།"
	assert field(page, "matter_type").input_value() == "Labour Relations or Unpaid Pay"

	field(page, "id_number").fill(VALID_ID)
	page.locator(".web-form .submit-btn").click()
	page.locator(".success-page").wait_for(state="visible")
	assert TIBETAN.search(page.locator(".success-page").inner_text())
	screenshot(page, "portal-submitted-bo-phone")

	# The list, after a page load without `_lang`: the cookie keeps Tibetan, and shows the status.
	page.goto(f"{FORM}/list")
	row = page.locator(".web-list-table tbody tr").first
	row.wait_for()
	assert "བཞེས་ཟིན།" in row.inner_text(), row.inner_text()
	screenshot(page, "portal-list-bo-phone")

	row.click()
	# The record shows where the case stands above the form, in Tibetan.
	page.wait_for_selector(".qhls-case-status")
	assert "བཞེས་ཟིན།" in page.locator(".qhls-case-status").inner_text()
	assert page.locator(".qhls-language-switch").is_visible()
	screenshot(page, "portal-view-bo-phone")

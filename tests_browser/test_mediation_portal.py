"""A citizen requests people's mediation on a phone, in Tibetan: the form's labels are Tibetan, the request
is received, the list shows it with its dispute type and state in Tibetan, and its record tells what
happened, without errors."""

import re

import pytest
from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CITIZEN = "browser-mediation-citizen@test.qh"
FORM = f"{BASE_URL}/mediation-request"
APPLICANT = "ཚེ་རིང་སྒྲོལ་མ"
SUMMARY = "ང་ཚོ་གཉིས་ཀྱི་དགུན་ས་རྩྭ་ཐང་གི་ས་མཚམས་ལ་རྩོད་གཞི་ཡོད།"


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


def label(page, fieldname: str) -> str:
	return page.locator(
		f'.web-form .frappe-control[data-fieldname="{fieldname}"] .control-label'
	).inner_text()


@pytest.fixture(scope="module")
def requests_cleaned(citizen):
	"""Delete the mediation requests the citizen sent, before the citizen goes (on the `citizen` fixture's
	connection to the served site, still open here)."""
	yield citizen
	import frappe

	from qh_legal_service.tests.utils import delete_with_history

	frappe.db.rollback()  # see what the served site committed meanwhile
	for name in frappe.get_all("Mediation Case", filters={"owner": citizen["user"]}, pluck="name"):
		delete_with_history("Mediation Case", name)
	frappe.db.commit()  # nosemgrep: leave the served site as it was


def test_citizen_requests_mediation_in_tibetan_on_a_phone(requests_cleaned, phone):
	page = phone
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.on("console", lambda message: message.type == "error" and errors.append(message.text))
	page.goto(f"{FORM}/new")
	page.wait_for_selector(".qhls-language-switch")
	page.locator(".qhls-language-switch a", has_text="བོད་ཡིག").click()
	page.wait_for_selector('.web-form [data-fieldname="applicant_name"]')
	assert page.locator("html").get_attribute("lang") == "bo"
	for fieldname in (
		"applicant_name",
		"applicant_phone",
		"other_party_name",
		"dispute_type",
		"dispute_summary",
	):
		assert TIBETAN.search(label(page, fieldname)), label(page, fieldname)
	dispute_options = field(page, "dispute_type").locator("option").all_inner_texts()
	assert any("རྩྭ་ཐང" in option for option in dispute_options), dispute_options
	screenshot(page, "mediation-new-bo-phone")

	field(page, "applicant_name").fill(APPLICANT)
	field(page, "applicant_phone").fill("13900000004")
	field(page, "division").fill("北关社区")
	page.locator(".awesomplete li", has_text="北关社区").first.click()
	field(page, "other_party_name").fill("བཀྲ་ཤིས")
	field(page, "dispute_type").select_option("Grassland and Pasture Boundaries")
	field(page, "dispute_summary").fill(SUMMARY)
	page.locator(".web-form .submit-btn").click()
	page.locator(".success-page").wait_for(state="visible")
	assert TIBETAN.search(page.locator(".success-page").inner_text())
	screenshot(page, "mediation-submitted-bo-phone")

	# The list, after a page load without `_lang`: the cookie keeps Tibetan.
	page.goto(f"{FORM}/list")
	row = page.locator(".web-list-table tbody tr").first
	row.wait_for()
	cells = row.locator("td:visible").all_inner_texts()
	name = next(cell.strip() for cell in cells if cell.strip().startswith("MED-"))
	assert any("རྩྭ་ཐང" in cell for cell in cells), cells  # the dispute type, in Tibetan
	assert any("རེ་ཞུ་བྱས་ཟིན།" in cell for cell in cells), cells  # Requested
	screenshot(page, "mediation-list-bo-phone")

	# The record: its state, what happened and what to do next, in Tibetan; the village by name.
	page.goto(f"{FORM}/{name}")
	page.wait_for_selector(".qhls-history")
	assert "རེ་ཞུ་བྱས་ཟིན།" in page.locator(".qhls-case-status").inner_text()
	history = page.locator(".qhls-history").inner_text()
	assert "ཁྱེད་ཀྱི་བར་འདུམ་རེ་ཞུ་འབྱོར་ཟིན།" in history, history
	assert TIBETAN.search(page.locator(".qhls-next-step").inner_text())
	division = page.locator('.web-form [data-fieldname="division"] .control-value').inner_text()
	assert "630102001001" not in division and "北关社区" in division, division
	screenshot(page, "mediation-view-bo-phone")
	assert not errors, errors

"""A citizen applies for legal aid on a phone, in Tibetan: a refused submission keeps what they typed; the
list shows the application, and its record tells what happened and what to do next, without errors."""

import re

from conftest import BASE_URL, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
CITIZEN = "browser-portal-citizen@test.qh"
INVALID_ID = "110105194912310021"
VALID_ID = "11010519491231002X"
VILLAGE = "630102001001"  # 北关社区居民委员会
FORM = f"{BASE_URL}/legal-aid-application"
# The texts of the list that are wider than their cell, and the table if it scrolls sideways.
OVERFLOWING_CELLS = """() => {
	const table = document.querySelector(".web-list-table");
	const cells = [...table.querySelectorAll("tbody td")].filter((td) => td.offsetParent);
	const wide = cells.filter((td) => td.firstElementChild &&
		td.firstElementChild.getBoundingClientRect().right > td.getBoundingClientRect().right + 1);
	const out = wide.map((td) => td.innerText);
	if (table.scrollWidth > table.clientWidth + 1) out.push(`table ${table.scrollWidth} > ${table.clientWidth}`);
	return out;
}"""


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


def label(page, fieldname: str) -> str:
	return page.locator(
		f'.web-form .frappe-control[data-fieldname="{fieldname}"] .control-label'
	).inner_text()


def request_materials(name: str, notice: str, due: str):
	"""Staff ask for materials on the served site, as the desk would."""
	import frappe
	from frappe.model.workflow import apply_workflow

	frappe.set_user("Administrator")
	doc = frappe.get_doc("Legal Aid Application", name)
	doc.materials_notice = notice
	doc.materials_due = due
	doc.save()
	apply_workflow(doc, "Request Materials")
	frappe.db.commit()  # nosemgrep: the served site reads the change from its own connection


def test_citizen_applies_in_tibetan_on_a_phone(phone):
	page = phone
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.on("console", lambda message: message.type == "error" and errors.append(message.text))
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

	# The refused submission above logged its 417 on purpose; from here on, no page logs an error.
	errors.clear()

	# The list, after a page load without `_lang`: the cookie keeps Tibetan. Each row shows the
	# application's number, its matter and its state, all readable on the phone.
	page.goto(f"{FORM}/list")
	row = page.locator(".web-list-table tbody tr").first
	row.wait_for()
	cells = row.locator("td:visible").all_inner_texts()
	name = next(cell.strip() for cell in cells if cell.strip().startswith("LAA-"))
	assert any(TIBETAN.search(cell) and "ངལ་རྩོལ" in cell for cell in cells), cells  # the matter, in Tibetan
	assert any("བཞེས་ཟིན།" in cell for cell in cells), cells
	# Nothing runs past its cell or makes the table scroll sideways.
	overflowing = page.evaluate(OVERFLOWING_CELLS)
	assert not overflowing, overflowing
	screenshot(page, "portal-list-bo-phone")

	# Staff ask for materials; the record then tells what happened and what the citizen must do, in Tibetan.
	request_materials(name, "ཐོ་འགོད་དེབ་ཀྱི་འདྲ་བཤུས།", "2026-12-31")
	page.goto(f"{FORM}/{name}")
	page.wait_for_selector(".qhls-history")
	assert "ཡིག་ཆ་ཁ་སྣོན་དགོས།" in page.locator(".qhls-case-status").inner_text()
	history = page.locator(".qhls-history").inner_text()
	assert "ཞུ་ཡིག་བཞེས་ཟིན།" in history, history
	assert "ཡིག་ཆ་ཁ་སྣོན་དགོས་པའི་བརྡ་ཐོ་བཏང་ཟིན།" in history, history
	next_step = page.locator(".qhls-next-step").inner_text()
	assert "གཤམ་གྱི་ཡིག་ཆ་ཁ་སྣོན་ཕུལ་རོགས།" in next_step and "ཐོ་འགོད་དེབ་ཀྱི་འདྲ་བཤུས།" in next_step, next_step
	division = page.locator('.web-form [data-fieldname="division"] .control-value').inner_text()
	assert VILLAGE not in division and "北关社区" in division, division
	assert page.locator(".qhls-language-switch").is_visible()
	screenshot(page, "portal-view-bo-phone")
	assert not errors, errors

"""A visitor who is not signed in asks a legal question in Tibetan on a phone: the form speaks Tibetan, the
question is received with a reference number, and once staff have answered, the visitor reads the answer
with the reference and the phone number (and nothing with another phone), without errors."""

import re

import pytest
from conftest import BASE_URL, BENCH, PHONE, SITE, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
QUESTION = "ང་ཚོའི་རྩྭ་ཐང་གི་ཁེ་ལས་ཆིངས་ཡིག་དུས་ཚོད་རྫོགས་རྗེས་ཇི་ལྟར་བྱེད་དགོས།"
PHONE_NUMBER = "13900000077"
ANSWER = "承包期届满，由土地承包经营权人按照国家有关规定继续承包。"


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


def label(page, fieldname: str) -> str:
	return page.locator(
		f'.web-form .frappe-control[data-fieldname="{fieldname}"] .control-label'
	).inner_text()


@pytest.fixture(scope="module")
def site():
	"""A connection to the served site, to answer the question as staff and to delete it afterwards."""
	import frappe

	from qh_legal_service.tests.utils import delete_with_history

	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	asked = []
	try:
		frappe.set_user("Administrator")
		yield asked
		frappe.db.rollback()  # see what the served site committed meanwhile
		for name in asked:
			if frappe.db.exists("Legal Consultation", name):
				delete_with_history("Legal Consultation", name)
		frappe.db.commit()  # nosemgrep: leave the served site as it was
	finally:
		frappe.destroy()


@pytest.fixture
def guest_phone(browser):
	context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
	page = context.new_page()
	yield page
	context.close()


def test_a_visitor_asks_in_tibetan_and_reads_the_answer(site, guest_phone):
	import frappe

	page = guest_phone
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.on(
		"console",
		lambda message: (
			message.type == "error" and "socket.io" not in message.text and errors.append(message.text)
		),
	)
	page.goto(f"{BASE_URL}/legal-question/new?_lang=bo")
	page.wait_for_selector('.web-form [data-fieldname="question"]')
	assert page.locator("html").get_attribute("lang") == "bo"
	for fieldname in ("citizen_name", "citizen_phone", "matter_type", "question"):
		assert TIBETAN.search(label(page, fieldname)), label(page, fieldname)
	options = field(page, "matter_type").locator("option").all_inner_texts()
	assert any("རྩྭ་ཐང" in option for option in options), options
	screenshot(page, "legal-question-new-bo-phone")

	field(page, "citizen_name").fill("ཚེ་རིང་")
	field(page, "citizen_phone").fill(PHONE_NUMBER)
	field(page, "matter_type").select_option("Land and Grassland")
	field(page, "question").fill(QUESTION)
	page.locator(".web-form .submit-btn").click()
	page.locator(".qhls-question-reference").wait_for(state="visible")
	note = page.locator(".qhls-question-reference").inner_text()
	assert TIBETAN.search(note), note
	reference = re.search(r"LC-\d{4}-\d+", note).group(0)
	site.append(reference)
	screenshot(page, "legal-question-sent-bo-phone")

	frappe.db.rollback()
	doc = frappe.get_doc("Legal Consultation", reference)
	assert (doc.channel, doc.language, doc.question, doc.owner) == ("12348 Online", "bo", QUESTION, "Guest")
	doc.answer = ANSWER
	doc.save(ignore_permissions=True)
	frappe.db.commit()  # nosemgrep: the served site reads the answer from its own connection

	page.locator(".qhls-question-reference a").click()
	page.wait_for_selector(".qhls-answer-lookup[data-ready]")
	assert page.locator("#qhls-reference").input_value() == reference
	page.locator("#qhls-phone").fill("13900000000")
	page.locator(".qhls-answer-lookup button").click()
	page.locator(".qhls-answer-result .alert").wait_for()
	assert TIBETAN.search(page.locator(".qhls-answer-result").inner_text())
	page.locator("#qhls-phone").fill(PHONE_NUMBER)
	page.locator(".qhls-answer-lookup button").click()
	page.locator(".qhls-answer-result .qhls-answer-text").wait_for()
	assert page.locator(".qhls-answer-result .qhls-answer-text").inner_text() == ANSWER
	assert QUESTION in page.locator(".qhls-answer-result").inner_text()
	screenshot(page, "legal-question-answer-bo-phone")
	assert not errors, errors

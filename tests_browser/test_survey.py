"""A citizen answers a satisfaction survey (好差评) in Tibetan through a one-time link, on a phone, without
signing in: the five levels are Tibetan, the answer is recorded (a bad review opens its rectification),
the page thanks them in Tibetan, and the link, opened again, says it was answered. The record, the link
and the evaluation are deleted afterwards."""

import re

import pytest
from conftest import BASE_URL, BENCH, PHONE, SITE, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
COMMENT = "ལན་འདེབས་དུས་ཐོག་མ་བྱུང་།"


@pytest.fixture(scope="module")
def survey_link():
	"""A Tibetan-speaking person's consultation and a one-time survey link for it, on the served site."""
	import frappe

	from qh_legal_service.quality_and_supervision.satisfaction import issue_link
	from qh_legal_service.rules import satisfaction as sat
	from qh_legal_service.tests.utils import CHENGDONG, delete_with_history, make_consultation

	frappe.init(site=SITE, sites_path=str(BENCH / "sites"))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		record = make_consultation(division=CHENGDONG, citizen_name="བཀྲ་ཤིས་སྒྲོལ་མ", language="bo")
		url, link = issue_link(record.doctype, record.name)
		frappe.db.commit()  # nosemgrep: the served site reads these from its own connection
		yield {"url": url.split("/survey", 1)[1], "record": record.name, "link": link.name}
		frappe.db.rollback()  # see what the served site committed meanwhile
		for name in frappe.get_all(sat.EVALUATION_DOCTYPE, {"reference_name": record.name}, pluck="name"):
			delete_with_history(sat.EVALUATION_DOCTYPE, name)
		frappe.delete_doc(sat.LINK_DOCTYPE, link.name, force=True, ignore_permissions=True)
		delete_with_history(record.doctype, record.name)
		frappe.db.commit()  # nosemgrep: leave the served site as it was
	finally:
		frappe.destroy()


def test_a_citizen_answers_a_survey_in_tibetan_through_the_link(browser, survey_link):
	import frappe

	from qh_legal_service.rules import satisfaction as sat

	context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
	page = context.new_page()
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.on("console", lambda message: message.type == "error" and errors.append(message.text))
	try:
		page.goto(f"{BASE_URL}/survey{survey_link['url']}")
		page.wait_for_selector(".qh-survey-form")
		survey = page.locator(".qh-survey")
		assert survey.get_attribute("lang") == "bo"
		assert TIBETAN.search(page.locator(".qh-survey h2").inner_text())
		assert survey_link["record"] in page.locator(".qh-survey-name").inner_text()
		levels = page.locator(".qh-survey-level span").all_inner_texts()
		assert len(levels) == 5 and all(TIBETAN.search(text) for text in levels), levels
		screenshot(page, "survey-tibetan-link")

		page.locator(".qh-survey-level", has=page.locator(f'input[value="{sat.DISSATISFIED}"]')).click()
		page.locator("#qh-survey-comment").fill(COMMENT)
		page.locator(".qh-survey-submit").click()
		result = page.locator(".qh-survey-result.alert-success")
		result.wait_for()
		assert TIBETAN.search(result.inner_text())
		screenshot(page, "survey-tibetan-answered")

		frappe.db.rollback()
		evaluation = frappe.get_all(
			sat.EVALUATION_DOCTYPE,
			filters={"reference_name": survey_link["record"]},
			fields=["level", "channel", "status", "comment"],
		)
		assert [(row.level, row.channel, row.status, row.comment) for row in evaluation] == [
			(sat.DISSATISFIED, sat.LINK, sat.RECTIFYING, COMMENT)
		]

		page.goto(f"{BASE_URL}/survey{survey_link['url']}")
		answered = page.locator(".qh-survey-error")
		answered.wait_for()
		assert TIBETAN.search(answered.inner_text())
		assert not page.locator(".qh-survey-form").count()
		assert not errors, errors
	finally:
		context.close()

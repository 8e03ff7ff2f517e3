"""A visitor asks the knowledge base in Tibetan on a phone: answers appear while typing, one opens in full,
a Chinese question on the same page finds Chinese answers, and nothing is logged as an error. Reads the
seeded articles (after_install or the knowledge_base_seed patch)."""

import re

import pytest
from conftest import BASE_URL, PHONE, screenshot

TIBETAN = re.compile("[\u0f00-\u0fff]")
HAN = re.compile("[\u4e00-\u9fff]")
PAGE = f"{BASE_URL}/legal-answers"


@pytest.fixture
def visitor(browser):
	"""A phone-sized page of a visitor who is not signed in."""
	context = browser.new_context(viewport=PHONE, locale="en-US", is_mobile=True, has_touch=True)
	yield context.new_page()
	context.close()


def test_a_visitor_finds_an_answer_in_tibetan_as_they_type(visitor):
	page = visitor
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	page.on("console", lambda message: message.type == "error" and errors.append(message.text))
	page.goto(f"{PAGE}?_lang=bo")
	assert page.locator("html").get_attribute("lang") == "bo"
	assert TIBETAN.search(page.locator(".qh-kb h2").inner_text())
	box = page.locator(".qh-kb-query")
	box.press_sequentially("རྩྭ་ཐང་གི་ས་མཚམས་", delay=40)
	first = page.locator(".qh-kb-result .qh-kb-question").first
	first.wait_for()
	assert "རྩྭ་ཐང" in first.inner_text()
	assert TIBETAN.search(page.locator(".qh-kb-result .qh-kb-meta").first.inner_text())
	first.click()
	answer = page.locator(".qh-kb-result .qh-kb-answer").first
	answer.wait_for()
	assert TIBETAN.search(answer.inner_text()) and len(answer.inner_text()) > 60
	screenshot(page, "knowledge-base-tibetan")

	box.fill("")
	box.press_sequentially("老板拖欠工资", delay=40)
	page.wait_for_function(
		"() => [...document.querySelectorAll('.qh-kb-result .qh-kb-question')].some(a => a.textContent.includes('工资'))"
	)
	assert HAN.search(page.locator(".qh-kb-result .qh-kb-question").first.inner_text())
	assert not errors, errors


def test_staff_search_the_knowledge_base_on_the_desk(page, site_records):
	errors = []
	page.on("pageerror", lambda error: errors.append(str(error)))
	response = page.request.post(
		f"{BASE_URL}/api/method/login", form={"usr": site_records["user"], "pwd": site_records["password"]}
	)
	assert response.ok, response.text()
	page.goto(f"{BASE_URL}/app/knowledge-base-search")
	box = page.locator('.qh-kb-desk input[data-fieldname="query"]')
	box.wait_for(timeout=30_000)
	box.press_sequentially("包工头跑了", delay=40)
	first = page.locator(".qh-kb-desk-question").first
	first.wait_for()
	assert "包工头" in first.inner_text()
	first.click()
	answer = page.locator(".qh-kb-desk-answer:not([hidden])").first
	answer.wait_for()
	assert "总承包" in answer.inner_text()
	screenshot(page, "knowledge-base-desk")
	assert not errors, errors

"""One application from the portal to archive: a citizen applies in Tibetan on a phone, Chinese desk staff
take every step through the Actions menu and its dialogs, and no page either of them sees shows English;
the portal record then shows the history and the documents, whose print terms are the screens' terms."""

import re

import pytest
from conftest import BASE_URL, PHONE, screenshot

from qh_legal_service.rules.legal_aid import STEP_NAMES
from qh_legal_service.rules.tibetan import bare

TIBETAN = re.compile("[\u0f00-\u0fff]")
CHINESE = re.compile("[\u4e00-\u9fff]")
CITIZEN = "browser-walk-citizen@test.qh"
REVIEWER = "browser-walk-reviewer@test.qh"
BUREAU = "browser-walk-bureau@test.qh"
DOCTYPE = "Legal Aid Application"
FORM = f"{BASE_URL}/legal-aid-application"
MATTER = "Labour Relations or Unpaid Pay"
AID = "Labour Arbitration Representation"
OUTCOME = "Settled or Mediated"
WORKER_NAME = "走查律师卓玛"
ACTIONS = ("Start Review", "Approve", "Assign", "Start Handling", "Close")
DOCUMENTS = {
	"receipt": "Legal Aid Receipt",
	"approval": "Legal Aid Approval",
	"assignment": "Legal Aid Assignment Letter",
}
# Frappe's own words a person meets on the portal and on the desk's form, list and print view.
FRAPPE_WORDS = (
	"Not Saved",
	"Saved",
	"Save",
	"Submit",
	"Actions",
	"Action",
	"Cancel",
	"Close",
	"Edit",
	"New",
	"Menu",
	"Print",
	"Share",
	"Comment",
	"Comments",
	"Add a comment",
	"Activity",
	"Assigned To",
	"Attachments",
	"Attach",
	"Tags",
	"Search",
	"Settings",
	"Yes",
	"No",
	"Reload",
	"Refresh",
	"Filter",
	"Sort",
	"Created",
	"Last Updated",
	"changed value of",
	"created this",
	"You",
	"ago",
	"Language",
	"My Account",
	"Logout",
	"Help",
	"Home",
	"Status",
	"Workflow State",
	"Followed by",
	"Follow",
	"Connections",
	"Legal Aid",
	"Legal Aid Application",
	"Select",
	"Loading",
	"Get PDF",
)


def latin_words() -> tuple[str, ...]:
	"""The words that would show untranslated: Frappe's, and the application's labels, options, states and actions."""
	import frappe

	meta = frappe.get_meta(DOCTYPE)
	words = set(FRAPPE_WORDS)
	for df in meta.fields:
		if df.label and df.fieldtype not in ("Column Break",):
			words.add(df.label)
		if df.fieldtype == "Select" and df.options:
			words.update(option for option in df.options.split("\n") if re.search("[A-Za-z]{2}", option))
	workflow = frappe.get_doc("Workflow", DOCTYPE)
	words.update(state.state for state in workflow.states)
	words.update(transition.action for transition in workflow.transitions)
	words.update(DOCUMENTS.values())
	words.update(STEP_NAMES)
	# Language codes stand for themselves in a select of languages (zh, bo), never a sentence.
	return tuple(sorted(word for word in words if len(word) > 2))


def english_in(text: str, words) -> list[str]:
	return [word for word in words if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text)]


def visible_text(page, selector: str = "body") -> str:
	"""What a person sees: inner text without screen-reader-only text."""
	return page.locator(selector).first.evaluate(
		"""(root) => {
			const copy = root.cloneNode(true);
			copy.querySelectorAll('.visually-hidden, .sr-only, script, style, template').forEach((el) => el.remove());
			// Allowed: Frappe's timeline prints a changed field's old and new values as stored, in bold and
			// untranslated (format_content_for_timeline in version_timeline_content_builder.js): step keys,
			// the deadline's explanation. The sentence around them is checked.
			copy.querySelectorAll('.timeline-content b').forEach((el) => el.remove());
			document.body.appendChild(copy);
			copy.style.position = 'absolute';
			const text = copy.innerText;
			copy.remove();
			return text;
		}"""
	)


def assert_no_english(page, words, name: str, selector: str = "body") -> str:
	text = visible_text(page, selector)
	# Record numbers, the people's own names and the footer's brand are not English a reader must read.
	for own in (REVIEWER, BUREAU, CITIZEN):
		text = text.replace(own, "").replace(own.split("@")[0], "")
	text = re.sub(r"LAA-\d{4}-\d+", "", text).replace("Frappe", "")
	found = english_in(text, words)
	where = [text[max(0, text.find(word) - 60) : text.find(word) + 60] for word in found]
	assert not found, f"{name}: {found} in {where}"
	return text


def displayed_select(page, scope: str, fieldname: str) -> str:
	"""The text a select field shows, editable or read-only."""
	control = page.locator(f'{scope} .frappe-control[data-fieldname="{fieldname}"]').first
	select = control.locator("select")
	if select.count() and select.first.is_visible():
		return select.first.evaluate("(el) => el.options[el.selectedIndex].text").strip()
	return control.locator(".control-value, .like-disabled-input").first.inner_text().strip()


@pytest.fixture(scope="module")
def walk(citizen):
	"""Chengdong's Chinese reviewer and bureau staff, and a Tibetan-speaking lawyer of a Chengdong centre;
	everything made here or by the walk is deleted afterwards. Uses the citizen fixture's connection."""
	import frappe
	from frappe.translate import get_all_translations

	from qh_legal_service.tests.utils import (
		CHENGDONG,
		TEST_PASSWORD,
		make_institution,
		make_staff,
		make_worker,
	)

	frappe.set_user("Administrator")
	make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer", "zh")
	make_staff(BUREAU, CHENGDONG, "County Justice Bureau", "zh")
	institution = make_institution(institution_name="走查法律援助中心", division=CHENGDONG)
	worker = make_worker(
		worker_name=WORKER_NAME,
		worker_type="Lawyer",
		division=CHENGDONG,
		institution=institution.name,
		licence_number="16301202110000099",
		served_divisions=[],
		languages=[{"language": "bo"}, {"language": "zh"}],
	)
	frappe.db.commit()  # nosemgrep: the served site reads these from its own connection
	try:
		yield {
			"password": TEST_PASSWORD,
			"worker": worker.name,
			"zh": get_all_translations("zh"),
			"bo": get_all_translations("bo"),
			"words": latin_words(),
		}
	finally:
		frappe.db.rollback()  # see what the served site committed meanwhile
		frappe.set_user("Administrator")
		records = [
			(DOCTYPE, name) for name in frappe.get_all(DOCTYPE, filters={"owner": CITIZEN}, pluck="name")
		]
		records += [("Legal Service Worker", worker.name), ("Legal Service Institution", institution.name)]
		for doctype, name in records:
			frappe.delete_doc(doctype, name, force=True, ignore_permissions=True, delete_permanently=True)
			# What the walk left beside the record, or a later record of the same number would show it.
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": name})
			for log in ("Comment", "Communication", "Workflow Action"):
				frappe.db.delete(log, {"reference_doctype": doctype, "reference_name": name})
			frappe.db.delete("ToDo", {"reference_type": doctype, "reference_name": name})
			frappe.db.delete("Notification Log", {"document_type": doctype, "document_name": name})
			frappe.db.delete("Access Log", {"reference_document": name})
		for email in (REVIEWER, BUREAU):
			frappe.delete_doc("User", email, force=True, ignore_permissions=True, delete_permanently=True)
		for email in (REVIEWER, BUREAU, CITIZEN):
			frappe.db.delete("Activity Log", {"user": email})
			frappe.db.delete("Route History", {"user": email})
		frappe.db.commit()  # nosemgrep: leave the served site as it was


def field(page, fieldname: str):
	return page.locator(f'.web-form [data-fieldname="{fieldname}"]').locator("input, textarea, select").first


def apply_on_the_portal(page, words) -> str:
	"""The citizen applies in Tibetan; returns the application's number from their list."""
	page.goto(f"{FORM}/new?_lang=bo")
	page.wait_for_selector('.web-form [data-fieldname="applicant_name"]')
	assert page.locator("html").get_attribute("lang") == "bo"
	field(page, "applicant_name").fill("ཚེ་རིང་སྒྲོལ་མ")
	field(page, "id_number").fill("11010519491231002X")
	field(page, "phone").fill("13900000001")
	field(page, "division").fill("北关社区")
	page.locator(".awesomplete li", has_text="北关社区").first.click()
	field(page, "matter_type").select_option(MATTER)
	field(page, "aid_requested").select_option(AID)
	field(page, "facts").fill("ལས་ཀའི་གླ་ཕོགས་ཟླ་བ་གསུམ་མ་སྤྲོད།")
	page.wait_for_timeout(300)
	assert_no_english(page, words, "portal form (bo)")
	screenshot(page, "walk-01-portal-form-bo-phone")
	page.locator(".web-form .submit-btn").click()
	page.locator(".success-page").wait_for(state="visible")
	assert_no_english(page, words, "portal success (bo)")

	page.goto(f"{FORM}/list?_lang=bo")
	row = page.locator(".web-list-table tbody tr").first
	row.wait_for()
	page.wait_for_timeout(500)
	assert_no_english(page, words, "portal list (bo)")
	screenshot(page, "walk-02-portal-list-bo-phone")
	return next(c.strip() for c in row.locator("td").all_inner_texts() if c.strip().startswith("LAA-"))


def desk_page(browser, user: str, password: str):
	context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
	page = context.new_page()
	response = page.request.post(f"{BASE_URL}/api/method/login", form={"usr": user, "pwd": password})
	assert response.ok, response.text()
	return context, page


def open_record(page, name: str):
	page.goto(f"{BASE_URL}/app/legal-aid-application/{name}")
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc && cur_frm.doc.name === {name!r}")
	page.wait_for_timeout(800)


def take_action(page, name: str, action: str, label: str, next_state: str, fill=None):
	"""Open the Actions menu, choose the action by its Chinese label, answer its dialog if it asks."""
	before = page.evaluate("cur_frm.doc.modified")
	page.locator(".page-actions .actions-btn-group > button:visible").first.click()
	page.locator(".page-actions .actions-btn-group .dropdown-menu a:visible", has_text=label).first.click()
	if fill:
		dialog = page.locator(".modal.show .modal-content").first
		dialog.wait_for()
		assert dialog.locator(".modal-title").inner_text().strip() == label
		fill(dialog)
		dialog.locator(".btn-primary").first.click()
	try:
		page.wait_for_function(
			"([before, state]) => cur_frm.doc.modified !== before && cur_frm.doc.workflow_state === state",
			arg=[before, next_state],
			timeout=20000,
		)
	except Exception:
		screenshot(page, f"walk-debug-{action}")
		raise
	page.locator("#freeze").wait_for(state="hidden")
	page.wait_for_timeout(800)


def test_an_application_walks_from_the_portal_to_archive(browser, phone, walk):
	zh, bo, words = walk["zh"], walk["bo"], walk["words"]
	errors = []
	phone.on("pageerror", lambda error: errors.append(str(error)))
	name = apply_on_the_portal(phone, words)

	reviewer_context, desk = desk_page(browser, REVIEWER, walk["password"])
	desk.on("pageerror", lambda error: errors.append(str(error)))
	try:
		open_record(desk, name)
		assert desk.evaluate("frappe.boot.lang") == "zh"
		desk_matter = displayed_select(desk, ".form-layout", "matter_type")
		desk_aid = displayed_select(desk, ".form-layout", "aid_requested")
		assert desk_matter == zh[MATTER] and CHINESE.search(desk_matter), desk_matter
		assert desk_aid == zh[AID] and CHINESE.search(desk_aid), desk_aid
		assert_no_english(desk, words, "desk form, Received")
		screenshot(desk, "walk-03-desk-received-zh")

		def choose_worker(dialog):
			worker = dialog.locator('[data-fieldname="assigned_worker"] input')
			worker.click()
			worker.press_sequentially(WORKER_NAME[:2], delay=50)
			option = desk.locator(".modal.show .awesomplete [role=option]", has_text=WORKER_NAME).first
			try:
				option.wait_for(timeout=10000)
			except Exception:
				screenshot(desk, "walk-debug-assign")
				raise
			assert_no_english(desk, words, "assign dialog", ".modal.show .modal-content")
			screenshot(desk, "walk-05-assign-dialog-zh")
			option.click()
			# The Link control checks the chosen worker before it holds the value; a person sees it shown.
			desk.wait_for_function(
				f"() => cur_dialog && cur_dialog.get_value('assigned_worker') === {walk['worker']!r}"
			)

		def close_case(dialog):
			dialog.locator('[data-fieldname="outcome"] select').select_option(OUTCOME)
			dialog.locator('[data-fieldname="closing_report"] textarea').fill(
				"经调解，用人单位已支付拖欠工资。"
			)
			assert_no_english(desk, words, "close dialog", ".modal.show .modal-content")
			screenshot(desk, "walk-07-close-dialog-zh")

		steps = {
			"Start Review": ("Under Review", None),
			"Approve": ("Approved", None),
			"Assign": ("Assigned", choose_worker),
			"Start Handling": ("In Progress", None),
			"Close": ("Closed", close_case),
		}
		for number, action in enumerate(ACTIONS):
			next_state, fill = steps[action]
			take_action(desk, name, action, zh[action], next_state, fill)
			assert_no_english(desk, words, f"desk form after {action}")
			screenshot(desk, f"walk-04-{number}-desk-{next_state.lower().replace(' ', '-')}-zh")
		assert desk.evaluate("cur_frm.doc.assigned_worker") == walk["worker"]
		assert desk.evaluate("cur_frm.doc.outcome") == OUTCOME
	finally:
		reviewer_context.close()

	bureau_context, desk = desk_page(browser, BUREAU, walk["password"])
	desk.on("pageerror", lambda error: errors.append(str(error)))
	try:
		open_record(desk, name)
		take_action(desk, name, "Archive", zh["Archive"], "Archived")
		assert_no_english(desk, words, "desk form, Archived")
		screenshot(desk, "walk-08-desk-archived-zh")

		# The documents as the print view shows them: the matter and the aid are the screens' terms.
		for key, print_format in DOCUMENTS.items():
			desk.goto(
				f"{BASE_URL}/printview?doctype={DOCTYPE}&name={name}&format={print_format}&no_letterhead=1"
			)
			desk.locator(".qhla-doc").wait_for()
			assert_no_english(desk, words, f"print view {key}")
			screenshot(desk, f"walk-09-print-{key}")
			rows = desk.locator(".qhla-fields tr")
			matter_row = rows.filter(has_text="事项类别").locator("td").nth(1).inner_text().strip()
			aid_row = rows.filter(has_text="申请援助形式").locator("td").nth(1).inner_text().strip()
			assert matter_row == f"{bare(bo[MATTER])} {desk_matter}", (key, matter_row)
			assert aid_row == f"{bare(bo[AID])} {desk_aid}", (key, aid_row)
	finally:
		bureau_context.close()

	# The portal record, in Tibetan: the history of the walk and the documents issued.
	phone.goto(f"{FORM}/{name}?_lang=bo")
	phone.wait_for_selector(".qhls-history")
	phone.wait_for_timeout(500)
	portal_matter = displayed_select(phone, ".web-form", "matter_type")
	assert bare(portal_matter) == bare(bo[MATTER]) and TIBETAN.search(portal_matter), portal_matter
	history = phone.locator(".qhls-history-line").all_inner_texts()
	assert len(history) >= 4, history
	assert "ཞུ་ཡིག་བཞེས་ཟིན།" in history[0], history
	assert any(WORKER_NAME in line for line in history), history
	documents = phone.locator(".qhls-documents").inner_text()
	for print_format in DOCUMENTS.values():
		assert bo[print_format] in documents, (print_format, documents)
	assert_no_english(phone, words, "portal record (bo)")
	screenshot(phone, "walk-10-portal-record-bo-phone")
	assert phone.viewport_size == PHONE
	assert not errors, errors

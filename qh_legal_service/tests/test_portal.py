"""The citizens' portal on a real site: applying through the web form, privacy and language."""

import json

import frappe
from frappe.auth import CookieManager
from frappe.tests.utils import FrappeTestCase
from frappe.website.doctype.web_form.web_form import accept
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from qh_legal_service import portal_records
from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.legal_aid.web_form.legal_aid_application import legal_aid_application as portal_form
from qh_legal_service.portal_language import apply_portal_language
from qh_legal_service.resident_id import InvalidResidentIDError
from qh_legal_service.rules.desks import CITIZEN_ROLE
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	TEST_PASSWORD,
	VALID_ID,
	make_application,
	make_institution,
	make_staff,
	make_worker,
)

WEB_FORM = "legal-aid-application"
CITIZEN = "portal-citizen@test.qh"
OTHER_CITIZEN = "portal-other-citizen@test.qh"
STAFF = "portal-county@test.qh"
INVALID_ID = "110105194912310021"
INVALID_ID_MESSAGE = "{0} is not a valid resident ID number: check the 18 characters and the last one."


def make_citizen(email: str) -> str:
	"""A portal (Website) user with the citizen role, as a signup with Portal Settings gives."""
	if not frappe.db.exists("User", email):
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"user_type": "Website User",
				"send_welcome_email": 0,
				"new_password": TEST_PASSWORD,
			}
		).insert(ignore_permissions=True)
		user.add_roles(CITIZEN_ROLE)
	return email


def form_data(**overrides) -> str:
	"""What a citizen types into the form, as the browser sends it."""
	values = {
		"doctype": "Legal Aid Application",
		"web_form_name": WEB_FORM,
		"applicant_name": "才让多杰",
		"id_number": VALID_ID,
		"phone": "13900000000",
		"preferred_language": "bo",
		"division": BEIGUAN_COMMUNITY,
		"matter_type": "Labour Relations or Unpaid Pay",
		"aid_requested": "Labour Arbitration Representation",
		"facts": "牧场雇主拖欠工资半年。",
		"migrant_worker_pay_claim": 1,
	}
	values.update(overrides)
	return json.dumps(values)


class TestLegalAidPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		make_staff(STAFF, CHENGDONG, "County Justice Bureau")

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		for attribute in ("request", "cookie_manager"):
			if hasattr(frappe.local, attribute):
				delattr(frappe.local, attribute)
		super().tearDown()

	def apply_as(self, user: str, **overrides):
		frappe.set_user(user)
		return accept(web_form=WEB_FORM, data=form_data(**overrides))

	def test_setup_gives_signups_the_citizen_role(self):
		setup_portal()  # twice: idempotent
		self.assertEqual(frappe.db.get_single_value("Portal Settings", "default_role"), CITIZEN_ROLE)
		self.assertFalse(frappe.db.get_single_value("Website Settings", "disable_signup"))
		urls = [item.url for item in frappe.get_single("Website Settings").top_bar_items]
		self.assertEqual(urls.count("?_lang=bo"), 1)
		menu = [item.route for item in frappe.get_single("Portal Settings").custom_menu]
		self.assertEqual(menu.count(f"/{WEB_FORM}/list"), 1)

	def test_citizen_applies_and_only_they_see_it(self):
		doc = self.apply_as(CITIZEN)
		self.assertEqual(doc.owner, CITIZEN)
		self.assertEqual(doc.channel, "Portal")
		self.assertEqual(doc.applicant_user, CITIZEN)
		self.assertEqual(doc.workflow_state, "Received")
		self.assertTrue(doc.current_due)
		self.assertTrue(frappe.has_permission("Legal Aid Application", "read", doc.name, user=CITIZEN))
		self.assertIn(doc.name, frappe.get_list("Legal Aid Application", pluck="name"))

		frappe.set_user(OTHER_CITIZEN)
		self.assertFalse(frappe.has_permission("Legal Aid Application", "read", doc.name, user=OTHER_CITIZEN))
		self.assertNotIn(doc.name, frappe.get_list("Legal Aid Application", pluck="name"))
		self.assertFalse(
			frappe.get_doc("Web Form", WEB_FORM).has_web_form_permission("Legal Aid Application", doc.name)
		)
		from frappe.www.list import get_list_data

		listed = get_list_data("Legal Aid Application", web_form_name=WEB_FORM)
		self.assertNotIn(doc.name, [row.name for row in listed])

	def test_citizen_cannot_set_the_state_or_the_channel(self):
		doc = self.apply_as(
			CITIZEN,
			workflow_state="Approved",
			channel="Walk-in at a Service Point",
			applicant_user=OTHER_CITIZEN,
		)
		self.assertEqual(doc.workflow_state, "Received")
		self.assertEqual(doc.channel, "Portal")
		self.assertEqual(doc.applicant_user, CITIZEN)

	def test_invalid_id_is_refused_in_tibetan(self):
		frappe.set_user(CITIZEN)
		frappe.local.lang = "bo"
		with self.assertRaises(InvalidResidentIDError) as raised:
			accept(web_form=WEB_FORM, data=form_data(id_number=INVALID_ID))
		expected = frappe._(INVALID_ID_MESSAGE, lang="bo").format(INVALID_ID)
		self.assertEqual(str(raised.exception), expected)
		self.assertRegex(expected, "[\u0f00-\u0fff]", "the message has no Tibetan translation")

	def request(self, user: str, query: str = "", cookie: str | None = None):
		"""A request from `user` with `?query` and a preferred_language cookie, then the hook."""
		frappe.set_user(user)
		headers = {"Cookie": f"preferred_language={cookie}"} if cookie else {}
		frappe.local.request = Request(
			EnvironBuilder(path="/", query_string=query, headers=headers).get_environ()
		)
		frappe.local.cookie_manager = CookieManager()
		frappe.local.lang = "zh"
		apply_portal_language()
		return frappe.local.lang, frappe.local.cookie_manager.cookies.get("preferred_language")

	def test_citizens_language_is_their_choice_and_is_remembered(self):
		lang, cookie = self.request(CITIZEN, "_lang=bo")
		self.assertEqual(lang, "bo")
		self.assertEqual(cookie["value"], "bo")
		# The web form's save is an API call without `_lang`: the cookie carries the choice.
		self.assertEqual(self.request(CITIZEN, cookie="bo"), ("bo", None))
		self.assertEqual(self.request("Guest", cookie="bo"), ("bo", None))

	def test_staff_keep_their_own_language(self):
		lang, _cookie = self.request(STAFF, cookie="bo")
		self.assertEqual(lang, "zh")


def listed_for(user: str) -> list[str]:
	"""The applications the portal list shows `user`."""
	from frappe.www.list import get_list_data

	frappe.set_user(user)
	try:
		return [row.name for row in get_list_data("Legal Aid Application", web_form_name=WEB_FORM)]
	finally:
		frappe.set_user("Administrator")


class TestApplicationsEnteredForACitizen(FrappeTestCase):
	"""Staff enter an application for a citizen (`applicant_user`): it opens on that citizen's portal only."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def can_read(self, user: str, name: str) -> bool:
		frappe.set_user(user)
		try:
			return frappe.get_doc("Web Form", WEB_FORM).has_web_form_permission("Legal Aid Application", name)
		finally:
			frappe.set_user("Administrator")

	def test_the_citizen_named_sees_and_opens_it_and_no_one_else_does(self):
		doc = make_application(applicant_user=CITIZEN)
		self.assertNotEqual(doc.owner, CITIZEN)
		self.assertIn(doc.name, listed_for(CITIZEN))
		self.assertTrue(self.can_read(CITIZEN, doc.name))
		self.assertTrue(frappe.has_permission("Legal Aid Application", "read", doc.name, user=CITIZEN))
		self.assertFalse(frappe.has_permission("Legal Aid Application", "write", doc.name, user=CITIZEN))

		self.assertNotIn(doc.name, listed_for(OTHER_CITIZEN))
		self.assertFalse(self.can_read(OTHER_CITIZEN, doc.name))

	def test_naming_another_citizen_moves_it_to_their_portal(self):
		doc = make_application(applicant_user=CITIZEN)
		doc.applicant_user = OTHER_CITIZEN
		doc.save(ignore_permissions=True)
		self.assertNotIn(doc.name, listed_for(CITIZEN))
		self.assertFalse(self.can_read(CITIZEN, doc.name))
		self.assertIn(doc.name, listed_for(OTHER_CITIZEN))
		self.assertTrue(self.can_read(OTHER_CITIZEN, doc.name))

	def test_records_entered_before_sharing_are_shared_by_the_patch(self):
		from qh_legal_service.patches.legal_aid_share_with_applicants import execute

		doc = make_application()
		# As a record saved before applications were shared: the field set, no share.
		frappe.db.set_value("Legal Aid Application", doc.name, "applicant_user", CITIZEN)
		self.assertFalse(self.can_read(CITIZEN, doc.name))
		execute()
		execute()  # twice: one share only
		self.assertTrue(self.can_read(CITIZEN, doc.name))
		self.assertIn(doc.name, listed_for(CITIZEN))
		shares = {"share_doctype": "Legal Aid Application", "share_name": doc.name}
		self.assertEqual(frappe.get_all("DocShare", filters=shares, pluck="user"), [CITIZEN])

	def test_an_application_for_no_citizen_is_on_no_portal(self):
		doc = make_application()
		self.assertNotIn(doc.name, listed_for(CITIZEN))
		self.assertFalse(self.can_read(CITIZEN, doc.name))


class TestRecordPage(FrappeTestCase):
	"""What the record page tells the citizen above the form, in their language."""

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"
		super().tearDown()

	def page_doc(self, doc) -> dict:
		"""The record as the web form gives it to the page."""
		return frappe.get_doc("Legal Aid Application", doc.name).as_dict(no_nulls=True)

	def test_history_and_next_step_in_tibetan_with_the_workers_phone(self):
		worker = make_worker(worker_name="卓玛", worker_name_bo="སྒྲོལ་མ།", phone="0971-8123456")
		doc = make_application(assigned_worker=worker.name)
		frappe.db.set_value(
			"Legal Aid Application",
			doc.name,
			{"workflow_state": "Assigned", "states_passed": "Received\nApproved\nAssigned"},
		)
		frappe.local.lang = "bo"
		history = portal_form.history_section(self.page_doc(doc))
		texts = [line["text"] for line in history["lines"]]
		bo = "bo"
		self.assertEqual(
			texts[:2], [frappe._("Application received", lang=bo), frappe._("Legal aid granted", lang=bo)]
		)
		# The name's closing shad does not fall inside the sentence.
		self.assertEqual(texts[2], "སྒྲོལ་མ ལ་འགན་བསྐོས་ཟིན།")
		self.assertEqual(
			history["lines"][2]["details"], [frappe._("Phone: {0}", lang=bo).format("0971-8123456")]
		)
		self.assertEqual(history["heading"], "ལས་དོན་གྱི་བརྒྱུད་རིམ")

		next_step = portal_form.next_step_section(self.page_doc(doc))
		self.assertEqual(next_step["text"], "ཁྱེད་ཀྱི་གནད་དོན་འགན་འཁུར་མཁན། སྒྲོལ་མ། གནད་དོན་སྐོར་ཁོང་དང་འབྲེལ་བ་གནང་རོགས།")
		self.assertEqual(next_step["details"], ["ཁ་པར། 0971-8123456"])

	def test_the_lawyer_and_their_institution_in_chinese(self):
		institution = make_institution(institution_name="城东区法律援助中心（测试）", phone="0971-8000000")
		worker = make_worker(
			worker_name="王律师",
			worker_type="Lawyer",
			licence_number="16301201810000001",
			institution=institution.name,
		)
		doc = make_application(assigned_worker=worker.name)
		frappe.db.set_value(
			"Legal Aid Application",
			doc.name,
			{"workflow_state": "In Progress", "states_passed": "Received\nApproved\nAssigned\nIn Progress"},
		)
		frappe.local.lang = "zh"
		lines = portal_form.history_section(self.page_doc(doc))["lines"]
		self.assertEqual(lines[-1]["text"], "已指派王律师（城东区法律援助中心（测试））承办")
		# The worker has no phone of their own: the institution's.
		self.assertEqual(lines[-1]["details"], ["电话：0971-8000000"])
		next_step = portal_form.next_step_section(self.page_doc(doc))
		self.assertEqual(
			next_step["text"], "您的案件由王律师（城东区法律援助中心（测试））承办，有关事宜请与其联系。"
		)

	def test_materials_to_supply_by_a_date_in_chinese(self):
		doc = make_application()
		doc.materials_notice = "户口簿复印件"
		doc.materials_due = "2026-12-01"
		doc.save(ignore_permissions=True)
		from frappe.model.workflow import apply_workflow

		apply_workflow(doc, "Request Materials")
		zh = "zh"  # a variable, so the catalogue extractor does not read the language as a context
		frappe.local.lang = zh
		page = self.page_doc(doc)
		next_step = portal_form.next_step_section(page)
		self.assertEqual(
			next_step["text"],
			frappe._("Supply these materials by {0}:", lang=zh).format(frappe.utils.formatdate("2026-12-01")),
		)
		self.assertEqual(next_step["details"], ["户口簿复印件"])
		events = [line["text"] for line in portal_form.history_section(page)["lines"]]
		self.assertEqual(events[-1], f"通知补充材料，请于{frappe.utils.formatdate('2026-12-01')}前提交")

	def test_the_village_by_name_and_no_empty_attachment(self):
		frappe.local.lang = "zh"
		name = portal_records.place_name(BEIGUAN_COMMUNITY)
		self.assertIn("北关社区", name)
		self.assertNotIn(BEIGUAN_COMMUNITY, name)
		page = {"name": "LAA-X", "id_document": "", "matter_document": "/private/files/a.pdf", "address": ""}
		portal_form.drop_empty_attachments(page)
		self.assertEqual(page, {"name": "LAA-X", "matter_document": "/private/files/a.pdf", "address": ""})

	def test_the_list_sends_its_headings_and_matter_types_in_tibetan(self):
		bo = "bo"  # a variable, so the catalogue extractor does not read the language as a context
		frappe.local.lang = bo
		web_form = frappe.get_doc("Web Form", WEB_FORM).as_dict()
		context = frappe._dict(web_form_doc=web_form, translated_messages="{}")
		portal_records.add_list_translations(context)
		messages = json.loads(context.translated_messages)
		self.assertEqual(messages["Application No."], "ཞུ་ཡིག་ཨང་རྟགས")
		self.assertEqual(
			messages["Labour Relations or Unpaid Pay"], frappe._("Labour Relations or Unpaid Pay", lang=bo)
		)
		self.assertRegex(messages["Labour Relations or Unpaid Pay"], "[\u0f00-\u0fff]")
		self.assertEqual(
			[column.fieldname for column in frappe.get_doc("Web Form", WEB_FORM).list_columns],
			[
				"name",
				"matter_type",
				"workflow_state",
			],
		)

"""The citizens' portal on a real site: applying through the web form, privacy and language."""

import json

import frappe
from frappe.auth import CookieManager
from frappe.tests.utils import FrappeTestCase
from frappe.website.doctype.web_form.web_form import accept
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

from qh_legal_service.legal_aid.doctype.legal_aid_application.legal_aid_application import (
	InvalidResidentIDError,
)
from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.portal_language import apply_portal_language
from qh_legal_service.rules.desks import CITIZEN_ROLE
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, CHENGDONG, TEST_PASSWORD, VALID_ID, make_staff

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

"""A legal question on the portal over HTTP: a visitor who did not sign in asks in Tibetan through the web
form and keeps only the allowed fields; reads the answer with the reference and the phone, never with a
wrong phone; cannot read or list consultations through REST; a signed-in citizen finds their own
questions on the answer page."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.hotline import portal
from qh_legal_service.rules import matters
from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, delete_with_history

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
WEB_FORM = "legal-question"
CITIZEN = "question-citizen@test.qh"
QUESTION = "ང་ཚོའི་ས་ཞིང་གི་གནད་དོན་ལ་རོགས་རམ་དགོས། 草场承包合同到期后怎么办？"
PHONE = "13912345678"


def form(**values) -> str:
	data = {
		"doctype": "Legal Consultation",
		"web_form_name": WEB_FORM,
		"citizen_name": "བཀྲ་ཤིས།",
		"citizen_phone": PHONE,
		"division": BEIGUAN_COMMUNITY,
		"matter_type": matters.LAND,
		"question": QUESTION,
	}
	data.update(values)
	return json.dumps(data)


class LegalQuestionOverHttp(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_citizen(CITIZEN)
		frappe.db.commit()  # nosemgrep: requests run on their own connections

	def setUp(self):
		self.created = []

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in self.created:
			delete_with_history("Legal Consultation", name)
		frappe.db.commit()  # nosemgrep: the requests committed what they made

	def ask(self, client, **values):
		response = client.post(ACCEPT + "?_lang=bo", data={"web_form": WEB_FORM, "data": form(**values)})
		if response.status_code == 200:
			self.created.append(message(response)["name"])
		return response

	def test_a_visitor_asks_in_tibetan_and_keeps_only_the_allowed_fields(self):
		guest = SiteClient()
		response = self.ask(
			guest,
			answer="已答复",
			status=matters.CLOSED,
			channel=matters.SERVICE_WINDOW,
			hotline_work_order="HL-2026-000001",
			answered_by="Administrator",
			worker="x",
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		name = message(response)["name"]
		doc = frappe.get_doc("Legal Consultation", name)
		self.assertEqual(doc.owner, "Guest")
		self.assertEqual(doc.channel, matters.PORTAL)
		self.assertEqual(doc.status, matters.OPEN)
		self.assertEqual(doc.language, "bo")
		self.assertEqual(doc.question, QUESTION)
		self.assertEqual(
			(doc.citizen_phone, doc.division, doc.matter_type), (PHONE, BEIGUAN_COMMUNITY, matters.LAND)
		)
		for field in ("answer", "hotline_work_order", "answered_by", "answered_on", "worker", "citizen_user"):
			self.assertFalse(doc.get(field), field)
		self.assertTrue(doc.consulted_on)

		# The guest cannot read it, or any consultation, through REST.
		self.assertIn(guest.get(f"/api/resource/Legal Consultation/{name}").status_code, (403, 404))
		listed = guest.get("/api/resource/Legal Consultation")
		self.assertFalse(listed.status_code == 200 and message(listed))
		self.assertIn(
			guest.post("/api/resource/Legal Consultation", json={"question": "x" * 20}).status_code,
			(403, 417),
		)

		# Staff answer; the visitor reads the answer with the reference and the phone, not with another phone.
		doc.answer = "承包期届满，由土地承包经营权人按照国家有关规定继续承包。"
		doc.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the request reads it on its own connection
		self.assertEqual(doc.status, matters.ANSWERED)
		found = message(
			guest.call(
				"qh_legal_service.hotline.portal.lookup_answer", reference=name, phone="+86 139 1234 5678"
			)
		)
		self.assertEqual(found["answer"], doc.answer)
		self.assertEqual(found["question"], QUESTION)
		self.assertNotIn("citizen_phone", found)
		self.assertIsNone(
			message(
				guest.call(
					"qh_legal_service.hotline.portal.lookup_answer", reference=name, phone="13900000000"
				)
			)
		)
		self.assertIsNone(
			message(
				guest.call("qh_legal_service.hotline.portal.lookup_answer", reference="LC-x", phone=PHONE)
			)
		)

	def test_an_empty_or_oversized_question_is_refused_and_nothing_is_kept(self):
		guest = SiteClient()
		before = frappe.db.count("Legal Consultation")
		self.assertNotEqual(self.ask(guest, question="问").status_code, 200)
		self.assertNotEqual(
			self.ask(guest, question="问" * (matters.QUESTION_MAX_LENGTH + 1)).status_code, 200
		)
		self.assertNotEqual(self.ask(guest, citizen_phone="").status_code, 200)
		self.assertEqual(frappe.db.count("Legal Consultation"), before)

	def test_a_signed_in_citizen_finds_their_questions_on_the_answer_page(self):
		citizen = SiteClient(CITIZEN)
		response = self.ask(citizen)
		self.assertEqual(response.status_code, 200, response.text[:500])
		name = message(response)["name"]
		self.assertEqual(frappe.db.get_value("Legal Consultation", name, "citizen_user"), CITIZEN)
		page = citizen.get("/legal-question-answer")
		self.assertEqual(page.status_code, 200)
		self.assertIn(name, page.get_data(as_text=True))
		self.assertNotIn(name, SiteClient().get("/legal-question-answer").get_data(as_text=True))
		frappe.set_user(CITIZEN)
		self.assertEqual([row["name"] for row in portal.own_questions()], [name])

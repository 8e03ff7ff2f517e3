# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The six bilingual documents, through HTTP: each only in the states that warrant it, on every path.

Each application is filed by a citizen and taken through the workflow over HTTP by a reviewer and the
justice bureau, as the desk does: the documents follow the road a case took, which its version history
records (Frappe records no versions for saves made inside run-tests itself). Then the reviewer and the
citizen ask for every document through /printview, the PDF download, the desk's print preview, Word
and e-mail.
"""

import json
import re
from io import BytesIO

import frappe
from docx import Document as WordDocument
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_user_lang
from frappe.utils import add_days, nowdate

from qh_legal_service.legal_aid.documents import (
	DOCUMENTS,
	DocumentNotAvailableError,
	allowed_documents,
	build_word,
	document_refusal,
)
from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.rules import documents as declared
from qh_legal_service.tests.http import (
	SiteClient,
	exception_type,
	message,
	message_fragments,
	server_messages,
)
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	VALID_ID,
	delete_with_history,
	make_institution,
	make_staff,
	make_worker,
)

DOCTYPE = "Legal Aid Application"
CITIZEN = "docs-citizen@test.qh"
OTHER_CITIZEN = "docs-other-citizen@test.qh"
REVIEWER = "docs-reviewer@test.qh"
BUREAU = "docs-bureau@test.qh"
NEIGHBOUR = "docs-neighbour@test.qh"
APPLICANT = "卓玛测试"
FIRM = "测试明德律师事务所"
FIRM_BO = "ཚོད་ལྟའི་ཁྲིམས་རྩོད་ཁང་།"
LAWYER = "测试律师"

TIBETAN = re.compile("[\u0f00-\u0fff]")
CHINESE = re.compile("[\u4e00-\u9fff]")
PRINTVIEW = "/printview"
PDF_METHOD = "/api/method/frappe.utils.print_format.download_pdf"
PREVIEW_METHOD = "/api/method/frappe.www.printview.get_html_and_style"
WORD_METHOD = "/api/method/qh_legal_service.legal_aid.documents.download_word"
OWN_PDF_METHOD = "/api/method/qh_legal_service.legal_aid.documents.download_pdf"

# What the citizen fills in on the portal.
APPLICATION = {
	"applicant_name": APPLICANT,
	"id_number": VALID_ID,
	"phone": "13900000001",
	"preferred_language": "bo",
	"division": BEIGUAN_COMMUNITY,
	"matter_type": "Labour Relations or Unpaid Pay",
	"aid_requested": "Labour Arbitration Representation",
	"facts": "雇主拖欠工资三个月。",
}
MATERIALS = {"materials_notice": "身份证复印件\n劳动合同", "materials_due": add_days(nowdate(), 10)}
REASONS = {"decision_reasons": "申请人家庭月收入高于经济困难标准。"}
OBJECTION = {"objection_reason": "申请人对不予援助的决定有异议。"}
TERMINATION = {"termination_reason": "Hired an Own Lawyer"}

BUREAU_ACTIONS = {"Record Objection", "Order Correction", "Uphold Refusal", "Uphold Termination"}

# Each case: the workflow actions (with what the desk fills in first) and the documents it may produce.
CASES = {
	"received": ([], {"receipt"}),
	"materials": ([("Request Materials", MATERIALS)], {"receipt", "materials_notice"}),
	"materials_supplied": ([("Request Materials", MATERIALS), ("Materials Supplied", {})], {"receipt"}),
	"approved": ([("Start Review", {}), ("Approve", {})], {"receipt", "approval"}),
	"refused": ([("Start Review", {}), ("Refuse", REASONS)], {"receipt", "refusal"}),
	"assigned": (
		[("Start Review", {}), ("Approve", {}), ("Assign", "lawyer")],
		{"receipt", "approval", "assignment"},
	),
	"terminated": (
		[("Start Review", {}), ("Approve", {}), ("Assign", "lawyer"), ("Terminate", TERMINATION)],
		{"receipt", "approval", "assignment", "termination"},
	),
	# The bureau ordered the refusal corrected: back in review, it no longer stands (Art 49).
	"corrected": (
		[
			("Start Review", {}),
			("Refuse", REASONS),
			("Record Objection", OBJECTION),
			("Order Correction", {}),
		],
		{"receipt"},
	),
	# Urgent aid (Art 44) ended before any decision: a termination without an approval.
	"urgent_ended": (
		[
			("Provide Urgent Aid", {"urgent_reason": "Urgent Preservation or Execution Needed"}),
			("Terminate", TERMINATION),
		],
		{"receipt", "termination"},
	),
	# Assigned to a worker recorded without an institution: the letter would name none.
	"no_institution": (
		[("Start Review", {}), ("Approve", {}), ("Assign", "adviser")],
		{"receipt", "approval"},
	),
}


# Why a document is refused, as the reader is told (the source strings of legal_aid/documents.py).
MESSAGES = {
	declared.NOT_ISSUED: "{0} has not been issued for {1}: it is issued when a case becomes {2}, and this one is {3}.",
	declared.SET_ASIDE: "{0} of {1} no longer stands: it was set aside when the case went from {2} to {3}.",
	declared.NOT_IN_STATE: "{0} can be produced only while a case is {1}; {2} is {3}.",
	declared.INCOMPLETE: "{0} of {1} cannot be produced until these are filled in: {2}.",
}

# A state in which each document is refused (the receipt stands in every state), and why, including
# what the issue found: a refusal and a termination for an approved case, an assignment letter for one
# only received.
REFUSED_SAMPLE = (
	("approved", "materials_notice", declared.NOT_ISSUED),
	("materials_supplied", "materials_notice", declared.NOT_IN_STATE),
	("urgent_ended", "approval", declared.NOT_ISSUED),
	("approved", "refusal", declared.NOT_ISSUED),
	("corrected", "refusal", declared.SET_ASIDE),
	("received", "assignment", declared.NOT_ISSUED),
	("no_institution", "assignment", declared.INCOMPLETE),
	("approved", "termination", declared.NOT_ISSUED),
)


def print_query(name: str, key: str) -> dict:
	return {"doctype": DOCTYPE, "name": name, "format": DOCUMENTS[key].print_format}


def brief(response) -> str:
	"""The start of a response, for a failure message (it may be a binary file)."""
	return f"{response.status_code} {response.get_data()[:300]!r}"


def word_text(content: bytes) -> str:
	word = WordDocument(BytesIO(content))
	cells = (cell.text for table in word.tables for row in table.rows for cell in row.cells)
	return "\n".join([*(p.text for p in word.paragraphs), *cells])


class TestLegalAidDocuments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		make_staff(NEIGHBOUR, CHENGZHONG, "Legal Aid Reviewer")
		firm = make_institution(
			institution_name=FIRM, institution_name_bo=FIRM_BO, institution_type="Law Firm"
		)
		lawyer = make_worker(
			worker_name=LAWYER,
			worker_type="Lawyer",
			division=CHENGDONG,
			served_divisions=[],
			licence_number="16301202110000077",
			institution=firm.name,
		)
		cls.institution = firm.name
		workers = {"lawyer": lawyer.name, "adviser": make_worker().name}
		cls.cases = {}
		frappe.set_user(CITIZEN)
		for case in CASES:
			doc = frappe.get_doc({"doctype": DOCTYPE, **APPLICATION}).insert()
			cls.cases[case] = doc.name
		frappe.set_user("Administrator")
		cls.email_account = None
		if not frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
			cls.email_account = (
				frappe.get_doc(
					{
						"doctype": "Email Account",
						"email_account_name": "docs-test-outgoing",
						"email_id": "docs-outgoing@test.qh",
						"enable_outgoing": 1,
						"default_outgoing": 1,
						"smtp_server": "localhost",
						"no_smtp_authentication": 1,
					}
				)
				.insert(ignore_permissions=True)
				.name
			)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.reviewer = SiteClient(REVIEWER)
		cls.citizen = SiteClient(CITIZEN)
		bureau = SiteClient(BUREAU)
		for case, (steps, _expected) in CASES.items():
			for action, values in steps:
				client = bureau if action in BUREAU_ACTIONS else cls.reviewer
				if isinstance(values, str):
					values = {"assigned_worker": workers[values]}
				cls.act(client, cls.cases[case], action, values)

	@staticmethod
	def act(client: SiteClient, name: str, action: str, values: dict) -> None:
		"""Fill in and save what the step needs, then take the workflow action, as the desk does."""
		if values:
			saved = client.put(f"/api/resource/{DOCTYPE}/{name}", json=values)
			if saved.status_code != 200:
				raise AssertionError(f"{name} {action}: {brief(saved)}")
		acted = client.call(
			"frappe.model.workflow.apply_workflow", doc={"doctype": DOCTYPE, "name": name}, action=action
		)
		if acted.status_code != 200:
			raise AssertionError(f"{name} {action}: {brief(acted)}")

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in cls.cases.values():
			delete_with_history(DOCTYPE, name)
		names = list(cls.cases.values())
		frappe.db.delete("Version", {"ref_doctype": DOCTYPE, "docname": ["in", names]})
		for doctype in ("Communication", "Email Queue"):
			for name in frappe.get_all(doctype, filters={"reference_name": ["in", names]}, pluck="name"):
				frappe.delete_doc(doctype, name, force=True, ignore_permissions=True)
		if cls.email_account:
			frappe.delete_doc("Email Account", cls.email_account, force=True, ignore_permissions=True)
		for worker in frappe.get_all("Legal Service Worker", filters={"worker_name": LAWYER}, pluck="name"):
			frappe.delete_doc("Legal Service Worker", worker, force=True, ignore_permissions=True)
		frappe.delete_doc("Legal Service Institution", cls.institution, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed
		super().tearDownClass()

	def setUp(self):
		# See what the requests committed.
		frappe.db.rollback()

	def tearDown(self):
		frappe.set_user("Administrator")

	def refused(self, case: str) -> list[str]:
		return [key for key in DOCUMENTS if key not in CASES[case][1]]

	def assertRefused(self, response, name: str, key: str, reason: str, user: str, html: bool = False):
		"""A 403 naming the document, the application and why, in the person's language, with no part
		of the document rendered."""
		self.assertEqual(response.status_code, 403, brief(response))
		if not html:
			self.assertEqual(exception_type(response), "DocumentNotAvailableError")
		text = response.text if html else server_messages(response)
		lang = get_user_lang(user)
		self.assertIn(frappe._(DOCUMENTS[key].print_format, lang=lang), text)
		self.assertIn(name, text)
		for fragment in message_fragments(MESSAGES[reason], lang):
			self.assertIn(fragment, text)
		self.assertNotIn("Error in print format", response.text)
		self.assertNotIn('class="qhla-doc"', response.text)

	def test_each_case_allows_exactly_its_documents(self):
		for case, (_steps, expected) in CASES.items():
			with self.subTest(case=case):
				doc = frappe.get_doc(DOCTYPE, self.cases[case])
				self.assertEqual(set(allowed_documents(doc)), expected)

	def test_official_documents_for_the_desk(self):
		for case, (_steps, expected) in CASES.items():
			with self.subTest(case=case):
				response = self.reviewer.call(
					"qh_legal_service.legal_aid.documents.official_documents",
					doctype=DOCTYPE,
					name=self.cases[case],
				)
				self.assertEqual(response.status_code, 200, brief(response))
				listed = message(response)
				self.assertEqual([row["document"] for row in listed], list(DOCUMENTS))
				self.assertEqual({row["document"] for row in listed if row["allowed"]}, expected)
				self.assertEqual(
					[row["print_format"] for row in listed], [d.print_format for d in DOCUMENTS.values()]
				)
				# Labelled in the reader's language (the reviewer reads Chinese).
				self.assertEqual(
					[row["label"] for row in listed],
					[frappe._(d.print_format, lang="zh") for d in DOCUMENTS.values()],
				)

	def test_official_documents_refused_to_another_county(self):
		neighbour = SiteClient(NEIGHBOUR)
		response = neighbour.call(
			"qh_legal_service.legal_aid.documents.official_documents",
			doctype=DOCTYPE,
			name=self.cases["approved"],
		)
		self.assertEqual(response.status_code, 403)

	def test_print_refuses_every_document_the_state_does_not_warrant(self):
		# Frappe's PDF download renders through /printview's own code, as e-mail attachments do.
		for case in CASES:
			name = self.cases[case]
			for key in self.refused(case):
				with self.subTest(case=case, document=key):
					reason = document_refusal(frappe.get_doc(DOCTYPE, name), key, for_applicant=False).reason
					response = self.reviewer.get(PDF_METHOD, query_string=print_query(name, key))
					self.assertRefused(response, name, key, reason, REVIEWER)

	def test_each_document_refused_on_every_path_to_staff_and_citizen(self):
		for client in (self.reviewer, self.citizen):
			for case, key, reason in REFUSED_SAMPLE:
				name = self.cases[case]
				for path, query in (
					(PRINTVIEW, print_query(name, key)),
					(PDF_METHOD, print_query(name, key)),
					(WORD_METHOD, {"name": name, "document": key}),
					(OWN_PDF_METHOD, {"name": name, "document": key}),
				):
					with self.subTest(user=client.user, case=case, document=key, path=path):
						response = client.get(path, query_string=query)
						self.assertRefused(response, name, key, reason, client.user, html=path == PRINTVIEW)

	def test_printview_prints_the_documents_the_state_warrants(self):
		for client in (self.reviewer, self.citizen):
			for case in ("received", "terminated", "urgent_ended", "materials", "refused"):
				for key in CASES[case][1]:
					with self.subTest(user=client.user, case=case, document=key):
						response = client.get(
							PRINTVIEW,
							query_string={
								"doctype": DOCTYPE,
								"name": self.cases[case],
								"format": DOCUMENTS[key].print_format,
							},
						)
						self.assertEqual(response.status_code, 200, brief(response))
						self.assertIn(DOCUMENTS[key].title["zh"], response.text)
						self.assertIn(DOCUMENTS[key].title["bo"], response.text)
						self.assertIn(APPLICANT, response.text)
						self.assertRegex(response.text, TIBETAN)
						self.assertRegex(response.text, CHINESE)

	def test_approved_case_prints_no_empty_refusal_or_termination(self):
		# What the issue found: "决定不予法律援助。理由如下：" followed by nothing, and empty quotes.
		name = self.cases["approved"]
		for key in ("refusal", "termination"):
			response = self.reviewer.get(
				PRINTVIEW,
				query_string={"doctype": DOCTYPE, "name": name, "format": DOCUMENTS[key].print_format},
			)
			self.assertRefused(response, name, key, declared.NOT_ISSUED, REVIEWER, html=True)
			self.assertNotIn("理由如下", response.text)
			self.assertNotIn("现因", response.text)

	def test_pdf_download_of_a_warranted_document(self):
		for client in (self.reviewer, self.citizen):
			with self.subTest(user=client.user):
				response = client.get(
					PDF_METHOD,
					query_string={
						"doctype": DOCTYPE,
						"name": self.cases["assigned"],
						"format": DOCUMENTS["assignment"].print_format,
					},
				)
				self.assertEqual(response.status_code, 200, brief(response))
				self.assertTrue(response.data.startswith(b"%PDF"))

	def test_desk_print_preview_refuses_and_prints_from_the_saved_record(self):
		name = self.cases["approved"]
		doc = frappe.get_doc(DOCTYPE, name).as_dict()
		# A form sent with values of its own: the saved record decides, and prints.
		forged = {
			**doc,
			"workflow_state": "Refused",
			"decision_reasons": "伪造的理由",
			"applicant_name": "某人",
		}
		for sent in (doc, forged):
			response = self.reviewer.post(
				PREVIEW_METHOD,
				data={"doc": json.dumps(sent, default=str), "print_format": "Legal Aid Refusal"},
			)
			self.assertRefused(response, name, "refusal", declared.NOT_ISSUED, REVIEWER)
		response = self.reviewer.post(
			PREVIEW_METHOD,
			data={"doc": json.dumps(forged, default=str), "print_format": "Legal Aid Approval"},
		)
		self.assertEqual(response.status_code, 200, brief(response))
		html = message(response)["html"]
		self.assertIn(DOCUMENTS["approval"].title["zh"], html)
		self.assertIn(APPLICANT, html)
		self.assertNotIn("某人", html)

	def test_word_download_of_a_warranted_document(self):
		for client in (self.reviewer, self.citizen):
			with self.subTest(user=client.user):
				response = client.get(
					WORD_METHOD, query_string={"name": self.cases["terminated"], "document": "termination"}
				)
				self.assertEqual(response.status_code, 200, brief(response))
				text = word_text(response.data)
				self.assertIn(DOCUMENTS["termination"].title["bo"], text)
				self.assertIn(DOCUMENTS["termination"].title["zh"], text)
				self.assertIn(APPLICANT, text)

	def test_assignment_letter_names_the_institution(self):
		name = self.cases["assigned"]
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "assigned_institution"), self.institution)
		response = self.reviewer.get(
			PRINTVIEW,
			query_string={"doctype": DOCTYPE, "name": name, "format": "Legal Aid Assignment Letter"},
		)
		self.assertEqual(response.status_code, 200, brief(response))
		self.assertIn(FIRM, response.text)
		# The firm's Tibetan name addresses the letter without its closing shad (it runs into the salutation).
		self.assertIn(FIRM_BO.removesuffix("།") + " ", response.text)
		self.assertNotIn(FIRM_BO + " ", response.text)
		self.assertIn(LAWYER, response.text)
		self.assertNotIn(self.institution, response.text)
		word = self.reviewer.get(WORD_METHOD, query_string={"name": name, "document": "assignment"})
		self.assertEqual(word.status_code, 200, brief(word))
		self.assertIn(FIRM, word_text(word.data))

	def test_assignment_letter_without_institution_says_what_is_missing(self):
		name = self.cases["no_institution"]
		response = self.reviewer.get(WORD_METHOD, query_string={"name": name, "document": "assignment"})
		self.assertRefused(response, name, "assignment", declared.INCOMPLETE, REVIEWER)
		label = frappe.get_meta(DOCTYPE).get_label("assigned_institution")
		self.assertIn(frappe._(label, lang="zh"), server_messages(response))

	def test_termination_of_urgent_aid_claims_no_decision(self):
		response = self.reviewer.get(
			PRINTVIEW,
			query_string={
				"doctype": DOCTYPE,
				"name": self.cases["urgent_ended"],
				"format": "Legal Aid Termination Notice",
			},
		)
		self.assertEqual(response.status_code, 200, brief(response))
		self.assertIn("本中心为你提供了法律援助", response.text)
		self.assertNotIn("决定给予你法律援助", response.text)
		self.assertNotIn("____年", response.text)
		terminated = self.reviewer.get(
			PRINTVIEW,
			query_string={
				"doctype": DOCTYPE,
				"name": self.cases["terminated"],
				"format": "Legal Aid Termination Notice",
			},
		)
		self.assertIn("决定给予你法律援助", terminated.text)
		self.assertIn("受援人自行委托律师或者其他代理人", terminated.text)

	def test_portal_record_links_the_documents_issued_to_the_citizen(self):
		for case in ("terminated", "refused", "received", "corrected"):
			with self.subTest(case=case):
				name = self.cases[case]
				page = self.citizen.get(f"/legal-aid-application/{name}")
				self.assertEqual(page.status_code, 200, brief(page))
				for key in DOCUMENTS:
					for method in ("download_pdf", "download_word"):
						# The portal links every service's documents through the shared endpoints.
						link = (
							f"qh_legal_service.service_documents.{method}"
							f"?doctype=Legal+Aid+Application&name={name}&document={key}"
						)
						if key in CASES[case][1]:
							self.assertIn(link, page.text)
						else:
							self.assertNotIn(link, page.text)

	def test_citizen_downloads_their_documents_as_pdf_and_word(self):
		name = self.cases["terminated"]
		pdf = self.citizen.get(OWN_PDF_METHOD, query_string={"name": name, "document": "termination"})
		self.assertEqual(pdf.status_code, 200, brief(pdf))
		self.assertTrue(pdf.data.startswith(b"%PDF"))
		self.assertIn("filename=", pdf.headers.get("Content-Disposition", ""))
		word = self.citizen.get(WORD_METHOD, query_string={"name": name, "document": "approval"})
		self.assertEqual(word.status_code, 200, brief(word))
		self.assertIn(DOCUMENTS["approval"].title["zh"], word_text(word.data))

	def test_another_citizen_gets_nothing(self):
		other = SiteClient(OTHER_CITIZEN)
		name = self.cases["terminated"]
		for path, query in (
			(OWN_PDF_METHOD, {"name": name, "document": "receipt"}),
			(WORD_METHOD, {"name": name, "document": "receipt"}),
			(PDF_METHOD, {"doctype": DOCTYPE, "name": name, "format": "Legal Aid Receipt"}),
		):
			with self.subTest(path=path):
				response = other.get(path, query_string=query)
				self.assertIn(response.status_code, (403, 404), brief(response))
				self.assertFalse(response.data.startswith((b"%PDF", b"PK")))
		page = other.get(
			PRINTVIEW, query_string={"doctype": DOCTYPE, "name": name, "format": "Legal Aid Receipt"}
		)
		self.assertNotIn(APPLICANT, page.text)

	def test_email_with_an_unwarranted_document_is_refused(self):
		name = self.cases["approved"]

		def send(print_format: str):
			return self.reviewer.call(
				"frappe.core.doctype.communication.email.make",
				doctype=DOCTYPE,
				name=name,
				subject="决定书",
				content="见附件",
				recipients="applicant@test.qh",
				send_email=1,
				print_format=print_format,
			)

		refused = send("Legal Aid Refusal")
		self.assertRefused(refused, name, "refusal", declared.NOT_ISSUED, REVIEWER)
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Communication", {"reference_name": name}))
		sent = send("Legal Aid Approval")
		self.assertEqual(sent.status_code, 200, brief(sent))
		frappe.db.rollback()
		queued = frappe.get_all("Email Queue", filters={"reference_name": name}, pluck="attachments")
		self.assertEqual([json.loads(a)[0]["print_format"] for a in queued], ["Legal Aid Approval"])
		# When the queue sends it, the print is made again and checked again.
		with self.assertRaises(DocumentNotAvailableError):
			frappe.attach_print(DOCTYPE, name, print_format="Legal Aid Refusal")
		frappe.flags.ignore_print_permissions = False  # attach_print leaves it set when the print fails
		# As HTML: wkhtmltopdf outside a request fetches from host_name, which no server answers here
		# (the PDF itself is tested through HTTP above).
		frappe.db.set_single_value("Print Settings", "send_print_as_pdf", 0)
		try:
			attached = frappe.attach_print(DOCTYPE, name, print_format="Legal Aid Approval")
		finally:
			frappe.db.rollback()
		self.assertIn(DOCUMENTS["approval"].title["zh"], attached["fcontent"].decode())
		self.assertIn(APPLICANT, attached["fcontent"].decode())

	def test_word_documents_contain_both_scripts(self):
		doc = frappe.get_doc(DOCTYPE, self.cases["terminated"])
		for key in CASES["terminated"][1]:
			with self.subTest(document=key):
				buffer = BytesIO()
				build_word(doc, key).save(buffer)
				text = word_text(buffer.getvalue())
				self.assertRegex(text, TIBETAN)
				self.assertRegex(text, CHINESE)
				self.assertIn(DOCUMENTS[key].title["bo"], text)
				self.assertIn(APPLICANT, text)

	def test_word_of_an_unknown_document_is_a_validation_error(self):
		response = self.reviewer.get(
			WORD_METHOD, query_string={"name": self.cases["received"], "document": "no_such"}
		)
		self.assertEqual(response.status_code, 417)
		self.assertIn("no_such", server_messages(response))

	def test_every_select_value_a_document_prints_has_both_languages(self):
		meta = frappe.get_meta(DOCTYPE)
		# The documents print the catalogue's entries (test_document_vocabulary checks they are the screens').
		for fieldname in ("matter_type", "aid_requested", "termination_reason"):
			for option in [option for option in meta.get_options(fieldname).split("\n") if option]:
				with self.subTest(field=fieldname, option=option):
					self.assertRegex(frappe._(option, lang="bo"), TIBETAN)
					self.assertRegex(frappe._(option, lang="zh"), CHINESE)

"""Documents by declaration: every declared service's documents print, refuse and download through one code.

The registry is read for every doctype in `rules.services.SERVICES` that declares documents (their print
formats and templates exist, their issuers resolve, an unsaved or unwarranted record is refused on the
Jinja, print-body and Word paths). What only some services use (several copies, an issuer of their own,
a record excluded by its value) is tried on a legal aid application with its receipt re-declared for the
test, since no second service's doctype is needed to show the shared code does it.
"""

import dataclasses
import re
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path
from unittest.mock import patch

import frappe
from docx import Document as WordDocument
from docx.oxml.ns import qn
from frappe.tests.utils import FrappeTestCase
from pypdf import PdfReader

from qh_legal_service import service_documents as shared
from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.documents import template_folder
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.service_documents import DocumentNotAvailableError
from qh_legal_service.tests.http import SiteClient, exception_type
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	delete_with_history,
	make_application,
	make_institution,
	make_staff,
)

DOCTYPE = "Legal Aid Application"
REVIEWER = "sdocs-reviewer@test.qh"
NEIGHBOUR = "sdocs-neighbour@test.qh"
WORD_METHOD = "/api/method/qh_legal_service.service_documents.download_word"
COMMITTEE = "测试人民调解委员会"
COMMITTEE_BO = "ཚོད་ལྟའི་མི་དམངས་བར་འདུམ་ཨུ་ཡོན་ལྷན་ཁང་།"


def two_copies(doc) -> int:
	"""A copies function, as a service whose count depends on the record declares it."""
	return 2


def committee_issuer(doc):
	"""An issuer of the service's own: the institution the record names."""
	return shared.institution_issuer(doc, "assigned_institution")


@contextmanager
def redeclared(key: str, **changes):
	"""Legal aid's `key` document declared with `changes` for the duration of the block."""
	documents = SERVICES[DOCTYPE].documents
	shared.documents_of.cache_clear()
	try:
		with patch.dict(documents, {key: dataclasses.replace(documents[key], **changes)}):
			yield
	finally:
		shared.documents_of.cache_clear()


def word_of(doc, key: str) -> WordDocument:
	buffer = BytesIO()
	shared.build_word(doc, key).save(buffer)
	return WordDocument(BytesIO(buffer.getvalue()))


def page_breaks(word: WordDocument) -> int:
	return sum(1 for br in word.element.body.iter(qn("w:br")) if br.get(qn("w:type")) == "page")


class TestServiceDocuments(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.set_user("Administrator")
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(NEIGHBOUR, CHENGZHONG, "Legal Aid Reviewer")
		cls.committee = make_institution(
			institution_name=COMMITTEE, institution_name_bo=COMMITTEE_BO, institution_type="Law Firm"
		).name
		cls.received = make_application().name
		frappe.db.commit()  # nosemgrep: the HTTP requests read it from their own connection

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		delete_with_history(DOCTYPE, cls.received)
		frappe.delete_doc("Legal Service Institution", cls.committee, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed
		super().tearDownClass()

	def setUp(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def doc(self):
		return frappe.get_doc(DOCTYPE, self.received)

	@staticmethod
	def pdf(doc) -> bytes:
		return frappe.get_print(DOCTYPE, doc.name, "Legal Aid Receipt", as_pdf=True)

	# The registry, for every declared service
	# ----------------------------------------

	def test_every_declared_document_has_its_print_format_templates_and_issuer(self):
		doctypes = shared.document_doctypes()
		self.assertIn(DOCTYPE, doctypes)
		app = Path(frappe.get_app_path("qh_legal_service")).parent
		for doctype in doctypes:
			self.assertTrue(frappe.db.exists("DocType", doctype), doctype)
			for key, definition in shared.documents_of(doctype).items():
				with self.subTest(doctype=doctype, document=key):
					self.assertEqual(
						frappe.db.get_value(
							"Print Format", definition.print_format, ["doc_type", "disabled"]
						),
						(doctype, 0),
					)
					self.assertTrue((app / shared.PRINT_TEMPLATES / f"{definition.template}.html").is_file())
					layout = shared.layout_texts(template_folder(definition.rule))
					self.assertLessEqual({"law", "number", "seal", "date", "hotline"}, set(layout))
					self.assertTrue(callable(frappe.get_attr(definition.rule.issuer)))
					if definition.rule.facts:
						self.assertTrue(callable(frappe.get_attr(definition.rule.facts)))
					self.assertEqual(shared.declared_key(doctype, definition.print_format), key)

	def test_every_declared_doctype_refuses_an_unsaved_record_on_every_path(self):
		for doctype in shared.document_doctypes():
			unsaved = frappe.new_doc(doctype)
			for key, definition in shared.documents_of(doctype).items():
				with self.subTest(doctype=doctype, document=key):
					with self.assertRaises(DocumentNotAvailableError):
						shared.service_document(unsaved, key)
					with self.assertRaises(DocumentNotAvailableError):
						shared.build_word(unsaved, key)
					with self.assertRaises(DocumentNotAvailableError):
						shared.pdf_body_html(
							"", {"doc": unsaved}, print_format=frappe._dict(name=definition.print_format)
						)

	def test_a_received_application_produces_only_its_receipt(self):
		doc = self.doc()
		listed = shared.official_documents(DOCTYPE, doc.name)
		self.assertEqual([row["document"] for row in listed if row["allowed"]], ["receipt"])
		self.assertEqual(shared.service_document(doc, "receipt")["title"], shared.term("Legal Aid Receipt"))
		for key in ("approval", "refusal", "assignment", "termination"):
			print_format = frappe._dict(name=shared.documents_of(DOCTYPE)[key].print_format)
			with self.subTest(document=key):
				with self.assertRaises(DocumentNotAvailableError):
					shared.service_document(doc, key)
				with self.assertRaises(DocumentNotAvailableError):
					shared.pdf_body_html("", {"doc": doc}, print_format=print_format)
		self.assertIsNone(shared.official_documents("Legal Service Institution", self.committee))
		boot = frappe._dict()
		shared.boot_session(boot)
		self.assertEqual(boot.qh_document_doctypes, shared.document_doctypes())

	def test_an_unknown_document_is_named_with_the_choices(self):
		with self.assertRaises(frappe.ValidationError) as raised:
			shared.service_document(self.doc(), "no_such")
		self.assertIn("receipt", str(raised.exception))

	# What the declaration may say
	# ----------------------------

	def test_a_document_declared_with_three_copies_prints_and_writes_three_marked_pages(self):
		doc = self.doc()
		single = frappe.get_print(DOCTYPE, doc.name, "Legal Aid Receipt")
		self.assertEqual(single.count('class="qhla-doc'), 1)
		self.assertNotIn("一式", single)
		single_word = word_of(doc, "receipt")
		single_text = "\n".join(paragraph.text for paragraph in single_word.paragraphs)
		self.assertEqual(page_breaks(single_word), 0)
		self.assertEqual(len(PdfReader(BytesIO(self.pdf(doc))).pages), 1)
		with redeclared("receipt", copies=3):
			html = frappe.get_print(DOCTYPE, doc.name, "Legal Aid Receipt")
			word = word_of(doc, "receipt")
			pdf = self.pdf(doc)
		self.assertEqual(len(PdfReader(BytesIO(pdf)).pages), 3)  # each copy on its own A4 page
		self.assertEqual(html.count('class="qhla-doc'), 3)
		self.assertEqual(html.count("qhla-next-copy"), 2 + 1)  # two pages and the style rule
		text = "\n".join(paragraph.text for paragraph in word.paragraphs)
		printed = re.sub("<[^>]+>", "", html)  # the print view tags each script's run
		for number in (1, 2, 3):
			for mark in (f"一式3份，第{number}份", f"ཡིག་ཆ་འདྲ་མཚུངས་3ཡི་ནང་ནས་ཨང་{number}པ།"):
				self.assertEqual(printed.count(mark), 1, mark)
				self.assertEqual(text.count(mark), 1, mark)
		self.assertEqual(page_breaks(word), 2)
		self.assertEqual(text.count("法律援助申请受理回执"), 3)
		self.assertEqual(text.count(doc.applicant_name), 3 * single_text.count(doc.applicant_name))

	def test_the_copies_may_come_from_a_function_of_the_record(self):
		with redeclared("receipt", copies=f"{__name__}.two_copies"):
			content = shared.service_document(self.doc(), "receipt")
		self.assertEqual([mark["zh"] for mark in content["copies"]], ["一式2份，第1份", "一式2份，第2份"])

	def test_the_declaration_names_the_issuer(self):
		frappe.db.set_value(DOCTYPE, self.received, "assigned_institution", self.committee)
		doc = self.doc()
		with redeclared("receipt", issuer=f"{__name__}.committee_issuer"):
			content = shared.service_document(doc, "receipt")
			html = frappe.get_print(DOCTYPE, doc.name, "Legal Aid Receipt")
			text = "\n".join(paragraph.text for paragraph in word_of(doc, "receipt").paragraphs)
		self.assertEqual(content["issuer"], {"bo": COMMITTEE_BO.removesuffix("།"), "zh": COMMITTEE})
		self.assertEqual(re.sub("<[^>]+>", "", html).count(COMMITTEE), 2)  # letterhead and signature
		self.assertEqual(text.count(COMMITTEE), 2)
		# Legal aid's own issuer is the county's legal aid centre.
		self.assertTrue(shared.service_document(doc, "receipt")["issuer"]["zh"].endswith("法律援助中心"))

	def test_a_record_excluded_by_its_value_is_refused_with_the_reason(self):
		doc = self.doc()
		with redeclared("receipt", excluded_when=(("matter_type", doc.matter_type),)):
			self.assertEqual(shared.allowed_documents(doc), [])
			with self.assertRaises(DocumentNotAvailableError) as raised:
				shared.service_document(doc, "receipt")
		label = frappe._(doc.meta.get_label("matter_type"))
		self.assertIn(label, str(raised.exception))
		self.assertIn(doc.name, str(raised.exception))
		self.assertEqual(doc.workflow_state, legal_aid.RECEIVED)

	# The generic download, with the same permission checks
	# -----------------------------------------------------

	def test_the_generic_word_download_checks_permission_and_the_declaration(self):
		reviewer, neighbour = SiteClient(REVIEWER), SiteClient(NEIGHBOUR)
		query = {"doctype": DOCTYPE, "name": self.received, "document": "receipt"}
		response = reviewer.get(WORD_METHOD, query_string=query)
		self.assertEqual(response.status_code, 200, response.get_data()[:300])
		text = "\n".join(p.text for p in WordDocument(BytesIO(response.data)).paragraphs)
		self.assertIn("法律援助申请受理回执", text)
		refused = reviewer.get(WORD_METHOD, query_string={**query, "document": "approval"})
		self.assertEqual(refused.status_code, 403)
		self.assertEqual(exception_type(refused), "DocumentNotAvailableError")
		outside = neighbour.get(WORD_METHOD, query_string=query)
		self.assertEqual(outside.status_code, 403)
		self.assertNotIn(b"PK", outside.data[:2])

	def test_a_portal_page_links_the_allowed_documents_to_the_generic_downloads(self):
		links = shared.download_links(self.doc())
		self.assertEqual([link["document"] for link in links], ["receipt"])
		self.assertEqual(links[0]["title"], frappe._("Legal Aid Receipt"))
		reviewer = SiteClient(REVIEWER)
		pdf = reviewer.get(links[0]["pdf"])
		self.assertEqual(pdf.status_code, 200, pdf.get_data()[:300])
		self.assertTrue(pdf.data.startswith(b"%PDF"))
		word = reviewer.get(links[0]["word"])
		self.assertEqual(word.status_code, 200, word.get_data()[:300])
		self.assertIn(self.received, "\n".join(p.text for p in WordDocument(BytesIO(word.data)).paragraphs))

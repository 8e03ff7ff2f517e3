# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import re
from io import BytesIO

import frappe
from docx import Document as WordDocument
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.documents import DOCUMENTS, build_word, download_word
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, CHENGZHONG, make_staff, make_worker

TIBETAN = re.compile("[\u0f00-\u0fff]")
CHINESE = re.compile("[\u4e00-\u9fff]")
APPLICANT = "卓玛测试"


class TestLegalAidDocuments(FrappeTestCase):
	"""The six bilingual documents: print formats, Word files and who may download them."""

	def setUp(self):
		frappe.set_user("Administrator")
		worker = make_worker()
		self.application = frappe.get_doc(
			{
				"doctype": "Legal Aid Application",
				"applicant_name": APPLICANT,
				"id_number": "11010519491231002X",
				"phone": "13800000000",
				"division": BEIGUAN_COMMUNITY,
				"matter_type": "Labour Relations or Unpaid Pay",
				"aid_requested": "Legal Advice",
				"facts": "工资被拖欠三个月。",
			}
		).insert(ignore_permissions=True)
		now = frappe.utils.now_datetime()
		frappe.db.set_value(
			"Legal Aid Application",
			self.application.name,
			{
				"materials_notice": "身份证复印件\n劳动合同",
				"materials_requested_on": now,
				"materials_due": frappe.utils.add_days(now, 10),
				"decided_on": now,
				"decision_reasons": "申请人家庭月收入高于经济困难标准。",
				"assigned_worker": worker.name,
				"assigned_on": now,
				"termination_reason": "Hired an Own Lawyer",
				"terminated_on": now,
			},
		)
		self.application.reload()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_print_formats_render_both_scripts(self):
		for definition in DOCUMENTS.values():
			with self.subTest(document=definition.key):
				self.assertTrue(frappe.db.exists("Print Format", definition.print_format))
				html = frappe.get_print(
					"Legal Aid Application", self.application.name, definition.print_format
				)
				self.assertRegex(html, TIBETAN)
				self.assertRegex(html, CHINESE)
				self.assertIn(APPLICANT, html)
				self.assertIn(definition.title["zh"], html)
				self.assertIn('lang="bo"', html)

	def test_word_documents_contain_both_scripts(self):
		for key, definition in DOCUMENTS.items():
			with self.subTest(document=key):
				buffer = BytesIO()
				build_word(self.application, key).save(buffer)
				word = WordDocument(BytesIO(buffer.getvalue()))
				text = "\n".join(p.text for p in word.paragraphs)
				text += "\n".join(
					cell.text for table in word.tables for row in table.rows for cell in row.cells
				)
				self.assertRegex(text, TIBETAN)
				self.assertRegex(text, CHINESE)
				self.assertIn(definition.title["bo"], text)
				self.assertIn(APPLICANT, text)

	def test_download_word_returns_a_docx(self):
		download_word(self.application.name, "receipt")
		self.assertEqual(frappe.local.response.type, "binary")
		self.assertTrue(frappe.local.response.filename.endswith(".docx"))
		self.assertTrue(frappe.local.response.filecontent.startswith(b"PK"))

	def test_download_word_rejects_unknown_document(self):
		with self.assertRaises(frappe.ValidationError):
			download_word(self.application.name, "no_such_document")

	def test_download_word_denies_staff_of_another_county(self):
		user = make_staff("docs-other@test.qh", CHENGZHONG, "County Justice Bureau")
		frappe.set_user(user)
		with self.assertRaises(frappe.PermissionError):
			download_word(self.application.name, "receipt")

"""The legal aid desk: actions ask for what their next state needs, workers are offered by language."""

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.api import worker_query
from qh_legal_service.service_case import fields_for_action as case_fields_for_action
from qh_legal_service.service_case import save_action_fields as case_save_action_fields


def fields_for_action(name: str, action: str) -> list[str]:
	return case_fields_for_action("Legal Aid Application", name, action)


def save_action_fields(name: str, action: str, values: dict) -> None:
	case_save_action_fields("Legal Aid Application", name, action, values)


from qh_legal_service.tests.utils import CHENGDONG, CHENGZHONG, make_application, make_staff, make_worker

REVIEWER = "desk-reviewer@test.qh"


class TestLegalAidDesk(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def test_each_action_asks_for_the_fields_its_next_state_requires(self):
		name = make_application().name
		frappe.set_user(REVIEWER)
		self.assertEqual(fields_for_action(name, "Request Materials")[:1], ["materials_notice"])
		self.assertIn("materials_due", fields_for_action(name, "Request Materials"))
		self.assertEqual(fields_for_action(name, "Start Review"), [])
		# An action the reviewer cannot take from this state asks for nothing.
		self.assertEqual(fields_for_action(name, "Close"), [])
		doc = apply_workflow(frappe.get_doc("Legal Aid Application", name), "Start Review")
		self.assertEqual(fields_for_action(doc.name, "Refuse"), ["decision_reasons"])

	def test_the_worker_search_puts_the_applicants_language_first_and_shows_it(self):
		chinese = make_worker(
			worker_name="甲律师",
			worker_type="Lawyer",
			division=CHENGDONG,
			served_divisions=[],
			licence_number="16301202110000011",
			languages=[{"language": "zh"}],
		)
		tibetan = make_worker(
			worker_name="乙律师",
			worker_type="Lawyer",
			division=CHENGDONG,
			served_divisions=[],
			licence_number="16301202110000012",
			languages=[{"language": "zh"}, {"language": "bo"}],
		)
		elsewhere = make_worker(
			worker_type="Lawyer",
			division=CHENGZHONG,
			served_divisions=[],
			licence_number="16301202110000013",
			languages=[{"language": "bo"}],
		)
		name = make_application(preferred_language="bo").name
		frappe.set_user(REVIEWER)
		rows = worker_query("Legal Service Worker", "", "name", 0, 20, {"application": name})
		names = [row[0] for row in rows]
		self.assertLess(names.index(tibetan.name), names.index(chinese.name))
		self.assertNotIn(elsewhere.name, names)
		self.assertEqual(rows[names.index(tibetan.name)][3], "中文 · བོད་ཡིག")
		self.assertEqual(
			[
				row[0]
				for row in worker_query("Legal Service Worker", "甲", "name", 0, 20, {"application": name})
			],
			[chinese.name],
		)


BUREAU = "desk-bureau@test.qh"


class TestActionFields(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")

	def tearDown(self):
		frappe.set_user("Administrator")
		super().tearDown()

	def refused(self) -> str:
		name = make_application().name
		frappe.set_user(REVIEWER)
		doc = apply_workflow(frappe.get_doc("Legal Aid Application", name), "Start Review")
		doc.decision_reasons = "家庭收入高于标准。"
		doc.save()
		apply_workflow(doc, "Refuse")
		frappe.set_user("Administrator")
		return name

	def test_the_bureau_records_an_objection_to_a_case_it_may_not_edit(self):
		name = self.refused()
		frappe.set_user(BUREAU)
		save_action_fields(
			name, "Record Objection", {"objection_reason": "我确实困难。", "decision_reasons": "改写"}
		)
		doc = apply_workflow(frappe.get_doc("Legal Aid Application", name), "Record Objection")
		self.assertEqual(doc.workflow_state, "Objection Filed")
		self.assertEqual(doc.objection_reason, "我确实困难。")
		# Only what the action needs is written.
		self.assertEqual(doc.decision_reasons, "家庭收入高于标准。")

	def test_nobody_writes_through_an_action_they_may_not_take(self):
		name = self.refused()
		frappe.set_user(REVIEWER)
		with self.assertRaises(frappe.PermissionError):
			save_action_fields(name, "Record Objection", {"objection_reason": "代写"})
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value("Legal Aid Application", name, "objection_reason"))

"""A report of the app answers a supervisor at once, and a slow run never turns it into a prepared report."""

import json
from pathlib import Path
from unittest.mock import patch

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.direct_reports import DirectReport, app_report_names
from qh_legal_service.patches import reports_answer_directly
from qh_legal_service.tests.utils import make_staff

SUPERVISOR = "direct-reports-province@test.qh"
REPORT = "Legal Aid Volumes"
PERIOD = {"from_date": "2025-09-01", "to_date": "2025-10-31", "group_by": "County"}
TIMER = "frappe.core.doctype.report.report.threading.Timer"


class TestDirectReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# The demo's province supervisor: the Province Supervisor profile at the province.
		make_staff(SUPERVISOR, "630000", "Province Supervisor")

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_every_report_of_the_app_is_loaded_with_frappes_report_class_replaced(self):
		names = app_report_names()
		shipped = {
			json.loads(path.read_text(encoding="utf-8"))["name"]
			for path in Path(frappe.get_app_path("qh_legal_service")).glob("*/report/*/*.json")
			if path.stem == path.parent.name
		}
		self.assertEqual(set(names), shipped)
		self.assertIn(REPORT, names)
		self.assertIsInstance(frappe.get_doc("Report", REPORT), DirectReport)
		self.assertEqual(frappe.get_all("Report", filters={"name": ["in", names], "prepared_report": 1}), [])

	def test_supervisor_gets_the_result_itself_not_a_queued_placeholder(self):
		frappe.set_user(SUPERVISOR)
		result = run_report(REPORT, filters=dict(PERIOD))
		self.assertNotIn("prepared_report", result)
		self.assertNotIn("doc", result)
		self.assertIsInstance(result["result"], list)
		self.assertEqual(result["columns"][0]["fieldname"], "key")

	def test_a_run_of_an_app_report_starts_no_prepared_report_timer(self):
		frappe.set_user(SUPERVISOR)
		with patch(TIMER) as timer:
			run_report(REPORT, filters=dict(PERIOD))
		timer.assert_not_called()
		self.assertEqual(frappe.db.get_value("Report", REPORT, "prepared_report"), 0)

	def test_a_report_of_another_app_keeps_frappes_timer(self):
		report = frappe.get_doc("Report", "Database Storage Usage By Tables")
		with patch(TIMER) as timer, patch.object(DirectReport, "execute_module", return_value=[[], []]):
			report.execute_script_report({})
		timer.assert_called_once()

	def test_the_patch_unmarks_a_report_frappe_marked_prepared(self):
		frappe.db.set_value("Report", REPORT, "prepared_report", 1, update_modified=False)
		reports_answer_directly.execute()
		self.assertEqual(frappe.db.get_value("Report", REPORT, "prepared_report"), 0)
		frappe.set_user(SUPERVISOR)
		self.assertNotIn("prepared_report", run_report(REPORT, filters=dict(PERIOD)))

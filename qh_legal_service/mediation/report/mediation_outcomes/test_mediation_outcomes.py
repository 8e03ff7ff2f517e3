"""The Mediation Outcomes report on a real site: counted in the database, in the reader's area only."""

import frappe
from frappe.model.workflow import apply_workflow

from qh_legal_service.mediation.doctype.mediation_case.test_mediation_case import (
	WRITTEN_AGREEMENT,
	MediationCaseTest,
	make_case,
)
from qh_legal_service.mediation.report.mediation_outcomes.mediation_outcomes import execute
from qh_legal_service.rules import mediation as m
from qh_legal_service.tests.utils import CHENGDONG, CHENGZHONG, make_staff

BUREAU = "med-report-bureau@test.qh"


class TestMediationOutcomes(MediationCaseTest):
	def move(self, doc, *steps):
		for action, values in steps:
			doc.update(values)
			doc.save(ignore_permissions=True)
			doc = apply_workflow(doc, action)
		return doc

	def test_outcomes_by_county_and_dispute_type_in_the_readers_area(self):
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		start = [
			(m.ACCEPT, {"committee": self.committee}),
			(m.START, {"mediators": [{"mediator": self.mediator}]}),
		]
		agreed = self.move(make_case(), *start, (m.RECORD_AGREEMENT, WRITTEN_AGREEMENT))
		self.move(
			agreed,
			(
				m.CLOSE,
				{
					"judicial_confirmation": m.CONFIRMED,
					"followed_up_on": "2026-12-20",
					"performance": m.PERFORMED_FULLY,
				},
			),
		)
		self.move(make_case(), *start, (m.RECORD_NO_AGREEMENT, {"no_agreement_reason": "分歧大。"}))
		make_case(dispute_type="Land")
		# A neighbouring county's case, which the Chengdong bureau does not count.
		make_case(division=CHENGZHONG)
		frappe.db.set_value("Mediation Case", agreed.name, "duration_days", 6, update_modified=False)

		frappe.set_user(BUREAU)
		try:
			columns, data, _message, chart = execute({"group_by": "County"})
		finally:
			frappe.set_user("Administrator")
		self.assertIn("agreement_rate", [column["fieldname"] for column in columns])
		county = next(row for row in data if row["division"] == CHENGDONG and row["indent"] == 0)
		self.assertGreaterEqual(county["cases"], 3)
		self.assertFalse([row for row in data if row["division"] == "630103"])
		neighbours = next(
			row
			for row in data
			if row["division"] == CHENGDONG and row["dispute_type"] == frappe._("Neighbours")
		)
		# Read against the rows this test made: other tests' cases may share the county.
		self.assertGreaterEqual(neighbours["reached"], 1)
		self.assertGreaterEqual(neighbours["not_reached"], 1)
		total = data[-1]
		self.assertEqual(
			total["cases"], sum(row["cases"] for row in data if row["indent"] == 0) - total["cases"]
		)
		self.assertIsNotNone(total["agreement_rate"])
		self.assertIsNotNone(chart)

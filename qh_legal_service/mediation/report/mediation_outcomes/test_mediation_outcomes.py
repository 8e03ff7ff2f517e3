"""The Mediation Outcomes report on a real site: read from the supervision figures, in the reader's area only."""

import frappe
from frappe.model.workflow import apply_workflow

from qh_legal_service.figures import rebuild
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

	def rows(self, user, filters) -> tuple[dict, list, dict]:
		"""The report's rows by (division, dispute type) as `user` reads them (in their language), its data
		and chart."""
		frappe.set_user(user)
		try:
			_columns, data, _message, chart = execute(filters)
			english = {frappe._(name): name for name in ("Neighbours", "Land")}
		finally:
			frappe.set_user("Administrator")
		return (
			{(row["division"], english.get(row["dispute_type"], row["dispute_type"])): row for row in data},
			data,
			chart,
		)

	def test_outcomes_by_county_and_dispute_type_in_the_readers_area(self):
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		filters = {"group_by": "County"}
		before, _data, _chart = self.rows(BUREAU, filters)
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
		after, data, chart = self.rows(BUREAU, filters)

		def change(key, column):
			self.assertIn(key, after, list(after))
			return after[key][column] - (before[key][column] if key in before else 0)

		neighbours, land = (CHENGDONG, "Neighbours"), (CHENGDONG, "Land")
		# Counted in the figures when each step was saved: two Neighbours cases, one agreed and one not.
		self.assertEqual(
			[
				change(neighbours, column)
				for column in ("cases", "reached", "not_reached", "withdrawn", "open")
			],
			[2, 1, 1, 0, 0],
		)
		# The Land case has no outcome: requested in the period and open now.
		self.assertEqual([change(land, column) for column in ("cases", "reached", "open")], [1, 0, 1])
		self.assertEqual(change((CHENGDONG, None), "cases"), 3)
		# The county bureau reads its own county only: Chengzhong's case is not there.
		self.assertEqual({division for division, _type in after} - {None}, {CHENGDONG})
		total = data[-1]
		self.assertEqual(total["division_name"], frappe._("Total"))
		self.assertEqual(
			[total[c] for c in ("cases", "open")], [after[(CHENGDONG, None)][c] for c in ("cases", "open")]
		)
		self.assertEqual(chart["data"]["datasets"][0]["values"][3], total["open"])

	def test_rates_and_days_come_from_the_outcome_month(self):
		"""Stamps set in a month of their own, the figures rebuilt from the records: exact rates and days."""
		cases = [make_case(), make_case(), make_case(), make_case(dispute_type="Land")]
		stamps = [
			(m.AGREEMENT_REACHED, "2031-05-04 09:00:00", m.CONFIRMED, m.PERFORMED_FULLY),
			(m.AGREEMENT_REACHED, "2031-05-12 21:00:00", m.NOT_CONFIRMED, m.PERFORMED_PARTLY),
			(m.AGREEMENT_NOT_REACHED, "2031-05-08 09:00:00", "", ""),
			(m.WITHDRAWN, "2031-05-02 09:00:00", "", ""),
		]
		for doc, (outcome, outcome_on, confirmation, performance) in zip(cases, stamps, strict=True):
			frappe.db.set_value(
				"Mediation Case",
				doc.name,
				{
					"requested_on": "2031-04-30 10:00:00",
					"accepted_on": "2031-05-01 09:00:00",
					"outcome": outcome,
					"outcome_on": outcome_on,
					"judicial_confirmation": confirmation,
					"performance": performance,
					"followed_up_on": "2031-05-20" if performance else None,
					"workflow_state": m.CLOSED,
				},
				update_modified=False,
			)
		rebuild("Mediation Case")
		by_key, data, _chart = self.rows(
			"Administrator", {"group_by": "County", "from_date": "2031-05-01", "to_date": "2031-05-31"}
		)
		neighbours = by_key[(CHENGDONG, "Neighbours")]
		# Requested in April: no cases in May, but May's outcomes.
		self.assertEqual(
			[neighbours[c] for c in ("cases", "reached", "not_reached", "withdrawn")], [0, 2, 1, 0]
		)
		self.assertEqual(neighbours["agreement_rate"], 66.7)
		# Days from acceptance: 3, 11.5 and 7.
		self.assertEqual(neighbours["average_days"], 7.2)
		self.assertEqual(neighbours["confirmed_share"], 50.0)
		self.assertEqual(neighbours["performed_share"], 50.0)
		land = by_key[(CHENGDONG, "Land")]
		self.assertEqual([land["withdrawn"], land["average_days"], land["agreement_rate"]], [1, 1.0, 0.0])
		self.assertEqual(data[-1]["agreement_rate"], 50.0)
		april = self.rows(
			"Administrator", {"group_by": "County", "from_date": "2031-04-01", "to_date": "2031-04-30"}
		)[0]
		self.assertEqual(april[(CHENGDONG, "Neighbours")]["cases"], 3)
		self.assertEqual(april[(CHENGDONG, "Neighbours")]["reached"], 0)

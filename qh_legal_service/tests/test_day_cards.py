"""The Legal Aid workspace's day at a glance: each card counts what its list shows, in the user's area only."""

import datetime as dt
import json

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate, now_datetime

from qh_legal_service.legal_aid.dashboard_chart_source.legal_aid_by_step.legal_aid_by_step import (
	get as by_step,
)
from qh_legal_service.legal_aid.day_cards import overdue
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	YUSHU_CITY,
	make_application,
	make_staff,
)

APPLICATION = "Legal Aid Application"
CLERK = "la-day-cards@test.qh"
FILTERED_CARDS = ("Legal Aid Due Today", "Legal Aid Waiting for Materials")


def card_filters(card) -> list:
	return json.loads(card.filters_json)


class TestDayCards(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(CLERK, CHENGDONG, "Legal Aid Reviewer")
		# The site's today (its time zone, Asia/Shanghai), not the machine's.
		end_of_today = dt.datetime.combine(getdate(), dt.time(23, 59, 59))
		cls.records = {}
		for place, division in (("county", BEIGUAN_COMMUNITY), ("elsewhere", YUSHU_CITY)):
			due_today, late, waiting, untimed = (make_application(division=division).name for _ in range(4))
			# A closed case runs no step: it has no due moment and is never overdue.
			frappe.db.set_value(APPLICATION, untimed, {"current_due": None, "current_step": None})
			frappe.db.set_value(
				APPLICATION, due_today, {"current_due": end_of_today, "current_step": "Decide the objection"}
			)
			frappe.db.set_value(APPLICATION, late, "current_due", now_datetime() - dt.timedelta(days=2))
			frappe.db.set_value(
				APPLICATION,
				waiting,
				{"workflow_state": "Materials Requested", "current_due": end_of_today + dt.timedelta(days=5)},
			)
			cls.records[place] = {
				"Legal Aid Due Today": due_today,
				"Legal Aid Overdue": late,
				"Legal Aid Waiting for Materials": waiting,
				"untimed": untimed,
			}

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = "en"

	def listed(self, filters) -> set[str]:
		return set(frappe.get_list(APPLICATION, filters=filters, pluck="name", limit_page_length=0))

	def test_the_cards_are_on_the_legal_aid_workspace(self):
		workspace = frappe.get_doc("Workspace", "Legal Aid")
		on_page = {block["data"].get("number_card_name") for block in json.loads(workspace.content)}
		listed = {row.number_card_name for row in workspace.number_cards}
		for name in (*FILTERED_CARDS, "Legal Aid Overdue"):
			self.assertIn(name, on_page)
			self.assertIn(name, listed)
		self.assertEqual([row.chart_name for row in workspace.charts], ["Legal Aid by Step"])
		chart = frappe.get_doc("Dashboard Chart", "Legal Aid by Step")
		self.assertEqual((chart.chart_type, chart.source), ("Custom", "Legal Aid by Step"))
		self.assertTrue(frappe.db.exists("Dashboard Chart Source", "Legal Aid by Step"))

	def test_a_county_clerk_counts_the_lists_of_their_own_county(self):
		frappe.set_user(CLERK)
		for name in FILTERED_CARDS:
			card = frappe.get_doc("Number Card", name)
			shown = self.listed(card_filters(card))
			self.assertEqual(get_result(card.as_json(), card.filters_json), len(shown), name)
			self.assertIn(self.records["county"][name], shown, name)
			self.assertNotIn(self.records["elsewhere"][name], shown, name)
		card = overdue()
		shown = self.listed(card["route_options"])
		self.assertEqual(card["value"], len(shown))
		self.assertEqual(card["route"], ["List", APPLICATION])
		self.assertIn(self.records["county"]["Legal Aid Overdue"], shown)
		self.assertNotIn(self.records["elsewhere"]["Legal Aid Overdue"], shown)
		# A record due later today is not overdue yet; one waiting with a later due date is not either.
		self.assertNotIn(self.records["county"]["Legal Aid Due Today"], shown)
		self.assertNotIn(self.records["county"]["Legal Aid Waiting for Materials"], shown)
		self.assertNotIn(self.records["county"]["untimed"], shown)

	def test_each_card_counts_only_its_own_records(self):
		frappe.set_user(CLERK)
		due_today = self.listed(card_filters(frappe.get_doc("Number Card", "Legal Aid Due Today")))
		waiting = self.listed(card_filters(frappe.get_doc("Number Card", "Legal Aid Waiting for Materials")))
		self.assertNotIn(self.records["county"]["Legal Aid Overdue"], due_today)
		self.assertNotIn(self.records["county"]["Legal Aid Waiting for Materials"], due_today)
		self.assertNotIn(self.records["county"]["Legal Aid Due Today"], waiting)

	def test_the_province_sees_more_than_the_county(self):
		card = frappe.get_doc("Number Card", "Legal Aid Waiting for Materials")
		everywhere = get_result(card.as_json(), card.filters_json)
		frappe.set_user(CLERK)
		self.assertGreaterEqual(everywhere - get_result(card.as_json(), card.filters_json), 1)

	def test_the_chart_counts_the_steps_of_the_county_in_the_readers_language(self):
		frappe.local.lang = "zh"
		everywhere = dict(zip(*self.chart(), strict=True))
		frappe.set_user(CLERK)
		steps = frappe.get_list(
			APPLICATION, filters={"current_step": ["is", "set"]}, pluck="current_step", limit_page_length=0
		)
		counted = dict(zip(*self.chart(), strict=True))
		frappe.local.lang = "en"
		self.assertEqual(sum(counted.values()), len(steps))
		self.assertEqual(counted["处理异议"], steps.count("Decide the objection"))
		self.assertGreaterEqual(steps.count("Decide the objection"), 1)
		self.assertNotIn("Decide the objection", counted)
		# The record elsewhere at that step is counted for the province, not for the county.
		self.assertGreaterEqual(everywhere["处理异议"], counted["处理异议"] + 1)

	def chart(self):
		data = by_step()
		return data["labels"], data["datasets"][0]["values"]

"""The supervisors' monthly sums on a real site: kept in step by every save, equal to a recount, scoped."""

import frappe
from frappe.utils import add_to_date, getdate, now_datetime

from qh_legal_service.escalation import escalate_overdue_steps
from qh_legal_service.figures import FIGURE, figure_sums, rebuild
from qh_legal_service.rules import special_groups
from qh_legal_service.rules.eligibility import SOCIAL_INSURANCE
from qh_legal_service.rules.figures import TOWNSHIP_LEVEL
from qh_legal_service.tests.test_legal_aid_workflow import (
	OTHER_REVIEWER,
	REVIEWER,
	SUPERVISOR,
	LegalAidCase,
)
from qh_legal_service.tests.utils import CHENGDONG, CHENGZHONG, XINING, make_application

SERVICE = "Legal Aid Application"
NANGUAN_COMMUNITY = "630103001003"  # in Chengzhong
MATTER = "Labour Relations or Unpaid Pay"


def stored(figure: str, category: str = "", township: str | None = None) -> tuple[int, int, int]:
	"""(records, timed, in_time) of one figure this month, summed over the townships (or one)."""
	filters = {
		"service": SERVICE,
		"level": TOWNSHIP_LEVEL,
		"figure": figure,
		"category": category,
		"month": getdate().replace(day=1),
	}
	if township:
		filters["township"] = township
	rows = frappe.get_all(FIGURE, filters=filters, fields=["records", "timed", "in_time"])
	return tuple(sum(row[key] for row in rows) for key in ("records", "timed", "in_time"))


def all_rows() -> list[tuple]:
	rows = frappe.get_all(
		FIGURE,
		filters={"service": SERVICE, "records": ["!=", 0]},
		fields=["level", "division", "month", "figure", "category", "records", "timed", "in_time", "days"],
	)
	return sorted(
		(
			r.level,
			r.division,
			str(r.month),
			r.figure,
			r.category,
			r.records,
			r.timed,
			r.in_time,
			round(r.days, 2),
		)
		for r in rows
	)


class TestServiceFigures(LegalAidCase):
	def test_a_save_adds_what_changed_and_a_recount_finds_the_same(self):
		# From a recount (other tests may leave sums of records they removed without their hooks) ...
		rebuild(SERVICE)
		before = {figure: stored(*figure) for figure in [("received",), ("matter_type", MATTER)]}
		application = make_application(minor=1)
		township = application.township
		self.assertTrue(township)
		self.assertEqual(stored("received")[0], before[("received",)][0] + 1)
		self.assertEqual(stored("matter_type", MATTER)[0], before[("matter_type", MATTER)][0] + 1)
		minors = stored("group", special_groups.MINORS, township)[0]
		steps = stored("step", "Review and decide", township)
		approved_before = stored("ended_in", "Approved", township)[0]

		self.act(REVIEWER, application.name, "Start Review")
		self.act(REVIEWER, application.name, "Approve")
		# The review ended today, within its seven days: one step, timed and in time; one approval.
		self.assertEqual(
			stored("step", "Review and decide", township), (steps[0] + 1, steps[1] + 1, steps[2] + 1)
		)
		self.assertEqual(stored("ended_in", "Approved", township)[0], approved_before + 1)
		self.assertEqual(stored("group", special_groups.MINORS, township)[0], minors)

		# The sums kept save by save are what a recount from the records gives.
		incremental = all_rows()
		rebuild(SERVICE)
		self.assertEqual(all_rows(), incremental)

	def test_an_escalation_is_counted_once_and_stays_counted_when_the_step_ends(self):
		rebuild(SERVICE)
		received = add_to_date(now_datetime(), days=-20).replace(second=0, microsecond=0)
		name = make_application(received_on=received).name
		township = frappe.db.get_value(SERVICE, name, "township")
		escalated = stored("escalated", "Review and decide", township)[0]
		escalate_overdue_steps()
		self.assertEqual(stored("escalated", "Review and decide", township)[0], escalated + 1)
		self.assertTrue(frappe.get_doc(SERVICE, name).step_log[0].escalated_on)
		# Deciding ends the step and clears the record's escalation; the fact of it stays counted.
		self.act(REVIEWER, name, "Start Review")
		self.act(REVIEWER, name, "Approve")
		self.assertEqual(stored("escalated", "Review and decide", township)[0], escalated + 1)
		incremental = all_rows()
		rebuild(SERVICE)
		self.assertEqual(all_rows(), incremental)

	def test_a_corrected_dimension_moves_its_count_and_a_deleted_record_takes_its_figures_back(self):
		application = make_application()
		other = SOCIAL_INSURANCE
		matter, moved = stored("matter_type", MATTER)[0], stored("matter_type", other)[0]
		received = stored("received")[0]
		application.reload()
		application.matter_type = other
		application.save(ignore_permissions=True)
		self.assertEqual(stored("matter_type", MATTER)[0], matter - 1)
		self.assertEqual(stored("matter_type", other)[0], moved + 1)
		frappe.delete_doc(SERVICE, application.name, force=True, ignore_permissions=True)
		self.assertEqual(stored("matter_type", other)[0], moved)
		self.assertEqual(stored("received")[0], received - 1)

	def test_a_reader_sums_only_the_figures_of_their_own_area(self):
		make_application()
		make_application(division=NANGUAN_COMMUNITY)
		month = getdate().replace(day=1)
		frappe.set_user(SUPERVISOR)
		try:
			prefecture = figure_sums(SERVICE, ["received"], month, getdate(), group_by=["county"])
		finally:
			frappe.set_user(OTHER_REVIEWER)
		try:
			other_county = figure_sums(SERVICE, ["received"], month, getdate(), group_by=["county"])
		finally:
			frappe.set_user("Administrator")
		everything = figure_sums(SERVICE, ["received"], month, getdate(), group_by=["county"])
		by_county = {row.county: row.records for row in everything}
		self.assertGreaterEqual(by_county[CHENGDONG], 1)
		# The prefecture supervisor reads every Xining county; the Chengzhong reviewer only Chengzhong.
		xining = {
			county: records
			for county, records in by_county.items()
			if frappe.db.get_value("Administrative Division", county, "parent_administrative_division")
			== XINING
		}
		self.assertEqual({row.county: row.records for row in prefecture}, xining)
		self.assertEqual(
			{row.county: row.records for row in other_county}, {CHENGZHONG: by_county[CHENGZHONG]}
		)
		self.assertGreaterEqual(by_county[CHENGZHONG], 1)

	def test_the_county_and_prefecture_sums_add_up_to_the_township_sums(self):
		rebuild(SERVICE)
		application = make_application(minor=1)
		self.act(REVIEWER, application.name, "Start Review")
		self.act(REVIEWER, application.name, "Approve")
		totals = {}
		for row in frappe.get_all(
			FIGURE,
			filters={"service": SERVICE},
			fields=[
				"level",
				"month",
				"figure",
				"category",
				"sum(records) as records",
				"sum(in_time) as in_time",
			],
			group_by="level, month, figure, category",
		):
			if row.records or row.in_time:
				totals.setdefault(row.level, set()).add(
					(str(row.month), row.figure, row.category, int(row.records), int(row.in_time))
				)
		self.assertEqual(set(totals), {"Township", "County", "Prefecture"})
		self.assertIn(
			(str(getdate().replace(day=1)), "received", "", *stored("received")[:1], 0), totals["Township"]
		)
		self.assertEqual(totals["County"], totals["Township"])
		self.assertEqual(totals["Prefecture"], totals["Township"])
		# A prefecture's sum is the sum of its townships'.
		by_prefecture = figure_sums(SERVICE, ["received"], getdate(), getdate(), group_by=["prefecture"])
		by_township = figure_sums(
			SERVICE, ["received"], getdate(), getdate(), group_by=["prefecture", "township"]
		)
		added = {}
		for row in by_township:
			added[row.prefecture] = added.get(row.prefecture, 0) + int(row.records)
		self.assertEqual({row.prefecture: int(row.records) for row in by_prefecture}, added)

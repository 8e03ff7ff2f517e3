"""The supervision indicators on a real site: values from stored figures, targets kept, scope, the report."""

import datetime as dt

import frappe
from frappe.utils import getdate

from qh_legal_service.figures import write
from qh_legal_service.indicators import INDICATOR, indicator_rows, sync_indicators
from qh_legal_service.quality_and_supervision.report.adviser_and_service_point_coverage import (
	adviser_and_service_point_coverage as coverage_report,
)
from qh_legal_service.quality_and_supervision.report.supervision_indicators import (
	supervision_indicators as report,
)
from qh_legal_service.rules.figures import RECEIVED, STEP, Measures
from qh_legal_service.tests.test_legal_aid_workflow import REVIEWER, SUPERVISOR, LegalAidCase
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	XINING,
	YUSHU_CITY,
	YUSHU_PREFECTURE,
	make_application,
	make_staff,
	make_worker,
)

SERVICE = "Legal Aid Application"
REVIEW = "Review and decide"
# Months no other record of a test site falls in.
JAN, FEB = dt.date(2001, 1, 1), dt.date(2001, 2, 1)
END_OF_FEB = dt.date(2001, 2, 28)
COUNTY_STAFF = "si-county@test.qh"
REVIEW_CODE = "LA-REVIEW-IN-TIME"
CODES = [REVIEW_CODE, "LA-RECEIVED"]


def township_of(county: str) -> str:
	return frappe.get_all(
		"Administrative Division",
		filters={"parent_administrative_division": county, "tier": "Township"},
		pluck="name",
		order_by="name asc",
		limit=1,
	)[0]


def area(township: str) -> tuple:
	"""(area, prefecture, county, township) of a township's figures."""
	county = frappe.db.get_value("Administrative Division", township, "parent_administrative_division")
	prefecture = frappe.db.get_value("Administrative Division", county, "parent_administrative_division")
	return (township, prefecture, county, township)


def by(rows, *keys) -> dict:
	return {tuple(row[key] for key in keys): row for row in rows}


class TestSupervisionIndicators(LegalAidCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(COUNTY_STAFF, CHENGZHONG, "County Justice Bureau")
		chengzhong, yushu = township_of(CHENGZHONG), township_of(YUSHU_CITY)
		# Review steps ended in January and February 2001: Chengdong 3 of 4 in time, then 1 of 5;
		# Chengzhong 2 of 2; Yushu 0 of 3. Seven applications received in Chengdong in January.
		write(
			SERVICE,
			{
				(area(DONGGUAN_STREET), JAN, STEP, REVIEW): Measures(4, 4, 3, 20.0),
				(area(DONGGUAN_STREET), FEB, STEP, REVIEW): Measures(5, 5, 1, 40.0),
				(area(chengzhong), JAN, STEP, REVIEW): Measures(2, 2, 2, 6.0),
				(area(yushu), JAN, STEP, REVIEW): Measures(3, 3, 0, 30.0),
				(area(DONGGUAN_STREET), JAN, RECEIVED, ""): Measures(7),
			},
		)
		sync_indicators()

	def rows(self, division, tier=None, by_month=False, codes=CODES):
		return indicator_rows(division, JAN, END_OF_FEB, group_by_tier=tier, by_month=by_month, codes=codes)

	def test_values_per_county_against_the_target(self):
		rows = by(self.rows(XINING, "County"), "indicator", "division")
		chengdong = rows[(REVIEW_CODE, CHENGDONG)]
		# (3 + 1) in time of (4 + 5) timed.
		self.assertEqual((chengdong["value"], chengdong["numerator"], chengdong["denominator"]), (44.4, 4, 9))
		self.assertEqual(
			(chengdong["target"], chengdong["target_direction"], chengdong["met"]), (100.0, ">=", False)
		)
		chengzhong = rows[(REVIEW_CODE, CHENGZHONG)]
		self.assertEqual((chengzhong["value"], chengzhong["met"]), (100.0, True))
		self.assertEqual(rows[("LA-RECEIVED", CHENGDONG)]["value"], 7)
		self.assertEqual(rows[("LA-RECEIVED", CHENGZHONG)]["value"], 0)
		# Every county of Xining has its row; one with nothing due has no value and no verdict.
		counties = set(
			frappe.get_all(
				"Administrative Division", filters={"parent_administrative_division": XINING}, pluck="name"
			)
		)
		self.assertEqual({division for code, division in rows if code == REVIEW_CODE}, counties)
		quiet = next(iter(counties - {CHENGDONG, CHENGZHONG}))
		self.assertEqual(
			(rows[(REVIEW_CODE, quiet)]["value"], rows[(REVIEW_CODE, quiet)]["met"]), (None, None)
		)

	def test_one_division_as_a_whole_and_by_month(self):
		whole = by(self.rows(XINING), "indicator")
		self.assertEqual(whole[(REVIEW_CODE,)]["value"], 54.5)  # (3 + 1 + 2) of (4 + 5 + 2)
		province = by(self.rows(None), "indicator")
		self.assertEqual(province[(REVIEW_CODE,)]["value"], 42.9)  # 6 of 14 with Yushu's 0 of 3
		monthly = by(self.rows(CHENGDONG, by_month=True), "indicator", "month")
		self.assertEqual(monthly[(REVIEW_CODE, JAN)]["value"], 75.0)
		self.assertEqual(monthly[(REVIEW_CODE, FEB)]["value"], 20.0)
		self.assertEqual(monthly[("LA-RECEIVED", FEB)]["value"], 0)

	def test_a_reader_sees_their_own_area_only(self):
		frappe.set_user(COUNTY_STAFF)
		try:
			county = by(self.rows(None, "County"), "indicator", "division")
			whole = by(self.rows(None), "indicator")
		finally:
			frappe.set_user("Administrator")
		self.assertEqual({division for _code, division in county}, {CHENGZHONG})
		self.assertEqual(county[(REVIEW_CODE, CHENGZHONG)]["value"], 100.0)
		self.assertEqual(whole[(REVIEW_CODE,)]["value"], 100.0)
		self.assertEqual(whole[("LA-RECEIVED",)]["value"], 0)
		frappe.set_user(SUPERVISOR)
		try:
			prefecture = by(self.rows(None, "Prefecture"), "indicator", "division")
		finally:
			frappe.set_user("Administrator")
		# Xining's supervisor: Xining only, without Yushu's late reviews.
		self.assertEqual({division for _code, division in prefecture}, {XINING})
		self.assertEqual(prefecture[(REVIEW_CODE, XINING)]["value"], 54.5)
		self.assertNotIn((REVIEW_CODE, YUSHU_PREFECTURE), prefecture)

	def test_the_province_sets_a_target_that_a_sync_keeps(self):
		indicator = frappe.get_doc(INDICATOR, REVIEW_CODE)
		self.assertEqual((indicator.source_target, indicator.source_target_direction), (100.0, ">="))
		indicator.target = 40
		indicator.save()
		self.assertEqual(indicator.target_changed, 1)
		sync_indicators()
		indicator.reload()
		self.assertEqual((indicator.target, indicator.target_changed), (40.0, 1))
		chengdong = by(self.rows(XINING, "County"), "indicator", "division")[(REVIEW_CODE, CHENGDONG)]
		self.assertEqual((chengdong["target"], chengdong["met"]), (40.0, True))
		# Back to the source's target: a later sync follows the shipped list again.
		indicator.target = 100
		indicator.save()
		self.assertEqual(indicator.target_changed, 0)
		# An indicator without a target has no verdict.
		received = by(self.rows(XINING, "County"), "indicator", "division")[("LA-RECEIVED", CHENGDONG)]
		self.assertEqual((received["target"], received["met"]), (None, None))

	def test_the_report_against_target_and_its_trend(self):
		filters = {
			"division": XINING,
			"group_by": "County",
			"from_date": "2001-01-15",
			"to_date": "2001-02-10",
		}
		columns, data, _message = report.execute({**filters, "view": report.AGAINST_TARGET})
		row = by(data, "indicator", "division")[(REVIEW_CODE, CHENGDONG)]
		self.assertEqual((row["value"], row["target"], row["met_flag"]), (44.4, ">= 100 %", False))
		self.assertEqual(row["drill_to"], "Township")
		self.assertIn("value", [column["fieldname"] for column in columns])
		columns, data, _message, chart = report.execute(
			{**filters, "view": report.MONTHLY_TREND, "indicator": REVIEW_CODE}
		)
		self.assertEqual(
			[column["fieldname"] for column in columns if column["fieldname"].startswith("m_")],
			["m_2001_01", "m_2001_02"],
		)
		trend = by(data, "indicator", "division")[(REVIEW_CODE, CHENGDONG)]
		self.assertEqual((trend["m_2001_01"], trend["m_2001_02"]), (75.0, 20.0))
		lines = {dataset["name"]: dataset["values"] for dataset in chart["data"]["datasets"]}
		chengdong_name = frappe.db.get_value("Administrative Division", CHENGDONG, "division_name")
		self.assertEqual(lines[chengdong_name], [75.0, 20.0])

	def test_a_review_ended_in_time_counts_this_month(self):
		today = getdate()
		month = today.replace(day=1)

		def review():
			rows = indicator_rows(CHENGDONG, month, today, codes=[REVIEW_CODE, "LA-RECEIVED"])
			return {row["indicator"]: (row["numerator"], row["denominator"]) for row in rows}

		before = review()
		application = make_application()
		self.act(REVIEWER, application.name, "Start Review")
		self.act(REVIEWER, application.name, "Approve")
		after = review()
		numerator, denominator = before[REVIEW_CODE]
		self.assertEqual(after[REVIEW_CODE], (numerator + 1, denominator + 1))
		self.assertEqual(after["LA-RECEIVED"][0], before["LA-RECEIVED"][0] + 1)

	def test_villages_with_an_adviser_per_township(self):
		def advisers():
			rows = indicator_rows(CHENGDONG, JAN, JAN, group_by_tier="Township", codes=["PLATFORM-ADVISERS"])
			return by(rows, "division")[(DONGGUAN_STREET,)]

		villages = frappe.get_all(
			"Administrative Division",
			filters={"parent_administrative_division": DONGGUAN_STREET, "tier": "Village"},
			pluck="name",
		)
		# The first village loses its advisers (the demo may have given it some); the others stay.
		village = sorted(villages)[0]
		serving = frappe.get_all(
			"Legal Service Worker Division", filters={"division": village}, pluck="parent"
		)
		for worker in serving:
			frappe.db.set_value("Legal Service Worker", worker, "active", 0)
		advised = coverage_report.villages_with_adviser()
		self.assertNotIn(village, advised)
		before = advisers()
		self.assertEqual(
			(before["numerator"], before["denominator"]),
			(len(set(villages) & advised), len(villages)),
		)
		make_worker(served_divisions=[{"division": village}])
		after = advisers()
		have = before["numerator"] + 1
		self.assertEqual((after["numerator"], after["denominator"]), (have, len(villages)))
		self.assertEqual(after["value"], round(100.0 * have / len(villages), 1))
		self.assertEqual((after["target"], after["met"]), (100.0, have == len(villages)))

	def test_a_number_card_reads_the_users_own_area_this_year(self):
		from qh_legal_service.indicators import legal_aid_reviewed_in_time

		today = getdate()
		frappe.set_user(SUPERVISOR)
		try:
			card = legal_aid_reviewed_in_time()
			rows = indicator_rows(XINING, today.replace(month=1, day=1), today, codes=[REVIEW_CODE])
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(card["value"], rows[0]["value"] or 0)
		self.assertEqual(
			(card["fieldtype"], card["route"]), ("Percent", ["query-report", "Supervision Indicators"])
		)
		self.assertEqual(card["route_options"]["division"], XINING)
		self.assertEqual(card["route_options"]["from_date"], str(today.replace(month=1, day=1)))

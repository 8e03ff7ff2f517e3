"""Equalisation Index and Special Groups on a real site: exact values from stored figures, and each
reader's area only (a prefecture sees its own counties, set against the province's medians)."""

import math

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.figures import write
from qh_legal_service.quality_and_supervision.dashboard_chart_source.least_served_counties import (
	least_served_counties,
)
from qh_legal_service.quality_and_supervision.doctype.division_population.division_population import (
	DivisionPopulationTierError,
)
from qh_legal_service.quality_and_supervision.equalisation import (
	POPULATION,
	equalisation_data,
	equalisation_rows,
	load_population_file,
)
from qh_legal_service.quality_and_supervision.report.equalisation_index import equalisation_index
from qh_legal_service.quality_and_supervision.report.special_groups import special_groups
from qh_legal_service.quality_and_supervision.special_groups import ALL_SERVICES, special_group_rows
from qh_legal_service.rules import equalisation as eq
from qh_legal_service.rules.figures import GROUP, GROUP_STEP, NO_GROUP, RECEIVED, STEP, Measures
from qh_legal_service.rules.special_groups import ELDERLY, MINORS, SPECIAL_GROUPS
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, XINING, YUSHU_PREFECTURE, make_staff

PROVINCE_USER = "eq-province@test.qh"
XINING_USER = "eq-xining@test.qh"
YUSHU_USER = "eq-yushu@test.qh"

LEGAL_AID = "Legal Aid Application"
CALLBACK = "Legal Aid Callback"
# A quarter far before any other test's records.
FROM, TO = "2001-01-01", "2001-03-31"
MONTH = frappe.utils.getdate("2001-02-01")
LATER = frappe.utils.getdate("2001-05-01")

CHENGDONG, CHENGZHONG, CHENGXI = "630102", "630103", "630104"
YUSHU_CITY, ZADOI = "632701", "632722"
TOWNSHIP = {
	CHENGDONG: ("630102001", XINING),
	CHENGZHONG: ("630103001", XINING),
	CHENGXI: ("630104001", XINING),
	YUSHU_CITY: ("632701001", YUSHU_PREFECTURE),
}


def area(county: str) -> tuple:
	township, prefecture = TOWNSHIP[county]
	return (township, prefecture, county, township)


def population(division, people, county_class, year=2001):
	return frappe.get_doc(
		{
			"doctype": POPULATION,
			"division": division,
			"year": year,
			"population": people,
			"county_class": county_class,
		}
	).insert(ignore_permissions=True)


class TestEqualisationReports(FrappeTestCase):
	"""The pure test's five counties as stored figures: rates 5, 2, 20, none, 0; timeliness 90, 50, 100, 50 %."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(PROVINCE_USER, "630000", "Province Supervisor")
		make_staff(XINING_USER, XINING, "Prefecture Supervisor")
		make_staff(YUSHU_USER, YUSHU_PREFECTURE, "Prefecture Supervisor")
		frappe.db.delete(POPULATION)
		frappe.db.delete("Service Figure", {"month": ["between", ["2001-01-01", "2001-12-31"]]})
		population(CHENGDONG, 100_000, eq.AGRICULTURAL)
		population(CHENGZHONG, 200_000, eq.AGRICULTURAL)
		population(YUSHU_CITY, 50_000, eq.URBAN)
		population(ZADOI, 40_000, eq.PASTORAL)
		# Chengxi (城西区) has no population: shown, not divided by zero.
		write(
			LEGAL_AID,
			{
				(area(CHENGDONG), MONTH, RECEIVED, ""): Measures(50),
				(area(CHENGDONG), MONTH, STEP, "Review"): Measures(10, 10, 9, 30.0),
				(area(CHENGZHONG), MONTH, RECEIVED, ""): Measures(40),
				(area(CHENGZHONG), MONTH, STEP, "Review"): Measures(12, 12, 6, 24.0),
				(area(CHENGZHONG), MONTH, STEP, "Assign"): Measures(8, 8, 4, 8.0),
				(area(YUSHU_CITY), MONTH, RECEIVED, ""): Measures(100),
				(area(YUSHU_CITY), MONTH, STEP, "Review"): Measures(10, 10, 10, 20.0),
				(area(CHENGXI), MONTH, RECEIVED, ""): Measures(7),
				(area(CHENGXI), MONTH, STEP, "Review"): Measures(2, 2, 1, 4.0),
				# After the period: not counted.
				(area(CHENGDONG), LATER, RECEIVED, ""): Measures(1000),
				# Special groups: Chengdong 3 minors and 47 of no group, Yushu 5 elderly.
				(area(CHENGDONG), MONTH, GROUP, MINORS): Measures(3),
				(area(CHENGDONG), MONTH, GROUP, NO_GROUP): Measures(47),
				(area(CHENGDONG), MONTH, GROUP_STEP, MINORS): Measures(4, 4, 3, 10.0),
				(area(YUSHU_CITY), MONTH, GROUP, ELDERLY): Measures(5),
				(area(YUSHU_CITY), MONTH, GROUP_STEP, ELDERLY): Measures(2, 2, 1, 7.0),
			},
		)
		# A callback is not a service received: its figures never count in the reach.
		write(CALLBACK, {(area(CHENGDONG), MONTH, "callback", ""): Measures(999)})

	def tearDown(self):
		frappe.set_user("Administrator")

	def rows_as(self, user, division=None):
		frappe.set_user(user)
		return {row["county"]: row for row in equalisation_rows(division, FROM, TO)}

	def test_province_sees_every_county_with_exact_values(self):
		rows = self.rows_as(PROVINCE_USER)
		self.assertEqual(len(rows), 45)
		chengdong = rows[CHENGDONG]
		self.assertEqual(
			(chengdong["population"], chengdong["services"], chengdong["per_10k"], chengdong["timeliness"]),
			(100_000, 50, 5.0, 90.0),
		)
		self.assertEqual(chengdong["index"], round(math.sqrt(5 / 3.5 * 90 / 70), 3))
		self.assertEqual(chengdong["index"], 1.355)
		self.assertEqual(rows[CHENGZHONG]["index"], 0.639)
		# Yushu city's reach, 20 per 10,000 = 5.7 times the median 3.5, is capped at twice it.
		self.assertEqual(rows[YUSHU_CITY]["reach_ratio"], 2.0)
		self.assertEqual(rows[YUSHU_CITY]["index"], 1.69)
		self.assertEqual(rows[ZADOI]["index"], 0.0)
		self.assertEqual(
			[(rows[c]["rank"]) for c in (YUSHU_CITY, CHENGDONG, CHENGZHONG, ZADOI)], [1, 2, 3, 4]
		)
		chengxi = rows[CHENGXI]
		self.assertEqual((chengxi["population"], chengxi["per_10k"], chengxi["index"]), (None, None, None))
		self.assertEqual(
			(chengxi["services"], chengxi["timeliness"], chengxi["note"]), (7, 50.0, eq.NO_POPULATION)
		)
		self.assertEqual(rows["632801"]["services"], 0)

	def test_a_prefecture_sees_its_counties_against_the_provinces_medians(self):
		rows = self.rows_as(XINING_USER)
		self.assertEqual(sorted(rows), ["630102", "630103", "630104", "630105", "630106", "630121", "630123"])
		# The same values as the province reads: Yushu's counties are not shown but still set the medians.
		self.assertEqual(rows[CHENGDONG]["index"], 1.355)
		self.assertEqual(rows[CHENGZHONG]["index"], 0.639)
		self.assertEqual((rows[CHENGDONG]["rank"], rows[CHENGZHONG]["rank"]), (1, 2))
		yushu = self.rows_as(YUSHU_USER)
		self.assertEqual(len(yushu), 6)
		self.assertNotIn(CHENGDONG, yushu)
		self.assertEqual(yushu[YUSHU_CITY]["index"], 1.69)

	def test_within_division_narrows_the_province(self):
		rows = self.rows_as(PROVINCE_USER, YUSHU_PREFECTURE)
		self.assertEqual(len(rows), 6)
		self.assertEqual(rows[YUSHU_CITY]["index"], 1.69)

	def test_class_summaries(self):
		frappe.set_user(PROVINCE_USER)
		summaries = {summary.county_class: summary for summary in equalisation_data(None, FROM, TO)[1]}
		agricultural = summaries[eq.AGRICULTURAL]
		self.assertEqual(
			(agricultural.counties, agricultural.population, agricultural.services), (2, 300_000, 90)
		)
		self.assertEqual(agricultural.rate_median, 3.5)
		self.assertEqual(summaries[eq.PASTORAL].rate_vs_reference, 0.0)
		self.assertAlmostEqual(summaries[eq.URBAN].rate_vs_reference, 20 / 3.5)

	def test_a_prefecture_without_agricultural_counties_is_set_beside_the_provinces(self):
		frappe.set_user(YUSHU_USER)
		summaries = {summary.county_class: summary for summary in equalisation_data(None, FROM, TO)[1]}
		self.assertEqual(sorted(summaries), [eq.PASTORAL, eq.URBAN])
		self.assertEqual(summaries[eq.PASTORAL].rate_vs_reference, 0.0)
		self.assertAlmostEqual(summaries[eq.URBAN].rate_vs_reference, 20 / 3.5)

	def test_report_least_served_first_chart_and_classes(self):
		frappe.set_user(PROVINCE_USER)
		filters = {"from_date": FROM, "to_date": TO, "least_served_first": 1}
		_columns, data, message, chart = equalisation_index.execute(filters)[:4]
		counties = [row for row in data if not row.get("bold")]
		self.assertEqual([row["county"] for row in counties[:4]], [ZADOI, CHENGZHONG, CHENGDONG, YUSHU_CITY])
		self.assertIsNone(counties[-1]["index"])
		self.assertIn("杂多县", chart["data"]["labels"][0])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0.0, 0.639, 1.355, 1.69])
		summaries = [row for row in data if row.get("bold")]
		self.assertEqual(len(summaries), 3)
		self.assertIn(
			frappe._(
				"{0} counties have no population in the Division Population table: shown without a rate or index."
			).format(41),
			message,
		)
		_columns, classes = equalisation_index.execute({**filters, "show": "Classes"})[:2]
		self.assertEqual([row["counties"] for row in classes], [1, 2, 1])
		self.assertEqual([row["rate_median"] for row in classes], [0.0, 3.5, 20.0])

	def test_least_served_chart_source(self):
		frappe.set_user(XINING_USER)
		# The chart reads the last 12 months, where this class wrote nothing: of Xining's counties only the
		# two with a population have an index; no other prefecture's county is shown.
		result = least_served_counties.get()
		self.assertEqual(sorted(result["labels"]), sorted(["城东区", "城中区"]))
		self.assertEqual(len(result["datasets"][0]["values"]), 2)

	def test_special_groups_per_group_and_service(self):
		frappe.set_user(PROVINCE_USER)
		rows = {(row["group"], row["service"]): row for row in special_group_rows(None, FROM, TO)}
		minors = rows[(MINORS, LEGAL_AID)]
		self.assertEqual(
			(minors["received"], minors["steps"], minors["timed"], minors["in_time"]), (3, 4, 4, 3)
		)
		self.assertEqual((minors["in_time_rate"], minors["average_days"]), (75.0, 2.5))
		self.assertEqual(rows[(MINORS, ALL_SERVICES)]["received"], 3)
		self.assertEqual(rows[(ELDERLY, ALL_SERVICES)]["in_time_rate"], 50.0)
		self.assertEqual(rows[(ELDERLY, ALL_SERVICES)]["average_days"], 3.5)
		self.assertEqual(rows[(NO_GROUP, LEGAL_AID)]["received"], 47)
		self.assertIsNone(rows[(NO_GROUP, LEGAL_AID)]["in_time_rate"])
		self.assertNotIn((MINORS, CALLBACK), rows)

	def test_special_groups_scoped_and_by_tier(self):
		frappe.set_user(XINING_USER)
		rows = special_group_rows(None, FROM, TO)
		self.assertEqual({row["group"] for row in rows if row["received"]}, {MINORS, NO_GROUP})
		# Every group has its all-services line, with zeros where nobody of it was served.
		totals = [row for row in rows if row["service"] == ALL_SERVICES]
		self.assertEqual([row["group"] for row in totals], [*SPECIAL_GROUPS, NO_GROUP])
		self.assertEqual([row["received"] for row in totals], [0, 3, 0, 0, 0, 0, 0, 47])
		self.assertIsNone(totals[0]["in_time_rate"])
		frappe.set_user(PROVINCE_USER)
		by_prefecture = special_group_rows(None, FROM, TO, LEGAL_AID, tier="Prefecture")
		self.assertEqual(
			[(row["area"], row["group"], row["received"]) for row in by_prefecture],
			[(XINING, MINORS, 3), (XINING, NO_GROUP, 47), (YUSHU_PREFECTURE, ELDERLY, 5)],
		)
		_columns, data = special_groups.execute(
			{"from_date": FROM, "to_date": TO, "group_by": "County", "division": YUSHU_PREFECTURE}
		)[:2]
		self.assertEqual(
			[(row["division"], row["received"]) for row in data], [(YUSHU_CITY, 5), (YUSHU_CITY, 5)]
		)

	def test_population_table(self):
		doc = frappe.get_doc(POPULATION, f"{CHENGDONG}-2001")
		self.assertEqual((doc.tier, doc.prefecture), ("County", XINING))
		with self.assertRaises(DivisionPopulationTierError):
			population(BEIGUAN_COMMUNITY, 3000, None)
		self.assertTrue(frappe.has_permission(POPULATION, "write", doc=doc, user=PROVINCE_USER))
		self.assertFalse(frappe.has_permission(POPULATION, "write", doc=doc, user=XINING_USER))
		self.assertTrue(frappe.has_permission(POPULATION, "read", doc=doc, user=XINING_USER))

	def test_population_file_loads_once(self):
		added = load_population_file()
		self.assertEqual(added, 53)
		self.assertEqual(frappe.db.get_value(POPULATION, "630102-2020", "population"), 489_372)
		self.assertEqual(
			frappe.db.get_value(POPULATION, "632626-2020", ["county_class", "is_estimate"]), ("Pastoral", 1)
		)
		self.assertEqual(load_population_file(), 0)
		frappe.db.delete(POPULATION, {"year": 2020})

	def test_every_reader_sees_every_population(self):
		# Population is public: a county user's area does not hide the other counties' rows.
		make_staff("eq-chengdong@test.qh", CHENGDONG, "County Justice Bureau")
		frappe.set_user("eq-chengdong@test.qh")
		self.assertEqual(len(frappe.get_list(POPULATION, filters={"year": 2001}, pluck="name")), 4)

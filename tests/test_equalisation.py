"""The equalisation index (rules/equalisation.py) and its population data file: pure, no site."""

import csv
import json
import math
from pathlib import Path

import pytest

from qh_legal_service.rules import equalisation as eq

APP = Path(__file__).resolve().parents[1] / "qh_legal_service"
POPULATION_FILE = APP / "data" / "qinghai_population_2020.csv"
DIVISIONS_FILE = APP / "data" / "qinghai_divisions.csv"
DOCTYPE = APP / "quality_and_supervision" / "doctype" / "division_population" / "division_population.json"
REPORTS = APP / "quality_and_supervision" / "report"


def county(name, population, services=0, timed=0, in_time=0, county_class=None):
	return eq.CountyInput(name, population, services, timed, in_time, county_class)


# Rates per 10,000: A 5, B 2, C 20, D none (no population), E 0 -> median of (0, 2, 5, 20) = 3.5.
# Timeliness: A 90 %, B 50 %, C 100 %, D 50 %, E none -> median of (50, 50, 90, 100) = 70 %.
COUNTIES = [
	county("A", 100_000, 50, 10, 9, eq.AGRICULTURAL),
	county("B", 200_000, 40, 20, 10, eq.AGRICULTURAL),
	county("C", 50_000, 100, 10, 10, eq.URBAN),
	county("D", None, 7, 2, 1, eq.PASTORAL),
	county("E", 40_000, 0, 0, 0, eq.PASTORAL),
]


def by_county(measures):
	return {m.county: m for m in measures}


def test_median():
	assert eq.median([3, 1, 2]) == 2.0
	assert eq.median([4, 1, 3, 2]) == 2.5
	assert eq.median([None, 5, None]) == 5.0
	assert eq.median([]) is None
	assert eq.median([None]) is None


def test_rate_and_timeliness():
	assert eq.rate(50, 250_000) == 2.0
	assert eq.rate(50, None) is None
	assert eq.rate(50, 0) is None
	assert eq.timeliness(3, 4) == 75.0
	assert eq.timeliness(0, 0) is None


def test_ratio_is_capped_and_needs_a_reference():
	assert eq.ratio(3.0, 2.0) == 1.5
	assert eq.ratio(10.0, 2.0) == eq.CAP == 2.0
	assert eq.ratio(10.0, 2.0, cap=math.inf) == 5.0
	assert eq.ratio(None, 2.0) is None
	assert eq.ratio(3.0, 0) is None
	assert eq.ratio(3.0, None) is None


def test_combine_is_the_geometric_mean():
	assert eq.combine(0.5, 2.0) == pytest.approx(1.0)
	assert eq.combine(0.25, 1.0) == pytest.approx(0.5)
	assert eq.combine(0.8, None) == 0.8
	assert eq.combine(None, 1.0) is None


def test_province_reference_is_the_median_county():
	reference = eq.province_reference(COUNTIES)
	assert reference == eq.Reference(rate=3.5, timeliness=70.0)


def test_province_reference_falls_back_on_the_pooled_rate_when_the_median_is_zero():
	counties = [county("A", 10_000, 0), county("B", 10_000, 0), county("C", 20_000, 8, 4, 0)]
	# Median rate 0 -> pooled 8 / 40,000 × 10,000 = 2.0; median timeliness 0 (only C had steps) -> pooled 0
	# -> no reference.
	assert eq.province_reference(counties) == eq.Reference(rate=2.0, timeliness=None)


def test_measure_values_ranks_and_notes():
	measures = eq.measure(COUNTIES)
	assert [m.county for m in measures] == ["C", "A", "B", "E", "D"]
	m = by_county(measures)
	assert m["A"].rate == 5.0 and m["A"].timeliness == 90.0
	assert m["A"].reach_ratio == pytest.approx(5 / 3.5)
	assert m["A"].timeliness_ratio == pytest.approx(90 / 70)
	assert m["A"].index == pytest.approx(math.sqrt(5 / 3.5 * 90 / 70))
	assert m["A"].index == pytest.approx(1.355262, abs=1e-6)
	assert m["B"].index == pytest.approx(math.sqrt(2 / 3.5 * 50 / 70))
	assert m["B"].index == pytest.approx(0.638877, abs=1e-6)
	# C's reach, 20 / 3.5 = 5.7 times the median, is capped at 2.
	assert m["C"].reach_ratio == 2.0
	assert m["C"].index == pytest.approx(math.sqrt(2.0 * 100 / 70))
	assert (m["C"].rank, m["A"].rank, m["B"].rank, m["E"].rank) == (1, 2, 3, 4)
	# No service at all: index 0, the least served.
	assert (m["E"].reach_ratio, m["E"].index, m["E"].note) == (0.0, 0.0, None)
	# No population: shown, no rate, no index, not ranked, never divided by zero.
	assert (m["D"].rate, m["D"].reach_ratio, m["D"].index, m["D"].rank) == (None, None, None, None)
	assert m["D"].note == eq.NO_POPULATION
	assert m["D"].timeliness == 50.0


def test_a_county_without_timed_steps_is_indexed_by_reach_alone():
	measures = by_county(eq.measure([*COUNTIES, county("F", 10_000, 7)]))
	# Rates 0, 2, 5, 7, 20 -> median 5; F: 7 / 5 = 1.4, no timeliness.
	assert measures["F"].index == pytest.approx(1.4)
	assert measures["F"].note == eq.NO_TIMED_STEPS


def test_counties_are_measured_against_the_province_not_themselves():
	# A prefecture's two counties against the province's medians (3.5 and 70 %).
	measures = by_county(eq.measure([COUNTIES[1], COUNTIES[4]], province=COUNTIES))
	assert measures["B"].reach_ratio == pytest.approx(2 / 3.5)
	assert measures["B"].rank == 1 and measures["E"].rank == 2


def test_ties_share_a_rank():
	measures = eq.measure([county("A", 10_000, 5), county("B", 10_000, 5), county("C", 10_000, 1)])
	assert [(m.county, m.rank) for m in measures] == [("A", 1), ("B", 1), ("C", 3)]


def test_least_served_lowest_first_without_the_unindexed():
	least = eq.least_served(eq.measure(COUNTIES), count=3)
	assert [m.county for m in least] == ["E", "B", "A"]


def test_class_summaries_set_each_class_beside_the_agricultural_counties():
	summaries = {s.county_class: s for s in eq.class_summaries(eq.measure(COUNTIES))}
	assert list(summaries) == [eq.PASTORAL, eq.AGRICULTURAL, eq.URBAN]
	agricultural = summaries[eq.AGRICULTURAL]
	assert (agricultural.counties, agricultural.population, agricultural.services) == (2, 300_000, 90)
	assert agricultural.pooled_rate == 3.0
	assert (agricultural.rate_median, agricultural.rate_min, agricultural.rate_max) == (3.5, 2.0, 5.0)
	assert agricultural.timeliness_median == 70.0
	index_a, index_b = math.sqrt(5 / 3.5 * 90 / 70), math.sqrt(2 / 3.5 * 50 / 70)
	assert agricultural.index_median == pytest.approx((index_a + index_b) / 2)
	assert agricultural.rate_vs_reference == 1.0
	pastoral = summaries[eq.PASTORAL]
	# D has no population: counted as a county of the class, not in its population or rates.
	assert (pastoral.counties, pastoral.population, pastoral.services) == (2, 40_000, 7)
	assert (pastoral.pooled_rate, pastoral.rate_median, pastoral.index_median) == (0.0, 0.0, 0.0)
	assert pastoral.rate_vs_reference == 0.0
	urban = summaries[eq.URBAN]
	assert urban.rate_vs_reference == pytest.approx(20 / 3.5)
	assert urban.index_vs_reference == pytest.approx(math.sqrt(2.0 * 100 / 70) / ((index_a + index_b) / 2))


def test_population_for_takes_the_latest_year_up_to_the_period():
	rows = {2020: 100, 2023: 120}
	assert eq.population_for(rows, 2022) == (2020, 100)
	assert eq.population_for(rows, 2024) == (2023, 120)
	assert eq.population_for(rows, 2019) == (2020, 100)
	assert eq.population_for({}, 2024) is None


def read_csv(path):
	with open(path, encoding="utf-8", newline="") as f:
		return list(csv.DictReader(f))


def test_population_file_covers_the_45_counties_and_adds_up_to_the_census():
	rows = read_csv(POPULATION_FILE)
	divisions = {row["division_code"]: row for row in read_csv(DIVISIONS_FILE)}
	counties = [row for row in rows if row["tier"] == "County"]
	prefectures = {
		row["division_code"]: int(row["population"]) for row in rows if row["tier"] == "Prefecture"
	}
	assert len(counties) == 45
	assert {row["division_code"] for row in counties} == {
		code for code, row in divisions.items() if row["tier"] == "County"
	}
	for row in rows:
		assert divisions[row["division_code"]]["division_name"] == row["division_name"]
		assert divisions[row["division_code"]]["tier"] == row["tier"]
		assert row["year"] == "2020"
		assert row["population_basis"] in ("census", "estimate")
	# The seventh census: Qinghai 5,923,957 residents; each prefecture's counties add up to its total.
	assert sum(prefectures.values()) == 5_923_957
	for code, total in prefectures.items():
		assert (
			sum(
				int(r["population"]) for r in counties if divisions[r["division_code"]]["parent_code"] == code
			)
			== total
		)
	assert {row["county_class"] for row in counties} <= set(eq.COUNTY_CLASSES)
	census = {
		row["division_code"]: int(row["population"])
		for row in counties
		if row["population_basis"] == "census"
	}
	assert census["630102"] == 489_372  # 城东区
	assert census["632722"] == 68_759  # 杂多县
	# Golog's six counties are pastoral; Xining's four central districts urban; Haidong's agricultural.
	classes = {row["division_code"]: row["county_class"] for row in counties}
	assert {classes[code] for code in classes if code.startswith("6326")} == {eq.PASTORAL}
	assert {classes[code] for code in ("630102", "630103", "630104", "630105")} == {eq.URBAN}
	assert {classes[code] for code in classes if code.startswith("6302")} == {eq.AGRICULTURAL}


def test_the_doctype_offers_the_rules_classes():
	doctype = json.loads(DOCTYPE.read_text(encoding="utf-8"))
	field = next(f for f in doctype["fields"] if f["fieldname"] == "county_class")
	assert field["options"].split("\n") == ["", *eq.COUNTY_CLASSES]


@pytest.mark.parametrize("report", ["equalisation_index", "special_groups"])
def test_reports_answer_directly(report):
	definition = json.loads((REPORTS / report / f"{report}.json").read_text(encoding="utf-8"))
	assert definition["disable_prepared_report"] == 1
	assert definition["prepared_report"] == 0
	assert definition["report_type"] == "Script Report"


def test_the_services_counted_are_declared_figure_sources_with_a_receipt():
	from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
	from qh_legal_service.rules.figures import RECEIVED

	assert set(eq.SERVICES) <= set(FIGURE_SOURCES)
	assert all(FIGURE_SOURCES[doctype].received.figure == RECEIVED for doctype in eq.SERVICES)
	# Evaluations and orders are about these services' records: counting them would count twice.
	assert not {"Satisfaction Evaluation", "Service Order", "Legal Aid Callback"} & set(eq.SERVICES)


def test_class_summaries_against_the_provinces_agricultural_counties():
	province = eq.measure(COUNTIES)
	# The pastoral counties alone (a prefecture's view), beside the province's agricultural median 3.5.
	pastoral = [m for m in province if m.county_class == eq.PASTORAL]
	summaries = eq.class_summaries(pastoral, province)
	assert [s.county_class for s in summaries] == [eq.PASTORAL]
	assert summaries[0].rate_vs_reference == 0.0
	urban = [m for m in province if m.county_class == eq.URBAN]
	assert eq.class_summaries(urban, province)[0].rate_vs_reference == pytest.approx(20 / 3.5)
	# Without the province, there is nothing to set them beside.
	assert eq.class_summaries(urban)[0].rate_vs_reference is None

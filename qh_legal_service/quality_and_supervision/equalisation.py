"""The equalisation index on the site: each county's figures and population, measured by `rules.equalisation`.

Reads only the supervision figures (`figures.figure_sums`, one grouped read per counted service) and the
`Division Population` table, so its cost grows with counties, not records. The rows are the counties of
the reader's area; the medians they are set against are the province's, read once for all 45 counties
(only the two medians leave the reader's area).
"""

import datetime as dt

import frappe
from frappe import _
from frappe.utils import getdate

from qh_legal_service.figures import FIGURE, MEASURES, figure_sums
from qh_legal_service.rules import equalisation as eq
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import COUNTY_LEVEL, RECEIVED, STEP
from qh_legal_service.rules.scope import scope_filters
from qh_legal_service.scoping import DIVISION, get_permitted_nodes, is_unscoped

POPULATION = "Division Population"


def counted_services() -> list[str]:
	"""The services counted as services received (`rules.equalisation.SERVICES`) that declare figures."""
	return [
		doctype
		for doctype in eq.SERVICES
		if doctype in FIGURE_SOURCES and FIGURE_SOURCES[doctype].received.figure == RECEIVED
	]


def month_span(from_month, to_month) -> tuple[dt.date, dt.date]:
	"""The first day of `from_month`'s month and of `to_month`'s: the whole months counted."""
	start, end = getdate(from_month), getdate(to_month)
	return start.replace(day=1), end.replace(day=1)


def county_figures(from_month, to_month, division: str | None = None, scoped: bool = True) -> dict:
	"""{county: {"services", "timed", "in_time"}} over every counted service.

	`scoped` reads through `figure_sums` (the reader's area); otherwise the whole province's sums, for
	the medians only.
	"""
	start, end = month_span(from_month, to_month)
	totals: dict[str, dict[str, int]] = {}
	for service in counted_services():
		if scoped:
			rows = figure_sums(service, [RECEIVED, STEP], start, end, ["county", "figure"], division)
		else:
			rows = frappe.get_all(
				FIGURE,
				filters=[
					["service", "=", service],
					["level", "=", COUNTY_LEVEL],
					["figure", "in", [RECEIVED, STEP]],
					["month", ">=", start],
					["month", "<=", end],
				],
				fields=["county", "figure", *(f"sum({measure}) as {measure}" for measure in MEASURES)],
				group_by="county, figure",
				order_by="county, figure",
			)
		for row in rows:
			if not row.county:
				continue
			county = totals.setdefault(row.county, {"services": 0, "timed": 0, "in_time": 0})
			if row.figure == RECEIVED:
				county["services"] += int(row.records or 0)
			else:
				county["timed"] += int(row.timed or 0)
				county["in_time"] += int(row.in_time or 0)
	return totals


def populations(year: int) -> dict[str, dict]:
	"""{county: {"year", "population", "county_class", "is_estimate"}}: each county's latest year up to `year`.

	The class is the county's latest one, whatever its year. Population is public: read for all counties.
	"""
	by_county: dict[str, dict] = {}
	rows = frappe.get_all(
		POPULATION,
		filters={"tier": "County"},
		fields=["division", "year", "population", "county_class", "is_estimate"],
		order_by="year asc",
	)
	for row in rows:
		by_county.setdefault(row.division, {})[int(row.year)] = row
	result = {}
	for county, by_year in by_county.items():
		chosen = eq.population_for({y: r.population for y, r in by_year.items()}, year)
		county_class = next(
			(r.county_class for _y, r in sorted(by_year.items(), reverse=True) if r.county_class), None
		)
		result[county] = {
			"year": chosen[0],
			"population": chosen[1],
			"county_class": county_class,
			"is_estimate": by_year[chosen[0]].is_estimate,
		}
	return result


def counties_in_area(division: str | None = None) -> list[dict]:
	"""The counties the reader may see (within `division`'s subtree when given), with their prefecture."""
	filters = [["tier", "=", "County"]]
	if division:
		bounds = frappe.db.get_value(DIVISION, division, ["lft", "rgt"])
		if not bounds:
			return []
		filters += [["lft", ">=", bounds[0]], ["rgt", "<=", bounds[1]]]
	return frappe.get_list(
		DIVISION,
		filters=filters,
		fields=["name", "division_name", "parent_administrative_division as prefecture"],
		order_by="name asc",
		limit_page_length=0,
	)


def inputs(counties, figures: dict, population: dict) -> list[eq.CountyInput]:
	"""The pure measure's input for each county: its figures and its population and class."""
	result = []
	for county in counties:
		values = figures.get(county, {})
		people = population.get(county, {})
		result.append(
			eq.CountyInput(
				county=county,
				population=people.get("population"),
				services=values.get("services", 0),
				timed=values.get("timed", 0),
				in_time=values.get("in_time", 0),
				county_class=people.get("county_class"),
			)
		)
	return result


def province_counties() -> list[str]:
	return frappe.get_all(DIVISION, filters={"tier": "County"}, pluck="name", order_by="name asc")


def reads_whole_province(division: str | None) -> bool:
	"""Whether the reader's rows are the whole province (so the medians need no second read)."""
	if division and frappe.db.get_value(DIVISION, division, "tier") != "Province":
		return False
	user = frappe.session.user
	return is_unscoped(user) or scope_filters(get_permitted_nodes(user, FIGURE)) is None


def equalisation_measures(division: str | None, from_month, to_month) -> tuple[list[eq.CountyMeasure], dict]:
	"""The measured counties of the reader's area (ranked, best first) and what the rows need besides."""
	start, end = month_span(from_month, to_month)
	population = populations(end.year)
	area = counties_in_area(division)
	figures = county_figures(start, end, division)
	if reads_whole_province(division):
		province = inputs([row.name for row in area], figures, population)
	else:
		province = inputs(province_counties(), county_figures(start, end, scoped=False), population)
	measures = eq.measure(inputs([row.name for row in area], figures, population), province)
	return measures, {
		"counties": {row.name: row for row in area},
		"population": population,
		# The province's counties measured, for the class summaries' agricultural reference.
		"province": measures if len(province) == len(measures) else eq.measure(province),
	}


def equalisation_rows(division: str | None, from_month, to_month) -> list[dict]:
	"""One row per county of the reader's area (within `division`), ranked, best first; for reports and the bulletin.

	Keys: county, county_name, prefecture, prefecture_name, county_class, population, population_year,
	population_estimate, services, per_10k, timed, in_time, timeliness (%), reach_ratio,
	timeliness_ratio, index, rank, note (`rules.equalisation.NO_POPULATION` / `NO_TIMED_STEPS` or None).
	"""
	return equalisation_data(division, from_month, to_month)[0]


def equalisation_data(division: str | None, from_month, to_month) -> tuple[list[dict], list[eq.ClassSummary]]:
	"""`equalisation_rows` and the class summaries of those counties, each class beside the province's
	agricultural counties (a prefecture without any of its own is still compared)."""
	measures, context = equalisation_measures(division, from_month, to_month)
	counties, population = context["counties"], context["population"]
	prefectures = dict(
		frappe.get_all(
			DIVISION,
			filters={"name": ["in", list({row.prefecture for row in counties.values() if row.prefecture})]},
			fields=["name", "division_name"],
			as_list=True,
		)
	)
	rows = []
	for item in measures:
		county = counties[item.county]
		people = population.get(item.county, {})
		rows.append(
			{
				"county": item.county,
				"county_name": county.division_name,
				"prefecture": county.prefecture,
				"prefecture_name": prefectures.get(county.prefecture),
				"county_class": item.county_class,
				"population": item.population,
				"population_year": people.get("year"),
				"population_estimate": bool(people.get("is_estimate")),
				"services": item.services,
				"per_10k": rounded(item.rate, 2),
				"timed": item.timed,
				"in_time": item.in_time,
				"timeliness": rounded(item.timeliness, 1),
				"reach_ratio": rounded(item.reach_ratio, 3),
				"timeliness_ratio": rounded(item.timeliness_ratio, 3),
				"index": rounded(item.index, 3),
				"rank": item.rank,
				"note": item.note,
			}
		)
	return rows, eq.class_summaries(measures, context["province"])


def class_label(county_class: str | None) -> str:
	"""A county class's name, translated."""
	labels = {
		eq.PASTORAL: _("Pastoral"),
		eq.SEMI_PASTORAL: _("Semi-pastoral"),
		eq.AGRICULTURAL: _("Agricultural"),
		eq.URBAN: _("Urban"),
	}
	return labels.get(county_class or "", county_class or "")


def least_served_first(rows: list[dict]) -> list[dict]:
	"""Rows from `equalisation_rows`, lowest index first; counties without an index (no population) last."""
	return sorted(rows, key=lambda row: (row["index"] is None, row["index"] or 0, row["county"]))


def rounded(value: float | None, digits: int) -> float | None:
	return None if value is None else round(value, digits)


POPULATION_FILE = "qinghai_population_2020.csv"
CENSUS_SOURCE = "第七次全国人口普查 (2020)"
CENSUS_NOTE = "普查常住人口：青海统计年鉴2022表3-8或州、县普查公报。县域分类为工作分类，待省司法厅核定。"
ESTIMATE_NOTE = (
	"估算值：州普查总数减去已知县数后按近似比例分配，待以县普查公报数据替换。"
	"县域分类为工作分类，待省司法厅核定。"
)


def load_population_file() -> int:
	"""Add the 2020 census populations of data/qinghai_population_2020.csv (demo data); the rows added.

	Rows the table already has for a division and year are left as the province keeps them.
	"""
	import csv
	from pathlib import Path

	path = Path(frappe.get_app_path("qh_legal_service", "data", POPULATION_FILE))
	added = 0
	with open(path, encoding="utf-8", newline="") as f:
		for row in csv.DictReader(f):
			if frappe.db.exists(POPULATION, f"{row['division_code']}-{row['year']}"):
				continue
			if not frappe.db.exists(DIVISION, row["division_code"]):
				continue
			estimate = row["population_basis"] == "estimate"
			frappe.get_doc(
				{
					"doctype": POPULATION,
					"division": row["division_code"],
					"year": int(row["year"]),
					"population": int(row["population"]),
					"county_class": row["county_class"] or None,
					"is_estimate": int(estimate),
					"source": CENSUS_SOURCE,
					"note": ESTIMATE_NOTE if estimate else CENSUS_NOTE,
				}
			).insert(ignore_permissions=True)
			added += 1
	return added

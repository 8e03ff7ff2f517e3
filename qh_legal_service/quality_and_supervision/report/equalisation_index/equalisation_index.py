# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Equalisation Index (均等化): each county's services per 10,000 residents and step timeliness, against the
province's median county, combined into one index; pastoral counties beside agricultural ones.

The measure is `rules.equalisation`'s (its docstring says why it is built so); this report reads only the
supervision figures and the Division Population table, through `quality_and_supervision.equalisation`.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, get_last_day, nowdate

from qh_legal_service.figure_reports import default_period
from qh_legal_service.quality_and_supervision.equalisation import (
	class_label,
	counted_services,
	equalisation_data,
	least_served_first,
	month_span,
)
from qh_legal_service.quality_and_supervision.special_groups import service_label
from qh_legal_service.rules import equalisation as eq

COUNTIES = "Counties"
CLASSES = "Classes"
LEAST_SERVED = 10


def period(filters) -> tuple:
	"""The whole months the filters' dates fall in (`figure_reports.default_period` by default)."""
	return month_span(filters.get("from_date") or default_period()[0], filters.get("to_date") or nowdate())


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end = period(filters)
	rows, summaries = equalisation_data(filters.get("division"), start, end)
	if filters.get("county_class"):
		rows = [row for row in rows if row["county_class"] == filters.county_class]
		summaries = [summary for summary in summaries if summary.county_class == filters.county_class]
	message = explanation(start, end, rows, summaries)
	if filters.get("show") == CLASSES:
		return class_columns(), [class_row(summary) for summary in summaries], message, None
	if filters.get("least_served_first"):
		rows = least_served_first(rows)
	data = [county_row(row) for row in rows]
	data += [summary_row(summary) for summary in summaries]
	return county_columns(), data, message, chart(rows)


def note_text(row: dict) -> str:
	notes = []
	if row["note"] == eq.NO_POPULATION:
		notes.append(_("No population entered: no rate, no index"))
	elif row["note"] == eq.NO_TIMED_STEPS:
		notes.append(_("No step with a deadline ended: index from reach alone"))
	if row["population_estimate"]:
		notes.append(_("Population estimated"))
	return "; ".join(notes)


def county_row(row: dict) -> dict:
	return {
		"rank": row["rank"],
		"county": row["county"],
		"county_name": row["county_name"],
		"prefecture_name": row["prefecture_name"],
		"county_class": class_label(row["county_class"]),
		"population": row["population"],
		"population_year": row["population_year"],
		"services": row["services"],
		"per_10k": row["per_10k"],
		"timeliness": row["timeliness"],
		"index": row["index"],
		"note": note_text(row),
	}


def summary_row(summary: eq.ClassSummary) -> dict:
	"""A class's line under the counties: its medians, bold."""
	return {
		"county_name": _("{0} counties: median of {1}").format(
			class_label(summary.county_class), summary.counties
		),
		"county_class": class_label(summary.county_class),
		"population": summary.population,
		"services": summary.services,
		"per_10k": rounded(summary.rate_median, 2),
		"timeliness": rounded(summary.timeliness_median, 1),
		"index": rounded(summary.index_median, 3),
		"bold": 1,
	}


def class_row(summary: eq.ClassSummary) -> dict:
	return {
		"county_class": class_label(summary.county_class),
		"counties": summary.counties,
		"population": summary.population,
		"services": summary.services,
		"pooled_rate": rounded(summary.pooled_rate, 2),
		"rate_median": rounded(summary.rate_median, 2),
		"rate_min": rounded(summary.rate_min, 2),
		"rate_max": rounded(summary.rate_max, 2),
		"timeliness_median": rounded(summary.timeliness_median, 1),
		"index_median": rounded(summary.index_median, 3),
		"index_min": rounded(summary.index_min, 3),
		"index_max": rounded(summary.index_max, 3),
		"rate_vs_reference": rounded(summary.rate_vs_reference, 2),
		"index_vs_reference": rounded(summary.index_vs_reference, 2),
	}


def explanation(start, end, rows: list[dict], summaries: list[eq.ClassSummary]) -> str:
	lines = [
		_(
			"Reach: services received per 10,000 residents (the records of {0}, by the month they were "
			"received). Timeliness: the share of steps with a deadline that ended in time (by the month "
			"they ended)."
		).format(", ".join(service_label(service) for service in counted_services())),
		_(
			"Each is divided by the province's median county, capped at {0} times the median, and the index "
			"is the geometric mean of the two: 1 is the typical county, 0 a county with no service. The "
			"median is not pulled up by the provincial capital, the geometric mean lets a surplus in one "
			"make up only partly for a shortfall in the other, and the cap keeps a few very high counties "
			"from hiding slow service. Rank 1 is the best served."
		).format(eq.CAP),
		_("Whole months from {0} to {1}; the population is each county's latest year up to {2}.").format(
			format_date(start), format_date(get_last_day(end)), end.year
		),
	]
	missing = sum(1 for row in rows if row["note"] == eq.NO_POPULATION)
	if missing:
		lines.append(
			_(
				"{0} counties have no population in the Division Population table: shown without a rate or index."
			).format(missing)
		)
	for summary in summaries:
		if summary.county_class != eq.REFERENCE_CLASS and summary.rate_vs_reference is not None:
			lines.append(
				_(
					"{0} counties: median reach {1} times the agricultural counties', median index {2} times."
				).format(
					class_label(summary.county_class),
					rounded(summary.rate_vs_reference, 2),
					rounded(summary.index_vs_reference, 2) if summary.index_vs_reference is not None else "-",
				)
			)
	return "<br>".join(escape_html(line) for line in lines)


def chart(rows: list[dict]) -> dict | None:
	"""The least served counties, lowest index first."""
	least = least_served_first([row for row in rows if row["index"] is not None])[:LEAST_SERVED]
	if not least:
		return None
	return {
		"data": {
			"labels": [row["county_name"] for row in least],
			"datasets": [{"name": _("Equalisation Index"), "values": [row["index"] for row in least]}],
		},
		"type": "bar",
		"title": _("The {0} Least Served Counties").format(len(least)),
	}


def county_columns() -> list[dict]:
	return [
		{"fieldname": "rank", "label": _("Rank"), "fieldtype": "Int", "width": 70},
		{
			"fieldname": "county",
			"label": _("County"),
			"fieldtype": "Link",
			"options": "Administrative Division",
			"width": 90,
		},
		{"fieldname": "county_name", "label": _("County Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "prefecture_name", "label": _("Prefecture"), "fieldtype": "Data", "width": 150},
		{"fieldname": "county_class", "label": _("County Class"), "fieldtype": "Data", "width": 110},
		{"fieldname": "population", "label": _("Resident Population"), "fieldtype": "Int", "width": 120},
		{"fieldname": "population_year", "label": _("Population Year"), "fieldtype": "Data", "width": 90},
		{"fieldname": "services", "label": _("Services Received"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "per_10k",
			"label": _("Per 10,000 Residents"),
			"fieldtype": "Float",
			"precision": 2,
			"width": 120,
		},
		{"fieldname": "timeliness", "label": _("Steps in Time"), "fieldtype": "Percent", "width": 110},
		{
			"fieldname": "index",
			"label": _("Equalisation Index"),
			"fieldtype": "Float",
			"precision": 3,
			"width": 120,
		},
		{"fieldname": "note", "label": _("Note"), "fieldtype": "Data", "width": 260},
	]


def class_columns() -> list[dict]:
	def number(fieldname, label, precision=2, width=120):
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": "Float",
			"precision": precision,
			"width": width,
		}

	return [
		{"fieldname": "county_class", "label": _("County Class"), "fieldtype": "Data", "width": 120},
		{"fieldname": "counties", "label": _("Counties"), "fieldtype": "Int", "width": 80},
		{"fieldname": "population", "label": _("Resident Population"), "fieldtype": "Int", "width": 120},
		{"fieldname": "services", "label": _("Services Received"), "fieldtype": "Int", "width": 110},
		number("pooled_rate", _("Per 10,000 Residents (All Counties of the Class)"), width=160),
		number("rate_median", _("Per 10,000: Median")),
		number("rate_min", _("Per 10,000: Least")),
		number("rate_max", _("Per 10,000: Most")),
		{
			"fieldname": "timeliness_median",
			"label": _("Steps in Time: Median"),
			"fieldtype": "Percent",
			"width": 130,
		},
		number("index_median", _("Index: Median"), 3),
		number("index_min", _("Index: Least"), 3),
		number("index_max", _("Index: Most"), 3),
		number("rate_vs_reference", _("Median Reach over the Agricultural Counties'"), width=170),
		number("index_vs_reference", _("Median Index over the Agricultural Counties'"), width=170),
	]


def rounded(value, digits: int):
	return None if value is None else round(value, digits)

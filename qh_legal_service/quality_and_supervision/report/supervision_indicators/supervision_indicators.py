# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The seed's indicators against their targets per division, or their trend by month (issue 10).

Reads `qh_legal_service.indicators.indicator_rows`: the services' stored figures (one GROUP BY per
service, in the reader's area) and the service network's coverage now.
"""

import frappe
from frappe import _
from frappe.utils import format_date

from qh_legal_service.figure_reports import months_note, months_of
from qh_legal_service.indicators import GROUP_TIERS, indicator_rows
from qh_legal_service.rules.indicators import PERCENT
from qh_legal_service.rules.scope import TIERS
from qh_legal_service.scoping import DIVISION

AGAINST_TARGET = "Against Target"
MONTHLY_TREND = "Monthly Trend"
DEFAULT_CHART_INDICATOR = "LA-REVIEW-IN-TIME"


def execute(filters: dict | None = None):
	"""Columns, rows, a message and (for the trend) a chart of one indicator."""
	filters = frappe._dict(filters or {})
	first, last = months_of(filters)
	tier = filters.get("group_by") if filters.get("group_by") in GROUP_TIERS else None
	division = filters.get("division") or None
	message = " ".join(
		[
			months_note(filters),
			_("Coverage of the service network is the state now."),
			_("Click a division to see it one tier lower."),
		]
	)
	if filters.get("view") == MONTHLY_TREND:
		rows = indicator_rows(division, first, last, group_by_tier=tier, by_month=True)
		return trend_columns(rows), trend_rows(rows), message, trend_chart(rows, filters)
	rows = indicator_rows(division, first, last, group_by_tier=tier)
	return target_columns(), [target_row(row, filters) for row in rows], message


def next_tier(tier: str | None) -> str | None:
	"""The tier one below, where a click on a division of `tier` drills down to (None below townships)."""
	if not tier or tier not in TIERS:
		return None
	lower = TIERS[TIERS.index(tier) + 1] if TIERS.index(tier) + 1 < len(TIERS) else None
	return lower if lower in GROUP_TIERS else None


def target_label(row) -> str | None:
	if row["target"] is None:
		return None
	unit = " %" if row["unit"] == PERCENT else ""
	return f"{row['target_direction']} {format_number(row['target'])}{unit}"


def format_number(value) -> str:
	return f"{value:g}" if isinstance(value, float) else str(value)


def met_label(met: bool | None, value) -> str:
	if value is None:
		return _("No Data")
	if met is None:
		return _("No Target")
	return _("Met") if met else _("Not Met")


def common_cells(row) -> dict:
	name, area = row["indicator_name"], row["area"]
	return {
		"indicator": row["indicator"],
		"indicator_name": _(name),
		"area": _(area),
		"division": row["division"],
		"division_name": row["division_name"],
		"drill_to": next_tier(row["tier"]),
		"unit": row["unit"],
	}


def target_row(row, filters) -> dict:
	return {
		**common_cells(row),
		"value": row["value"],
		"target": target_label(row),
		"met": met_label(row["met"], row["value"]),
		"met_flag": row["met"],
		"numerator": row["numerator"],
		"denominator": row["denominator"],
	}


def base_columns() -> list[dict]:
	return [
		{
			"fieldname": "indicator",
			"label": _("Code"),
			"fieldtype": "Link",
			"options": "Supervision Indicator",
			"width": 150,
		},
		{"fieldname": "indicator_name", "label": _("Indicator"), "fieldtype": "Data", "width": 300},
		{"fieldname": "area", "label": _("Area"), "fieldtype": "Data", "width": 110},
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 110,
		},
		{"fieldname": "division_name", "label": _("Division Name"), "fieldtype": "Data", "width": 160},
	]


def target_columns() -> list[dict]:
	return [
		*base_columns(),
		{"fieldname": "value", "label": _("Value"), "fieldtype": "Float", "precision": 1, "width": 100},
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Data", "width": 100},
		{"fieldname": "met", "label": _("Against Target"), "fieldtype": "Data", "width": 120},
		{"fieldname": "numerator", "label": _("Counted"), "fieldtype": "Float", "precision": 0, "width": 100},
		{
			"fieldname": "denominator",
			"label": _("Out Of"),
			"fieldtype": "Float",
			"precision": 0,
			"width": 100,
		},
	]


def month_key(month) -> str:
	return f"m_{month:%Y_%m}"


def trend_columns(rows) -> list[dict]:
	months = sorted({row["month"] for row in rows if row["month"]})
	return [
		*base_columns(),
		{"fieldname": "target", "label": _("Target"), "fieldtype": "Data", "width": 100},
		*(
			{
				"fieldname": month_key(month),
				"label": format_date(month, "yyyy-MM"),
				"fieldtype": "Float",
				"precision": 1,
				"width": 90,
			}
			for month in months
		),
	]


def trend_rows(rows) -> list[dict]:
	"""One row per indicator and division, its value in each month's column."""
	by_key: dict[tuple, dict] = {}
	for row in rows:
		key = (row["indicator"], row["division"])
		if key not in by_key:
			by_key[key] = {**common_cells(row), "target": target_label(row)}
		by_key[key][month_key(row["month"])] = row["value"]
	return list(by_key.values())


def trend_chart(rows, filters) -> dict | None:
	"""A line per division of one indicator's monthly values (the indicator chosen, or legal aid's review)."""
	code = filters.get("indicator") or DEFAULT_CHART_INDICATOR
	chosen = [row for row in rows if row["indicator"] == code]
	# Only the months with a value: a month with nothing due is no 0 %.
	months = sorted({row["month"] for row in chosen if row["month"] and row["value"] is not None})
	if not chosen or not months:
		return None
	title = chosen[0]["indicator_name"]
	lines: dict[str, dict] = {}
	for row in chosen:
		lines.setdefault(row["division_name"] or _("All Divisions in Scope"), {})[row["month"]] = row["value"]
	return {
		"title": _(title),
		"data": {
			"labels": [format_date(month, "yyyy-MM") for month in months],
			"datasets": [
				{"name": name, "values": [values.get(month) or 0 for month in months]}
				for name, values in list(lines.items())[:10]
			],
		},
		"type": "bar",
	}

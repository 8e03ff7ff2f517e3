# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The attachment's two 100% targets by tier: villages with a legal adviser, centres and stations built."""

import frappe
from frappe import _

from qh_legal_service.rules.coverage import (
	Division,
	coverage_by_group,
	units_without_point,
	villages_without_adviser,
)
from qh_legal_service.rules.service_network import VILLAGE_ADVISER, point_type_for_tier
from qh_legal_service.scoping import DIVISION

SUMMARY = "Summary"
VILLAGE_GAPS = "Villages without an Adviser"
POINT_GAPS = "Units without a Centre or Station"


def execute(filters: dict | None = None):
	"""Return columns, rows, a message and a chart for the chosen view."""
	filters = frappe._dict(filters or {})
	divisions = divisions_in_scope(filters.get("division"))
	advised = villages_with_adviser()
	built = built_point_types()
	view = filters.get("view") or SUMMARY
	if view == VILLAGE_GAPS:
		return gap_columns(), gap_rows(villages_without_adviser(divisions, advised))
	if view == POINT_GAPS:
		return gap_columns(needs_point=True), gap_rows(units_without_point(divisions, built))
	rows = coverage_by_group(divisions, advised, built, filters.get("group_by") or "Prefecture")
	return summary_columns(), [summary_row(row) for row in rows], None, summary_chart(rows)


def divisions_in_scope(root: str | None) -> list[Division]:
	"""Every division the user may see (their tier scope), optionally below one chosen division."""
	filters = {}
	if root:
		lft, rgt = frappe.db.get_value(DIVISION, root, ["lft", "rgt"])
		filters = {"lft": [">=", lft], "rgt": ["<=", rgt]}
	rows = frappe.get_list(
		DIVISION,
		filters=filters,
		fields=["name", "division_name", "tier", "parent_administrative_division"],
		order_by="lft asc",
		limit_page_length=0,
	)
	return [Division(r.name, r.division_name, r.tier, r.parent_administrative_division) for r in rows]


def villages_with_adviser() -> set[str]:
	"""Villages that an active village legal adviser serves."""
	worker = frappe.qb.DocType("Legal Service Worker")
	served = frappe.qb.DocType("Legal Service Worker Division")
	rows = (
		frappe.qb.from_(served)
		.join(worker)
		.on(served.parent == worker.name)
		.select(served.division)
		.distinct()
		.where(
			(served.parenttype == "Legal Service Worker")
			& (worker.worker_type == VILLAGE_ADVISER)
			& (worker.active == 1)
		)
		.run(pluck=True)
	)
	return set(rows)


def built_point_types() -> dict[str, set[str]]:
	"""For each division, the kinds of service point built there."""
	built: dict[str, set[str]] = {}
	for row in frappe.get_all("Service Point", filters={"is_built": 1}, fields=["division", "point_type"]):
		built.setdefault(row.division, set()).add(row.point_type)
	return built


def summary_columns() -> list[dict]:
	return [
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 200,
		},
		{"fieldname": "tier", "label": _("Tier"), "fieldtype": "Data", "width": 100},
		{"fieldname": "villages", "label": _("Villages"), "fieldtype": "Int", "width": 90},
		{"fieldname": "villages_with_adviser", "label": _("With Adviser"), "fieldtype": "Int", "width": 110},
		{
			"fieldname": "adviser_share",
			"label": _("Adviser Coverage (%)"),
			"fieldtype": "Percent",
			"width": 160,
		},
		{
			"fieldname": "units_needing_point",
			"label": _("Centres and Stations Needed"),
			"fieldtype": "Int",
			"width": 190,
		},
		{"fieldname": "units_with_point", "label": _("Built"), "fieldtype": "Int", "width": 80},
		{"fieldname": "point_share", "label": _("Built (%)"), "fieldtype": "Percent", "width": 100},
	]


def summary_row(row) -> dict:
	return {
		"division": row.code,
		"division_name": row.name,
		"tier": _(row.tier),
		"villages": row.villages,
		"villages_with_adviser": row.villages_with_adviser,
		"adviser_share": row.adviser_share,
		"units_needing_point": row.units_needing_point,
		"units_with_point": row.units_with_point,
		"point_share": row.point_share,
	}


def summary_chart(rows) -> dict:
	return {
		"data": {
			"labels": [row.name for row in rows],
			"datasets": [
				{"name": _("Adviser Coverage (%)"), "values": [row.adviser_share or 0 for row in rows]},
				{"name": _("Built (%)"), "values": [row.point_share or 0 for row in rows]},
			],
		},
		"type": "bar",
		"colors": ["#2490ef", "#29cd42"],
	}


def gap_columns(needs_point: bool = False) -> list[dict]:
	columns = [
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 220,
		},
		{"fieldname": "tier", "label": _("Tier"), "fieldtype": "Data", "width": 100},
		{
			"fieldname": "parent",
			"label": _("Parent Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 220,
		},
	]
	if needs_point:
		columns.append({"fieldname": "needs", "label": _("Needs"), "fieldtype": "Data", "width": 240})
	return columns


def gap_rows(gaps: list[Division]) -> list[dict]:
	return [
		{
			"division": gap.code,
			"division_name": gap.name,
			"tier": _(gap.tier),
			"parent": gap.parent,
			"needs": _(point_type_for_tier(gap.tier)),
		}
		for gap in gaps
	]

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Art 43 timeliness by division: reviews within 7 days of receipt, assignments within 3 days of approval."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	AREA_FIELDS,
	area_and_period,
	division_cells,
	division_columns,
	division_names,
	get_scoped,
	group_column,
	int_column,
	percent_column,
	rule_limit,
)
from qh_legal_service.rules.legal_aid_stats import (
	ASSIGN_LIMIT,
	NOTIFIED_ASSIGN_LIMIT,
	REVIEW_LIMIT,
	timeliness_by_group,
)
from qh_legal_service.statutory_calendar import get_working_calendar

FIELDS = [
	"name",
	"workflow_state",
	"eligibility",
	"received_on",
	"decided_on",
	"materials_requested_on",
	"materials_supplied_on",
	"assigned_on",
	"current_due",
	*AREA_FIELDS,
]


def execute(filters: dict | None = None):
	"""Columns, one row per division of the chosen tier plus a total, a message and a chart."""
	filters = frappe._dict(filters or {})
	rows = get_scoped(APPLICATION, FIELDS, area_and_period(filters, "received_on"))
	attach_materials_requests(rows)
	limits = {
		"calendar": get_working_calendar(),
		"review": rule_limit("LA-REVIEW", REVIEW_LIMIT),
		"assign": rule_limit("LA-ASSIGN", ASSIGN_LIMIT),
		"notified": rule_limit("LA-NOTIFIED-ASSIGN", NOTIFIED_ASSIGN_LIMIT),
	}
	now = now_datetime()
	groups = timeliness_by_group(rows, group_column(filters), now, **limits)
	total = timeliness_by_group(rows, None, now, **limits)
	names = division_names(group.group for group in groups)
	data = [report_row(group, names, filters) for group in groups + total]
	message = _(
		"Applications received in the period. Review: decision within {0} days of receipt, time waiting for "
		"materials not counted, a last day that is a holiday moved to the next working day (Art 43). "
		"Assignment: within {1} days of approval, or of receipt for notified defence (Art 36)."
	).format(limits["review"].count, limits["assign"].count)
	return columns(), data, message, chart(data[:-1])


def attach_materials_requests(rows: list) -> None:
	"""Every materials request of each application: none of the waits counts towards the review (Art 43)."""
	by_parent: dict[str, list] = {}
	for request in frappe.get_all(
		"Legal Aid Materials Request",
		filters={"parenttype": APPLICATION, "parent": ["in", [row.name for row in rows] or [""]]},
		fields=["parent", "requested_on", "supplied_on"],
		order_by="idx asc",
	):
		by_parent.setdefault(request.parent, []).append(request)
	for row in rows:
		row["materials_requests"] = by_parent.get(row.name, [])


def columns() -> list[dict]:
	return [
		*division_columns(),
		int_column("applications", _("Applications")),
		int_column("decided", _("Decided")),
		percent_column("review_share", _("Decided in Time (%)"), 150),
		int_column("assigned", _("Assigned")),
		percent_column("assign_share", _("Assigned in Time (%)"), 150),
		{
			"fieldname": "decision_days",
			"label": _("Avg Days to Decision"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 150,
		},
		{
			"fieldname": "assignment_days",
			"label": _("Avg Days to Assignment"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 160,
		},
		int_column("overdue", _("Overdue Now")),
	]


def report_row(group, names: dict, filters) -> dict:
	return {
		**division_cells(group.group, names, filters),
		"applications": group.applications,
		"decided": group.decided,
		"review_share": group.review_share,
		"assigned": group.assigned,
		"assign_share": group.assign_share,
		"decision_days": group.average_decision_days,
		"assignment_days": group.average_assignment_days,
		"overdue": group.overdue,
	}


def chart(data: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["division_name"] for row in data],
			"datasets": [
				{"name": _("Decided in Time (%)"), "values": [row["review_share"] or 0 for row in data]},
				{"name": _("Assigned in Time (%)"), "values": [row["assign_share"] or 0 for row in data]},
			],
		},
		"type": "bar",
		"colors": ["#2490ef", "#29cd42"],
	}

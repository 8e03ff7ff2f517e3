# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Art 43 timeliness by division: reviews within 7 days of receipt, assignments within 3 days of approval."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service.figure_reports import months_note, sums
from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	counts_by,
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules.legal_aid_stats import (
	TIMED_STATES,
	TIMELINESS_FIGURES,
	TOTAL,
	sums_by_group,
	timeliness,
	total_sums,
)


def execute(filters: dict | None = None):
	"""Columns, one row per division of the chosen tier plus a total, a message and a chart."""
	filters = frappe._dict(filters or {})
	column = group_column(filters)
	groups = sums_by_group(
		sums(APPLICATION, filters, TIMELINESS_FIGURES, [column, "figure", "category"]), column
	)
	overdue = counts_by(
		APPLICATION,
		column,
		filters,
		[["workflow_state", "in", TIMED_STATES], ["current_due", "<", now_datetime()]],
	)
	keys = list(dict.fromkeys([*groups, *overdue]))
	rows = [timeliness(key, groups.get(key, {}), overdue.get(key, 0)) for key in sorted(keys, key=_order)]
	total = timeliness(TOTAL, total_sums(groups), sum(overdue.values()))
	names = division_names(row.group for row in rows)
	data = [report_row(row, names, filters) for row in [*rows, total]]
	message = " ".join(
		(
			months_note(filters),
			_(
				"Decided in time: review steps ended by their due moment, {0} days from receipt with the time "
				"waiting for materials not counted and a last day that is a holiday moved to the next "
				"working day (Art 43). Assigned in time: assignments within {1} days of approval, or of "
				"receipt for notified defence (Art 36). Overdue Now: applications whose running step is "
				"past its due moment today, whenever received."
			).format(rule_days("LA-REVIEW", 7), rule_days("LA-ASSIGN", 3)),
		)
	)
	return columns(), data, message, chart(data[:-1])


def rule_days(rule_code: str, default: int) -> int:
	"""The count of the site's Deadline Rule, or the statutory one where the rule is missing."""
	return int(frappe.db.get_value("Deadline Rule", rule_code, "count", cache=True) or default)


def _order(key: str | None) -> tuple[bool, str]:
	return (key is None, key or "")


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


def report_row(row, names: dict, filters) -> dict:
	return {
		**division_cells(row.group, names, filters),
		"applications": row.applications,
		"decided": row.decided,
		"review_share": row.review_share,
		"assigned": row.assigned,
		"assign_share": row.assign_share,
		"decision_days": row.decision_days,
		"assignment_days": row.assignment_days,
		"overdue": row.overdue,
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

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Art 59 quality control after closure: callbacks to the aided person and their satisfaction."""

import frappe
from frappe import _
from frappe.model.db_query import DatabaseQuery
from frappe.utils import date_diff, nowdate
from pypika.terms import ExistsCriterion

from qh_legal_service.figure_reports import division_condition, months_note, months_of, sums
from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	CALLBACK,
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules.legal_aid_stats import (
	CALLBACK_FIGURES,
	CALLBACK_TO_AIDED_PERSON,
	SATISFACTION_LEVELS,
	TOTAL,
	callbacks,
	sums_by_group,
	total_sums,
)
from qh_legal_service.scoping import DIVISION

SUMMARY = "Summary"
WITHOUT_CALLBACK = "Closed Cases without a Callback"
# The list shows the longest closed first; more than this many is a backlog to read in parts.
WAITING_LIMIT = 500


def execute(filters: dict | None = None):
	"""Columns and rows of the chosen view; the summary adds a message and a chart."""
	filters = frappe._dict(filters or {})
	if filters.get("view") == WITHOUT_CALLBACK:
		return waiting_columns(), [waiting_row(row) for row in closed_without_callback(filters)]
	column = group_column(filters)
	callback_groups = sums_by_group(
		sums(CALLBACK, filters, CALLBACK_FIGURES, [column, "figure", "category"]), column
	)
	closed_groups = sums_by_group(
		sums(APPLICATION, filters, CALLBACK_FIGURES, [column, "figure", "category"]), column
	)
	keys = sorted(dict.fromkeys([*closed_groups, *callback_groups]), key=lambda key: (key is None, key or ""))
	rows = [callbacks(key, {**closed_groups.get(key, {}), **callback_groups.get(key, {})}) for key in keys]
	total = callbacks(TOTAL, {**total_sums(closed_groups), **total_sums(callback_groups)})
	names = division_names(row.group for row in rows)
	data = [summary_row(row, names, filters) for row in [*rows, total]]
	message = " ".join(
		(
			months_note(filters),
			_(
				"Cases closed in the period, and the callbacks to the aided person (Art 59) made in it with "
				"the satisfaction each recorded; a callback in the period may be for a case closed before it, "
				"so there can be more callbacks than closed cases."
			),
		)
	)
	return summary_columns(), data, message, chart(total)


def closed_without_callback(filters) -> list[dict]:
	"""Applications closed in the period's whole months with no callback to the aided person, longest closed
	first, at most WAITING_LIMIT: one query, NOT EXISTS over the callbacks' index on their application,
	under the user's own read conditions (the tier scope)."""
	frappe.has_permission(APPLICATION, "read", throw=True)
	first, last = months_of(filters)
	application = frappe.qb.DocType(APPLICATION)
	callback = frappe.qb.DocType(CALLBACK)
	called_back = (
		frappe.qb.from_(callback)
		.select(callback.name)
		.where(callback.application == application.name)
		.where(
			(callback.quality_check == CALLBACK_TO_AIDED_PERSON)
			| callback.quality_check.isnull()
			| (callback.quality_check == "")
		)
	)
	query = (
		frappe.qb.from_(application)
		.select(
			application.name,
			application.applicant_name,
			application.division,
			application.division_name,
			application.assigned_worker,
			application.closed_on,
		)
		.where(application.closed_on >= f"{first} 00:00:00")
		.where(application.closed_on <= f"{last} 23:59:59.999999")
		.where(~ExistsCriterion(called_back))
		.orderby(application.closed_on)
		.orderby(application.name)
		.limit(WAITING_LIMIT)
	)
	for fieldname, _operator, value in division_condition(filters):
		query = query.where(application[fieldname] == value)
	sql = query.get_sql()
	if scope := DatabaseQuery(APPLICATION).build_match_conditions():
		# The user's read conditions (the tier scope) are SQL over the application table, as get_list adds them.
		where, _sep, order = sql.partition(" ORDER BY ")
		sql = f"{where} AND ({scope}) ORDER BY {order}"
	return frappe.db.sql(sql, as_dict=True)


def satisfaction_field(index: int) -> str:
	return f"satisfaction_{index}"


def summary_columns() -> list[dict]:
	return [
		*division_columns(),
		int_column("closed", _("Closed Cases")),
		int_column("called_back", _("With a Callback"), 130),
		percent_column("callback_share", _("Callback Share (%)"), 140),
		*(int_column(satisfaction_field(i), _(level), 130) for i, level in enumerate(SATISFACTION_LEVELS)),
		int_column("dissatisfied", _("Bad Reviews"), 120),
	]


def summary_row(row, names: dict, filters) -> dict:
	data = {
		**division_cells(row.group, names, filters),
		"closed": row.closed,
		"called_back": row.called_back,
		"callback_share": row.callback_share,
		"dissatisfied": row.dissatisfied,
	}
	data.update({satisfaction_field(i): count for i, (_level, count) in enumerate(row.by_satisfaction)})
	return data


def chart(total) -> dict:
	return {
		"data": {
			"labels": [_(level) for level in SATISFACTION_LEVELS],
			"datasets": [
				{"name": _("Callbacks"), "values": [count for _level, count in total.by_satisfaction]}
			],
		},
		"type": "bar",
		"colors": ["#29cd42"],
	}


def waiting_columns() -> list[dict]:
	return [
		{
			"fieldname": "application",
			"label": _("Application"),
			"fieldtype": "Link",
			"options": APPLICATION,
			"width": 160,
		},
		{"fieldname": "applicant_name", "label": _("Applicant"), "fieldtype": "Data", "width": 140},
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 120,
		},
		{"fieldname": "division_name", "label": _("Division Name"), "fieldtype": "Data", "width": 160},
		{
			"fieldname": "assigned_worker",
			"label": _("Assigned Worker"),
			"fieldtype": "Link",
			"options": "Legal Service Worker",
			"width": 160,
		},
		{"fieldname": "closed_on", "label": _("Closed On"), "fieldtype": "Datetime", "width": 160},
		int_column("days_since_closure", _("Days since Closure"), 140),
	]


def waiting_row(row) -> dict:
	return {
		"application": row.name,
		"applicant_name": row.applicant_name,
		"division": row.division,
		"division_name": row.division_name,
		"assigned_worker": row.assigned_worker,
		"closed_on": row.closed_on,
		"days_since_closure": date_diff(nowdate(), row.closed_on),
	}

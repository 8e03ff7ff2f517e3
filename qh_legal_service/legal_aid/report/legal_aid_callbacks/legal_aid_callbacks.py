# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Art 59 quality control after closure: callbacks to the aided person and their satisfaction."""

import frappe
from frappe import _
from frappe.utils import date_diff, nowdate

from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	AREA_FIELDS,
	CALLBACK,
	area_and_period,
	division_cells,
	division_columns,
	division_names,
	get_scoped,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules.legal_aid_stats import (
	SATISFACTION_LEVELS,
	callbacks_by_group,
	closed_without_callback,
)
from qh_legal_service.scoping import DIVISION

SUMMARY = "Summary"
WITHOUT_CALLBACK = "Closed Cases without a Callback"

FIELDS = [
	"name",
	"applicant_name",
	"workflow_state",
	"division",
	"division_name",
	"assigned_worker",
	"closed_on",
	*AREA_FIELDS,
]
CALLBACK_FIELDS = ["name", "application", "called_on", "satisfaction", "quality_check"]
CHUNK = 500


def execute(filters: dict | None = None):
	"""Columns and rows of the chosen view; the summary adds a message and a chart."""
	filters = frappe._dict(filters or {})
	applications = get_scoped(APPLICATION, FIELDS, area_and_period(filters, "closed_on"))
	callbacks = callbacks_of([row.name for row in applications])
	if filters.get("view") == WITHOUT_CALLBACK:
		waiting = closed_without_callback(applications, callbacks)
		return waiting_columns(), [waiting_row(row) for row in waiting]
	groups = callbacks_by_group(applications, callbacks, group_column(filters))
	total = callbacks_by_group(applications, callbacks, None)
	names = division_names(group.group for group in groups)
	data = [summary_row(group, names, filters) for group in groups + total]
	message = _(
		"Cases closed in the period and their callbacks to the aided person (Art 59); satisfaction is "
		"that of each case's latest callback."
	)
	return summary_columns(), data, message, chart(total)


def callbacks_of(applications: list[str]) -> list[dict]:
	"""The callbacks the user may see for these applications."""
	callbacks = []
	for start in range(0, len(applications), CHUNK):
		chunk = applications[start : start + CHUNK]
		callbacks += get_scoped(CALLBACK, CALLBACK_FIELDS, [["application", "in", chunk]])
	return callbacks


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


def summary_row(group, names: dict, filters) -> dict:
	row = {
		**division_cells(group.group, names, filters),
		"closed": group.closed,
		"called_back": group.called_back,
		"callback_share": group.callback_share,
		"dissatisfied": group.dissatisfied,
	}
	row.update(
		{satisfaction_field(i): group.by_satisfaction[level] for i, level in enumerate(SATISFACTION_LEVELS)}
	)
	return row


def chart(total: list) -> dict | None:
	if not total:
		return None
	return {
		"data": {
			"labels": [_(level) for level in SATISFACTION_LEVELS],
			"datasets": [
				{
					"name": _("Callbacks"),
					"values": [total[0].by_satisfaction[level] for level in SATISFACTION_LEVELS],
				}
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

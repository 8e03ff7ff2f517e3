# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Bad reviews (不满意, 非常不满意) by division: how many were made and called back in the period (from the
supervision figures), and how many are open today, being rectified or awaiting their callback, and
overdue, whenever they were made (indexed counts over the reader's area); the open ones are listed under
their division, each with its own village or township."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service.figure_reports import division_condition, months_note
from qh_legal_service.legal_aid.report.utils import (
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.quality_and_supervision.satisfaction_figures import (
	DOCTYPE,
	figure_grouped,
	figures,
	open_bad_conditions,
)
from qh_legal_service.rules.legal_aid_stats import TOTAL


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_area = [row for row in figure_grouped(filters, [area], overdue=True) if row.bad or row.bad_open]
	total = figure_grouped(filters, [], overdue=True)
	open_reviews = frappe.get_list(
		DOCTYPE,
		filters=[*open_bad_conditions(filters), *division_condition(filters)],
		fields=[
			"name",
			"division",
			area,
			"reference_doctype",
			"reference_name",
			"level",
			"status",
			"current_due",
		],
		order_by="current_due asc",
		limit_page_length=0,
	)
	names = division_names([*(row.get(area) for row in by_area), *(row.division for row in open_reviews)])
	now = now_datetime()
	data = []
	for group in by_area:
		data.append({**division_cells(group.get(area), names, filters), "indent": 0, **counts(group)})
		data += [
			{
				"indent": 1,
				# The review's own division: a row's Link cell left empty would cost Frappe's report runner
				# one query per row for a reader with User Permissions (query_report.has_match).
				"division": row.division,
				"division_name": names.get(row.division) or row.division,
				"evaluation": row.name,
				"service": _(row.reference_doctype),
				"reference_name": row.reference_name,
				"level": _(row.level),
				"status": _(row.status),
				"current_due": row.current_due,
				"overdue": int(bool(row.current_due and row.current_due < now)),
				**dict.fromkeys(("bad", "bad_open", "bad_overdue", "called_back", "callback_share")),
			}
			for row in open_reviews
			if row.get(area) == group.get(area)
		]
	if total and (total[0].bad or total[0].bad_open):
		data.append({**division_cells(TOTAL, names, filters), "indent": 0, **counts(total[0])})
	message = " ".join(
		(
			months_note(filters),
			_(
				"Bad reviews and their callbacks are counted in the month each happened. Open and Overdue "
				"count the bad reviews open today, whenever they were made: each is rectified and its person "
				"called back within the working days the settings give. Open reviews are listed under their "
				"division, the most urgent first."
			),
		)
	)
	return columns(), data, message


def counts(sums) -> dict:
	values = figures(sums)
	return {
		"bad": values["bad"],
		"bad_open": values["bad_open"],
		"bad_overdue": values["bad_overdue"],
		"called_back": values["called_back"],
		"callback_share": round(100.0 * values["called_back"] / values["bad"], 1) if values["bad"] else None,
	}


def columns() -> list[dict]:
	return [
		*division_columns(),
		int_column("bad", _("Bad Reviews")),
		int_column("bad_open", _("Open")),
		int_column("bad_overdue", _("Overdue")),
		int_column("called_back", _("Called Back")),
		percent_column("callback_share", _("Called Back Share")),
		{
			"fieldname": "evaluation",
			"label": _("Evaluation"),
			"fieldtype": "Link",
			"options": DOCTYPE,
			"width": 140,
		},
		{"fieldname": "service", "label": _("Service"), "fieldtype": "Data", "width": 150},
		{"fieldname": "reference_name", "label": _("Service Record"), "fieldtype": "Data", "width": 150},
		{"fieldname": "level", "label": _("Satisfaction"), "fieldtype": "Data", "width": 130},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 140},
		{"fieldname": "current_due", "label": _("Due"), "fieldtype": "Datetime", "width": 160},
	]

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The 12348 line's GB/T 33358 figures by division and caller's language: calls, answered, answered within
15 seconds, the connection rate and the 15-second rate, with the work orders transferred and escalated.
Counted in the database (GROUP BY) over the reader's area only (frappe.get_list applies the tier scope),
from the stored call times (`call_started_at`, `call_answered_at` and the `wait_seconds` between them)."""

import frappe
from frappe import _

from qh_legal_service.legal_aid.report.utils import (
	area_and_period,
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules.legal_aid_stats import TOTAL

SUMS = [
	"count(name) as calls",
	"count(call_answered_at) as answered",
	f"sum(call_answered_at is not null and wait_seconds <= {hl.ANSWER_TARGET_SECONDS}) as within_15s",
	"count(transferred_on) as transferred",
	"count(escalated_step) as escalated",
]


def grouped(filters, columns: list[str]) -> list[dict]:
	"""One row of sums per value of `columns` (none: the total), in the reader's area."""
	return frappe.get_list(
		hl.DOCTYPE,
		filters=area_and_period(filters, "call_started_at"),
		fields=[*columns, *SUMS],
		group_by=", ".join(columns) or None,
		order_by=", ".join(columns) or None,
		limit_page_length=0,
	)


def execute(filters: dict | None = None):
	"""Columns, one row per division and language, one per division, and the total; a chart."""
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_language = grouped(filters, [area, "language"])
	by_area = grouped(filters, [area])
	total = grouped(filters, [])
	names = division_names(row.get(area) for row in by_area)
	data = []
	for group in by_area:
		data.append(report_row(group, group.get(area), None, names, filters, indent=0))
		data += [
			report_row(row, row.get(area), row.language, names, filters, indent=1)
			for row in by_language
			if row.get(area) == group.get(area)
		]
	if total and total[0].calls:
		data.append(report_row(total[0], TOTAL, None, names, filters, indent=0))
	message = _(
		"Calls to the 12348 hotline that began in the period, by division and the caller's language. "
		"GB/T 33358-2016: calls answered within 15 seconds and the connection rate (answered calls over all "
		"calls, target {0}%), from the recorded call times."
	).format(int(hl.CONNECTION_TARGET))
	return columns(), data, message, chart(total[0] if total else None)


def report_row(sums, area, language, names, filters, indent: int) -> dict:
	level = hl.ServiceLevel(int(sums.calls or 0), int(sums.answered or 0), int(sums.within_15s or 0))
	return {
		**division_cells(area, names, filters),
		"language": _(language) if language else None,
		"indent": indent,
		"calls": level.calls,
		"answered": level.answered,
		"missed": level.calls - level.answered,
		"within_15s": level.answered_within_15s,
		"connection_rate": level.connection_rate,
		"within_15s_rate": level.within_15s_rate,
		"transferred": int(sums.transferred or 0),
		"escalated": int(sums.escalated or 0),
	}


def columns() -> list[dict]:
	return [
		*division_columns(),
		{"fieldname": "language", "label": _("Language"), "fieldtype": "Data", "width": 120},
		int_column("calls", _("Calls")),
		int_column("answered", _("Answered")),
		int_column("missed", _("Not Answered"), 120),
		int_column("within_15s", _("Answered within 15 s"), 160),
		percent_column("connection_rate", _("Connection Rate"), 140),
		percent_column("within_15s_rate", _("15-Second Rate"), 140),
		int_column("transferred", _("Transferred")),
		int_column("escalated", _("Escalated (Overdue)"), 150),
	]


def chart(total) -> dict | None:
	if not total or not total.calls:
		return None
	answered = int(total.answered or 0)
	within = int(total.within_15s or 0)
	labels = [_("Answered within 15 s"), _("Answered Later"), _("Not Answered")]
	values = [within, answered - within, int(total.calls) - answered]
	return {"data": {"labels": labels, "datasets": [{"name": _("Calls"), "values": values}]}, "type": "donut"}

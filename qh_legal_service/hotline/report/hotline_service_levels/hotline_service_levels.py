# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The 12348 line's GB/T 33358 figures by division and caller's language: calls, answered, answered within
15 seconds, the connection rate and the 15-second rate, with the work orders transferred and escalated.

Read from the supervision figures (`figure_sources.HOTLINE`): calls, answered and answered within 15 s
(the `answered_within_15s` check stored from the call times) in the month the call began, transfers in
their own month, and the steps escalated when overdue (the step log's ESCALATED facts, by division only) in
the month escalated; whole months, in the reader's area only."""

import frappe
from frappe import _

from qh_legal_service.figure_reports import months_note, sums
from qh_legal_service.legal_aid.report.utils import (
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules.figures import ESCALATED
from qh_legal_service.rules.legal_aid_stats import TOTAL

# Each report sum: the figure counting it (by the caller's language).
COUNTS = {
	"calls": fs.CALLS,
	"answered": fs.ANSWERED,
	"within_15s": fs.ANSWERED_WITHIN_15S,
	"transferred": fs.TRANSFERRED,
}
KEY_OF_FIGURE = {figure: key for key, figure in COUNTS.items()}


def grouped(filters, area: str) -> list[frappe._dict]:
	"""One row of sums per (area, language), from one read of the figures."""
	rows: dict[tuple, frappe._dict] = {}
	for fig in sums(hl.DOCTYPE, filters, list(COUNTS.values()), [area, "figure", "category"]):
		key = (fig.get(area) or None, fig.category or None)
		row = rows.setdefault(key, frappe._dict({area: key[0], "language": key[1]}))
		row[KEY_OF_FIGURE[fig.figure]] = int(fig.records or 0)
	return [rows[key] for key in sorted(rows, key=lambda key: (key[0] or "", key[1] or ""))]


def add_up(rows) -> frappe._dict:
	return frappe._dict({key: sum(int(row.get(key) or 0) for row in rows) for key in COUNTS})


def escalated_by_area(filters, area: str) -> dict[str | None, int]:
	"""The steps escalated in the period (any step), by area: a fact of the step, not of the language."""
	return {
		row.get(area) or None: int(row.records or 0) for row in sums(hl.DOCTYPE, filters, [ESCALATED], [area])
	}


def execute(filters: dict | None = None):
	"""Columns, one row per division and language, one per division, and the total; a chart."""
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_language = grouped(filters, area)
	codes = list(dict.fromkeys(row.get(area) for row in by_language))
	names = division_names(codes)
	data = []
	escalated = escalated_by_area(filters, area)
	for code in codes:
		groups = [row for row in by_language if row.get(area) == code]
		data.append(
			report_row(add_up(groups), code, None, names, filters, indent=0, escalated=escalated.get(code, 0))
		)
		data += [report_row(row, code, row.language, names, filters, indent=1) for row in groups]
	total = add_up(by_language)
	total_escalated = sum(escalated.values())
	if total.calls:
		data.append(report_row(total, TOTAL, None, names, filters, indent=0, escalated=total_escalated))
	message = " ".join(
		(
			_(
				"Calls to the 12348 hotline that began in the period, by division and the caller's language. "
				"GB/T 33358-2016: calls answered within 15 seconds and the connection rate (answered calls over all "
				"calls, target {0}%), from the recorded call times."
			).format(int(hl.CONNECTION_TARGET)),
			months_note(filters),
		)
	)
	return columns(), data, message, chart(total)


def report_row(sums, area, language, names, filters, indent: int, escalated: int | None = None) -> dict:
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
		# Counted per division (a step's fact), not per language.
		"escalated": escalated,
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

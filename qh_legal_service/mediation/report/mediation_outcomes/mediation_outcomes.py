# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Mediation outcomes by division and dispute type: cases, agreement rate, days to the outcome, the share a
court confirmed and the share carried out.

Read from the supervision figures (`figure_sources.MEDIATION`): cases in the month they were requested,
outcomes (with their days from acceptance) in the month of the outcome, court confirmation with the
agreement, performance in the month of the follow-up; whole months, in the reader's area only. The cases
still without an outcome are the current state, one indexed count by state."""

import frappe
from frappe import _

from qh_legal_service.figure_reports import current_counts, months_note, sums
from qh_legal_service.legal_aid.report.utils import (
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import mediation as m
from qh_legal_service.rules.legal_aid_stats import TOTAL

DOCTYPE = "Mediation Case"
# The states of a case without an outcome yet.
OPEN_STATES = (m.REQUESTED, m.ACCEPTED, m.IN_MEDIATION)
# Each report sum: the figure counting it (by dispute type).
COUNTS = {
	"cases": fs.DISPUTE_TYPE,
	"reached": fs.MEDIATION_OUTCOME_FIGURES[m.AGREEMENT_REACHED],
	"not_reached": fs.MEDIATION_OUTCOME_FIGURES[m.AGREEMENT_NOT_REACHED],
	"withdrawn": fs.MEDIATION_OUTCOME_FIGURES[m.WITHDRAWN],
	"confirmed": fs.CONFIRMED,
	"followed_up": fs.FOLLOWED_UP,
	"performed": fs.PERFORMED,
}
KEY_OF_FIGURE = {figure: key for key, figure in COUNTS.items()}


def grouped(filters, area: str) -> list[dict]:
	"""One row of sums per (area, dispute type), from the figures, with the cases open now."""
	rows: dict[tuple, dict] = {}

	def row_of(code, dispute_type) -> dict:
		key = (code or None, dispute_type or None)
		if key not in rows:
			rows[key] = frappe._dict({area: key[0], "dispute_type": key[1]})
		return rows[key]

	for fig in sums(DOCTYPE, filters, list(COUNTS.values()), [area, "figure", "category"]):
		row = row_of(fig.get(area), fig.category)
		name = KEY_OF_FIGURE[fig.figure]
		row[name] = int(fig.records or 0)
		if fig.figure in fs.MEDIATION_OUTCOME_FIGURES.values():
			row["days"] = float(row.get("days") or 0) + float(fig.days or 0)
			row["timed"] = int(row.get("timed") or 0) + int(fig.timed or 0)
	for count in current_counts(
		DOCTYPE, filters, [["workflow_state", "in", OPEN_STATES]], [area, "dispute_type"]
	):
		row_of(count.get(area), count.dispute_type)["still_open"] = int(count["count"])
	return [rows[key] for key in sorted(rows, key=lambda key: (key[0] or "", key[1] or ""))]


def execute(filters: dict | None = None):
	"""Columns, one row per division with its dispute types below it, and the total; a chart.

	One read of the figures by division, figure and category; a division's row and the total add up its
	groups' sums."""
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_type = grouped(filters, area)
	names = division_names(row.get(area) for row in by_type)
	data = []
	for code in dict.fromkeys(row.get(area) for row in by_type):
		groups = [row for row in by_type if row.get(area) == code]
		data.append(report_row(add_sums(groups), code, None, names, filters, indent=0))
		data += [report_row(row, code, row.dispute_type, names, filters, indent=1) for row in groups]
	total = add_sums(by_type)
	if total.cases or total.still_open:
		data.append(report_row(total, TOTAL, None, names, filters, indent=0))
	message = " ".join(
		(
			_(
				"People's mediation cases requested in the period and outcomes recorded in it, by division "
				"and dispute type. The agreement rate counts the outcomes; the days run from acceptance to "
				"the outcome; No Outcome Yet counts the cases waiting for one now."
			),
			months_note(filters),
		)
	)
	return columns(), data, message, chart(total)


def add_sums(rows) -> frappe._dict:
	"""Several groups' sums added up (a division's from its dispute types, the total from all)."""
	total = frappe._dict(m.add_sums(rows))
	total.still_open = sum(int(row.get("still_open") or 0) for row in rows)
	total.days = sum(float(row.get("days") or 0) for row in rows)
	return total


def report_row(sums, area, dispute_type, names, filters, indent: int) -> dict:
	return {
		**division_cells(area, names, filters),
		"dispute_type": _(dispute_type) if dispute_type else None,
		"indent": indent,
		"cases": int(sums.cases or 0),
		"reached": int(sums.reached or 0),
		"not_reached": int(sums.not_reached or 0),
		"withdrawn": int(sums.withdrawn or 0),
		**m.outcome_figures(sums),
		# The cases without an outcome now (the figures count outcomes by their own month).
		"open": int(sums.get("still_open") or 0),
	}


def columns() -> list[dict]:
	return [
		*division_columns(),
		{"fieldname": "dispute_type", "label": _("Dispute Type"), "fieldtype": "Data", "width": 170},
		int_column("cases", _("Cases")),
		int_column("open", _("No Outcome Yet"), 130),
		int_column("reached", _(m.AGREEMENT_REACHED), 140),
		int_column("not_reached", _(m.AGREEMENT_NOT_REACHED), 150),
		int_column("withdrawn", _(m.WITHDRAWN)),
		percent_column("agreement_rate", _("Agreement Rate")),
		{
			"fieldname": "average_days",
			"label": _("Average Days to Outcome"),
			"fieldtype": "Float",
			"width": 170,
		},
		percent_column("confirmed_share", _("Confirmed by a Court"), 160),
		percent_column("performed_share", _("Carried Out in Full"), 160),
	]


def chart(total) -> dict | None:
	if not total or not (total.cases or total.still_open):
		return None
	labels = [_(m.AGREEMENT_REACHED), _(m.AGREEMENT_NOT_REACHED), _(m.WITHDRAWN), _("No Outcome Yet")]
	values = [
		int(total.reached or 0),
		int(total.not_reached or 0),
		int(total.withdrawn or 0),
		int(total.still_open or 0),
	]
	return {"data": {"labels": labels, "datasets": [{"name": _("Cases"), "values": values}]}, "type": "donut"}

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Mediation outcomes by division and dispute type: cases, agreement rate, days to the outcome, the share a
court confirmed and the share carried out. Counted in the database (GROUP BY) over the reader's area only
(frappe.get_list applies the tier scope); the duration is the `duration_days` stored at the outcome."""

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
from qh_legal_service.rules import mediation as m
from qh_legal_service.rules.legal_aid_stats import TOTAL

DOCTYPE = "Mediation Case"


def sums_fields() -> list[str]:
	"""The aggregate columns every group is counted with, the values escaped from the rules' lists."""
	esc = frappe.db.escape
	return [
		"count(name) as cases",
		f"sum(outcome = {esc(m.AGREEMENT_REACHED)}) as reached",
		f"sum(outcome = {esc(m.AGREEMENT_NOT_REACHED)}) as not_reached",
		f"sum(outcome = {esc(m.WITHDRAWN)}) as withdrawn",
		"sum(duration_days) as days",
		"sum(duration_days is not null and outcome != '') as timed",
		f"sum(outcome = {esc(m.AGREEMENT_REACHED)} and judicial_confirmation = {esc(m.CONFIRMED)}) as confirmed",
		"sum(performance != '') as followed_up",
		f"sum(performance = {esc(m.PERFORMED_FULLY)}) as performed",
	]


def grouped(filters, columns: list[str]) -> list[dict]:
	"""One row of sums per value of `columns`, in the reader's area (one GROUP BY in the database)."""
	return frappe.get_list(
		DOCTYPE,
		filters=area_and_period(filters, "requested_on"),
		fields=[*columns, *sums_fields()],
		group_by=", ".join(columns),
		order_by=", ".join(columns),
		limit_page_length=0,
	)


def execute(filters: dict | None = None):
	"""Columns, one row per division with its dispute types below it, and the total; a chart.

	One GROUP BY by division and dispute type; a division's row and the total add up its groups' sums."""
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_type = grouped(filters, [area, "dispute_type"])
	names = division_names(row.get(area) for row in by_type)
	data = []
	for code in dict.fromkeys(row.get(area) for row in by_type):
		groups = [row for row in by_type if row.get(area) == code]
		data.append(report_row(frappe._dict(m.add_sums(groups)), code, None, names, filters, indent=0))
		data += [report_row(row, code, row.dispute_type, names, filters, indent=1) for row in groups]
	total = frappe._dict(m.add_sums(by_type))
	if total.cases:
		data.append(report_row(total, TOTAL, None, names, filters, indent=0))
	message = _(
		"People's mediation cases requested in the period, by division and dispute type. The agreement rate "
		"counts the cases with an outcome; the days run from acceptance to the outcome."
	)
	return columns(), data, message, chart(total)


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
	if not total or not total.cases:
		return None
	figures = m.outcome_figures(total)
	labels = [_(m.AGREEMENT_REACHED), _(m.AGREEMENT_NOT_REACHED), _(m.WITHDRAWN), _("No Outcome Yet")]
	values = [
		int(total.reached or 0),
		int(total.not_reached or 0),
		int(total.withdrawn or 0),
		figures["open"],
	]
	return {"data": {"labels": labels, "datasets": [{"name": _("Cases"), "values": values}]}, "type": "donut"}

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Satisfaction (好差评) by division and institution: evaluations at each level and the satisfaction rate
(the share of the first three levels). Read from the supervision figures (each service's evaluations at each
level by institution, in the month evaluated; whole months) over the reader's area only; the bad reviews
open are those open now."""

import frappe
from frappe import _

from qh_legal_service.figure_reports import months_note
from qh_legal_service.legal_aid.report.utils import (
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
	percent_column,
)
from qh_legal_service.quality_and_supervision.satisfaction_figures import (
	LEVEL_FIELDS,
	figure_grouped,
	figures,
	institution_names,
)
from qh_legal_service.rules import satisfaction as sat
from qh_legal_service.rules.legal_aid_stats import TOTAL


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	by_institution = figure_grouped(filters, [area, "institution"])
	by_area = figure_grouped(filters, [area])
	total = figure_grouped(filters, [])
	names = division_names(row.get(area) for row in by_area)
	institutions = institution_names(row.institution for row in by_institution)
	data = []
	for group in by_area:
		data.append(row_of(group, group.get(area), None, names, institutions, filters, indent=0))
		data += [
			row_of(row, row.get(area), row.institution, names, institutions, filters, indent=1)
			for row in by_institution
			if row.get(area) == group.get(area)
		]
	if total and total[0].evaluations:
		data.append(row_of(total[0], TOTAL, None, names, institutions, filters, indent=0))
	message = " ".join(
		(
			_(
				"Satisfaction evaluations in the period, by division and by the institution that served. The "
				"satisfaction rate is the share of Very Satisfied, Satisfied and Basically Satisfied."
			),
			months_note(filters),
		)
	)
	return columns(), data, message, chart(total[0] if total else None)


def row_of(sums, area, institution, names, institutions, filters, indent: int) -> dict:
	return {
		**division_cells(area, names, filters),
		"institution": institution,
		"institution_name": (institutions.get(institution) or institution)
		if institution
		else (_("No Institution") if indent else None),
		"indent": indent,
		**figures(sums),
	}


def columns() -> list[dict]:
	return [
		*division_columns(),
		{
			"fieldname": "institution",
			"label": _("Institution"),
			"fieldtype": "Link",
			"options": "Legal Service Institution",
			"width": 120,
			"hidden": 1,
		},
		{"fieldname": "institution_name", "label": _("Institution"), "fieldtype": "Data", "width": 200},
		int_column("evaluations", _("Evaluations")),
		*(int_column(field, _(level)) for level, field in zip(sat.LEVELS, LEVEL_FIELDS, strict=True)),
		percent_column("satisfaction_rate", _("Satisfaction Rate")),
		int_column("bad_open", _("Bad Reviews Open"), 130),
	]


def chart(total) -> dict | None:
	if not total or not total.evaluations:
		return None
	values = figures(total)
	return {
		"data": {
			"labels": [_(level) for level in sat.LEVELS],
			"datasets": [{"name": _("Evaluations"), "values": [values[field] for field in LEVEL_FIELDS]}],
		},
		"type": "bar",
	}

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Regions with poor satisfaction, named (差评地区通报): the divisions of the chosen tier whose satisfaction
rate is below the threshold in the settings, with their counts, worst first. Read from the supervision
figures (evaluations in the month evaluated, callbacks in their month; whole months) over the reader's area
only; the bad reviews open are those open now."""

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
from qh_legal_service.quality_and_supervision.satisfaction_figures import figure_grouped, figures
from qh_legal_service.rules import satisfaction as sat
from qh_legal_service.rules.figures import exact_rate


def thresholds(filters) -> tuple[float, int]:
	"""The threshold and the evaluations a region needs, from the filters or the settings."""
	settings = frappe.get_cached_doc(sat.SETTINGS_DOCTYPE)
	threshold = filters.get("threshold")
	threshold = float(threshold if threshold not in (None, "") else settings.poor_rate_threshold or 0)
	minimum = filters.get("min_evaluations")
	minimum = int(minimum if minimum not in (None, "") else settings.min_evaluations or 0)
	return threshold, minimum


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	area = group_column(filters)
	threshold, minimum = thresholds(filters)
	rows = []
	for group in figure_grouped(filters, [area]):
		if not group.get(area):
			continue
		values = figures(group)
		if sat.is_poorly_rated(values["satisfied_count"], values["evaluations"], threshold, minimum):
			rows.append((group.get(area), values))
	# Worst first by the unrounded rate: two regions shown as 80.0 % may be 79.96 % and 79.99 %.
	rows.sort(
		key=lambda item: (
			exact_rate(item[1]["satisfied_count"], item[1]["evaluations"]),
			-item[1]["evaluations"],
		)
	)
	names = division_names(code for code, _values in rows)
	data = [{**division_cells(code, names, filters), **values} for code, values in rows]
	message = " ".join(
		(
			_(
				"Divisions whose satisfaction rate is below {0}% with at least {1} evaluations in the period, worst first."
			).format(threshold, minimum),
			months_note(filters),
		)
	)
	return columns(), data, message


def columns() -> list[dict]:
	return [
		*division_columns(),
		int_column("evaluations", _("Evaluations")),
		int_column("satisfied_count", _("Satisfied (First Three Levels)"), 170),
		int_column("bad", _("Bad Reviews")),
		percent_column("satisfaction_rate", _("Satisfaction Rate")),
		int_column("bad_open", _("Bad Reviews Open"), 130),
		int_column("called_back", _("Called Back")),
	]

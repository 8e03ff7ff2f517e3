# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""What became of the applications: closures by outcome, terminations by Art 48 reason, refusals, withdrawals."""

import frappe
from frappe import _

from qh_legal_service.figure_reports import months_note, sums
from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	counts_by,
	division_cells,
	division_columns,
	division_names,
	group_column,
	int_column,
)
from qh_legal_service.rules.legal_aid_stats import (
	OUTCOME_FIGURES,
	OUTCOMES,
	RUNNING_STATES,
	TERMINATION_REASONS,
	TOTAL,
	outcomes,
	sums_by_group,
	total_sums,
)


def execute(filters: dict | None = None):
	"""Columns, one row per division of the chosen tier plus a total, a message and a chart."""
	filters = frappe._dict(filters or {})
	column = group_column(filters)
	groups = sums_by_group(
		sums(APPLICATION, filters, OUTCOME_FIGURES, [column, "figure", "category"]), column
	)
	running = counts_by(APPLICATION, column, filters, [["workflow_state", "in", RUNNING_STATES]])
	keys = sorted(dict.fromkeys([*groups, *running]), key=lambda key: (key is None, key or ""))
	rows = [outcomes(key, groups.get(key, {}), running.get(key, 0)) for key in keys]
	total = outcomes(TOTAL, total_sums(groups), sum(running.values()))
	names = division_names(row.group for row in rows)
	data = [report_row(row, names, filters) for row in [*rows, total]]
	message = " ".join(
		(
			months_note(filters),
			_(
				"Applications received, closed, terminated, refused, withdrawn and objected to in the period, "
				"each in the month it happened (a refusal upheld on objection is a refusal again). Still "
				"Running counts the applications open today, whenever received; an objection (Art 49) "
				"still pending keeps an application among them."
			),
		)
	)
	return columns(), data, message, chart(total)


def outcome_field(index: int) -> str:
	return f"outcome_{index}"


def reason_field(index: int) -> str:
	return f"termination_{index}"


def columns() -> list[dict]:
	return [
		*division_columns(),
		int_column("applications", _("Applications")),
		int_column("running", _("Still Running")),
		int_column("closed", _("Closed")),
		*(int_column(outcome_field(i), _(outcome), 140) for i, outcome in enumerate(OUTCOMES)),
		int_column("terminated", _("Terminated (Art 48)"), 150),
		*(int_column(reason_field(i), _(reason), 170) for i, reason in enumerate(TERMINATION_REASONS)),
		int_column("refused", _("Refused")),
		int_column("withdrawn", _("Withdrawn")),
		int_column("objections", _("Objections Filed (Art 49)"), 170),
	]


def report_row(row, names: dict, filters) -> dict:
	data = {
		**division_cells(row.group, names, filters),
		"applications": row.applications,
		"running": row.running,
		"closed": row.closed,
		"terminated": row.terminated,
		"refused": row.refused,
		"withdrawn": row.withdrawn,
		"objections": row.objections,
	}
	data.update({outcome_field(i): count for i, (_outcome, count) in enumerate(row.by_outcome)})
	data.update({reason_field(i): count for i, (_reason, count) in enumerate(row.by_termination_reason)})
	return data


def chart(total) -> dict:
	labels = [_("Still Running"), _("Closed"), _("Terminated"), _("Refused"), _("Withdrawn")]
	values = [total.running, total.closed, total.terminated, total.refused, total.withdrawn]
	return {
		"data": {"labels": labels, "datasets": [{"name": _("Applications"), "values": values}]},
		"type": "donut",
	}

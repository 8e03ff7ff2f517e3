# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""What became of the applications: closures by outcome, terminations by Art 48 reason, refusals, withdrawals."""

import frappe
from frappe import _

from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	AREA_FIELDS,
	area_and_period,
	division_cells,
	division_columns,
	division_names,
	get_scoped,
	group_column,
	int_column,
)
from qh_legal_service.rules.legal_aid_stats import OUTCOMES, TERMINATION_REASONS, outcomes_by_group

FIELDS = [
	"name",
	"workflow_state",
	"outcome",
	"termination_reason",
	"decided_on",
	"materials_requested_on",
	"assigned_on",
	"closed_on",
	"terminated_on",
	"objection_filed_on",
	*AREA_FIELDS,
]


def execute(filters: dict | None = None):
	"""Columns, one row per division of the chosen tier plus a total, a message and a chart."""
	filters = frappe._dict(filters or {})
	rows = get_scoped(APPLICATION, FIELDS, area_and_period(filters, "received_on"))
	groups = outcomes_by_group(rows, group_column(filters))
	total = outcomes_by_group(rows, None)
	names = division_names(group.group for group in groups)
	data = [report_row(group, names, filters) for group in groups + total]
	message = _(
		"What became of the applications received in the period. An objection (Art 49) still pending "
		"keeps an application among those still running."
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


def report_row(group, names: dict, filters) -> dict:
	row = {
		**division_cells(group.group, names, filters),
		"applications": group.applications,
		"running": group.running,
		"closed": group.closed,
		"terminated": group.terminated,
		"refused": group.refused,
		"withdrawn": group.withdrawn,
		"objections": group.objections,
	}
	row.update({outcome_field(i): group.by_outcome[outcome] for i, outcome in enumerate(OUTCOMES)})
	row.update(
		{reason_field(i): group.by_termination_reason[reason] for i, reason in enumerate(TERMINATION_REASONS)}
	)
	return row


def chart(total: list) -> dict | None:
	if not total:
		return None
	group = total[0]
	labels = [_("Still Running"), _("Closed"), _("Terminated"), _("Refused"), _("Withdrawn")]
	values = [group.running, group.closed, group.terminated, group.refused, group.withdrawn]
	return {
		"data": {"labels": labels, "datasets": [{"name": _("Applications"), "values": values}]},
		"type": "donut",
	}

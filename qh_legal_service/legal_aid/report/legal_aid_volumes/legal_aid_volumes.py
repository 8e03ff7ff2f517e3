# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Applications received, counted by matter type, special group, channel or division."""

import frappe
from frappe import _

from qh_legal_service.figure_reports import months_note, sums
from qh_legal_service.legal_aid.report.utils import (
	APPLICATION,
	division_names,
	group_column,
	group_label,
	int_column,
	percent_column,
)
from qh_legal_service.rules.legal_aid_stats import (
	DIMENSION_FIGURES,
	DIVISION,
	MATTER_TYPE,
	NO_SPECIAL_GROUP,
	SPECIAL_GROUP,
	sums_by_group,
	volumes,
)
from qh_legal_service.scoping import DIVISION as DIVISION_DOCTYPE


def execute(filters: dict | None = None):
	"""Columns, one row per value of the chosen dimension, a message and a chart."""
	filters = frappe._dict(filters or {})
	dimension = filters.get("dimension") or MATTER_TYPE
	if dimension not in DIMENSION_FIGURES:
		frappe.throw(_("Unknown dimension {0}").format(dimension))
	column = group_column(filters) if dimension == DIVISION else None
	figures = DIMENSION_FIGURES[dimension]
	# Every dimension's shares are of all received, so the receipts are read beside its own figures.
	figures = tuple(dict.fromkeys([*figures, *DIMENSION_FIGURES[DIVISION]]))
	rows = sums(APPLICATION, filters, figures, [*([column] if column else []), "figure", "category"])
	counted, received = volumes(sums_by_group(rows, column), dimension)
	labels = key_labels(dimension, [row.key for row in counted], filters)
	data = [
		{
			"key": labels[row.key],
			"division": row.key if dimension == DIVISION else None,
			"applications": row.applications,
			"share": row.share,
		}
		for row in counted
	]
	message = _("{0} applications received in the period.").format(received) + " " + months_note(filters)
	if dimension == SPECIAL_GROUP:
		message += " " + _("An application counts once for every special group it belongs to.")
		message += " " + _(
			"The groups are those every service counts; an Art 32 claim is listed beside them, and an "
			"application with a claim only counts under None of These Groups as well."
		)
	return columns(dimension), data, message, chart(data)


def key_labels(dimension: str, keys: list, filters) -> dict:
	"""What each counted value is called on screen."""
	if dimension == SPECIAL_GROUP:
		labels = {key: _(key) for key in keys}
		labels[NO_SPECIAL_GROUP] = _("None of These Groups")
		return labels
	if dimension == DIVISION:
		names = division_names(keys)
		return {key: group_label(key, names, filters) for key in keys}
	return {key: _(key) if key else _("Not Given") for key in keys}


def columns(dimension: str) -> list[dict]:
	key_column = {"fieldname": "key", "label": _(dimension), "fieldtype": "Data", "width": 320}
	division = {
		"fieldname": "division",
		"label": _("Division Code"),
		"fieldtype": "Link",
		"options": DIVISION_DOCTYPE,
		"width": 120,
	}
	return [
		key_column,
		*([division] if dimension == DIVISION else []),
		int_column("applications", _("Applications")),
		percent_column("share", _("Share of Applications (%)"), 180),
	]


def chart(data: list[dict]) -> dict:
	return {
		"data": {
			"labels": [row["key"] for row in data],
			"datasets": [{"name": _("Applications"), "values": [row["applications"] for row in data]}],
		},
		"type": "bar",
		"colors": ["#2490ef"],
	}

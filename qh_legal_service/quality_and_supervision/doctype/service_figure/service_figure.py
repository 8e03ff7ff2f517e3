# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe

from qh_legal_service.scoping import AreaScopedDocument

# The reads of the supervisors' reports: a service's figures at one level over a span of months, for the
# province (no area condition) or within one area column (the tier scope adds `prefecture = X`, …).
INDEXES = {
	"service_level_figure_month": ["service", "level", "figure", "month"],
	"prefecture_service_level_figure": ["prefecture", "service", "level", "figure", "month"],
	"county_service_level_figure": ["county", "service", "level", "figure", "month"],
	"township_service_level_figure": ["township", "service", "level", "figure", "month"],
}
# The indexes before the sums were kept at levels (dropped by a patch).
FORMER_INDEXES = (
	"service_figure_month",
	"service_figure_prefecture",
	"service_figure_county",
	"service_figure_township",
)


class ServiceFigure(AreaScopedDocument):
	"""A monthly sum of one figure of one service in one township, county or prefecture (its level),
	written only by figures.py."""


def on_doctype_update():
	"""Composite indexes for the reports' reads (a doctype's JSON declares single columns only)."""
	for index_name, columns in INDEXES.items():
		frappe.db.add_index("Service Figure", columns, index_name)

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe

from qh_legal_service.scoping import AreaScopedDocument

# The reads of the supervisors' reports: a service's figures over a span of months, for the province
# (no area condition) or within one area column (the tier scope adds `prefecture = X`, …).
INDEXES = {
	"service_figure_month": ["service", "figure", "month"],
	"service_figure_prefecture": ["prefecture", "service", "figure", "month"],
	"service_figure_county": ["county", "service", "figure", "month"],
	"service_figure_township": ["township", "service", "figure", "month"],
}


class ServiceFigure(AreaScopedDocument):
	"""A monthly sum of one figure of one service in one township, written only by figures.py."""


def on_doctype_update():
	"""Composite indexes for the reports' reads (a doctype's JSON declares single columns only)."""
	for index_name, columns in INDEXES.items():
		frappe.db.add_index("Service Figure", columns, index_name)

"""Unmark this app's reports that Frappe turned into prepared reports after a slow run.

`direct_reports.DirectReport` keeps them from being marked again.
"""

import frappe

from qh_legal_service.direct_reports import app_report_names


def execute():
	names = app_report_names()
	if names:
		frappe.db.set_value("Report", {"name": ["in", names]}, "prepared_report", 0, update_modified=False)

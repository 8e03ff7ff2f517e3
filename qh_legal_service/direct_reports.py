"""Every report of this app answers on the desk at once: none turns itself into a prepared report.

Frappe 15 starts a 15-second timer around each script report run (`Report.execute_script_report`);
when it fires, `enable_prepared_report` marks the report prepared in the database for good, and
from then on the desk queues every run of it for a background worker and shows a placeholder. A
site without a worker then never answers, and with one the supervisor still waits for a queue. This
app's reports are built to answer within the request, so they never start that timer.
"""

import frappe
from frappe.core.doctype.report.report import Report
from frappe.modules import scrub

APP = "qh_legal_service"


def is_app_report(module: str | None) -> bool:
	"""Whether a report of this module belongs to this app."""
	return bool(module) and frappe.local.module_app.get(scrub(module)) == APP


class DirectReport(Report):
	"""Frappe's Report, whose script reports of this app run without the prepared-report timer."""

	def execute_script_report(self, filters):
		if not is_app_report(self.module):
			return super().execute_script_report(filters)
		# Frappe starts the timer only for a report not marked prepared: mark this copy alone while it
		# runs (`run` has already chosen to answer directly), and nothing is written.
		marked, self.prepared_report = self.prepared_report, 1
		try:
			return super().execute_script_report(filters)
		finally:
			self.prepared_report = marked


def app_report_names() -> list[str]:
	"""The standard reports of this app's modules."""
	return frappe.get_all("Report", filters={"module": ["in", frappe.get_module_list(APP)]}, pluck="name")

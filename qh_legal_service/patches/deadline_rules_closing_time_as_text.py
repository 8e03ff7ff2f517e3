"""A Deadline Rule's *Office Closes At* was briefly a Time field, which Frappe fills with the time of day on
a new record: a rule added then would end every period at that moment. Keep only values written HH:MM."""

import frappe

from qh_legal_service.rules.deadlines import closing_time


def execute():
	for rule, closes_at in frappe.get_all("Deadline Rule", fields=["name", "closes_at"], as_list=True):
		try:
			closing_time(closes_at)
		except ValueError:
			frappe.db.set_value("Deadline Rule", rule, "closes_at", None, update_modified=False)

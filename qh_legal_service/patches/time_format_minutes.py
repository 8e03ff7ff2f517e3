"""Sites installed before: times in whole minutes, as the desk's date picker shows them (see install.py)."""

import frappe


def execute():
	if frappe.db.get_single_value("System Settings", "time_format") == "HH:mm:ss":
		frappe.db.set_single_value("System Settings", "time_format", "HH:mm")

"""Chart source: the applications of the user's area whose step is running, counted by step."""

import frappe
from frappe import _


@frappe.whitelist()
@frappe.read_only()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **kwargs) -> dict:
	"""Counts per current step, read through get_list (the user's area only), labelled in their language."""
	# Not cached: Frappe's chart cache is one per chart, shared by users of different areas.
	frappe.has_permission("Legal Aid Application", "read", throw=True)
	rows = frappe.get_list(
		"Legal Aid Application",
		filters={"current_step": ["is", "set"]},
		fields=["current_step", "count(*) as count"],
		group_by="current_step",
		order_by="count desc",
	)
	return {
		"labels": [_(row.current_step) for row in rows],
		"datasets": [{"name": _("Applications"), "values": [row.count for row in rows]}],
	}

"""Chart source: the ten counties of the user's area with the lowest equalisation index, last 12 months."""

import frappe
from frappe import _
from frappe.utils import add_months, nowdate

from qh_legal_service.quality_and_supervision.equalisation import equalisation_rows, least_served_first

LEAST_SERVED = 10


@frappe.whitelist()
@frappe.read_only()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **kwargs) -> dict:
	"""Index per county, lowest first: the whole months from 11 months ago to this one, the user's area only."""
	# Not cached: Frappe's chart cache is one per chart, shared by users of different areas.
	frappe.has_permission("Service Figure", "read", throw=True)
	today = nowdate()
	rows = equalisation_rows(None, add_months(today, -11), today)
	least = [row for row in least_served_first(rows) if row["index"] is not None][:LEAST_SERVED]
	return {
		"labels": [row["county_name"] for row in least],
		"datasets": [{"name": _("Equalisation Index"), "values": [row["index"] for row in least]}],
	}

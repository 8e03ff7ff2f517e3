"""The hotline desk's live counts that a number card's filter cannot express."""

import frappe
from frappe.utils import now_datetime

from qh_legal_service.rules import hotline as hl


def overdue_filters() -> dict:
	"""Work orders whose running step is past its due moment, now."""
	return {"current_due": ["<", now_datetime().strftime("%Y-%m-%d %H:%M:%S")]}


@frappe.whitelist()
def overdue(filters=None) -> dict:
	"""The overdue count of the work orders the user may read, and the list it links to."""
	frappe.has_permission(hl.DOCTYPE, "read", throw=True)
	overdue_now = overdue_filters()
	counted = frappe.get_list(hl.DOCTYPE, filters=overdue_now, fields=["count(*) as result"])
	return {
		"value": counted[0].result if counted else 0,
		"fieldtype": "Int",
		"route": ["List", hl.DOCTYPE],
		"route_options": overdue_now,
	}

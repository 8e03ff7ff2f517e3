"""The hotline desk's live counts that a number card's filter cannot express."""

import frappe
from frappe.utils import now_datetime

from qh_legal_service.rules import hotline as hl


def overdue_filters() -> dict:
	"""Work orders whose running step is past its due moment, now (a between, since Frappe compares an
	empty datetime as the year 1 and `<` alone would count the work orders with no running step)."""
	now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
	return {"current_due": ["between", ["2000-01-01 00:00:00", now]]}


@frappe.whitelist()
@frappe.read_only()
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

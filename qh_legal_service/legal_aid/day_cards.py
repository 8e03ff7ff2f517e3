"""Number cards of a clerk's day that a filter in the card's record cannot express."""

import frappe
from frappe.utils import now_datetime

APPLICATION = "Legal Aid Application"


# Frappe reads an empty datetime as the year 1 under `<`, which would count every application with no
# running step as overdue; a range from a day before any record keeps them out, in the card and its list.
SINCE_EVER = "1900-01-01 00:00:00"


def overdue_filters() -> dict:
	"""Applications whose running step is past its due moment, now."""
	return {"current_due": ["between", [SINCE_EVER, now_datetime().strftime("%Y-%m-%d %H:%M:%S")]]}


@frappe.whitelist()
@frappe.read_only()
def overdue(filters=None) -> dict:
	"""The overdue count of the applications the user may read, and the list it links to."""
	frappe.has_permission(APPLICATION, "read", throw=True)
	overdue_now = overdue_filters()
	counted = frappe.get_list(APPLICATION, filters=overdue_now, fields=["count(*) as result"])
	return {
		"value": counted[0].result if counted else 0,
		"fieldtype": "Int",
		"route": ["List", APPLICATION],
		"route_options": overdue_now,
	}

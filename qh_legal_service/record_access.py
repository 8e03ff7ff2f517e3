"""What Frappe tells about a record without opening it (its title, whether it exists, how many there are)
is told only of records the user may read.

Frappe's `get_link_title` and `validate_link` check the doctype, not the record, and
`frappe.client.get_count` checks nothing: a county clerk learned the applicant's name of another county's
application by its number, and anyone whether a number exists or how many records match a filter. These
overrides (hooks `override_whitelisted_methods`) answer as for a record that does not exist, for the
records of the people served; the service network's directory stays as Frappe answers it.
"""

import frappe
from frappe.client import get_safe_filters
from frappe.client import validate_link as frappe_validate_link
from frappe.desk.search import get_link_title as frappe_get_link_title

from qh_legal_service.scoping import area_doctypes

# Area records whose titles are public directory facts, linked across areas (an order handed on to another
# county's institution, a referral to another prefecture's notary office): Frappe's answers stand.
SERVICE_NETWORK = ("Legal Service Institution", "Service Point", "Legal Service Worker")


def told_freely(doctype: str) -> bool:
	"""Whether Frappe's own answer stands: not a record of a person served in an area."""
	return doctype in SERVICE_NETWORK or doctype not in area_doctypes()


def may_see(doctype: str, name: str) -> bool:
	"""Whether the record exists and the user may read or select it, by its own permission (area scope)."""
	if not frappe.db.exists(doctype, name):
		return False
	return frappe.has_permission(doctype, "read", doc=name) or frappe.has_permission(
		doctype, "select", doc=name
	)


@frappe.whitelist()
def get_link_title(doctype: str, docname: str):
	"""A link's title, for a record the user may see; otherwise its name, as if it had no title."""
	if told_freely(doctype) or may_see(doctype, docname):
		return frappe_get_link_title(doctype, docname)
	return docname


@frappe.whitelist()
def validate_link(doctype: str, docname: str, fields=None):
	"""Frappe's link check, answering "no such record" for one the user may not see."""
	if told_freely(doctype) or not isinstance(docname, str) or may_see(doctype, docname):
		return frappe_validate_link(doctype, docname, fields)
	return frappe._dict(name=None)


@frappe.whitelist()
def get_count(doctype: str, filters=None, debug=False, cache=False) -> int:
	"""`frappe.client.get_count` with the list's permissions and scope: what the user could list."""
	rows = frappe.get_list(doctype, filters=get_safe_filters(filters), fields=["count(*) as count"])
	return int(rows[0].count) if rows else 0

"""The desk's whole-area counts read from the figures: the sidebar's group-by counts and the list's count.

At a million records, counting a county's, a prefecture's or the province's records by state (the
sidebar) or in all (the list's exact count) reads one index entry per record of the area, whatever the
index. Each service with a desk keeps, in `Service Figure`, its records counted by the current value
of its desk's state and sidebar fields (`rules.figures.CURRENT_MONTH`, `FigureSource.current`), moved on
every save: these overrides of Frappe's two whitelisted methods answer an unfiltered group-by count and
an unfiltered exact count (not the footer's estimate, which reads at most 1,001 entries) from those
sums, through `figure_sums` (so the reader's area scope applies as to any area record), and leave
every other request, and every reader the sums cannot answer for, to Frappe's own functions.
"""

import frappe
from frappe.desk import listview, reportview
from frappe.permissions import get_role_permissions

from qh_legal_service.figures import FIGURE, figure_sums
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import CURRENT_MONTH, current_figure
from qh_legal_service.scoping import DIVISION, get_permitted_nodes, is_portal_user, is_unscoped

# The sidebar shows at most this many values of a field, as Frappe's get_group_by_count does.
SIDEBAR_LIMIT = 50
# Fields Frappe counts in its own way (ToDo assignments; the user's own records first).
FRAPPE_FIELDS = frozenset({"assigned_to", "owner"})
# Fields whose values are numbers in the database (the sums keep them as text).
NUMBER_TYPES = frozenset({"Check", "Int"})


def current_fields(doctype: str) -> tuple[str, ...]:
	"""The fields of `doctype` counted by their current value (empty for a doctype not counted so)."""
	source = FIGURE_SOURCES.get(doctype)
	return source.current if source else ()


def sums_answer_for(doctype: str, user: str | None = None) -> bool:
	"""Whether the current sums count, for this user, exactly the records Frappe's list would.

	The sums are kept per township and scoped like every area record, so they answer for a reader whose
	only limit on the doctype is the area: not a village-tier reader (a village's records are summed into
	its township), a portal user or a role reading only its own records (if_owner), nor a reader with
	User Permissions on anything but divisions. The reader must be allowed to read both the doctype and
	the sums.
	"""
	user = user or frappe.session.user
	if not current_fields(doctype) or is_portal_user(user):
		return False
	if not frappe.has_permission(doctype, "read", user=user) or not frappe.has_permission(
		FIGURE, "read", user=user
	):
		return False
	if is_unscoped(user):
		return True
	if "read" in get_role_permissions(frappe.get_meta(doctype), user=user).get("if_owner", {}):
		return False
	if set(frappe.permissions.get_user_permissions(user)) - {DIVISION}:
		return False
	nodes = get_permitted_nodes(user, doctype)
	return bool(nodes) and all(node.tier != "Village" for node in nodes)


def _no_filters(filters) -> bool:
	filters = frappe.parse_json(filters) if isinstance(filters, str) else filters
	return not filters


def current_counts(doctype: str, field: str) -> list[dict]:
	"""[{"name", "count"}] of the reader's records of `doctype` by the current value of `field`, most first."""
	rows = figure_sums(doctype, [current_figure(field)], CURRENT_MONTH, CURRENT_MONTH, group_by=["category"])
	number = frappe.get_meta(doctype).get_field(field)
	number = bool(number and number.fieldtype in NUMBER_TYPES)
	counts = [
		{"name": _value(row.category, number), "count": int(row.records or 0)}
		for row in rows
		if int(row.records or 0) > 0
	]
	counts.sort(key=lambda row: -row["count"])
	return [frappe._dict(row) for row in counts[:SIDEBAR_LIMIT]]


def _value(category: str, number: bool):
	"""The value a category stands for, as Frappe's query returns it ("" is a field not set: None)."""
	if category == "" or category is None:
		return None
	return int(category) if number else category


@frappe.whitelist()
@frappe.read_only()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""Frappe's sidebar count: from the current sums when unfiltered and counted so, else Frappe's own."""
	if (
		field not in FRAPPE_FIELDS
		and field in current_fields(doctype)
		and _no_filters(current_filters)
		and sums_answer_for(doctype)
	):
		return current_counts(doctype, field)
	return listview.get_group_by_count(doctype, current_filters, field)


@frappe.whitelist()
@frappe.read_only()
def get_count() -> int:
	"""Frappe's list count: the exact count, unfiltered, is the sum of the state's current sums; any other
	count is Frappe's own."""
	form = frappe.local.form_dict
	doctype = form.get("doctype")
	fields = current_fields(doctype) if doctype else ()
	if (
		fields
		and _no_filters(form.get("filters"))
		and _no_filters(form.get("or_filters"))
		and not form.get("group_by")
		# The footer's estimate (at most `limit`, 1,001: "1,000+") reads 1,001 index entries, faster than
		# the sums: only the exact count, when the user clicks for it, reads these.
		and not frappe.utils.cint(form.get("limit"))
		and not frappe.utils.sbool(form.get("distinct"))
		and sums_answer_for(doctype)
	):
		rows = figure_sums(doctype, [current_figure(fields[0])], CURRENT_MONTH, CURRENT_MONTH)
		return sum(int(row.records or 0) for row in rows)
	return reportview.get_count()

"""Tier scoping on the site: reads User Permissions and applies `rules.scope` to queries and documents.

Administrators say who may see what with Frappe's standard User Permission on
`Administrative Division`. This module turns those permissions into one indexed equality per
permitted node (see `rules.scope`), for list, report and link queries and for single documents.
"""

import frappe
from frappe.model.db_query import DatabaseQuery
from frappe.model.document import Document
from frappe.utils.caching import request_cache

from qh_legal_service.field_access import keep_citizen_to_allowed_fields
from qh_legal_service.rules.scope import (
	AREA_COLUMNS,
	PermittedNode,
	area_columns,
	record_in_scope,
	scope_filters,
	sql_condition,
)

DIVISION = "Administrative Division"
UNSCOPED_ROLES = frozenset({"System Manager"})
AREA_PATH_CACHE_KEY = "qh_legal_service:area_path"


def is_unscoped(user: str) -> bool:
	"""Administrators see every area; scoping is for staff."""
	return user == "Administrator" or bool(UNSCOPED_ROLES.intersection(frappe.get_roles(user)))


def is_portal_user(user: str) -> bool:
	"""Citizens on the portal: their roles grant only their own records (if_owner), never an area."""
	return frappe.db.get_value("User", user, "user_type", cache=True) == "Website User"


@request_cache
def get_permitted_nodes(user: str, doctype: str | None = None) -> tuple[PermittedNode, ...]:
	"""The divisions a user is permitted at, from their User Permissions that apply to `doctype`."""
	permission = frappe.qb.DocType("User Permission")
	division = frappe.qb.DocType(DIVISION)
	query = (
		frappe.qb.from_(permission)
		.join(division)
		.on(division.name == permission.for_value)
		.select(division.name, division.tier)
		.where((permission.user == user) & (permission.allow == DIVISION))
	)
	if doctype:
		query = query.where(
			(permission.apply_to_all_doctypes == 1)
			| (permission.applicable_for.isnull())
			| (permission.applicable_for == "")
			| (permission.applicable_for == doctype)
		)
	return tuple(PermittedNode(code, tier) for code, tier in query.run())


def clear_permitted_nodes_cache(doc: Document | None = None, method: str | None = None) -> None:
	"""Forget this request's permitted nodes when a User Permission changes (doc_events hook)."""
	cache = getattr(frappe.local, "request_cache", None)
	if cache is not None:
		cache.pop(get_permitted_nodes.__wrapped__, None)


def get_area_path(division: str) -> dict[str, str]:
	"""Map each tier to the code of `division`'s ancestor (or itself) at that tier."""
	cached = frappe.cache.hget(AREA_PATH_CACHE_KEY, division)
	if cached is not None:
		return cached
	bounds = frappe.db.get_value(DIVISION, division, ["lft", "rgt"])
	if not bounds:
		return {}
	table = frappe.qb.DocType(DIVISION)
	rows = (
		frappe.qb.from_(table)
		.select(table.tier, table.name)
		.where((table.lft <= bounds[0]) & (table.rgt >= bounds[1]))
		.run()
	)
	path = {tier: code for tier, code in rows}
	frappe.cache.hset(AREA_PATH_CACHE_KEY, division, path)
	return path


def clear_area_path_cache() -> None:
	"""Forget cached ancestor paths after the division tree changes."""
	frappe.cache.delete_value(AREA_PATH_CACHE_KEY)


def area_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions hook for every area record: one indexed equality per node."""
	user = user or frappe.session.user
	if not doctype or is_unscoped(user) or is_portal_user(user):
		return ""
	filters = scope_filters(get_permitted_nodes(user, doctype))
	return sql_condition(f"tab{doctype}", filters, frappe.db.escape)


def area_has_permission(doc: Document, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission hook for every area record: deny a document outside the user's area."""
	user = user or frappe.session.user
	if is_unscoped(user) or is_portal_user(user):
		return None
	division = doc.get("division")
	if not division and ptype == "create":
		# A blank new form; the division is mandatory and checked again when it is saved.
		return None
	nodes = get_permitted_nodes(user, doc.doctype)
	return record_in_scope(division, get_area_path(division) if division else {}, nodes)


def division_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for the division tree itself: the user's subtrees, by lft/rgt.

	Citizens on the portal may look up any division: they pick their own village in a form.
	"""
	user = user or frappe.session.user
	if is_unscoped(user) or is_portal_user(user):
		return ""
	nodes = get_permitted_nodes(user, DIVISION)
	if scope_filters(nodes) is None:
		return ""
	bounds = [frappe.db.get_value(DIVISION, node.code, ["lft", "rgt"]) for node in nodes]
	ranges = [
		f"(`tab{DIVISION}`.lft >= {int(lft)} and `tab{DIVISION}`.rgt <= {int(rgt)})" for lft, rgt in bounds
	]
	return "(" + " or ".join(ranges) + ")" if ranges else "1=0"


def division_has_permission(doc: Document, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission for a division: the user's permitted nodes and everything below them."""
	user = user or frappe.session.user
	if is_unscoped(user) or is_portal_user(user):
		return None
	return record_in_scope(doc.name, get_area_path(doc.name), get_permitted_nodes(user, DIVISION))


def area_doctypes() -> list[str]:
	"""The doctypes this app scopes by area, as declared in hooks.py."""
	method = "qh_legal_service.scoping.area_has_permission"
	return [doctype for doctype, methods in frappe.get_hooks("has_permission").items() if method in methods]


def file_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for File, added to Frappe's own: attachments of area records list
	only for users who may see the record. Frappe's rule admits any file attached to a readable doctype.
	"""
	user = user or frappe.session.user
	if is_unscoped(user) or is_portal_user(user):
		return ""
	scoped = []
	for area_doctype in area_doctypes():
		condition = area_query_conditions(user, area_doctype)
		records = f"select `name` from `tab{area_doctype}` where {condition}" if condition else None
		if records:
			scoped.append(
				f"(`tabFile`.`attached_to_doctype` = {frappe.db.escape(area_doctype)}"
				f" and `tabFile`.`attached_to_name` in ({records}))"
			)
	if not scoped:
		return ""
	others = ", ".join(frappe.db.escape(dt) for dt in area_doctypes())
	return f"(ifnull(`tabFile`.`attached_to_doctype`, '') not in ({others}) or " + " or ".join(scoped) + ")"


class AreaTableRow(Document):
	"""A row of an area record's table (a party, a step, a pause): on its own it is read or changed only
	by those who may read or change its record.

	Frappe checks a row loaded on its own (`frappe.client.get`, `getdoc`) against its parent doctype only,
	not the record it belongs to: a county clerk could read another county's parties by row name.
	"""

	def has_permission(self, permtype="read", *, debug=False, user=None) -> bool:
		if (
			self.flags.ignore_permissions
			or self.parent_doc is not None
			or not (self.parenttype and self.parent)
		):
			return super().has_permission(permtype, debug=debug, user=user)
		return frappe.has_permission(self.parenttype, permtype, doc=self.parent, user=user, debug=debug)


def child_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for the tables of area records (parties, steps, pauses …): a row lists
	only when the record it belongs to lists for the user. Frappe checks a table's parent doctype, not
	the parent record, when a table is listed by `parent` (get_list, reportview, frappe.client.get_value).
	"""
	user = user or frappe.session.user
	if not doctype or is_unscoped(user):
		return ""
	table = f"`tab{doctype}`"
	rows = []
	for parent in parent_doctypes(doctype):
		of_parent = f"{table}.`parenttype` = {frappe.db.escape(parent)}"
		condition = readable_records_condition(parent, user)
		if condition:
			of_parent += (
				f" and {table}.`parent` in (select `tab{parent}`.`name` from `tab{parent}` where {condition})"
			)
		rows.append(f"({of_parent})")
	return "(" + " or ".join(rows) + ")" if rows else "1=0"


@request_cache
def parent_doctypes(child: str) -> list[str]:
	"""The doctypes with a table of `child` rows."""
	return frappe.get_all(
		"DocField",
		filters={
			"fieldtype": ["in", ["Table", "Table MultiSelect"]],
			"options": child,
			"parenttype": "DocType",
		},
		pluck="parent",
		distinct=True,
	)


def readable_records_condition(doctype: str, user: str) -> str:
	"""SQL for the records of `doctype` the user may list, as Frappe's own list query decides (user
	permissions, owner-only rules, shares and this app's area conditions); "" for all, "1=0" for none."""
	if not frappe.has_permission(doctype, "read", user=user) and not frappe.share.get_shared(doctype, user):
		return "1=0"
	query = DatabaseQuery(doctype, user=user)
	query.tables = [f"`tab{doctype}`"]
	parts = [query.build_match_conditions(), *query.conditions]
	return " and ".join(f"({part})" for part in parts if part)


def add_area_indexes(doctype: str) -> None:
	"""Index each scope column with the list order, and with status where the doctype has one."""
	has_status = frappe.get_meta(doctype).has_field("status")
	for column in ("division", *AREA_COLUMNS):
		frappe.db.add_index(doctype, [column, "modified"], f"{column}_modified_index")
		if has_status:
			frappe.db.add_index(doctype, [column, "status"], f"{column}_status_index")


class AreaScopedDocument(Document):
	"""Base for records that belong to an area: fills the tier columns from the division."""

	def before_validate(self):
		keep_citizen_to_allowed_fields(self)
		self.set_area_columns()

	def set_area_columns(self):
		"""Copy the division's prefecture, county and township codes onto the record."""
		self.update(area_columns(get_area_path(self.division) if self.division else {}))

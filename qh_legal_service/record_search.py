"""Link search and the search bar for every service: a record by its number, a person's name, phone or
resident ID, each through an index, within the user's area, with resident IDs masked for roles that have
no need of them.

Frappe's own link search (`frappe.desk.search.search_widget`) matches `like '%text%'` over the name, the
title and the search fields: no index serves a leading wildcard, so at a million records each keystroke
reads the whole table. Its search bar (`frappe.utils.global_search.search`) matches a full-text index, but
over every record of a doctype, whatever the user's area. Here each lookup the typed text stands for
(`rules.record_search.lookups`) is its own `frappe.get_list` query, an equality or a prefix on one indexed
column, with Frappe's permission and area conditions, ordered by that column so that it stops at the page.
"""

import frappe
from frappe import _
from frappe.utils.data import make_filter_tuple

from qh_legal_service.rules.record_search import (
	NUMBER,
	PREFIX_KINDS,
	SEARCHES,
	Lookup,
	RecordSearch,
	like_prefix,
	lookups,
	mask_resident_id,
)


def targets(doctype: str, search: RecordSearch, kind: str) -> list[tuple[str, str]]:
	"""The (table's doctype, column) pairs a lookup of this kind matches."""
	found = [(doctype, column) for column in search.record.columns(kind)]
	if kind == NUMBER:
		found.insert(0, (doctype, "name"))
	if search.parties:
		found.extend((search.parties.doctype, column) for column in search.parties.fields.columns(kind))
	return found


def as_filter_list(doctype: str, filters) -> list:
	"""The caller's filters (a link field's own, as a dict or a list) as a list of filter rows."""
	if not filters:
		return []
	if isinstance(filters, dict):
		return [make_filter_tuple(doctype, key, value) for key, value in filters.items()]
	return list(filters)


def matching_names(doctype: str, text: str, filters=None, limit: int = 10) -> list[str]:
	"""The numbers of up to `limit` records the user may read that match `text`, best lookups first."""
	search = SEARCHES[doctype]
	base = as_filter_list(doctype, filters)
	if not (text or "").strip():
		# A link field just focused: the latest records, as Frappe's own search offers them.
		return frappe.get_list(
			doctype,
			filters=base,
			order_by=f"`tab{doctype}`.`modified` desc",
			limit_page_length=limit,
			pluck="name",
		)
	names: list[str] = []
	for lookup in lookups(text, search.series):
		for table, column in targets(doctype, search, lookup.kind):
			for name in run_lookup(doctype, table, column, lookup, base, limit):
				if name not in names:
					names.append(name)
			if len(names) >= limit:
				return names[:limit]
	return names


def run_lookup(doctype: str, table: str, column: str, lookup: Lookup, base: list, limit: int, run=True):
	"""One indexed query: the records whose `column` (of `table`, the doctype's or its parties') matches."""
	if lookup.kind in PREFIX_KINDS:
		condition = [table, column, "like", like_prefix(lookup.value)]
		# The column's own order reads its index from the prefix on and stops at the page.
		order_by = f"`tab{table}`.`{column}` asc"
	else:
		condition = [table, column, "=", lookup.value]
		order_by = f"`tab{doctype}`.`name` desc"
	if column == "name" and table == doctype:
		order_by = f"`tab{doctype}`.`name` desc"  # the newest number first
	return frappe.get_list(
		doctype,
		filters=[*base, condition],
		fields=[f"`tab{doctype}`.`name`"],
		order_by=order_by,
		limit_page_length=limit,
		distinct=table != doctype,
		pluck="name" if run else None,
		run=run,
	)


def needs_resident_ids(doctype: str) -> bool:
	"""Whether the user's roles handle this service's people: they may write the ID's permission level.

	Reading roles (supervisors, the hotline on a legal aid case, a township office following a case)
	see a resident ID masked in search results; a role that may change it sees it whole.
	"""
	search = SEARCHES[doctype]
	if not search.shown_id:
		return False
	meta = frappe.get_meta(doctype)
	level = meta.get_field(search.shown_id).permlevel
	return level in meta.get_permlevel_access("write")


def results(doctype: str, names: list[str]) -> list[frappe._dict]:
	"""What a result shows of each record: its number, the person, and ID, phone and place."""
	if not names:
		return []
	search = SEARCHES[doctype]
	shown = [search.shown_id, search.shown_phone, search.place]
	fields = ["name", search.person, *[field for field in shown if field]]
	rows = {row.name: row for row in frappe.get_list(doctype, filters={"name": ["in", names]}, fields=fields)}
	whole = needs_resident_ids(doctype)
	found = []
	for name in names:
		row = rows.get(name)
		if not row:
			continue
		resident_id = row.get(search.shown_id) if search.shown_id else None
		if resident_id and not whole:
			resident_id = mask_resident_id(resident_id)
		found.append(
			frappe._dict(
				name=name,
				person=row.get(search.person),
				resident_id=resident_id,
				phone=row.get(search.shown_phone) if search.shown_phone else None,
				place=row.get(search.place) if search.place else None,
			)
		)
	return found


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search_records(
	doctype, txt, searchfield, start, page_len, filters, as_dict=False, reference_doctype=None
):
	"""Link search (`standard_queries`) for every service doctype.

	Each result is the number, then the person (the link's label) and a description of ID, phone and place.
	"""
	if doctype not in SEARCHES:
		return []
	names = matching_names(doctype, txt, filters, start + page_len)[start:]
	found = [
		(
			row.name,
			row.person or row.name,
			*[value for value in (row.resident_id, row.phone, row.place) if value],
		)
		for row in results(doctype, names)
	]
	if as_dict:
		return [frappe._dict(name=row[0], label=row[1], description=", ".join(row[2:])) for row in found]
	return found


@frappe.whitelist()
def global_search(text: str, start: int = 0, limit: int = 20, doctype: str = ""):
	"""The search bar's "Search for ...": Frappe's full-text search for other doctypes, and for the
	services the same indexed, area-scoped lookups as their link search (never their full-text rows,
	which know no area)."""
	from frappe.utils.global_search import search as frappe_search

	start, limit = int(start or 0), int(limit or 20)
	found = []
	if doctype not in SEARCHES:
		found = [row for row in frappe_search(text, start, limit, doctype) if row.doctype not in SEARCHES]
	services = [doctype] if doctype in SEARCHES else ([] if doctype else list(SEARCHES))
	for service in services:
		if not frappe.has_permission(service, "read"):
			continue
		names = matching_names(service, text, limit=start + limit)[start:]
		found.extend(global_search_row(service, row) for row in results(service, names))
	return found


def global_search_row(doctype: str, row: frappe._dict) -> frappe._dict:
	"""A result in the shape of Frappe's `__global_search` rows (`label : value` parts joined by ` ||| `)."""
	parts = [
		(_("Name"), row.person),
		(_("Resident ID Number"), row.resident_id),
		(_("Phone"), row.phone),
		(_("Place"), row.place),
	]
	content = " ||| ".join(f"{label} : {value}" for label, value in parts if value)
	return frappe._dict(doctype=doctype, name=row.name, content=content, rank=1)

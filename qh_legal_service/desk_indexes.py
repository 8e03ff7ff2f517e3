"""Adds the desk's composite indexes (`rules.desk_indexes.DESK_INDEXES`) to the service tables.

A doctype's JSON can only index single fields (search_index), so the composite ones are added here,
after install and after every migrate. Adding is idempotent: an index already there with the declared
columns is left alone, one of that name with other columns is rebuilt.
"""

import frappe

from qh_legal_service.rules.desk_indexes import DESK_INDEXES


def index_columns(doctype: str, name: str) -> tuple[str, ...]:
	"""The columns of index `name` on the doctype's table, in order; () when there is none."""
	rows = frappe.db.sql(f"show index from `tab{doctype}` where Key_name = %s", name, as_dict=True)
	return tuple(row.Column_name for row in sorted(rows, key=lambda row: row.Seq_in_index))


def add_desk_indexes() -> None:
	"""Give every service table its declared desk indexes."""
	for doctype, indexes in DESK_INDEXES.items():
		if not frappe.db.table_exists(doctype):
			continue
		for name, columns in indexes.items():
			present = index_columns(doctype, name)
			if present == columns:
				continue
			if present:
				frappe.db.sql_ddl(f"alter table `tab{doctype}` drop index `{name}`")
			frappe.db.add_index(doctype, list(columns), name)

"""What the legal aid reports share: their filters, scoped reads and division names.

The reports read the stored figures and the current-state counts through `qh_legal_service.figure_reports`
(whole months, the chosen division); `counts_by` keys such a count by its one area column.
"""

import frappe
from frappe import _
from frappe.utils import get_datetime, getdate, nowdate

from qh_legal_service.figure_reports import current_counts, default_period
from qh_legal_service.rules.legal_aid_stats import TOTAL
from qh_legal_service.rules.scope import AREA_COLUMN_BY_TIER, SCOPE_COLUMN_BY_TIER
from qh_legal_service.scoping import DIVISION

APPLICATION = "Legal Aid Application"
CALLBACK = "Legal Aid Callback"
AREA_FIELDS = ("prefecture", "county", "township")


def group_column(filters) -> str:
	"""The area column of the tier chosen in Group By (Prefecture by default)."""
	return AREA_COLUMN_BY_TIER.get(filters.get("group_by") or "Prefecture", "prefecture")


def area_and_period(filters, date_field: str) -> list[list]:
	"""List filters for the chosen division's subtree and the period on `date_field`."""
	from_date = getdate(filters.get("from_date") or default_period()[0])
	to_date = getdate(filters.get("to_date") or nowdate())
	conditions = [
		[date_field, ">=", get_datetime(f"{from_date} 00:00:00")],
		[date_field, "<=", get_datetime(f"{to_date} 23:59:59")],
	]
	if root := filters.get("division"):
		tier = frappe.db.get_value(DIVISION, root, "tier")
		if tier and tier in SCOPE_COLUMN_BY_TIER:
			conditions.append([SCOPE_COLUMN_BY_TIER[tier], "=", root])
	return conditions


def counts_by(doctype: str, column: str, filters, conditions: list) -> dict[str | None, int]:
	"""Records matching `conditions` now, in the chosen division and the user's scope, by `column` (one
	GROUP BY in the database); records above the column's tier count under None."""
	counts: dict[str | None, int] = {}
	for row in current_counts(doctype, filters, conditions, [column]):
		key = row.get(column) or None
		counts[key] = counts.get(key, 0) + int(row["count"])
	return counts


def division_names(codes) -> dict[str, str]:
	"""Display names of division codes (division names are public)."""
	codes = [code for code in set(codes) if code and code != TOTAL]
	if not codes:
		return {}
	rows = frappe.get_all(DIVISION, filters={"name": ["in", codes]}, fields=["name", "division_name"])
	return {row.name: row.division_name for row in rows}


def group_label(code: str | None, names: dict[str, str], filters) -> str:
	"""A group's name; records above the chosen tier are labelled as such."""
	if code == TOTAL:
		return _("Total")
	if code is None:
		return _("Above {0} Level").format(_(filters.get("group_by") or "Prefecture"))
	return names.get(code) or code


def division_columns() -> list[dict]:
	return [
		{
			"fieldname": "division",
			"label": _("Division"),
			"fieldtype": "Link",
			"options": DIVISION,
			"width": 110,
		},
		{"fieldname": "division_name", "label": _("Division Name"), "fieldtype": "Data", "width": 180},
	]


def division_cells(code: str | None, names: dict[str, str], filters) -> dict:
	return {
		"division": code if code not in (None, TOTAL) else None,
		"division_name": group_label(code, names, filters),
	}


def int_column(fieldname: str, label: str, width: int = 110) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}


def percent_column(fieldname: str, label: str, width: int = 130) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Percent", "width": width}

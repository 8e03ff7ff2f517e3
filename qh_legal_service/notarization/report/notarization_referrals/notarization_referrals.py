# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Notarization referrals by notary office or division: accepted, refused, certificates issued within
15 working days (公证法 Art 30, the `finished_in_time` fact stored at issue) and fee relief granted.

Counted in the database with GROUP BY over the rows the user's tier may read (frappe.get_list applies
the scope).
"""

import frappe
from frappe import _

from qh_legal_service.legal_aid.report.utils import area_and_period, division_names
from qh_legal_service.rules import notarization as nt

GROUP_COLUMNS = {"Notary Office": "notary_office", "Prefecture": "prefecture", "County": "county"}
# Each aggregate counts a stamp (set once the state was entered) or sums a stored 0/1 fact.
AGGREGATES = (
	"count(name) as referrals",
	"count(accepted_on) as accepted",
	"count(refused_on) as refused",
	"count(issued_on) as issued",
	"sum(finished_in_time) as in_time",
	"sum(fee_relief) as fee_relief",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	column = GROUP_COLUMNS.get(filters.get("group_by") or "Notary Office", "notary_office")
	conditions = area_and_period(filters, "referred_on")
	groups = counts(conditions, column)
	total = counts(conditions, None)
	names = group_names(column, [row.group for row in groups])
	data = [report_row(row, names) for row in groups]
	if total:
		data.append(report_row(total[0], {}, label=_("Total")))
	message = _(
		"Referrals made in the period. In time: certificates issued within 15 working days of acceptance, "
		"time paused for supplementary materials, verification or force majeure not counted (公证法 Art 30)."
	)
	return columns(filters), data, message


def counts(conditions: list, column: str | None) -> list[dict]:
	"""One row of counts per value of `column` (one row in all when None), in the database."""
	fields = list(AGGREGATES)
	# Grouped by an expression, not the bare column: MariaDB would otherwise read the rows in the order
	# of the (column, modified) scope index to skip the sort, one primary-key lookup per row (45 s instead
	# of 1.5 s at 1,000,000 referrals; benchmarks/notarization_report_benchmark.py).
	group = f"trim({column})" if column else None
	if group:
		fields.insert(0, f"{group} as `group`")
	rows = frappe.get_list(
		nt.DOCTYPE, filters=conditions, fields=fields, group_by=group, order_by=None, limit_page_length=0
	)
	for row in rows:
		row["group"] = row.get("group") or None
	return sorted(rows, key=lambda row: row.get("group") or "")


def group_names(column: str, codes: list) -> dict:
	if column != "notary_office":
		return division_names(codes)
	codes = [code for code in codes if code]
	if not codes:
		return {}
	rows = frappe.get_all(
		"Legal Service Institution", filters={"name": ["in", codes]}, fields=["name", "institution_name"]
	)
	return {row.name: row.institution_name for row in rows}


def report_row(row, names: dict, label: str | None = None) -> dict:
	group = row.get("group")
	issued = int(row.issued or 0)
	return {
		"group": group,
		"group_name": label or names.get(group) or group or _("Not Yet Assigned"),
		"referrals": int(row.referrals or 0),
		"accepted": int(row.accepted or 0),
		"acceptance_share": nt.share(int(row.accepted or 0), int(row.referrals or 0)),
		"refused": int(row.refused or 0),
		"issued": issued,
		"in_time": int(row.in_time or 0),
		"in_time_share": nt.share(int(row.in_time or 0), issued),
		"fee_relief": int(row.fee_relief or 0),
	}


def columns(filters) -> list[dict]:
	def number(fieldname, label, fieldtype="Int", width=120):
		return {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}

	return [
		{
			"fieldname": "group",
			"label": _(filters.get("group_by") or "Notary Office"),
			"fieldtype": "Data",
			"width": 110,
		},
		{"fieldname": "group_name", "label": _("Name"), "fieldtype": "Data", "width": 200},
		number("referrals", _("Referrals")),
		number("accepted", _("Accepted")),
		number("acceptance_share", _("Accepted (%)"), "Percent"),
		number("refused", _("Refused")),
		number("issued", _("Certificates Issued"), width=150),
		number("in_time", _("Issued within 15 Working Days"), width=200),
		number("in_time_share", _("Issued in Time (%)"), "Percent", 150),
		number("fee_relief", _("Fee Relief Granted"), width=150),
	]

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Notarization referrals by notary office or division: accepted, refused, certificates issued within
15 working days (公证法 Art 30, the `finished_in_time` fact stored at issue) and fee relief granted.

Read from the supervision figures (`figure_sources.NOTARIZATION`, each counted by notary office): referrals
and fee relief in the month of the referral, acceptances, refusals and issues in their own month; whole
months, in the reader's area only.
"""

import frappe
from frappe import _

from qh_legal_service.figure_reports import months_note, sums
from qh_legal_service.legal_aid.report.utils import division_names
from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import notarization as nt

GROUP_COLUMNS = {"Notary Office": "notary_office", "Prefecture": "prefecture", "County": "county"}
# Each report count: the figure counting it.
COUNTS = {
	"referrals": fs.REFERRED,
	"accepted": fs.ACCEPTED,
	"refused": fs.REFUSED,
	"issued": fs.ISSUED,
	"in_time": fs.ISSUED_IN_TIME,
	"fee_relief": fs.FEE_RELIEF,
}
KEY_OF_FIGURE = {figure: key for key, figure in COUNTS.items()}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	column = GROUP_COLUMNS.get(filters.get("group_by") or "Notary Office", "notary_office")
	groups = counts(filters, column)
	names = group_names(column, [row.group for row in groups])
	data = [report_row(row, names) for row in groups]
	if groups:
		total = frappe._dict({key: sum(row[key] for row in groups) for key in COUNTS})
		data.append(report_row(total, {}, label=_("Total")))
	message = " ".join(
		(
			_(
				"Referrals made in the period. In time: certificates issued within 15 working days of acceptance, "
				"time paused for supplementary materials, verification or force majeure not counted (公证法 Art 30)."
			),
			months_note(filters),
		)
	)
	return columns(filters), data, message


def counts(filters, column: str) -> list[frappe._dict]:
	"""One row of counts per notary office (the figures' category) or per area column, from the figures."""
	by_office = column == "notary_office"
	rows: dict[str | None, frappe._dict] = {}
	for fig in sums(
		nt.DOCTYPE, filters, list(COUNTS.values()), ["figure", "category" if by_office else column]
	):
		group = (fig.category if by_office else fig.get(column)) or None
		row = rows.setdefault(group, frappe._dict({"group": group, **dict.fromkeys(COUNTS, 0)}))
		row[KEY_OF_FIGURE[fig.figure]] += int(fig.records or 0)
	return [rows[group] for group in sorted(rows, key=lambda group: group or "")]


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

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Special Groups (§(四) of the seed): per special group, per service and in all, the records received,
the steps ended, the share of them in time and their average days, from the supervision figures GROUP
and GROUP_STEP; split by the divisions of a tier when asked (drill down with Within Division)."""

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, get_last_day, nowdate

from qh_legal_service.figure_reports import default_period
from qh_legal_service.legal_aid.report.utils import division_names
from qh_legal_service.quality_and_supervision.equalisation import month_span
from qh_legal_service.quality_and_supervision.special_groups import (
	ALL_SERVICES,
	group_label,
	group_services,
	service_label,
	special_group_rows,
	tier_label,
)
from qh_legal_service.rules.figures import NO_GROUP


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	start, end = month_span(
		filters.get("from_date") or default_period()[0], filters.get("to_date") or nowdate()
	)
	services = group_services()
	service = filters.get("service") or None
	tier = filters.get("group_by") or None
	if service and service not in services:
		return (
			columns(tier),
			[],
			escape_html(_("{0} is not counted by special group yet.").format(service_label(service))),
		)
	rows = special_group_rows(filters.get("division"), start, end, service, tier)
	names = division_names(row["area"] for row in rows) if tier else {}
	data = [
		{
			"division": row["area"],
			"division_name": names.get(row["area"])
			or (_("Above {0} Level").format(tier_label(tier)) if tier else ""),
			"group": group_label(row["group"]),
			"service": service_label(row["service"]),
			"received": row["received"],
			"steps": row["steps"],
			"timed": row["timed"],
			"in_time": row["in_time"],
			"in_time_rate": row["in_time_rate"],
			"average_days": row["average_days"],
			"bold": 1 if row["service"] == ALL_SERVICES else 0,
		}
		for row in rows
	]
	message = "<br>".join(
		escape_html(line)
		for line in (
			_(
				"A record counts once for every special group it belongs to, in the month it was received; "
				"its steps count in the month each ended. Services counted: {0}."
			).format(", ".join(service_label(name) for name in services)),
			_("Whole months from {0} to {1}.").format(format_date(start), format_date(get_last_day(end))),
		)
	)
	return columns(tier), data, message, chart(rows)


def chart(rows: list[dict]) -> dict | None:
	"""Records received per special group, all services and areas together."""
	totals: dict[str, int] = {}
	# The all-services rows when there are any, else the one service's; the special groups only (the
	# records of none of them, most of all, would flatten the bars).
	for row in [row for row in rows if row["service"] == ALL_SERVICES] or rows:
		if row["group"] != NO_GROUP:
			totals[row["group"]] = totals.get(row["group"], 0) + row["received"]
	if not totals:
		return None
	return {
		"data": {
			"labels": [group_label(group) for group in totals],
			"datasets": [{"name": _("Records Received"), "values": list(totals.values())}],
		},
		"type": "bar",
	}


def columns(tier: str | None) -> list[dict]:
	area = (
		[
			{
				"fieldname": "division",
				"label": _("Division"),
				"fieldtype": "Link",
				"options": "Administrative Division",
				"width": 110,
			},
			{"fieldname": "division_name", "label": _("Division Name"), "fieldtype": "Data", "width": 160},
		]
		if tier
		else []
	)
	return [
		*area,
		{"fieldname": "group", "label": _("Special Group"), "fieldtype": "Data", "width": 220},
		{"fieldname": "service", "label": _("Service"), "fieldtype": "Data", "width": 170},
		{"fieldname": "received", "label": _("Records Received"), "fieldtype": "Int", "width": 120},
		{"fieldname": "steps", "label": _("Steps Ended"), "fieldtype": "Int", "width": 100},
		{"fieldname": "timed", "label": _("Steps with a Deadline"), "fieldtype": "Int", "width": 130},
		{"fieldname": "in_time", "label": _("Ended in Time"), "fieldtype": "Int", "width": 110},
		{"fieldname": "in_time_rate", "label": _("In Time"), "fieldtype": "Percent", "width": 100},
		{
			"fieldname": "average_days",
			"label": _("Average Days per Step"),
			"fieldtype": "Float",
			"precision": 1,
			"width": 130,
		},
	]

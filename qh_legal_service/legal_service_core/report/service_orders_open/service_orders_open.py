# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""Orders still open (sent or accepted), by holder institution and age since the holder got them, with
how often they were handed on: counted in the database, over the orders the user may see."""

import datetime as dt

import frappe
from frappe import _
from frappe.query_builder import Case
from frappe.query_builder.functions import Count, Sum
from frappe.utils import now_datetime
from pypika.terms import LiteralValue

from qh_legal_service.rules.scope import scope_filters
from qh_legal_service.rules.service_orders import AGE_BUCKETS, OPEN_STATUSES, SERVICES, origin_filters
from qh_legal_service.scoping import get_permitted_nodes, is_unscoped
from qh_legal_service.service_order import DOCTYPE, INSTITUTION

# The report's Orders filter: held in the user's area, or sent from it.
HELD = "Held"
SENT_FROM = "Sent"


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	rows = open_orders(filters, frappe.session.user)
	names = institution_names(row["holder_institution"] for row in rows)
	for row in rows:
		row["holder_name"] = names.get(row["holder_institution"]) or row["holder_institution"]
	if rows:
		# Frappe's own total row would add up the per-order averages; this one divides the totals.
		total = {"holder_institution": None, "holder_name": _("Total"), "bold": 1}
		for key in rows[0]:
			if key not in total:
				total[key] = sum(row[key] for row in rows)
		rows.append(total)
	for row in rows:
		row["hand_overs_per_order"] = (
			round(row["hand_overs"] / row["open_orders"], 2) if row["open_orders"] else 0
		)
	return columns(), rows


def area_condition(filters: list[tuple[str, str]]) -> str:
	"""SQL admitting rows whose `column` equals `code` for any of `filters`; every value escaped."""
	if not filters:
		return "1=0"
	table = f"tab{DOCTYPE}"
	return "(" + " or ".join(f"`{table}`.`{col}` = {frappe.db.escape(code)}" for col, code in filters) + ")"


def parts(side: str | None, user: str) -> list[str]:
	"""The disjoint conditions whose counts add up to the orders the user may see on `side`.

	The permission rule is "held in OR sent from my area"; an OR over two columns defeats the indexes,
	so it is counted as two parts that each use one: held in the area, and sent from it but held
	elsewhere. An unscoped user is one part with no condition.
	"""
	filters = None if is_unscoped(user) else scope_filters(get_permitted_nodes(user, DOCTYPE))
	if filters is None:
		return [""]
	held, sent = area_condition(filters), area_condition(origin_filters(filters))
	if side == HELD:
		return [held]
	if side == SENT_FROM:
		return [sent]
	return [held, f"({sent} and not {held})"]


def open_orders(filters, user: str, now: dt.datetime | None = None) -> list[dict]:
	"""One row per holder: open orders in each age bucket, all open orders, and their hand-overs.

	Each part is one GROUP BY in the database (served by the covering indexes the doctype adds); the
	few rows per holder of the parts are added up here.
	"""
	now = now or now_datetime()
	order = frappe.qb.DocType(DOCTYPE)
	ages = []
	for index, (_label, low, high) in enumerate(AGE_BUCKETS):
		held = order.held_since <= now - dt.timedelta(days=low)
		if high is not None:
			held &= order.held_since > now - dt.timedelta(days=high)
		ages.append(Sum(Case().when(held, 1).else_(0)).as_(f"age_{index}"))
	keys = ("open_orders", *(f"age_{i}" for i in range(len(AGE_BUCKETS))), "hand_overs")
	totals: dict[str, dict] = {}
	for condition in parts(filters.get("side"), user):
		query = (
			frappe.qb.from_(order)
			.select(
				order.holder_institution,
				Count("*").as_("open_orders"),
				*ages,
				Sum(order.hand_over_count).as_("hand_overs"),
			)
			.where(order.status.isin(OPEN_STATUSES))
			.groupby(order.holder_institution)
		)
		if condition:
			query = query.where(LiteralValue(condition))
		if filters.get("service") in SERVICES:
			query = query.where(order.service == filters.service)
		if filters.get("holder_institution"):
			query = query.where(order.holder_institution == filters.holder_institution)
		for row in query.run(as_dict=True):
			total = totals.setdefault(row.holder_institution, {"holder_institution": row.holder_institution})
			for key in keys:
				total[key] = total.get(key, 0) + int(row[key] or 0)
	return sorted(totals.values(), key=lambda row: (-row["open_orders"], row["holder_institution"] or ""))


def institution_names(codes) -> dict[str, str]:
	codes = [code for code in set(codes) if code]
	if not codes:
		return {}
	rows = frappe.get_all(INSTITUTION, filters={"name": ["in", codes]}, fields=["name", "institution_name"])
	return {row.name: row.institution_name for row in rows}


def columns() -> list[dict]:
	return [
		{
			"fieldname": "holder_institution",
			"label": _("Holder"),
			"fieldtype": "Link",
			"options": INSTITUTION,
			"width": 120,
		},
		{"fieldname": "holder_name", "label": _("Holder Name"), "fieldtype": "Data", "width": 200},
		{"fieldname": "open_orders", "label": _("Open Orders"), "fieldtype": "Int", "width": 110},
		*(
			{"fieldname": f"age_{index}", "label": _(label), "fieldtype": "Int", "width": 100}
			for index, (label, _low, _high) in enumerate(AGE_BUCKETS)
		),
		{"fieldname": "hand_overs", "label": _("Times Handed On"), "fieldtype": "Int", "width": 120},
		{
			"fieldname": "hand_overs_per_order",
			"label": _("Hand-overs per Order"),
			"fieldtype": "Float",
			"width": 140,
		},
	]

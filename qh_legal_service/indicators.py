"""The supervision indicators on the site: the list kept in `Supervision Indicator`, and their values.

`indicator_rows` computes every indicator the app can (rules/indicators.py) for a division, optionally
per division of a tier below it and per month, against the targets the province keeps in the desk. It
reads the services' stored figures with one GROUP BY per service (`figures.figure_sums`, scoped to the
reader), and the coverage of the service network with the coverage report's own reads.
"""

import datetime as dt
from collections.abc import Iterable

import frappe
from frappe import _
from frappe.utils import getdate, nowdate

from qh_legal_service.figure_reports import default_period
from qh_legal_service.figures import figure_sums
from qh_legal_service.quality_and_supervision.doctype.supervision_indicator.supervision_indicator import (
	target_key,
)
from qh_legal_service.quality_and_supervision.report.adviser_and_service_point_coverage import (
	adviser_and_service_point_coverage as coverage_report,
)
from qh_legal_service.rules import indicators as rules
from qh_legal_service.rules.coverage import Division
from qh_legal_service.rules.figures import Measures, months_between
from qh_legal_service.rules.scope import SCOPE_COLUMN_BY_TIER, TIERS
from qh_legal_service.scoping import DIVISION, get_permitted_nodes, is_unscoped

INDICATOR = "Supervision Indicator"
GROUP_TIERS = ("Prefecture", "County", "Township")
# Fields the shipped list owns; the province's target is kept (see `sync_indicators`).
LIST_FIELDS = {
	"indicator_name": "name",
	"area": "area",
	"unit": "unit",
	"computable": "computable",
	"wording_zh": "wording_zh",
	"source_kind": "source_kind",
	"source": "source",
	"how": "how",
	"target_basis": "target_basis",
}


def sync_indicators() -> int:
	"""Bring `Supervision Indicator` up to the shipped list; a target the province changed is kept.

	Idempotent: run after install and every migrate. Returns the number of indicators written.
	"""
	for entry in rules.load_indicators():
		exists = frappe.db.exists(INDICATOR, entry["code"])
		doc = frappe.get_doc(INDICATOR, entry["code"]) if exists else frappe.new_doc(INDICATOR)
		keep_target = bool(exists and doc.target_changed)
		doc.code = entry["code"]
		for fieldname, key in LIST_FIELDS.items():
			doc.set(fieldname, entry.get(key))
		target = rules.target_of(entry.get("target"))
		doc.source_target = target.value if target else 0
		doc.source_target_direction = target.direction if target else None
		if not keep_target:
			doc.target, doc.target_direction = doc.source_target, doc.source_target_direction
		doc.flags.ignore_permissions = True
		doc.save() if exists else doc.insert()
	return len(rules.load_indicators())


def targets() -> dict[str, rules.Target | None]:
	"""Each indicator's target as the province keeps it (the shipped list's where none is stored)."""
	found = {entry["code"]: rules.target_of(entry.get("target")) for entry in rules.load_indicators()}
	for row in frappe.get_all(INDICATOR, fields=["name", "target", "target_direction"]):
		direction, value = target_key(row.target, row.target_direction)
		found[row.name] = rules.Target(value, "%", direction) if direction else None
	return found


def own_division(user: str | None = None) -> str | None:
	"""The division a user works at (their one permitted node); None for the whole province."""
	user = user or frappe.session.user
	if is_unscoped(user):
		return None
	nodes = get_permitted_nodes(user, DIVISION)
	return nodes[0].code if len(nodes) == 1 else None


def indicator_rows(
	division: str | None,
	from_month,
	to_month,
	group_by_tier: str | None = None,
	by_month: bool = False,
	codes: Iterable[str] | None = None,
) -> list[dict]:
	"""One row per (indicator, division of the chosen tier [, month]) with value, target, met, numerator
	and denominator, in the reader's area; `division` None is the reader's whole area.

	Months are whole: from `from_month`'s month to `to_month`'s. Coverage indicators are the state now;
	with `by_month` they are given once, in the last month.
	"""
	first = getdate(from_month).replace(day=1)
	last_month = getdate(to_month).replace(day=1)
	wanted = [
		entry
		for entry in rules.load_indicators()
		if entry["code"] in rules.FORMULAS
		and not isinstance(rules.FORMULAS[entry["code"]], rules.ReportFormula)
		and (codes is None or entry["code"] in set(codes))
	]
	formulas = {entry["code"]: rules.FORMULAS[entry["code"]] for entry in wanted}
	column = SCOPE_COLUMN_BY_TIER[group_by_tier] if group_by_tier else None
	sums = read_sums(formulas.values(), first, getdate(to_month), division, column, by_month)
	groups = group_divisions(division, group_by_tier, {group for group, _month in sums})
	months = months_between(first, last_month) if by_month else [None]
	coverage = coverage_values(formulas, division, group_by_tier, groups)
	goals = targets()
	rows = []
	for entry in wanted:
		code, formula = entry["code"], formulas[entry["code"]]
		for group, name, tier in groups:
			if isinstance(formula, rules.CoverageFormula):
				value = coverage.get((code, group))
				if value is None or not value.denominator:
					# Nothing of this kind is needed at this tier (a centre in a township): no row.
					continue
				for month in months:
					if month in (None, last_month):
						rows.append(make_row(entry, group, name, tier, month, value, goals))
				continue
			for month in months:
				value = rules.evaluate(formula, sums.get((group, month), {}))
				rows.append(make_row(entry, group, name, tier, month, value, goals))
	return rows


def make_row(entry, group, name, tier, month, value: rules.Value | None, goals) -> dict:
	target = goals.get(entry["code"])
	value = value or rules.Value(None, 0, 0)
	return {
		"indicator": entry["code"],
		"indicator_name": entry["name"],
		"area": entry["area"],
		"unit": entry["unit"],
		"division": group,
		"division_name": name,
		"tier": tier,
		"month": month,
		"value": value.value,
		"numerator": value.numerator,
		"denominator": value.denominator,
		"target": target.value if target else None,
		"target_direction": target.direction if target else None,
		"met": rules.met(value.exact, target),
	}


def read_sums(formulas, first, last, division, column, by_month) -> dict[tuple, dict]:
	"""The formulas' figures, one GROUP BY per service: {(group, month): {(service, figure, category): Measures}}."""
	group_by = [*([column] if column else []), *(["month"] if by_month else []), "figure", "category"]
	sums: dict[tuple, dict] = {}
	for service, figures in rules.figures_needed(formulas).items():
		for row in figure_sums(service, figures, first, last, group_by=group_by, division=division):
			key = (row.get(column) if column else division, getdate(row.month) if by_month else None)
			bucket = sums.setdefault(key, {})
			bucket[(service, row.figure, row.category or "")] = Measures(
				int(row.records or 0), int(row.timed or 0), int(row.in_time or 0), float(row.days or 0)
			)
	return sums


def group_divisions(division: str | None, tier: str | None, found: set) -> list[tuple]:
	"""(code, name, tier) of every division the rows are for: those of `tier` in scope, or `division` itself."""
	if not tier:
		if division:
			name, own_tier = frappe.db.get_value(DIVISION, division, ["division_name", "tier"]) or (
				None,
				None,
			)
			return [(division, name, own_tier)]
		return [(None, _("All Divisions in Scope"), None)]
	filters = {"tier": tier}
	if division:
		lft, rgt = frappe.db.get_value(DIVISION, division, ["lft", "rgt"])
		filters.update({"lft": [">=", lft], "rgt": ["<=", rgt]})
	rows = frappe.get_list(
		DIVISION, filters=filters, fields=["name", "division_name"], order_by="lft asc", limit_page_length=0
	)
	groups = [(row.name, row.division_name, tier) for row in rows]
	missing = sorted(code for code in found if code and code not in {row.name for row in rows})
	if missing:
		names = dict(
			frappe.get_all(
				DIVISION, filters={"name": ["in", missing]}, fields=["name", "division_name"], as_list=True
			)
		)
		groups += [(code, names.get(code, code), tier) for code in missing]
	return groups


def coverage_values(formulas, division, tier, groups) -> dict[tuple, rules.Value]:
	"""{(code, group): value} of the coverage indicators, read as the coverage report reads them."""
	wanted = {code: f for code, f in formulas.items() if isinstance(f, rules.CoverageFormula)}
	if not wanted:
		return {}
	divisions = divisions_below(division)
	advised = coverage_report.villages_with_adviser()
	built = coverage_report.built_point_types()
	group_tier = tier or (groups[0][2] if groups and groups[0][2] else scope_root_tier(divisions))
	values = {}
	for code, formula in wanted.items():
		counts = rules.coverage_counts(divisions, formula, advised, built, group_tier)
		for group, _name, _tier in groups:
			count = counts.get(group) if group else sum_counts(counts.values())
			if count is None:
				continue
			values[(code, group)] = rules.Value(
				rules.share(count.have, count.needed), count.have, count.needed
			)
	return values


def divisions_below(division: str | None) -> list[Division]:
	"""The divisions of the reader's area (below `division` if given), as the coverage rules need them.

	A reader at one node reads its subtree by its tree bounds from a cached copy of the tree, without
	the long list of permitted descendants a scoped list query builds; a division outside their node
	gives nothing. A reader at several nodes reads through the coverage report's scoped list.
	"""
	user = frappe.session.user
	own = None if is_unscoped(user) else own_division(user)
	if not is_unscoped(user) and not own:
		return coverage_report.divisions_in_scope(division)
	tree = division_tree()
	bounds = {code: (lft, rgt) for code, _name, _tier, _parent, lft, rgt in tree}
	root = division or own
	if root and root not in bounds:
		return []
	if own and root != own:
		(own_lft, own_rgt), (lft, rgt) = bounds[own], bounds[root]
		if not (own_lft <= lft and rgt <= own_rgt):
			return []
	lft, rgt = bounds[root] if root else (float("-inf"), float("inf"))
	return [
		Division(code, name, tier, parent)
		for code, name, tier, parent, node_lft, node_rgt in tree
		if lft <= node_lft and node_rgt <= rgt
	]


def division_tree() -> list[tuple]:
	"""Every division with its tree bounds, in tree order; cached until a division changes."""
	stamp = frappe.db.sql(f"select count(*), max(modified) from `tab{DIVISION}`")[0]
	key = f"qh_legal_service:indicator_divisions:{stamp[0]}:{stamp[1]}"
	tree = frappe.cache.get_value(key)
	if tree is None:
		tree = frappe.get_all(
			DIVISION,
			fields=["name", "division_name", "tier", "parent_administrative_division", "lft", "rgt"],
			order_by="lft asc",
			as_list=True,
		)
		frappe.cache.set_value(key, tree, expires_in_sec=86400)
	return tree


def scope_root_tier(divisions) -> str:
	"""The highest tier among the divisions a reader may see (their area's own tier)."""
	return min((d.tier for d in divisions), key=TIERS.index, default="Province")


def sum_counts(counts) -> rules.CoverageCount:
	total = rules.CoverageCount()
	for count in counts:
		total.needed += count.needed
		total.have += count.have
	return total


@frappe.whitelist()
@frappe.read_only()
def own_division_for_desk() -> dict:
	"""The report's defaults: the user's own division, grouped one tier below it (None below townships)."""
	division = own_division()
	tier = frappe.db.get_value(DIVISION, division, "tier", cache=True) if division else "Province"
	lower = TIERS[TIERS.index(tier) + 1] if tier in TIERS[:-1] else None
	return {"division": division, "group_by": lower if lower in GROUP_TIERS else ""}


@frappe.whitelist()
@frappe.read_only()
def rows_for_desk(
	division: str | None = None,
	from_month: str | None = None,
	to_month: str | None = None,
	group_by_tier: str | None = None,
	by_month: int = 0,
) -> list[dict]:
	"""`indicator_rows` for the desk (the last twelve months by default), in the user's area."""
	frappe.has_permission(INDICATOR, "read", throw=True)
	first, last = default_period()
	return indicator_rows(
		division or None,
		from_month or first,
		to_month or last,
		group_by_tier=group_by_tier if group_by_tier in GROUP_TIERS else None,
		by_month=bool(int(by_month or 0)),
	)


# Number cards of the Supervision workspace: one indicator each, this year, in the user's own area.
def card(code: str) -> dict:
	"""An indicator's value this year for the user's own division, linking to the report."""
	frappe.has_permission(INDICATOR, "read", throw=True)
	today = getdate(nowdate())
	division = own_division()
	rows = indicator_rows(division, today.replace(month=1, day=1), today, codes=[code])
	value = rows[0]["value"] if rows else None
	unit = rows[0]["unit"] if rows else rules.PERCENT
	route_options = {"from_date": str(today.replace(month=1, day=1)), "to_date": str(today)}
	if division:
		route_options["division"] = division
	return {
		"value": value or 0,
		"fieldtype": "Percent" if unit == rules.PERCENT else "Int",
		"route": ["query-report", "Supervision Indicators"],
		"route_options": route_options,
	}


@frappe.whitelist()
@frappe.read_only()
def legal_aid_reviewed_in_time(filters=None) -> dict:
	return card("LA-REVIEW-IN-TIME")


@frappe.whitelist()
@frappe.read_only()
def notarization_in_time(filters=None) -> dict:
	return card("NOT-IN-TIME")


@frappe.whitelist()
@frappe.read_only()
def hotline_within_15s(filters=None) -> dict:
	return card("HL-WITHIN-15S")


@frappe.whitelist()
@frappe.read_only()
def satisfaction_rate(filters=None) -> dict:
	return card("SAT-RATE")


@frappe.whitelist()
@frappe.read_only()
def villages_with_adviser(filters=None) -> dict:
	return card("PLATFORM-ADVISERS")

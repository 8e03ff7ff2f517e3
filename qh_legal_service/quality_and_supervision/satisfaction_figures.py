"""What the satisfaction reports share: evaluations by level and bad reviews called back, read from the
supervision figures (`figure_grouped`), and the bad reviews open and overdue now, counted in the database.

Every read goes through frappe.get_list, so the reader's tier scope applies.
"""

import frappe
from frappe.utils import now_datetime

from qh_legal_service.figure_reports import current_counts, sums
from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import satisfaction as sat

DOCTYPE = sat.EVALUATION_DOCTYPE
LEVEL_FIELDS = ("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied")


def figures(sums) -> dict:
	"""Counts and the satisfaction rate of one group's sums."""
	values = {field: int(sums.get(field) or 0) for field in LEVEL_FIELDS}
	values.update(
		{
			name: int(sums.get(name) or 0)
			for name in ("evaluations", "satisfied_count", "bad", "bad_open", "bad_overdue", "called_back")
		}
	)
	values["satisfaction_rate"] = sat.satisfaction_rate(values["satisfied_count"], values["evaluations"])
	return values


def institution_names(codes) -> dict[str, str]:
	codes = [code for code in set(codes) if code]
	if not codes:
		return {}
	field = "institution_name_bo" if frappe.local.lang == "bo" else "institution_name"
	rows = frappe.get_all(
		"Legal Service Institution",
		filters={"name": ["in", codes]},
		fields=["name", "institution_name", f"{field} as local_name"],
	)
	return {row.name: row.local_name or row.institution_name for row in rows}


# The two satisfaction reports read the supervision figures (`figure_sources.SATISFACTION_EVALUATION`):
# each surveyed service's evaluations at each level, and its bad reviews called back, by institution, in
# the month evaluated (called back: the month of the callback); the bad reviews open now beside them.


def figure_names(filters) -> dict[str, tuple[str, str | None]]:
	"""The figures a report reads for the chosen service (all surveyed services by default): figure ->
	(the report's sum it adds to, the level or None)."""
	doctypes = [filters.reference_doctype] if filters.get("reference_doctype") else sat.SURVEYED_DOCTYPES
	names = {}
	for doctype in doctypes:
		for level, field in zip(sat.LEVELS, LEVEL_FIELDS, strict=True):
			names[fs.level_figure(doctype, level)] = (field, level)
		names[fs.called_back_figure(doctype)] = ("called_back", None)
	return names


def open_bad_conditions(filters) -> list[list]:
	"""List filters for the bad reviews open now (any period) of the chosen service and institution."""
	conditions = [["level", "in", sat.BAD_LEVELS], ["status", "in", sat.OPEN_STATUSES]]
	if filters.get("reference_doctype"):
		conditions.append(["reference_doctype", "=", filters.reference_doctype])
	if filters.get("institution"):
		conditions.append(["institution", "=", filters.institution])
	return conditions


def figure_grouped(filters, columns: list[str], overdue: bool = False) -> list[frappe._dict]:
	"""One row of sums per value of `columns` (an area column and/or "institution"; none: the total), read
	from the figures, with the bad reviews open now (and with `overdue` those past due) counted from the
	evaluations (indexed by status)."""
	area_columns = [column for column in columns if column != "institution"]
	names = figure_names(filters)
	rows: dict[tuple, frappe._dict] = {}

	def row_of(values: dict) -> frappe._dict:
		key = tuple(values.get(column) or None for column in columns)
		if key not in rows:
			rows[key] = frappe._dict(
				{
					**dict(zip(columns, key, strict=True)),
					**dict.fromkeys((*LEVEL_FIELDS, "called_back", "bad_open", "bad_overdue")),
				}
			)
		return rows[key]

	for fig in sums(DOCTYPE, filters, list(names), [*area_columns, "figure", "category"]):
		if filters.get("institution") and fig.category != filters.institution:
			continue
		row = row_of({**fig, "institution": fig.category})
		field, _level = names[fig.figure]
		row[field] = int(row.get(field) or 0) + int(fig.records or 0)
	conditions = open_bad_conditions(filters)
	for count in current_counts(DOCTYPE, filters, conditions, columns):
		row_of(count)["bad_open"] = int(count["count"])
	if overdue:
		overdue_conditions = [*conditions, ["current_due", "<", now_datetime()]]
		for count in current_counts(DOCTYPE, filters, overdue_conditions, columns):
			row_of(count)["bad_overdue"] = int(count["count"])
	for row in rows.values():
		counts = [int(row.get(field) or 0) for field in LEVEL_FIELDS]
		row.evaluations = sum(counts)
		row.satisfied_count = sum(counts[:3])
		row.bad = sum(counts[3:])
	if not columns and not rows:
		row_of({})  # the total, of nothing
	return [rows[key] for key in sorted(rows, key=lambda key: tuple(value or "" for value in key))]

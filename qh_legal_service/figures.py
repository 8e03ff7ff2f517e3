"""Supervision figures on the site: `Service Figure` kept in step with every counted record, and read.

Each save of a record of a `rules.figure_sources` doctype adds to its township's monthly sums what the
save changed (`rules.figures.figure_delta`), in the same transaction, with one upsert; a deleted
record takes its figures back. Reports read the sums through `figure_sums`, which `frappe.get_list`
scopes to the reader's area like any area record, so a report costs what its groups cost, not its
rows. `rebuild` recounts a service from its records (after a bulk load, or to check the sums).
"""

import hashlib
from collections.abc import Iterable, Mapping, Sequence

import frappe
from frappe.model.document import Document
from frappe.utils import getdate, now
from pypika.terms import Values

from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import (
	FigureSource,
	Measures,
	area_of,
	figure_delta,
	record_figures,
)
from qh_legal_service.rules.scope import AREA_COLUMNS, SCOPE_COLUMN_BY_TIER
from qh_legal_service.rules.special_groups import MEMBERSHIP_DOCTYPE, MEMBERSHIP_FIELD
from qh_legal_service.scoping import DIVISION

FIGURE = "Service Figure"
STEP_FIELDS = ("parent", "step", "started_on", "due_on", "ended_on", "ended_in_state", "escalated_on")
MEASURES = ("records", "timed", "in_time", "days")
# Rows written per INSERT when many sums change at once (a rebuild).
WRITE_BATCH = 1000
READ_BATCH = 5000

# (area code, prefecture, county, township): where a record's figures are kept.
Area = tuple[str | None, str | None, str | None, str | None]


def area_key(record: Mapping) -> Area:
	"""The township (or coarser area) a record's figures are summed in, with its tier columns."""
	return (area_of(record), *(record.get(column) for column in AREA_COLUMNS))


def figures_by_area(source: FigureSource, record) -> dict[tuple, Measures]:
	"""A record's figures keyed by (area, month, figure, category)."""
	if record is None:
		return {}
	if isinstance(record, Document):
		# A check not yet set is None on a new document but 0 in the database (and in a recount).
		for fieldname in source.current:
			field = record.meta.get_field(fieldname)
			if field and field.fieldtype == "Check" and record.get(fieldname) is None:
				record.set(fieldname, 0)
	steps = record.get(source.step_log) if source.step_log else ()
	area = area_key(record)
	if not area[0]:
		return {}
	return {(area, *key): measures for key, measures in record_figures(source, record, steps or ()).items()}


def record_saved(doc, method: str | None = None) -> None:
	"""on_update of every doctype: add what this save changed to the figures of a counted record."""
	source = FIGURE_SOURCES.get(doc.doctype)
	if source is None:
		return
	# A new record had nothing before. (Asking it would not do: a controller's db_set in on_update, as
	# notarization's order link, loads the just-inserted row as the "before", and the insert counted 0.)
	before = None if doc.flags.in_insert else doc.get_doc_before_save()
	delta = figure_delta(figures_by_area(source, before), figures_by_area(source, doc))
	write(source.doctype, delta)


def record_deleted(doc, method: str | None = None) -> None:
	"""on_trash of every doctype: a deleted counted record takes its figures back."""
	source = FIGURE_SOURCES.get(doc.doctype)
	if source is None:
		return
	write(source.doctype, {key: -measures for key, measures in figures_by_area(source, doc).items()})


def mark_step_escalated(doc, row, moment) -> None:
	"""Stamp the running step's row escalated and count it: the hourly job escalates without a save."""
	source = FIGURE_SOURCES.get(doc.doctype)
	before = figures_by_area(source, doc) if source else {}
	row.db_set("escalated_on", moment, update_modified=False)
	if source:
		write(doc.doctype, figure_delta(before, figures_by_area(source, doc)))


def figure_name(service: str, area: str, month, figure: str, category: str) -> str:
	"""The sum's name: a digest of its key, so that a write adds to the same row (an upsert)."""
	key = "\x1f".join((service, area, str(month), figure, category))
	return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()


# The columns of a stored sum, in the order `figure_values` gives them.
FIGURE_COLUMNS = (
	"name", "creation", "modified", "modified_by", "owner", "docstatus", "idx",
	"service", "month", "figure", "category", "division", *AREA_COLUMNS, *MEASURES,
)  # fmt: skip


def figure_values(service: str, changes: Mapping[tuple, Measures]) -> list[tuple]:
	"""One row of FIGURE_COLUMNS per changed sum ((area, month, figure, category) → measures)."""
	stamp, user = now(), frappe.session.user if frappe.session else "Administrator"
	rows = []
	for (area, month, figure, category), measures in changes.items():
		code, *columns = area
		rows.append(
			(
				figure_name(service, code, month, figure, category), stamp, stamp, user, user, 0, 0,
				service, month, figure, category, code, *columns,
				measures.records, measures.timed, measures.in_time, measures.days,
			)
		)  # fmt: skip
	return rows


def write(service: str, changes: Mapping[tuple, Measures]) -> None:
	"""Add `changes` ((area, month, figure, category) → measures) to the stored sums, creating rows as needed.

	One INSERT … ON DUPLICATE KEY UPDATE per batch adds in the database, so two saves at once in the same
	township both count (each adds to the row under its lock), and a rollback takes both back.
	"""
	if not changes:
		return
	table = frappe.qb.DocType(FIGURE)
	rows = figure_values(service, changes)
	for start in range(0, len(rows), WRITE_BATCH):
		query = frappe.qb.into(table).columns(*FIGURE_COLUMNS)
		for row in rows[start : start + WRITE_BATCH]:
			query = query.insert(*row)
		for measure in MEASURES:
			query = query.on_duplicate_key_update(table[measure], table[measure] + Values(table[measure]))
		query.run()


def accumulate(
	source: FigureSource, records: Iterable[Mapping], steps_by_record: Mapping[str, Sequence[Mapping]]
) -> dict[tuple, Measures]:
	"""The summed figures of many records (dicts with their area columns), for a rebuild or a bulk load."""
	totals: dict[tuple, Measures] = {}
	for record in records:
		area = area_key(record)
		if not area[0]:
			continue
		steps = steps_by_record.get(record["name"], ())
		for key, measures in record_figures(source, record, steps).items():
			full_key = (area, *key)
			totals[full_key] = totals.get(full_key, Measures()) + measures
	return totals


def rebuild(doctype: str | None = None) -> dict[str, int]:
	"""Recount the figures of one counted doctype (or all) from their records; the rows written, by doctype."""
	written = {}
	for source in [FIGURE_SOURCES[doctype]] if doctype else FIGURE_SOURCES.values():
		frappe.db.delete(FIGURE, {"service": source.doctype})
		fields = ["name", "division", *AREA_COLUMNS, *source.fields]
		totals: dict[tuple, Measures] = {}
		last = ""
		while True:
			records = frappe.get_all(
				source.doctype,
				filters={"name": [">", last]},
				fields=list(dict.fromkeys(fields)),
				order_by="name asc",
				limit_page_length=READ_BATCH,
			)
			if not records:
				break
			last = records[-1].name
			steps = steps_of(source, [record.name for record in records])
			add_group_rows(source, records)
			for key, measures in accumulate(source, records, steps).items():
				totals[key] = totals.get(key, Measures()) + measures
		write(source.doctype, {key: measures for key, measures in totals.items() if measures})
		written[source.doctype] = len(totals)
	return written


def steps_of(source: FigureSource, names: list[str]) -> dict[str, list]:
	"""The ended steps of these records, by record."""
	if not source.step_log or not names:
		return {}
	by_record: dict[str, list] = {}
	for row in frappe.get_all(
		"Service Case Step",
		filters={"parenttype": source.doctype, "parentfield": source.step_log, "parent": ["in", names]},
		fields=list(STEP_FIELDS),
		order_by="idx asc",
	):
		by_record.setdefault(row.parent, []).append(row)
	return by_record


def add_group_rows(source: FigureSource, records: list) -> None:
	"""Give each record its special group rows, when its groups are a table (`FigureSource.group_table`)."""
	if not source.group_table or not records:
		return
	by_record: dict[str, list] = {}
	for row in frappe.get_all(
		MEMBERSHIP_DOCTYPE,
		filters={
			"parenttype": source.doctype,
			"parentfield": source.group_table,
			"parent": ["in", [record.name for record in records]],
		},
		fields=["parent", MEMBERSHIP_FIELD],
		order_by="idx asc",
	):
		by_record.setdefault(row.parent, []).append(row)
	for record in records:
		record[source.group_table] = by_record.get(record.name, [])


def figure_sums(
	service: str,
	figures: Sequence[str],
	from_month,
	to_month,
	group_by: Sequence[str] = (),
	division: str | None = None,
) -> list[dict]:
	"""Sums of `figures` of `service` over whole months, grouped by `group_by` columns, in the reader's area.

	`group_by` may name an area column, `month`, `figure` and `category`. `division` narrows to one
	division's subtree (a report's filter); the tier scope of the reader applies in any case.
	"""
	filters = [
		["service", "=", service],
		["figure", "in", list(figures)],
		["month", ">=", getdate(from_month).replace(day=1)],
		["month", "<=", getdate(to_month)],
	]
	if division:
		tier = frappe.db.get_value(DIVISION, division, "tier", cache=True)
		if tier in SCOPE_COLUMN_BY_TIER and tier != "Village":
			filters.append([SCOPE_COLUMN_BY_TIER[tier], "=", division])
	columns = list(group_by)
	return frappe.get_list(
		FIGURE,
		filters=filters,
		fields=[*columns, *(f"sum({measure}) as {measure}" for measure in MEASURES)],
		group_by=", ".join(columns) if columns else None,
		order_by=", ".join(columns) if columns else None,
		limit_page_length=0,
	)

"""Supervision figures on the site: `Service Figure` kept in step with every counted record, and read.

Each save of a record of a `rules.figure_sources` doctype adds to its township's, county's and
prefecture's monthly sums what the save changed (`rules.figures.figure_delta`,
`rules.figures.at_levels`), in the same transaction, with one upsert; a deleted record takes its figures
back. Reports read the sums through `figure_sums`, at the coarsest level that answers the read, which
`frappe.get_list` scopes to the reader's area like any area record, so a report costs what its groups
cost, not its rows. `rebuild` recounts a service from its records in the database (`figure_recount`),
after a bulk load or a migration, or to check the sums.
"""

import hashlib
from collections.abc import Mapping, Sequence

import frappe
from frappe.model.delete_doc import update_naming_series
from frappe.model.document import Document
from frappe.utils import getdate, now

from qh_legal_service.figure_recount import FIGURE, recount
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import (
	Area,
	FigureSource,
	Measures,
	area_of,
	at_levels,
	figure_delta,
	figures_named_by,
	reading_level,
	record_figures,
)
from qh_legal_service.rules.scope import AREA_COLUMN_BY_TIER, AREA_COLUMNS, SCOPE_COLUMN_BY_TIER
from qh_legal_service.scoping import DIVISION, get_permitted_nodes, is_unscoped

MEASURES = ("records", "timed", "in_time", "days")
# Rows written per INSERT when many sums change at once.
WRITE_BATCH = 1000


def area_key(record: Mapping) -> Area:
	"""The township (or coarser area) a record's figures are summed in, with its tier columns."""
	return (area_of(record), *(record.get(column) for column in AREA_COLUMNS))


def counted_values(source: FigureSource, record) -> Mapping | None:
	"""A record's values as the database stores them, with the tables its figures read.

	The one place every counted value is normalised, whatever path a record came by: a check sent as a
	JSON boolean, an empty string or left out counts as 1 or 0 as the row holds it (and a recount reads
	it), an integer's true as 1, an empty date as none (Frappe's own `get_valid_dict`, which writes the row).
	"""
	if not isinstance(record, Document):
		return record
	values = {
		fieldname: int(value) if isinstance(value, bool) else value
		for fieldname, value in record.get_valid_dict(ignore_virtual=True).items()
	}
	for table in filter(None, (source.step_log, source.group_table)):
		values[table] = record.get(table) or ()
	return values


def figures_by_area(source: FigureSource, record) -> dict[tuple, Measures]:
	"""A record's figures keyed by (area, month, figure, category)."""
	record = counted_values(source, record)
	if record is None:
		return {}
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
	# Frappe loads the record before a save with a locking read, so it is the row as committed now.
	before = None if doc.flags.in_insert else doc.get_doc_before_save()
	delta = figure_delta(figures_by_area(source, before), figures_by_area(source, doc))
	write(source.doctype, delta)


def record_trashed(doc, method: str | None = None) -> None:
	"""on_trash of every doctype: read what a deleted counted record takes back, from its row as locked.

	`delete_doc` locks the row but then reads it without a lock, from the transaction's snapshot, which
	can be older than an edit committed since: taking that copy's figures back would leave the edit's
	+1/-1 behind. A locking read sees the newest committed row (and its tables). A delete takes its locks
	in the order an insert does (the naming series, the tables' rows, the sums), so that the two never
	wait on each other in a circle: the sums are written once the row is gone (`record_deleted`).
	"""
	source = FIGURE_SOURCES.get(doc.doctype)
	if source is None:
		return
	# The naming series first, as an insert takes it before its rows: the locking read of the tables below
	# locks the gap after this record's rows, where the next record's rows go (Frappe's own step of
	# delete_doc, which locks the series and gives back the last number; done again later, it finds the
	# number given back and does nothing).
	update_naming_series(doc)
	doc.flags.figures_to_take_back = figures_by_area(
		source, frappe.get_doc(doc.doctype, doc.name, for_update=True)
	)


def record_deleted(doc, method: str | None = None) -> None:
	"""after_delete of every doctype: a deleted counted record takes its figures back, as read by
	`record_trashed` (or, deleted without its on_trash, as `delete_doc` read it)."""
	source = FIGURE_SOURCES.get(doc.doctype)
	if source is None:
		return
	figures = doc.flags.figures_to_take_back
	if figures is None:
		figures = figures_by_area(source, doc)
	write(source.doctype, {key: -measures for key, measures in figures.items()})


def record_renamed(doc, method: str | None, old: str, new: str, merge: bool = False) -> None:
	"""after_rename of every doctype: sums counted under the old name of a record a figure is categorised by
	(a User as the operator, an institution, a Special Group) move to the new name.

	Frappe renames the links in the records themselves with plain SQL, which no save counts; a merge adds
	the old name's sums to the new one's.
	"""
	for source in FIGURE_SOURCES.values():
		links = {
			field.fieldname: field.options for field in frappe.get_meta(source.doctype).get_link_fields()
		}
		if figures := figures_named_by(source, links, doc.doctype):
			move_category(source.doctype, figures, old, new)


def move_category(service: str, figures: frozenset[str], old: str, new: str) -> None:
	"""Add the sums of `figures` counted under the category `old` to those under `new`, and drop them."""
	names = ", ".join(frappe.db.escape(figure) for figure in sorted(figures))
	where = f"f.service = %(service)s and f.figure in ({names}) and f.category = %(old)s"
	# The stored rows' own measures and area, under the name a save of the new category upserts into.
	frappe.db.sql(
		f"""insert into `tab{FIGURE}` ({", ".join(f"`{column}`" for column in FIGURE_COLUMNS)})
		select md5(concat_ws(char(31), f.service, f.level, f.division, date_format(f.month, '%%Y-%%m-%%d'),
				f.figure, %(new)s)),
			f.creation, %(stamp)s, %(user)s, f.owner, 0, 0, f.service, f.level, f.month, f.figure, %(new)s,
			f.division, {", ".join(f"f.`{column}`" for column in (*AREA_COLUMNS, *MEASURES))}
		from `tab{FIGURE}` f where {where}
		on duplicate key update {UPSERT_ADDS}""",
		{"service": service, "old": old, "new": new, "stamp": now(), "user": frappe.session.user},
	)
	frappe.db.sql(f"delete f from `tab{FIGURE}` f where {where}", {"service": service, "old": old})


def mark_step_escalated(doc, row, moment) -> None:
	"""Stamp the running step's row escalated and count it: the hourly job escalates without a save."""
	source = FIGURE_SOURCES.get(doc.doctype)
	before = figures_by_area(source, doc) if source else {}
	row.db_set("escalated_on", moment, update_modified=False)
	if source:
		write(doc.doctype, figure_delta(before, figures_by_area(source, doc)))


def figure_name(service: str, level: str, area: str, month, figure: str, category: str) -> str:
	"""The sum's name: a digest of its key, so that a write adds to the same row (an upsert)."""
	key = "\x1f".join((service, level, area, str(month), figure, category))
	return hashlib.md5(key.encode(), usedforsecurity=False).hexdigest()


# The columns of a stored sum, in the order `figure_values` gives them.
FIGURE_COLUMNS = (
	"name", "creation", "modified", "modified_by", "owner", "docstatus", "idx",
	"service", "level", "month", "figure", "category", "division", *AREA_COLUMNS, *MEASURES,
)  # fmt: skip


# One multi-row upsert adding each row's measures to the stored ones, written as SQL (pypika's builder cost
# more than the statement it builds).
UPSERT_ADDS = ", ".join(
	f"`tab{FIGURE}`.`{measure}` = `tab{FIGURE}`.`{measure}` + values(`{measure}`)" for measure in MEASURES
)
UPSERT = (
	f"insert into `tab{FIGURE}` ({', '.join(f'`{column}`' for column in FIGURE_COLUMNS)}) values {{values}}"
	f" on duplicate key update {UPSERT_ADDS}"
)
ROW_MARKS = "(" + ", ".join(["%s"] * len(FIGURE_COLUMNS)) + ")"


def figure_values(service: str, changes: Mapping[tuple, Measures]) -> list[tuple]:
	"""One row of FIGURE_COLUMNS per changed sum ((level, area, month, figure, category) → measures)."""
	stamp, user = now(), frappe.session.user if frappe.session else "Administrator"
	rows = []
	for (level, area, month, figure, category), measures in changes.items():
		code, *columns = area
		rows.append(
			(
				figure_name(service, level, code, month, figure, category), stamp, stamp, user, user, 0, 0,
				service, level, month, figure, category, code, *columns,
				measures.records, measures.timed, measures.in_time, measures.days,
			)
		)  # fmt: skip
	return rows


def write(service: str, changes: Mapping[tuple, Measures]) -> None:
	"""Add `changes` ((area, month, figure, category) → measures, per township) to the stored sums at every
	level, creating rows as needed.

	One INSERT … ON DUPLICATE KEY UPDATE per batch adds in the database, so two saves at once in the same
	township both count (each adds to the row under its lock), and a rollback takes both back.
	"""
	upsert(service, at_levels(changes))


def upsert(service: str, changes: Mapping[tuple, Measures]) -> None:
	"""Add `changes` ((level, area, month, figure, category) → measures) to the stored sums as they are."""
	# Sorted by name, so that every transaction locks the sums it adds to in the same order.
	rows = sorted(figure_values(service, changes))
	for start in range(0, len(rows), WRITE_BATCH):
		batch = rows[start : start + WRITE_BATCH]
		frappe.db.sql(
			UPSERT.format(values=", ".join([ROW_MARKS] * len(batch))),
			[value for row in batch for value in row],
		)


def rebuild(doctype: str | None = None) -> dict[str, int]:
	"""Recount the figures of one counted doctype (or all) from their records, in the database
	(`figure_recount`); the sums written, by doctype."""
	return {source.doctype: recount(source) for source in selected_sources(doctype)}


def selected_sources(doctype: str | None = None) -> list[FigureSource]:
	return [FIGURE_SOURCES[doctype]] if doctype else list(FIGURE_SOURCES.values())


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
	division's subtree (a report's filter); the tier scope of the reader applies in any case. The sums
	are read at the coarsest level that answers (`read_level`).
	"""
	division_tier = frappe.db.get_value(DIVISION, division, "tier", cache=True) if division else None
	filters = [
		["service", "=", service],
		["level", "=", read_level(group_by, division_tier)],
		["figure", "in", list(figures)],
		["month", ">=", getdate(from_month).replace(day=1)],
		["month", "<=", getdate(to_month)],
	]
	if division_tier in SCOPE_COLUMN_BY_TIER and division_tier != "Village":
		filters.append([SCOPE_COLUMN_BY_TIER[division_tier], "=", division])
	columns = list(group_by)
	return frappe.get_list(
		FIGURE,
		filters=filters,
		fields=[*columns, *(f"sum({measure}) as {measure}" for measure in MEASURES)],
		group_by=", ".join(columns) if columns else None,
		order_by=", ".join(columns) if columns else None,
		limit_page_length=0,
	)


TIER_OF_COLUMN = {column: tier for tier, column in AREA_COLUMN_BY_TIER.items()}


def read_level(group_by: Sequence[str], division_tier: str | None = None, user: str | None = None) -> str:
	"""The level of sums a read needs: fine enough for its area columns, the division it is limited to
	and the reader's own areas (a county reader's rows are county sums, the province's prefecture sums)."""
	user = user or frappe.session.user
	tiers = [TIER_OF_COLUMN[column] for column in group_by if column in TIER_OF_COLUMN]
	if division_tier:
		tiers.append(division_tier)
	if not is_unscoped(user):
		tiers += [node.tier for node in get_permitted_nodes(user, FIGURE)]
	return reading_level(tiers)

"""The composite indexes that keep each service's desk fast at a million records: one list of values.

Pure. A service's desk lists its latest records, counts them (with a state filter too), counts them by
state and by the sidebar's other group-by fields, and lists the overdue and the due-today ones
(`current_due`, the running step's due moment). A scoped user adds one equality on one area column
(`rules.scope`), so each index starts with that column and then carries what the path filters, groups
or reads:

- `<column>_desk_index` (column, state, group-by fields...): the count with a state filter and every
  sidebar group-by count read from the index alone (a covering index), never from the rows.
- `<column>_due_index` (column, current_due): overdue, a range on the due moment.
- `state_desk_index` and `due_index`: the same without a column, for the province and Administrator,
  who see everything (no scope condition at all). Due today, one day of due moments, is fewer records
  than any area's overdue ones: MariaDB reads it through `due_index` at every tier.

A village (about 200 of a million records) is read fast enough through the `(division, modified)`
index every area record has (`scoping.add_area_indexes`), so it gets none. A township (about 13,000)
gets desk and due indexes: without them, MariaDB counted a township's records in a state by reading the whole province's
records in that state, and its overdue ones by reading each of its records (84 ms, 15 times the
province's count). The latest-20 list uses the `(column, modified)` indexes at every tier. Every index costs each save a little, so the list
stays this short: see benchmarks/RESULTS.md for the desk benchmark and the save cost.
"""

from dataclasses import dataclass

# The area columns given desk indexes: tiers with too many records to read row by row.
DESK_COLUMNS = ("prefecture", "county", "township")
DUE_COLUMNS = DESK_COLUMNS
DUE_FIELD = "current_due"


@dataclass(frozen=True)
class Desk:
	"""What one service's desk filters and groups on."""

	state_field: str
	# The sidebar's group-by fields beyond the state: assigned worker, language, special group.
	group_by: tuple[str, ...] = ()
	due_field: str | None = DUE_FIELD
	# The list's order (the doctype's sort_field). Every area record has (column, modified) indexes; a list
	# in another order gets (column, order) indexes at every tier and one on the order alone.
	sort_field: str = "modified"


DESKS: dict[str, Desk] = {
	"Legal Aid Application": Desk(
		"workflow_state", ("assigned_worker", "preferred_language", "entitled_group")
	),
	"Mediation Case": Desk("workflow_state", ("preferred_language",)),
	"Notarization Referral": Desk("workflow_state", ("preferred_language", "entitled_group")),
	# The hotline lists its work orders newest call first: by creation, not by modified.
	"Hotline Work Order": Desk("workflow_state", ("operator", "language"), sort_field="creation"),
	# A consultation has no time-limited step, so no due moment.
	"Legal Consultation": Desk("status", ("worker", "language"), due_field=None),
	"Satisfaction Evaluation": Desk("status"),
}


def desk_index_name(column: str, desk: Desk) -> str:
	"""The name of a column's desk index. Where the state is `status`, every area record already has a
	(column, status) index of this name (`scoping.add_area_indexes`): the desk index takes its name and
	widens it with the group-by fields, so the table keeps one index, not two that begin alike."""
	return f"{column}_status_index" if desk.state_field == "status" else f"{column}_desk_index"


def indexes_for(desk: Desk) -> dict[str, tuple[str, ...]]:
	"""Index name -> columns, for one desk."""
	indexes: dict[str, tuple[str, ...]] = {}
	for column in DESK_COLUMNS:
		indexes[desk_index_name(column, desk)] = (column, desk.state_field, *desk.group_by)
	for column in DUE_COLUMNS:
		if desk.due_field:
			indexes[f"{column}_due_index"] = (column, desk.due_field)
	if desk.sort_field != "modified":
		for column in ("division", *DESK_COLUMNS):
			indexes[f"{column}_{desk.sort_field}_index"] = (column, desk.sort_field)
		indexes[f"{desk.sort_field}_index"] = (desk.sort_field,)
	indexes["state_desk_index"] = (desk.state_field, *desk.group_by)
	if desk.due_field:
		indexes["due_index"] = (desk.due_field,)
	return indexes


# doctype -> index name -> columns: what `qh_legal_service.desk_indexes` adds and its test checks.
DESK_INDEXES: dict[str, dict[str, tuple[str, ...]]] = {
	doctype: indexes_for(desk) for doctype, desk in DESKS.items()
}

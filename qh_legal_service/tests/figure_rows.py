"""Many service records with every field their figures read, for the figures' recount test and the
report benchmark (benchmarks/report_benchmark.py).

As `desk_rows` does for the desk: one `INSERT ... SELECT` per batch from MariaDB's sequence engine,
joined to the temporary table of the 4,716 villages (`desk_rows.make_village_table`). Each row gets a
village (spread evenly), a receipt over the last five years, and every field the figures, the desk and
the reports' current-state columns read filled from the field's own options (a date other than the
receipt half the time, up to 40 days after it and never in the future; a check one time in 12); a
service with states (`desk_rows.states`) is in any state when received in the last two months and in an
ended one before, due a week after receipt while a step runs. Each row then gets one to three steps of
its service's own steps and states, 85% in time, and where groups are a table a special group 15 times
in 100. Values derive from SHA-512 of the row number, so a rerun makes the same rows. Rows are named
`<prefix><8 digits>`.
"""

import frappe

from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.service_case import STEP_LOG_DOCTYPE
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.rules.special_groups import MEMBERSHIP_DOCTYPE, MEMBERSHIP_FIELD, SPECIAL_GROUPS
from qh_legal_service.tests.desk_rows import (
	EXTRA_COLUMNS,
	choose,
	common_columns,
	insert_generated,
	make_village_table,
	numbered_villages,
	state_field,
	states,
	uniform,
)

YEARS = 5
# Records received within this many days may still be running; older ones have ended.
RECENT_DAYS = 60
NOT_FILLED = {"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect", "Button"}


def service_fields(doctype: str) -> list:
	"""The columns a generated row fills: what the figures, the desk and the reports' current-state
	columns read."""
	from qh_legal_service.rules.desk_indexes import DESKS

	wanted = set(FIGURE_SOURCES[doctype].fields) | {"current_due"}
	if desk := DESKS.get(doctype):
		wanted |= {desk.state_field, *desk.group_by}
	if declaration := SERVICES.get(doctype):
		wanted |= {declaration.state_field, declaration.title_field}
	meta = frappe.get_meta(doctype)
	return [field for field in meta.fields if field.fieldname in wanted and field.fieldtype not in NOT_FILLED]


def links_of(doctype: str) -> dict[str, list[str]]:
	"""Up to 200 existing names for each Link field a row fills (divisions apart)."""
	return {
		field.options: frappe.get_all(field.options, pluck="name", limit=200)
		for field in service_fields(doctype)
		if field.fieldtype == "Link" and field.options != "Administrative Division"
	}


def add_rows(doctype: str, first: int, last: int, prefix: str, now: str, batch: int = 100_000) -> None:
	"""Rows numbered first..last of `doctype`, their steps and their special groups."""
	villages = make_village_table()
	links = links_of(doctype)
	for start in range(first, last + 1, batch):
		insert_records(doctype, start, min(start + batch - 1, last), prefix, now, villages, links)
	insert_steps(doctype, prefix, now)
	insert_groups(doctype, prefix)


def delete_rows(doctype: str, prefix: str) -> None:
	"""Remove the generated rows of `doctype`, their steps and their special groups."""
	like = f"{prefix}%"
	frappe.db.sql(
		f"delete from `tab{STEP_LOG_DOCTYPE}` where parenttype = %s and parent like %s", (doctype, like)
	)
	frappe.db.sql(
		f"delete from `tab{MEMBERSHIP_DOCTYPE}` where parenttype = %s and parent like %s", (doctype, like)
	)
	frappe.db.sql(f"delete from `tab{doctype}` where name like %s", like)


def draws(salt: str, row: str) -> list[str]:
	"""SQL for 16 numbers in [0, 1) drawn from the SQL value `row` and `salt` (one SHA-512 per row)."""
	digest = f"sha2(concat('{salt}', {row}), 512)"
	return [f"conv(substr({digest}, {8 * i + 1}, 8), 16, 10) / 4294967296" for i in range(16)]


def field_value(field, draw: str, links: dict, now: str) -> str:
	"""SQL for a plausible value of a field from its own options, drawn by `draw`; dates near receipt."""
	kind = field.fieldtype
	if kind == "Select":
		options = tuple(option for option in (field.options or "").split("\n") if option)
		return choose(options, draw) if options else "null"
	if kind == "Check":
		return f"{draw} < 0.08"
	if kind in ("Date", "Datetime"):
		# Set half the time, up to 40 days after receipt and never in the future.
		return f"if({draw} < 0.5, null, least({now}, g.created + interval floor({draw} * 40 * 1440) minute))"
	if kind in ("Int", "Float", "Currency", "Percent"):
		return f"floor({draw} * 60)"
	if kind == "Link":
		choices = tuple(links.get(field.options) or ())
		return choose(choices, draw) if choices else "null"
	if kind in ("Data", "Small Text", "Text", "Long Text", "Text Editor"):
		return "'bench'"
	return "null"


def insert_records(
	doctype: str, first: int, last: int, prefix: str, now: str, villages: int, links: dict
) -> None:
	"""Rows numbered first..last of `doctype` (see the module's docstring); `make_village_table` must
	have run."""
	source = FIGURE_SOURCES[doctype]
	now = f"cast({frappe.db.escape(now)} as datetime)"
	columns = common_columns(prefix)
	fields = [field for field in service_fields(doctype) if field.fieldname not in columns]
	values = [f"g.d{i}" for i in range(32)]
	for index, field in enumerate(fields):
		columns[field.fieldname] = field_value(field, values[index % 32], links, now)
	columns[source.received.on] = "g.created"
	if doctype in SERVICES or doctype in EXTRA_COLUMNS:  # a service with states
		running, ended = states(doctype)
		field = state_field(doctype)
		recent = f"g.created > {now} - interval {RECENT_DAYS} day"
		columns[field] = f"if({recent}, {choose((*running, *ended), 'g.s')}, {choose(ended, 'g.s')})"
		if running and doctype in SERVICES:
			listed = ", ".join(frappe.db.escape(state) for state in running)
			columns["current_due"] = f"if({columns[field]} in ({listed}), g.created + interval 7 day, null)"
	draws_ = [*draws("a", "s.seq"), *draws("b", "s.seq")]
	generated = f"""
		select r.*, {now} - interval floor(r.u * {YEARS} * 365 * 1440) minute as created
		from (
			select s.seq as n, v.division, v.township, v.county, v.prefecture,
				{uniform("u")} as u, {uniform("s")} as s,
				{", ".join(f"{draw} as d{i}" for i, draw in enumerate(draws_))}
			{numbered_villages(first, last, villages)}
		) r"""
	insert_generated(doctype, columns, generated)


def insert_steps(doctype: str, prefix: str, now: str) -> None:
	"""One to three steps per generated row, of the service's own steps and states, 85% in time (a step
	that would end in the future is still running)."""
	source, declaration = FIGURE_SOURCES[doctype], SERVICES.get(doctype)
	if not source.step_log or not declaration or not declaration.step_names:
		return
	u = draws("step", "concat(r.name, k.seq)")
	started = "r.creation + interval (k.seq - 1) * 10 day"
	due = f"{started} + interval elt(1 + floor({u[0]} * 3), 3, 7, 15) day"
	ended = f"if({u[1]} < 0.85, {due} - interval 1 + floor({u[2]} * 48) hour, {due} + interval 2 day)"
	now = f"cast({frappe.db.escape(now)} as datetime)"
	frappe.db.sql(
		f"""insert into `tab{STEP_LOG_DOCTYPE}` (name, creation, modified, owner, modified_by, docstatus,
			idx, parent, parenttype, parentfield, step, started_on, due_on, ended_on, ended_in_state)
		select md5(concat(r.name, '|', %s, '|', k.seq)), r.creation, r.creation, 'Administrator', 'Administrator', 0,
			k.seq, r.name, %s, %s, {choose(tuple(declaration.step_names), u[3])}, {started}, {due},
			if({ended} <= {now}, {ended}, null), {choose(tuple(declaration.states), u[4])}
		from `tab{doctype}` r
		join seq_1_to_3 k on k.seq <= 1 + floor({draws("k", "r.name")[0]} * 3)
		where r.name like %s""",
		(doctype, doctype, source.step_log, f"{prefix}%"),
	)


def insert_groups(doctype: str, prefix: str) -> None:
	"""A special group for 15 in 100 generated rows of a service whose groups are a table."""
	source = FIGURE_SOURCES[doctype]
	if not source.group_table:
		return
	u = draws("group", "r.name")
	frappe.db.sql(
		f"""insert into `tab{MEMBERSHIP_DOCTYPE}` (name, creation, modified, owner, modified_by, docstatus,
			idx, parent, parenttype, parentfield, `{MEMBERSHIP_FIELD}`)
		select md5(concat(r.name, '|', %s)), r.creation, r.creation, 'Administrator', 'Administrator', 0, 1,
			r.name, %s, %s, {choose(SPECIAL_GROUPS, u[1])}
		from `tab{doctype}` r
		where r.name like %s and {u[0]} < 0.15""",
		(doctype, doctype, source.group_table, f"{prefix}%"),
	)

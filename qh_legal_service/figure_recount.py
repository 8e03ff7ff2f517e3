"""Recounting a service's supervision figures in the database, from the same declarations a save adds by.

A save adds what it changed through the pure rules (`rules.figures.record_figures`), one record at a
time. A recount of every record (after a migration, a bulk load, or to check the sums) would take that
path a million times; instead each `FigureRule` of the service's `FigureSource`, its receipt, special
groups, step log and current values become one `INSERT ... SELECT ... GROUP BY` into a temporary table
of township sums, which are then summed at every level into `Service Figure` under the names a save
upserts into (`figures.figure_name`, computed here by MariaDB's md5). The SQL follows the rules' own
reading of a record: a value "set" is non-empty (a number non-zero, a date present), a category is the
value's text ("" when unset; a current value's unset check is "0"), a month is the first of the
fact's month, days run from the start to the fact's moment, never negative, rounded to 4 places. The
site tests hold a recount equal to the sums kept save by save and to the pure rules over the records.
"""

from contextlib import contextmanager

import frappe

from qh_legal_service.rules.figures import (
	COUNTY_LEVEL,
	CURRENT_MONTH,
	ENDED_IN,
	ESCALATED,
	GROUP,
	GROUP_STEP,
	LEVELS,
	NO_GROUP,
	PREFECTURE_LEVEL,
	STEP,
	TOTAL,
	TOWNSHIP_LEVEL,
	FigureRule,
	FigureSource,
	current_figure,
)
from qh_legal_service.rules.service_case import IS_EMPTY, IS_SET, STEP_LOG_DOCTYPE
from qh_legal_service.rules.special_groups import MEMBERSHIP_DOCTYPE, MEMBERSHIP_FIELD

FIGURE = "Service Figure"
SUMS = "qhls_township_sums"
GROUPS = "qhls_record_groups"
STEPS = "qhls_record_steps"
# The measures of a fact counted once per record (or step).
ONE_RECORD = "count(*), 0, 0, 0"
GROUP_BY_MEMORY = 512 * 1024 * 1024
NUMBER_TYPES = frozenset({"Check", "Int", "Float", "Currency", "Percent"})
MOMENT_TYPES = frozenset({"Date", "Datetime", "Time"})
# Field types a category may be read from: their text in the database is Python's str() of the value.
CATEGORY_TYPES = frozenset({"Select", "Link", "Data", "Dynamic Link", "Check", "Int"})
# A record's area at the township level and its tier columns ('' read as unset, as the rules do).
AREA = (
	"coalesce(nullif(r.township, ''), nullif(r.county, ''), nullif(r.prefecture, ''), nullif(r.division, ''))"
)
AREA_COLUMNS = "nullif(r.prefecture, ''), nullif(r.county, ''), nullif(r.township, '')"
# Each level's area of a township sum `t`, as `rules.figures.area_at_level` gives it.
LEVEL_AREAS = {
	TOWNSHIP_LEVEL: ("t.area", "t.prefecture", "t.county", "t.township"),
	COUNTY_LEVEL: ("coalesce(t.county, t.prefecture, t.area)", "t.prefecture", "t.county", "null"),
	PREFECTURE_LEVEL: ("coalesce(t.prefecture, t.area)", "t.prefecture", "null", "null"),
}


def recount(source: FigureSource) -> int:
	"""Replace the stored figures of `source`'s doctype by a recount of its records; the sums written."""
	frappe.db.delete(FIGURE, {"service": source.doctype})
	make_temporary_tables()
	try:
		with room_for_group_by():
			fill_groups(source)
			if source.step_log:
				fill_steps(source)
			for select in fact_selects(source):
				frappe.db.sql(f"insert into `{SUMS}` {select}")
			return write_levels(source.doctype)
	finally:
		drop_temporary_tables()


@contextmanager
def room_for_group_by():
	"""Room for the GROUP BYs' own temporary tables in memory (a million records' sums spill to disk at
	MariaDB's default 16 MB), for this connection and while the block runs only."""
	memory = frappe.db.sql("select @@tmp_table_size, @@max_heap_table_size")[0]
	frappe.db.sql(f"set session tmp_table_size = {GROUP_BY_MEMORY}, max_heap_table_size = {GROUP_BY_MEMORY}")
	try:
		yield
	finally:
		frappe.db.sql(
			f"set session tmp_table_size = {int(memory[0])}, max_heap_table_size = {int(memory[1])}"
		)


def temporary_table_ddl(query: str) -> None:
	"""Create or drop a temporary table inside the caller's transaction.

	MariaDB does not commit for a temporary table's CREATE or DROP, but Frappe's `sql` refuses any CREATE
	or DROP after a write (and `sql_ddl` commits first): a recount inside a save's or a test's transaction
	must neither fail nor commit it, so these go to the cursor directly.
	"""
	frappe.db._cursor.execute(query)


def make_temporary_tables() -> None:
	drop_temporary_tables()
	temporary_table_ddl(
		f"""create temporary table `{SUMS}` (area varchar(140), prefecture varchar(140),
		county varchar(140), township varchar(140), month date, figure varchar(140),
		category varchar(140), records int, timed int, in_time int, days decimal(20, 4))"""
	)
	temporary_table_ddl(
		f"create temporary table `{GROUPS}` (parent varchar(140), grp varchar(140), index (parent))"
	)
	temporary_table_ddl(
		f"""create temporary table `{STEPS}` (parent varchar(140), area varchar(140),
		prefecture varchar(140), county varchar(140), township varchar(140), step varchar(140),
		started_on datetime(6), due_on datetime(6), ended_on datetime(6), ended_in_state varchar(140),
		escalated_on datetime(6), index (parent))"""
	)


def drop_temporary_tables() -> None:
	temporary_table_ddl(f"drop temporary table if exists `{SUMS}`")
	temporary_table_ddl(f"drop temporary table if exists `{GROUPS}`")
	temporary_table_ddl(f"drop temporary table if exists `{STEPS}`")


def field_types(doctype: str) -> dict[str, str]:
	return {field.fieldname: field.fieldtype for field in frappe.get_meta(doctype).fields}


def is_set(column: str, fieldtype: str) -> str:
	"""SQL: the value counts as set (a number non-zero, a moment present, a text non-empty)."""
	if fieldtype in NUMBER_TYPES:
		return f"coalesce({column}, 0) != 0"
	if fieldtype in MOMENT_TYPES:
		return f"{column} is not null"
	return f"coalesce({column}, '') != ''"


def condition(column: str, fieldtype: str, expected) -> str:
	"""SQL for `rules.service_case._condition_holds(value, expected)`."""
	if expected is IS_SET:
		return is_set(column, fieldtype)
	if expected is IS_EMPTY:
		return f"not ({is_set(column, fieldtype)})"
	if fieldtype in NUMBER_TYPES:
		return f"coalesce({column}, 0) = {frappe.db.escape(expected)}"
	return f"{column} = {frappe.db.escape(expected)}"


def category(column: str, fieldtype: str) -> str:
	"""SQL for a rule's category, `str(value or "")`."""
	if fieldtype not in CATEGORY_TYPES:
		raise ValueError(f"a figure's category cannot be read from a {fieldtype} field ({column})")
	if fieldtype in NUMBER_TYPES:
		return f"if(coalesce({column}, 0) = 0, '', cast({column} as char))"
	return f"coalesce({column}, '')"


def month(column: str) -> str:
	return f"date_format({column}, '%Y-%m-01')"


def days(start: str, end: str) -> str:
	"""SQL for `rules.figures.days_between(start, end)`."""
	return (
		f"if({start} is null or {end} is null, 0, "
		f"round(greatest(timestampdiff(second, {start}, {end}), 0) / 86400, 4))"
	)


def summed(
	month_sql: str, figure: str, category_sql: str, measures: str, area: str = f"{AREA}, {AREA_COLUMNS}"
) -> str:
	"""A SELECT of township sums (the SUMS columns) from the records `r` (joined as the caller adds), or
	from what `area` names."""
	return f"select {area}, {month_sql}, {frappe.db.escape(figure)}, {category_sql}, {measures}"


def grouped(body: str) -> str:
	return f"{body} group by 1, 2, 3, 4, 5, 6, 7"


def fact_selects(source: FigureSource) -> list[str]:
	"""One SELECT per kind of fact the rules count, each giving the SUMS columns, grouped."""
	table = f"`tab{source.doctype}` r"
	types = field_types(source.doctype)
	selects = []
	for field in source.current:
		current = f"coalesce(cast(r.`{field}` as char), '')"
		selects.append(
			grouped(
				summed(frappe.db.escape(str(CURRENT_MONTH)), current_figure(field), current, ONE_RECORD)
				+ f" from {table} where {AREA} is not null"
			)
		)
	received = f"r.`{source.received.on}`"
	selects.append(
		grouped(
			summed(month(received), source.received.figure, frappe.db.escape(TOTAL), ONE_RECORD)
			+ f" from {table} where {AREA} is not null and {received} is not null"
		)
	)
	selects.append(
		grouped(
			summed(month(received), GROUP, "g.grp", ONE_RECORD)
			+ f" from {table} join `{GROUPS}` g on g.parent = r.name"
			f" where {AREA} is not null and {received} is not null"
		)
	)
	selects += [rule_select(source, rule, types) for rule in source.figures]
	if source.step_log:
		selects += step_selects()
	return selects


def rule_select(source: FigureSource, rule: FigureRule, types: dict[str, str]) -> str:
	"""The township sums of one `FigureRule`."""
	on = f"r.`{rule.on}`"
	conditions = [f"{AREA} is not null", f"{on} is not null"]
	conditions += [condition(f"r.`{name}`", types[name], value) for name, value in rule.when.items()]
	category_sql = category(f"r.`{rule.by}`", types[rule.by]) if rule.by else frappe.db.escape(TOTAL)
	if rule.days_from:
		start = f"r.`{rule.days_from}`"
		measures = f"count(*), sum({start} is not null), 0, sum({days(start, on)})"
	else:
		measures = ONE_RECORD
	return grouped(
		summed(month(on), rule.figure, category_sql, measures)
		+ f" from `tab{source.doctype}` r where {' and '.join(conditions)}"
	)


def steps_select(source: FigureSource) -> str:
	"""The ended or escalated steps of the service's step log, each with its record's area (one join, read
	four ways by `step_selects`): the STEPS columns."""
	return f"""select r.name, {AREA}, {AREA_COLUMNS}, s.step, s.started_on, s.due_on,
			s.ended_on, s.ended_in_state, s.escalated_on
		from `tab{source.doctype}` r join `tab{STEP_LOG_DOCTYPE}` s on s.parent = r.name
			and s.parenttype = {frappe.db.escape(source.doctype)}
			and s.parentfield = {frappe.db.escape(source.step_log)}
		where {AREA} is not null and (s.ended_on is not null or s.escalated_on is not null)"""


def fill_steps(source: FigureSource) -> None:
	frappe.db.sql(f"insert into `{STEPS}` {steps_select(source)}")


def step_selects() -> list[str]:
	"""The township sums of the step log (`fill_steps`): escalations, ended steps, the states they ended
	in, and the ended steps of each special group."""
	area = "s.area, s.prefecture, s.county, s.township"
	step_measures = (
		"count(*), sum(s.due_on is not null), sum(s.due_on is not null and s.ended_on <= s.due_on), "
		f"sum({days('s.started_on', 's.ended_on')})"
	)
	steps = f"from `{STEPS}` s"
	with_groups = f"{steps} join `{GROUPS}` g on g.parent = s.parent"
	# (the moment counted, the figure, its category, its measures, the rows read)
	facts = (
		("s.escalated_on", ESCALATED, "coalesce(s.step, '')", ONE_RECORD, steps),
		("s.ended_on", STEP, "coalesce(s.step, '')", step_measures, steps),
		("s.ended_on", ENDED_IN, "coalesce(s.ended_in_state, '')", ONE_RECORD, steps),
		("s.ended_on", GROUP_STEP, "g.grp", step_measures, with_groups),
	)
	return [
		grouped(
			summed(month(moment), figure, category_sql, measures, area)
			+ f" {rows} where {moment} is not null"
		)
		for moment, figure, category_sql, measures, rows in facts
	]


def members_select(source: FigureSource) -> str | None:
	"""Each record's special groups (`rules.figures.groups_of`) as (parent, group) rows, possibly repeated;
	None when the service counts no groups."""
	types = field_types(source.doctype)
	table = f"`tab{source.doctype}` r"
	members = [
		f"select r.name, {frappe.db.escape(group)} from {table} where {is_set(f'r.`{field}`', types[field])}"
		for field, group in source.special_groups.items()
	]
	for field, groups in source.group_by_value.items():
		if groups.get(""):
			raise ValueError(f"{field}: a group for an unset value is not counted by the recount")
		mapped = {value: group for value, group in groups.items() if group}
		if mapped:
			cases = " ".join(
				f"when {frappe.db.escape(value)} then {frappe.db.escape(group)}"
				for value, group in mapped.items()
			)
			values = ", ".join(frappe.db.escape(value) for value in mapped)
			members.append(
				f"select r.name, case r.`{field}` {cases} end from {table} where r.`{field}` in ({values})"
			)
	if source.group_table:
		members.append(
			f"select m.parent, m.`{MEMBERSHIP_FIELD}` from `tab{MEMBERSHIP_DOCTYPE}` m"
			f" where m.parenttype = {frappe.db.escape(source.doctype)}"
			f" and m.parentfield = {frappe.db.escape(source.group_table)}"
			f" and coalesce(m.`{MEMBERSHIP_FIELD}`, '') != ''"
		)
	return " union all ".join(members) or None


def ungrouped_select(source: FigureSource, members: str) -> str:
	"""The records in none of the groups `members` names, as (parent, NO_GROUP) rows."""
	return (
		f"select r.name, {frappe.db.escape(NO_GROUP)} from `tab{source.doctype}` r"
		f" where not exists (select 1 from {members} g where g.parent = r.name)"
	)


def fill_groups(source: FigureSource) -> None:
	"""Each record's special groups, once each, or NO_GROUP."""
	if members := members_select(source):
		frappe.db.sql(f"insert into `{GROUPS}` select distinct * from ({members}) x")
	frappe.db.sql(f"insert into `{GROUPS}` {ungrouped_select(source, f'`{GROUPS}`')}")


def level_select(level: str) -> str:
	"""The sums at `level` of the township sums `t`: (area, prefecture, county, township, month, figure,
	category, records, timed, in_time, days), one row per sum."""
	area, prefecture, county, township = LEVEL_AREAS[level]
	return f"""select {area} as area, {prefecture} as prefecture, {county} as county, {township} as township,
			t.month, t.figure, t.category, sum(t.records) as records, sum(t.timed) as timed,
			sum(t.in_time) as in_time, sum(t.days) as days
		from `{SUMS}` t
		group by 1, 2, 3, 4, 5, 6, 7"""


def write_levels(service: str) -> int:
	"""Sum the township sums at every level into `Service Figure`; the rows written."""
	stamp, user = frappe.utils.now(), frappe.session.user if frappe.session else "Administrator"
	written = 0
	for level in LEVELS:
		frappe.db.sql(
			f"""insert into `tab{FIGURE}` (name, creation, modified, modified_by, owner, docstatus, idx,
				service, level, month, figure, category, division, prefecture, county, township,
				records, timed, in_time, days)
			select md5(concat_ws(char(31), %(service)s, %(level)s, x.area, date_format(x.month, '%%Y-%%m-%%d'),
					x.figure, x.category)),
				%(stamp)s, %(stamp)s, %(user)s, %(user)s, 0, 0, %(service)s, %(level)s, x.month, x.figure,
				x.category, x.area, x.prefecture, x.county, x.township, x.records, x.timed, x.in_time, x.days
			from ({level_select(level)}) x
			where x.records != 0 or x.timed != 0 or x.in_time != 0 or x.days != 0""",
			{"service": service, "level": level, "stamp": stamp, "user": user},
		)
		written += frappe.db._cursor.rowcount
	return written


def differences_select(source: FigureSource) -> str:
	"""One SELECT of every stored sum of `source` that differs from a recount of its records: (level,
	division, prefecture, county, township, month, figure, category) and the recount less the stored
	records, timed, in_time and days.

	One statement, so that the records and the stored sums are read from one snapshot (a save changes
	both in one transaction) and without locks: the scratch tables a recount fills would lock every
	record they read (`INSERT … SELECT`), holding up every save while it runs. The recount's tables are
	the same SELECTs as common table expressions of the same names.
	"""
	expressions = []
	if members := members_select(source):
		expressions.append(f"qhls_group_members (parent, grp) as ({members})")
		groups = (
			"select distinct parent, grp from qhls_group_members"
			f" union all {ungrouped_select(source, 'qhls_group_members')}"
		)
	else:
		groups = f"select r.name, {frappe.db.escape(NO_GROUP)} from `tab{source.doctype}` r"
	expressions.append(f"`{GROUPS}` (parent, grp) as ({groups})")
	if source.step_log:
		expressions.append(
			f"`{STEPS}` (parent, area, prefecture, county, township, step, started_on, due_on, ended_on,"
			f" ended_in_state, escalated_on) as ({steps_select(source)})"
		)
	expressions.append(
		f"`{SUMS}` (area, prefecture, county, township, month, figure, category, records, timed, in_time,"
		f" days) as ({' union all '.join(fact_selects(source))})"
	)
	recounted = " union all ".join(
		f"select {frappe.db.escape(level)} as level, x.area as division, x.prefecture, x.county, x.township,"
		" cast(x.month as date) as month, x.figure, x.category, x.records, x.timed, x.in_time, x.days"
		f" from ({level_select(level)}) x"
		for level in LEVELS
	)
	stored = (
		"select level, division, prefecture, county, township, month, figure, category,"
		f" -records as records, -timed as timed, -in_time as in_time, -days as days from `tab{FIGURE}` where service = {frappe.db.escape(source.doctype)}"
	)
	return f"""with {", ".join(expressions)}
		select d.level, d.division, max(d.prefecture) as prefecture, max(d.county) as county,
			max(d.township) as township, d.month, d.figure, d.category, sum(d.records) as records,
			sum(d.timed) as timed, sum(d.in_time) as in_time, sum(d.days) as days
		from ({recounted} union all {stored}) d
		group by d.level, d.division, d.month, d.figure, d.category
		having sum(d.records) != 0 or sum(d.timed) != 0 or sum(d.in_time) != 0 or sum(d.days) != 0"""


def differences(source: FigureSource) -> list[dict]:
	"""The stored sums of `source` that differ from a recount (`differences_select`)."""
	# Text the recount makes (a cast, a literal) in the tables' own collation, so that it unions with the
	# stored sums' columns (the connection's default collation differs from the database's).
	collation = frappe.db.sql("select @@collation_connection")[0][0]
	frappe.db.sql("set session collation_connection = @@collation_database")
	try:
		with room_for_group_by():
			return frappe.db.sql(differences_select(source), as_dict=True)
	finally:
		frappe.db.sql(f"set session collation_connection = {frappe.db.escape(collation)}")

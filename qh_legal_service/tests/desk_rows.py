"""Many service records at once, for the desk-index test and the desk benchmark (benchmarks/desk_benchmark.py).

One `INSERT ... SELECT` per batch from MariaDB's sequence engine (`seq_1_to_N`), joined to a temporary
table of the 4,716 villages of qinghai_divisions.csv with their township, county and prefecture codes:
a million rows in minutes, where inserting documents would take hours. Each row gets a village (spread
evenly), a state of the service (3 in 100 in a state where a step runs, with a due moment from 8 days
ago to 22 days ahead, so about a quarter of those are overdue; the rest in the other states, with no
due moment, as `service_case` leaves them), and creation and modified moments over the last five years
(the running ones in the last 60 days). Values derive from md5 of the row number, so a rerun makes the
same rows (not crc32: it is linear, so the crc32s of two salted numbers move together, and the running
rows, chosen by one, all got nearly the same due moment). Rows are named `<prefix><8 digits>`;
`delete_rows` removes them again.
"""

import frappe

from qh_legal_service.demo import in_tibetan_area
from qh_legal_service.figure_recount import temporary_table_ddl
from qh_legal_service.rules.divisions import ancestors_by_tier, load_division_file
from qh_legal_service.rules.services import SERVICES

PREFIX = "DSK-"
VILLAGES = "qhls_desk_villages"
# The share of rows in a state where a step runs.
RUNNING_SHARE = 0.03

# Each doctype's own columns beyond the common ones, as SQL over the generated row `g` (row number n,
# uniform numbers u1..u4 in [0, 1), its village's codes and whether it lies in a Tibetan prefecture).
WORKER = "case when g.u4 < 0.6 then concat('bench-worker-', g.county, '-', g.n % 9) end"
EXTRA_COLUMNS = {
	"Legal Aid Application": {
		"applicant_name": "'群众'",
		"received_on": "g.created",
		"assigned_worker": WORKER,
		"preferred_language": "if(g.tibetan, 'bo', 'zh')",
		"entitled_group": "g.u4 * 10 - floor(g.u4 * 10) < 0.2",
	},
	"Mediation Case": {
		"applicant_name": "'群众'",
		"requested_on": "g.created",
		"preferred_language": "if(g.tibetan, 'bo', 'zh')",
	},
	"Notarization Referral": {
		"applicant_name": "'群众'",
		"referred_on": "g.created",
		"preferred_language": "if(g.tibetan, 'bo', 'zh')",
		"entitled_group": "g.u4 * 10 - floor(g.u4 * 10) < 0.2",
	},
	"Hotline Work Order": {
		"caller_name": "'群众'",
		"call_started_at": "g.created",
		"received_on": "g.created",
		"urgency": "'Normal'",
		"language": "if(g.tibetan, 'Tibetan', 'Chinese')",
		"operator": "concat('bench-operator-', g.n % 25, '@test.qh')",
	},
	"Legal Consultation": {
		"citizen_name": "'群众'",
		"consulted_on": "g.created",
		"worker": WORKER,
		"language": "if(g.tibetan, 'bo', 'zh')",
	},
	"Satisfaction Evaluation": {
		"evaluator_name": "'群众'",
		"evaluated_on": "g.created",
		"level": "'Satisfied'",
		"reference_doctype": "'Legal Aid Application'",
		"reference_name": f"concat('{PREFIX}', lpad(g.n, 8, '0'))",
		"evaluator_key": "concat('bench-', g.n)",
	},
}
# A consultation has no declared service case: open ones are its running state.
CONSULTATION_STATES = (("Open",), ("Answered", "Referred", "Closed"))


def states(doctype: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
	"""The doctype's states where a step runs, and the others."""
	if doctype not in SERVICES:
		return CONSULTATION_STATES
	service = SERVICES[doctype]
	running = set().union(*(step.states for step in service.steps))
	return (
		tuple(state for state in service.states if state in running),
		tuple(state for state in service.states if state not in running),
	)


def state_field(doctype: str) -> str:
	return SERVICES[doctype].state_field if doctype in SERVICES else "status"


def make_village_table() -> int:
	"""A temporary table of every village with its area codes (this connection only); its row count.

	Made inside the caller's transaction, which it neither commits nor breaks (`temporary_table_ddl`).
	"""
	divisions = load_division_file()
	paths = ancestors_by_tier(divisions)
	villages = sorted(row.code for row in divisions if row.tier == "Village")
	temporary_table_ddl(f"drop temporary table if exists `{VILLAGES}`")
	temporary_table_ddl(
		f"""create temporary table `{VILLAGES}` (idx int primary key, division varchar(140),
		township varchar(140), county varchar(140), prefecture varchar(140), tibetan tinyint)"""
	)
	values = [
		(
			index,
			code,
			paths[code].get("Township"),
			paths[code].get("County"),
			paths[code].get("Prefecture"),
			int(in_tibetan_area(code)),
		)
		for index, code in enumerate(villages)
	]
	for start in range(0, len(values), 1000):
		frappe.db.sql(
			f"insert into `{VILLAGES}` values "
			+ ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(values[start : start + 1000])),
			[value for row in values[start : start + 1000] for value in row],
		)
	return len(values)


def uniform(salt: str) -> str:
	"""SQL for a number in [0, 1) drawn from the row number `s.seq` and `salt`."""
	return f"conv(left(md5(concat('{salt}', s.seq)), 8), 16, 10) / 4294967296"


def choose(values: tuple[str, ...], draw: str) -> str:
	"""SQL picking one of `values` by `draw`, SQL for a number in [0, 1)."""
	listed = ", ".join(frappe.db.escape(value) for value in values)
	return f"elt(1 + floor({draw} * {len(values)}), {listed})"


def common_columns(prefix: str, modified: str = "g.created") -> dict[str, str]:
	"""SQL for the columns every generated row `g` fills: its name, stamps, village and area codes."""
	return {
		"name": f"concat({frappe.db.escape(prefix)}, lpad(g.n, 8, '0'))",
		"creation": "g.created",
		"modified": modified,
		"owner": "'Administrator'",
		"modified_by": "'Administrator'",
		"docstatus": "0",
		"division": "g.division",
		"township": "g.township",
		"county": "g.county",
		"prefecture": "g.prefecture",
	}


def insert_rows(doctype: str, first: int, last: int, now: str, villages: int) -> None:
	"""Insert rows numbered first..last (inclusive) of `doctype`; `make_village_table` must have run."""
	running, others = states(doctype)
	share = RUNNING_SHARE
	columns = {
		**common_columns(
			PREFIX, f"least({frappe.db.escape(now)}, g.created + interval floor(g.u2 * 20 * 1440) minute)"
		),
		state_field(doctype): (
			f"if(g.running, {choose(running, f'g.u3 / {share}')}, {choose(others, f'(g.u3 - {share}) / (1 - {share})')})"
		),
		**EXTRA_COLUMNS[doctype],
	}
	if doctype in SERVICES:
		columns["current_step"] = "if(g.running, 'Benchmark step', null)"
		columns["current_due"] = (
			f"if(g.running, {frappe.db.escape(now)} + interval floor((g.u2 * 30 - 8) * 1440) minute, null)"
		)
	generated = f"""
		select r.*, {frappe.db.escape(now)} - interval floor(r.u1 * if(r.running, 60, 5 * 365) * 1440) minute
			as created
		from (
			select s.seq as n, v.division, v.township, v.county, v.prefecture, v.tibetan,
				{uniform("a")} as u1, {uniform("b")} as u2, {uniform("c")} as u3, {uniform("d")} as u4,
				{uniform("c")} < {share} as running
			{numbered_villages(first, last, villages)}
		) r"""
	insert_generated(doctype, columns, generated)


def numbered_villages(first: int, last: int, villages: int) -> str:
	"""SQL: rows numbered first..last (`s.seq`), each joined to a village `v`, spread evenly."""
	return (
		f"from seq_{int(first)}_to_{int(last)} s"
		f" join `{VILLAGES}` v on v.idx = (s.seq * 7919) % {int(villages)}"
	)


def insert_generated(doctype: str, columns: dict[str, str], generated: str) -> None:
	"""Insert into `doctype` the `columns` (SQL over `g`) of each row of the `generated` SELECT."""
	frappe.db.sql(
		f"insert into `tab{doctype}` ({', '.join(f'`{column}`' for column in columns)})"
		f" select {', '.join(columns.values())} from ({generated}) g"
	)


def secondary_indexes(doctype: str) -> dict[str, tuple[bool, list[str]]]:
	"""Index name -> (unique, columns) of every index of the table but the primary key."""
	indexes: dict[str, tuple[bool, list[str]]] = {}
	for row in frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True):
		if row.Key_name != "PRIMARY":
			indexes.setdefault(row.Key_name, (not row.Non_unique, []))[1].append(f"`{row.Column_name}`")
	return indexes


def add_rows(
	doctype: str, count: int, now: str, batch: int = 100_000, commit: bool = False, bulk: bool = False
) -> None:
	"""Insert `count` generated rows after those already there (by their names), in batches.

	With `bulk` (a throwaway benchmark site), the secondary indexes are dropped for the load and built
	again in one pass afterwards, which is several times faster than keeping each up to date row by row.
	"""
	have = frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]})
	if have >= count:
		return
	villages = make_village_table()
	indexes = secondary_indexes(doctype) if bulk else {}
	if indexes:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` " + ", ".join(f"drop index `{name}`" for name in indexes)
		)
	for first in range(have + 1, count + 1, batch):
		insert_rows(doctype, first, min(first + batch - 1, count), now, villages)
		if commit:
			frappe.db.commit()  # nosemgrep: bulk loading for a benchmark, batch by batch
	if indexes:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` "
			+ ", ".join(
				f"add {'unique' if unique else 'index'} `{name}` ({', '.join(columns)})"
				for name, (unique, columns) in indexes.items()
			)
		)


def make_reader(email: str, division: str, profile: str, doctypes) -> None:
	"""A staff user at `division` (the desk of `profile`) who may also read each of `doctypes`: every role
	that reads one is added, in place of the profile's fixed set."""
	from qh_legal_service.rules.desks import CITIZEN_ROLE
	from qh_legal_service.staff import create_staff_user

	create_staff_user(email, email, division, profile)
	roles = set(
		frappe.get_all(
			"DocPerm",
			filters={"parent": ["in", list(doctypes)], "permlevel": 0, "read": 1, "if_owner": 0},
			pluck="role",
		)
	) - {"System Manager", "Administrator", "All", "Guest", CITIZEN_ROLE}
	user = frappe.get_doc("User", email)
	user.role_profile_name = None
	user.add_roles(*sorted(roles))


def delete_rows(doctype: str) -> None:
	"""Remove every generated row of `doctype`."""
	frappe.db.sql(f"delete from `tab{doctype}` where name like %s", f"{PREFIX}%")

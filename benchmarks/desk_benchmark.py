"""Benchmark each service's desk at a million records: lists, counts and sidebar counts, per tier.

Run with the bench's python from the bench's sites folder, on a throwaway site with the app installed,
one service at a time:

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout nice -n 10 ../env/bin/python /path/to/checkout/benchmarks/desk_benchmark.py \
		--site deskbench.localhost --doctype "Legal Aid Application" --records 1000000 --repeat 5

It tops the doctype up to --records generated rows (`qh_legal_service.tests.desk_rows`: one INSERT ...
SELECT per 100,000 rows, spread over the 4,716 villages), makes a village, township, county, prefecture
and province user (each with their area's User Permission and the roles that read the doctype), and
times every desk path through the very functions the desk calls, as that user and as Administrator
(no scope at all):

- latest 20: `frappe.desk.reportview.get`, the list's fields, ordered by the doctype's sort field;
- count shown: `frappe.desk.reportview.get_count` with the list's limit of 1,001 (the footer's "1,000+");
- count exact: the same without a limit (the footer's "click for the accurate count");
- count in a state: the exact count with a state filter;
- by <field>: `frappe.desk.listview.get_group_by_count`, the sidebar's group-by counts;
- overdue / due today, latest 20 and count: the list and the number card over `current_due` (the app's
  overdue filter, a range from a day before any record to now; Frappe's Timespan "today");
- rollup: count exact / sidebar by <state>: the app's overrides of get_count and get_group_by_count
  (`qh_legal_service.desk_counts`), which answer an unfiltered request from the figures' current sums.
  The generated rows bypass the save hooks, so their figures are the app's own recount
  (`figures.rebuild`), and each answer is checked against Frappe's own before it is timed.

Medians of --repeat runs after a warm-up, in milliseconds, with the index MariaDB chose for the scoped
query (EXPLAIN of the SQL the call ran). The table is printed and appended to benchmarks/RESULTS.md;
--drop-after deletes the generated rows when done.
"""

import json
import time

import frappe
from harness import machine, main, results_table, site_session, timed

USERS = (
	("Village", "desk-village@test.qh", "630202001001", "Village Legal Adviser"),
	("Township", "desk-township@test.qh", "630202001", "Township Judicial Office"),
	("County", "desk-county@test.qh", "630202", "County Justice Bureau"),
	("Prefecture", "desk-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("Province", "desk-province@test.qh", "630000", "Province Supervisor"),
)
UNSCOPED = "Administrator"
# The state a desk filters its list on, where it is not the first state in which a step runs.
STATE_FILTER = {"Legal Aid Application": "Under Review"}
# The app's overdue filter starts here (legal_aid.day_cards.SINCE_EVER).
SINCE_EVER = "1900-01-01 00:00:00"
LIST_LIMIT = 1001


def configure(parser) -> None:
	parser.add_argument("--doctype", required=True)
	parser.add_argument("--drop-after", action="store_true", help="delete the generated rows when done")
	parser.add_argument("--tiers", nargs="*", help="time only these tiers (default: every tier)")
	parser.set_defaults(repeat=5)


def as_request(call, **form):
	"""Run a desk endpoint as one request would: its form, and no cached permission look-ups."""
	frappe.local.form_dict = frappe._dict(form)
	if hasattr(frappe.local, "request_cache"):
		frappe.local.request_cache.clear()
	return call()


def desk_paths(doctype: str, now: str) -> list[tuple[str, object]]:
	"""(path, call) for each desk path of `doctype`, each run as the current user."""
	from frappe.desk import listview, reportview

	from qh_legal_service import desk_counts
	from qh_legal_service.rules.desk_indexes import DESKS
	from qh_legal_service.tests.desk_rows import states

	desk = DESKS[doctype]
	meta = frappe.get_meta(doctype)
	table = f"`tab{doctype}`"
	fields = [
		f"{table}.`{name}`"
		for name in (
			"name",
			"owner",
			"creation",
			"modified",
			"modified_by",
			"_user_tags",
			"_comments",
			"_assign",
			"_liked_by",
			"docstatus",
			"idx",
			meta.title_field or "name",
			desk.state_field,
		)
	]
	order_by = f"{table}.`{meta.sort_field or 'modified'}` {meta.sort_order or 'desc'}"
	state = STATE_FILTER.get(doctype) or states(doctype)[0][0]

	def latest(filters):
		return lambda: as_request(
			reportview.get,
			doctype=doctype,
			fields=json.dumps(fields),
			filters=json.dumps(filters),
			order_by=order_by,
			start=0,
			page_length=20,
			view="List",
			with_comment_count=1,
		)

	def count(filters, limit=0):
		return lambda: as_request(
			reportview.get_count, doctype=doctype, filters=json.dumps(filters), distinct="false", limit=limit
		)

	def group_by(field):
		return lambda: as_request(lambda: listview.get_group_by_count(doctype, "[]", field))

	def rollup_count():
		return as_request(desk_counts.get_count, doctype=doctype, filters="[]", distinct="false", limit=0)

	def rollup_group_by():
		return as_request(lambda: desk_counts.get_group_by_count(doctype, "[]", desk.state_field))

	paths = [
		("latest 20", latest([])),
		("count shown (limit 1,001)", count([], LIST_LIMIT)),
		("count exact", count([])),
		(f"count, {desk.state_field} = {state}", count([[doctype, desk.state_field, "=", state]])),
		*((f"sidebar: by {field}", group_by(field)) for field in (desk.state_field, *desk.group_by)),
	]
	if desk.due_field:
		overdue = [[doctype, desk.due_field, "between", [SINCE_EVER, now]]]
		today = [[doctype, desk.due_field, "Timespan", "today"]]
		paths += [
			("overdue, latest 20", latest(overdue)),
			("overdue, count", count(overdue)),
			("due today, latest 20", latest(today)),
			("due today, count", count(today)),
		]
	paths += [
		("rollup: count exact", rollup_count),
		(f"rollup: sidebar by {desk.state_field}", rollup_group_by),
	]
	return paths


def explain_key(call, doctype: str) -> str:
	"""The index MariaDB chose for the main query of `call` on `doctype`'s table, or on the figures'
	table for a path the rollup answers (EXPLAIN)."""
	queries = []
	sql = frappe.db.sql

	def recording(query, *args, **kwargs):
		text = str(query)
		result = sql(query, *args, **kwargs)
		ran = kwargs.get("run", True)  # run=False only builds the query
		if ran and text.lstrip().lower().startswith("select"):
			for table in (doctype, "Service Figure"):
				if f"`tab{table}`" in text:
					queries.append((table, frappe.db._cursor._executed))
		return result

	frappe.db.sql = recording
	try:
		call()
	finally:
		frappe.db.sql = sql
	if not queries:
		return "?"
	table = doctype if any(name == doctype for name, _query in queries) else "Service Figure"
	query = max((query for name, query in queries if name == table), key=len)
	plan = frappe.db.sql(f"explain {query}", as_dict=True)
	row = next((row for row in plan if row.table and table in row.table), plan[0])
	where = "" if table == doctype else f"{table}: "
	return f"{where}{row.key or 'none'} ({row.type}, {int(row.rows or 0):,} rows)"


def check_rollup(doctype: str, user: str, tier: str) -> None:
	"""The overrides answer from the sums for this reader, and answer what Frappe's own functions do."""
	from frappe.desk import listview, reportview

	from qh_legal_service import desk_counts
	from qh_legal_service.rules.desk_indexes import DESKS

	field = DESKS[doctype].state_field
	print(f"{tier}: the sums answer for {user}: {desk_counts.sums_answer_for(doctype)}")
	form = {"doctype": doctype, "filters": "[]", "distinct": "false", "limit": 0}
	ours, frappes = as_request(desk_counts.get_count, **form), as_request(reportview.get_count, **form)
	ours_by = {row["name"]: row["count"] for row in desk_counts.get_group_by_count(doctype, "[]", field)}
	frappes_by = {row["name"]: row["count"] for row in listview.get_group_by_count(doctype, "[]", field)}
	assert (ours, ours_by) == (frappes, frappes_by), (tier, ours, frappes, ours_by, frappes_by)


def run(args) -> str:
	from frappe.utils import now_datetime

	from qh_legal_service.figures import rebuild
	from qh_legal_service.tests.desk_rows import add_rows, delete_rows, make_reader

	doctype = args.doctype
	with site_session(args.site):
		now = now_datetime().strftime("%Y-%m-%d %H:%M:%S")
		have = frappe.db.count(doctype)
		if have < args.records:
			print(
				f"Inserting {args.records - have:,} rows of {doctype} (INSERT ... SELECT, 100,000 a batch, indexes built after)..."
			)
			start = time.perf_counter()
			add_rows(doctype, args.records, now, commit=True, bulk=True)
			print(f"  done in {time.perf_counter() - start:.0f} s")
		frappe.db.sql(f"analyze table `tab{doctype}`")
		total = frappe.db.count(doctype)
		start = time.perf_counter()
		rebuild(doctype)
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code
		print(f"Figures recounted in {time.perf_counter() - start:.0f} s")
		for _tier, email, division, profile in USERS:
			make_reader(email, division, profile, [doctype])
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code

		paths = desk_paths(doctype, now)
		frappe.set_user(UNSCOPED)
		unscoped = {name: timed(call, args.repeat) for name, call in paths}
		unscoped_keys = {name: explain_key(call, doctype) for name, call in paths}
		rows = []
		for tier, email, _division, _profile in USERS:
			if args.tiers and tier not in args.tiers:
				continue
			frappe.set_user(email)
			check_rollup(doctype, email, tier)
			for name, call in paths:
				scoped = timed(call, args.repeat)
				key = explain_key(call, doctype)
				ratio = scoped / unscoped[name] if unscoped[name] else 0.0
				rows.append((name, tier, scoped, unscoped[name], f"{ratio:.2f}", key, unscoped_keys[name]))
				print(rows[-1], flush=True)
		frappe.set_user(UNSCOPED)
		if args.drop_after:
			delete_rows(doctype)
			frappe.db.commit()  # nosemgrep: a benchmark script, not app code

	return results_table(
		f"## Desk: {doctype}, {time.strftime('%Y-%m-%d')}: {total:,} records, median of {args.repeat} runs (ms)",
		f"{machine(args.site)} `benchmarks/desk_benchmark.py`: each desk path through the function the desk "
		"calls (reportview.get, reportview.get_count, listview.get_group_by_count), as a user at each tier "
		"(scoped) and as Administrator (unscoped); ratio = scoped / unscoped; index = EXPLAIN's key (access "
		"type, rows it expects to read) for the scoped and the unscoped query.",
		("path", "tier", "scoped", "unscoped", "ratio", "index, scoped", "index, unscoped"),
		rows,
	)


if __name__ == "__main__":
	main(__doc__, run, configure)

"""Benchmark every supervisor report at a million records, against a plain GROUP BY of the same rows.

Run with the bench's python from the bench's sites folder, on a THROWAWAY site with the app installed
(it bulk-inserts records):

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/report_benchmark.py \
		--site reportbench.localhost --records 1000000 [--services "Legal Aid Application,Mediation Case"]

It tops the site up to --records rows in all, divided between the counted services (`SHARES`; with
`--services` between those only), spread over the last five years across all 4,716 villages
(frappe.db.bulk_insert, no controllers). Each row's fields are filled from the doctype's own options (the
fields the figures, the desk and the reports' current-state columns read; a date other than the receipt
half the time; cases older than two months in an ended state, recent ones in any state, due a week after
receipt while they run), with a step log of one to three steps (85% in time); their figures are added to
`Service Figure` as saves would have added them (`figures.accumulate` and `figures.figure_values`, the same
pure rules and rows, inserted at once; the step rows themselves are not stored, as no report reads them). The load's time is kept
in the table (goal: the million under five minutes).

Then every script report of the app runs through `frappe.desk.query_report.run` for the last twelve
months as a province, a prefecture and a county user, beside the plain GROUP BY the issue compares with:
`frappe.get_list` of the same rows (its service's receipt date in the same months; every service's for a
report over all of them) counted by prefecture, as the same user. Medians of --repeat runs, in ms.
Goal: each report under 1 s for the province and within 1.5 times the plain GROUP BY.
"""

import datetime as dt
import random
import time

import frappe
from harness import ensure_users, machine, main, results_table, site_session, timed

USERS = (
	("Province", "bench-report-province@test.qh", "630000", "Province Supervisor"),
	("Prefecture", "bench-report-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("County", "bench-report-county@test.qh", "630202", "County Justice Bureau"),
)
PREFIX = "RB-"
YEARS = 5
BATCH = 10_000
WRITE_CHUNK = 20_000
# Records received within this many days may still be running; older ones have ended.
RECENT_DAYS = 60
SECTION = "## Supervisor reports at 1,000,000 records"
NOT_FILLED = {"Section Break", "Column Break", "Tab Break", "HTML", "Table", "Table MultiSelect", "Button"}


def service_fields(doctype: str) -> list:
	"""The columns a bulk row fills: what the figures, the desk and the reports' current-state columns read."""
	from qh_legal_service.rules.desk_indexes import DESKS
	from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
	from qh_legal_service.rules.services import SERVICES

	wanted = set(FIGURE_SOURCES[doctype].fields) | {"current_due"}
	if desk := DESKS.get(doctype):
		wanted |= {desk.state_field, *desk.group_by}
	if declaration := SERVICES.get(doctype):
		wanted |= {declaration.state_field, declaration.title_field}
	meta = frappe.get_meta(doctype)
	return [field for field in meta.fields if field.fieldname in wanted and field.fieldtype not in NOT_FILLED]


def value_for(field, base: dt.datetime, rng: random.Random, links: dict):
	"""A plausible value for a field, from its own options; dates near the record's receipt."""
	kind = field.fieldtype
	if kind == "Select":
		options = [option for option in (field.options or "").split("\n") if option]
		return rng.choice(options) if options else None
	if kind == "Check":
		return int(rng.random() < 0.08)
	if kind in ("Date", "Datetime"):
		moment = base + dt.timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 8))
		return moment.date() if kind == "Date" else moment
	if kind in ("Int", "Float", "Currency", "Percent"):
		return rng.randint(0, 60)
	if kind == "Link":
		choices = links.get(field.options)
		return rng.choice(choices) if choices else None
	if kind in ("Data", "Small Text", "Text", "Long Text", "Text Editor"):
		return f"bench {rng.randint(0, 99999)}"
	return None


def steps_for(declaration, base: dt.datetime, rng: random.Random) -> list[dict]:
	"""One to three ended steps of the service's own step names, 85% in time."""
	if not declaration or not declaration.step_names:
		return []
	rows, start = [], base
	for step in rng.sample(declaration.step_names, k=min(len(declaration.step_names), rng.randint(1, 3))):
		due = start + dt.timedelta(days=rng.choice((3, 7, 15)))
		ended = (
			due - dt.timedelta(hours=rng.randint(1, 48))
			if rng.random() < 0.85
			else due + dt.timedelta(days=2)
		)
		state = rng.choice(declaration.states)
		rows.append(
			{"step": step, "started_on": start, "due_on": due, "ended_on": ended, "ended_in_state": state}
		)
		start = ended
	return rows


# How the million records divide between the services (roughly Qinghai's mix: calls and consultations
# outnumber cases). `--services` with one service gives it every record.
SHARES = {
	"Hotline Work Order": 0.25,
	"Legal Aid Application": 0.20,
	"Legal Consultation": 0.20,
	"Mediation Case": 0.15,
	"Notarization Referral": 0.10,
	"Service Order": 0.05,
	"Satisfaction Evaluation": 0.03,
	"Legal Aid Callback": 0.02,
}


def make_record(
	source, declaration, fields, number, village, path, base, now, rng, links
) -> tuple[dict, list]:
	"""One benchmark row and its ended steps; a date other than the receipt is set half the time."""
	from qh_legal_service.rules.special_groups import SPECIAL_GROUPS

	record = {}
	for field in fields:
		if field.fieldtype in ("Date", "Datetime") and rng.random() < 0.5:
			continue
		record[field.fieldname] = value_for(field, base, rng, links)
	record.update(path)
	record.update({"division": village, source.received.on: base, "name": f"{PREFIX}{number:08d}"})
	record.update(creation=base, modified=base, owner="Administrator", modified_by="Administrator")
	if source.group_table and rng.random() < 0.15:
		# Membership rows are not stored (no report reads them); their groups are counted.
		record[source.group_table] = [rng.choice(SPECIAL_GROUPS)]
	steps = []
	if declaration:
		# Cases older than two months have ended; a recent one may still run, due a week after receipt.
		running = sorted({state for step in declaration.steps for state in step.states})
		ended = [state for state in declaration.states if state not in running] or list(declaration.states)
		recent = (now - base).days < RECENT_DAYS
		state = rng.choice(declaration.states if recent else ended)
		record[declaration.state_field] = state
		record["current_due"] = base + dt.timedelta(days=7) if state in running else None
		steps = steps_for(declaration, base, rng)
	return record, steps


def load(doctype: str, records: int, villages: list, paths: dict, rng: random.Random) -> tuple[int, float]:
	"""Top the service up to `records` benchmark rows, then add their figures; (rows added, seconds)."""
	from qh_legal_service.figures import FIGURE, FIGURE_COLUMNS, accumulate, figure_values
	from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
	from qh_legal_service.rules.figures import Measures
	from qh_legal_service.rules.scope import area_columns
	from qh_legal_service.rules.services import SERVICES

	have = frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]})
	if have >= records:
		return 0, 0.0
	source, declaration = FIGURE_SOURCES[doctype], SERVICES.get(doctype)
	fields = service_fields(doctype)
	links = {
		field.options: frappe.get_all(field.options, pluck="name", limit=200)
		for field in fields
		if field.fieldtype == "Link" and field.options != "Administrative Division"
	}
	columns = [
		"name",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"division",
		"prefecture",
		"county",
		"township",
	]
	columns = list(dict.fromkeys([*columns, *(field.fieldname for field in fields)]))
	area = {village: area_columns(paths[village]) for village in villages}
	now = dt.datetime.now().replace(microsecond=0)
	span = YEARS * 365 * 86400
	start = time.perf_counter()
	totals: dict = {}
	# The secondary indexes are dropped for the load and built again in one pass (several times faster).
	indexes = drop_indexes(doctype)
	for first in range(have, records, BATCH):
		rows, steps = [], {}
		for number in range(first, min(first + BATCH, records)):
			village = rng.choice(villages)
			base = now - dt.timedelta(seconds=rng.randint(0, span))
			record, steps[f"{PREFIX}{number:08d}"] = make_record(
				source, declaration, fields, number, village, area[village], base, now, rng, links
			)
			rows.append(record)
		insert_many(doctype, columns, [[row.get(column) for column in columns] for row in rows])
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code
		# The sums are added once at the end, as many saves would have added them one by one.
		for key, measures in accumulate(source, rows, steps).items():
			totals[key] = totals.get(key, Measures()) + measures
	add_indexes(doctype, indexes)
	# A fresh load's sums are new rows (each key once): plain multi-row inserts, as `write` would add them.
	figure_indexes = drop_indexes(FIGURE)
	rows = figure_values(doctype, {key: measures for key, measures in totals.items() if measures})
	for first in range(0, len(rows), WRITE_CHUNK):
		insert_many(FIGURE, list(FIGURE_COLUMNS), rows[first : first + WRITE_CHUNK])
		frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	add_indexes(FIGURE, figure_indexes)
	seconds = time.perf_counter() - start
	frappe.db.sql(f"analyze table `tab{doctype}`")
	return records - have, seconds


def insert_many(doctype: str, columns: list[str], values: list[list]) -> None:
	"""One multi-row INSERT per batch through the driver's executemany (cheaper than building the SQL here)."""
	names = ", ".join(f"`{column}`" for column in columns)
	marks = ", ".join(["%s"] * len(columns))
	frappe.db._cursor.executemany(f"insert into `tab{doctype}` ({names}) values ({marks})", values)


def drop_indexes(doctype: str) -> dict:
	"""Drop the table's secondary indexes for a bulk load; what was dropped, to add back."""
	from qh_legal_service.tests.desk_rows import secondary_indexes

	indexes = secondary_indexes(doctype)
	if indexes:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` " + ", ".join(f"drop index `{name}`" for name in indexes)
		)
	return indexes


def add_indexes(doctype: str, indexes: dict) -> None:
	"""Build the dropped indexes again, in one pass over the table."""
	if indexes:
		clauses = (
			f"add {'unique' if unique else 'index'} `{name}` ({', '.join(columns)})"
			for name, (unique, columns) in indexes.items()
		)
		frappe.db.sql_ddl(f"alter table `tab{doctype}` " + ", ".join(clauses))


def app_reports() -> list[frappe._dict]:
	"""The app's script reports with their reference doctypes."""
	modules = frappe.get_all("Module Def", filters={"app_name": "qh_legal_service"}, pluck="name")
	return frappe.get_all(
		"Report",
		filters={"module": ["in", modules], "report_type": "Script Report", "disabled": 0},
		fields=["name", "ref_doctype"],
		order_by="name",
	)


def run_report(name: str, filters: dict):
	from frappe.desk.query_report import run

	return run(name, filters=filters, ignore_prepared_report=True)


def plain_group_by(doctype: str, date_field: str, from_date, to_date):
	"""The plain GROUP BY the issue compares with: the period's rows counted by prefecture, as the user."""
	return frappe.get_list(
		doctype,
		filters=[[date_field, ">=", from_date], [date_field, "<=", f"{to_date} 23:59:59"]],
		fields=["prefecture", "count(*) as records"],
		group_by="prefecture",
		order_by="prefecture",
		limit_page_length=0,
	)


def as_user(user: str, fn):
	def call():
		frappe.set_user(user)
		try:
			return fn()
		finally:
			frappe.set_user("Administrator")

	return call


def run(args) -> str:
	from frappe.utils import add_months, getdate

	from qh_legal_service.rules.divisions import ancestors_by_tier, load_division_file
	from qh_legal_service.rules.figure_sources import FIGURE_SOURCES

	with site_session(args.site):
		ensure_users(USERS)
		divisions = load_division_file()
		paths = ancestors_by_tier(divisions)
		villages = [row.code for row in divisions if row.tier == "Village"]
		rng = random.Random(2026)
		services = args.services.split(",") if args.services else list(SHARES)
		shares = {doctype: SHARES[doctype] / sum(SHARES[d] for d in services) for doctype in services}
		loads, loaded_seconds = {}, 0.0
		for doctype in services:
			added, seconds = load(doctype, round(args.records * shares[doctype]), villages, paths, rng)
			loaded_seconds += seconds
			loads[doctype] = frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]})
			print(
				f"{doctype}: {loads[doctype]:,} rows ({added:,} added with their figures in {seconds:.0f} s)"
			)
		today = getdate()
		from_date = add_months(today, -11).replace(day=1)
		filters = {"from_date": str(from_date), "to_date": str(today)}
		rows = []
		for report in app_reports():
			# A service's report beside its own rows; a report over every service beside all their rows.
			baseline = [report.ref_doctype] if report.ref_doctype in loads else list(loads)
			for tier, user, _division, _profile in USERS:
				report_ms = timed(as_user(user, lambda r=report.name: run_report(r, filters)), args.repeat)
				plain_ms = sum(
					timed(
						as_user(
							user,
							lambda d=doctype: plain_group_by(
								d, FIGURE_SOURCES[d].received.on, from_date, today
							),
						),
						args.repeat,
					)
					for doctype in baseline
				)
				rows.append(
					(
						report.name,
						tier,
						sum(loads[doctype] for doctype in baseline),
						report_ms,
						plain_ms,
						f"{report_ms / plain_ms:.2f}",
					)
				)
				print(rows[-1])
		description = (
			f"{machine(args.site)} `benchmarks/report_benchmark.py --records {args.records}`: "
			f"{sum(loads.values()):,} records over {YEARS} years across all {len(villages):,} villages "
			f"({', '.join(f'{d} {n:,}' for d, n in loads.items())}), bulk-loaded with their figures in "
			f"{loaded_seconds:.0f} s in this run. Each report through `frappe.desk.query_report.run` for the "
			"last twelve months as the user, beside the plain GROUP BY of the same rows (its service's, or "
			"every service's for a report over all of them) by prefecture through `frappe.get_list` as the "
			f"same user. Medians of {args.repeat} runs, ms."
		)
		return results_table(
			f"{SECTION}, {dt.date.today()}",
			description,
			["report", "user at", "rows compared", "report", "plain GROUP BY", "ratio"],
			rows,
		)


def configure(parser) -> None:
	parser.add_argument("--services", help="comma-separated doctypes (default: every counted service)")


if __name__ == "__main__":
	main(__doc__, run, configure)

"""Benchmark every supervisor report at a million records, against a plain GROUP BY of the same rows.

Run with the bench's python from the bench's sites folder, on a THROWAWAY site with the app installed
(it bulk-inserts records):

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/report_benchmark.py \
		--site reportbench.localhost --records 1000000 [--services "Legal Aid Application,Mediation Case"]

It fills a fresh site with --records rows in all, divided between the counted services (`SHARES`; with
`--services` between those only), spread over the last five years across all 4,716 villages, generated
in the database by `tests/figure_rows.py` (one INSERT ... SELECT per 100,000 rows from MariaDB's sequence
engine, as `tests/desk_rows.py` does for the desk). Each row's fields are filled from the doctype's own options (the
fields the figures, the desk and the reports' current-state columns read; a date other than the receipt
half the time; cases older than two months in an ended state, recent ones in any state, due a week after
receipt while they run), with a step log of one to three steps (85% in time) and, where groups are a
table, a special group for 15 in 100. Their figures are then the app's own recount (`figures.rebuild`,
as `bench qhls-rebuild-figures`), by the same rules a save adds by. Services load in processes of their
own, --jobs (2) at a time. The load's time is kept in the table (goal: the million under five minutes).

Then every script report of the app runs through `frappe.desk.query_report.run` for the last twelve
months as a province, a prefecture and a county user, beside the plain GROUP BY the issue compares with:
`frappe.get_list` of the same rows (its service's receipt date in the same months; every service's for a
report over all of them) counted by prefecture, as the same user. Medians of --repeat runs, in ms.
Goal: each report under 1 s for the province and within 1.5 times the plain GROUP BY.
"""

import datetime as dt
import multiprocessing
import time
from concurrent.futures import ProcessPoolExecutor

import frappe
from harness import ensure_users, machine, main, results_table, site_session, timed

USERS = (
	("Province", "bench-report-province@test.qh", "630000", "Province Supervisor"),
	("Prefecture", "bench-report-prefecture@test.qh", "630200", "Prefecture Supervisor"),
	("County", "bench-report-county@test.qh", "630202", "County Justice Bureau"),
)
PREFIX = "RB-"
SECTION = "## Supervisor reports at 1,000,000 records"


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


def load(doctype: str, records: int) -> tuple[int, float, float]:
	"""Fill the service with `records` benchmark rows (`tests.figure_rows`), then recount its figures;
	(rows added, seconds loading the rows, seconds recounting)."""
	from qh_legal_service.figures import rebuild
	from qh_legal_service.tests.figure_rows import add_rows

	have = frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]})
	if have >= records:
		return 0, 0.0, 0.0
	if have:
		raise SystemExit(f"{doctype} has {have:,} of {records:,} benchmark rows: use a fresh site")
	now = str(dt.datetime.now().replace(microsecond=0))
	start = time.perf_counter()
	# The secondary indexes are dropped for the load and built again in one pass (several times faster).
	indexes = drop_indexes(doctype)
	add_rows(doctype, 1, records, PREFIX, now)
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	add_indexes(doctype, indexes)
	loaded = time.perf_counter() - start
	# The figures are the app's own recount of the rows (`bench qhls-rebuild-figures`).
	start = time.perf_counter()
	rebuild(doctype)
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	recounted = time.perf_counter() - start
	frappe.db.sql(f"analyze table `tab{doctype}`")
	return records, loaded, recounted


def load_in_worker(task: tuple[str, str, int]) -> tuple[str, int, float, float]:
	"""`load` one service in a process of its own, connected to the site."""
	site, doctype, records = task
	with site_session(site):
		# No gap locks: the other process inserts the figures beside the ones this recount deletes.
		frappe.db.sql("set session transaction isolation level read committed")
		return (doctype, *load(doctype, records))


def drop_indexes(doctype: str, keep: tuple[str, ...] = ()) -> dict:
	"""Drop the table's secondary indexes (but `keep`) for a bulk load; what was dropped, to add back."""
	from qh_legal_service.tests.desk_rows import secondary_indexes

	indexes = {name: index for name, index in secondary_indexes(doctype).items() if name not in keep}
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

	from qh_legal_service.figures import FIGURE
	from qh_legal_service.rules.figure_sources import FIGURE_SOURCES

	with site_session(args.site):
		ensure_users(USERS)
		services = args.services.split(",") if args.services else list(SHARES)
		shares = {doctype: SHARES[doctype] / sum(SHARES[d] for d in services) for doctype in services}
		loads, loaded_seconds, recount_seconds = {}, 0.0, 0.0
		start = time.perf_counter()
		# The figures' indexes too are built once after the load, but for the one a recount deletes by.
		figure_indexes = drop_indexes(FIGURE, keep=("service_level_figure_month",))
		tasks = [
			(args.site, doctype, round(args.records * shares[doctype]))
			for doctype in sorted(services, key=lambda doctype: -shares[doctype])
		]
		# Each service in its own process, `--jobs` at a time: the load is the database's work, and two
		# connections keep two cores busy.
		with ProcessPoolExecutor(args.jobs, mp_context=multiprocessing.get_context("spawn")) as pool:
			for doctype, added, loaded, recounted in pool.map(load_in_worker, tasks):
				loaded_seconds += loaded
				recount_seconds += recounted
				print(
					f"{doctype}: {added:,} rows added in {loaded:.0f} s, figures recounted in {recounted:.0f} s"
				)
		add_indexes(FIGURE, figure_indexes)
		load_seconds = time.perf_counter() - start
		loads = {doctype: frappe.db.count(doctype, {"name": ["like", f"{PREFIX}%"]}) for doctype in services}
		print(f"Loaded {sum(loads.values()):,} records with their figures in {load_seconds:.0f} s")
		if args.load_only:
			return ""
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
			f"{sum(loads.values()):,} records over five years across all "
			f"{frappe.db.count('Administrative Division', {'tier': 'Village'}):,} villages "
			f"({', '.join(f'{d} {n:,}' for d, n in loads.items())}), loaded in {load_seconds:.0f} s "
			f"(goal 300 s), {args.jobs} services at a time: generated in the database with their step logs "
			f"and special groups ({loaded_seconds:.0f} s in all the processes), their figures recounted by "
			f"the app's own rebuild ({recount_seconds:.0f} s), the figures' indexes built after. Each report through `frappe.desk.query_report.run` for the "
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
	parser.add_argument("--load-only", action="store_true", help="load the records, run no report")
	parser.add_argument("--jobs", type=int, default=2, help="services loaded at once (default 2)")


if __name__ == "__main__":
	main(__doc__, run, configure)

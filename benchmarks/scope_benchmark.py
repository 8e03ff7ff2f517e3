"""Benchmark tier scoping at scale: "latest 20" and "open count" per tier, scoped against unscoped.

Run with the bench's python from the bench's sites folder, on a site with the app installed:

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/scope_benchmark.py \
		--site qhls-bench.localhost --records 1000000

It tops the site up to --records consultations (bulk insert, as the demo does), makes a village,
a county and a prefecture user in Haidong, times each query through `frappe.get_list` as that user
(so the app's permission query applies) and as Administrator (no scope), and, for comparison, the
form Frappe itself would use for a tree User Permission: `(ifnull(division,'')='' or division in
(...every descendant...))`. Medians of --repeat runs, in milliseconds; the table is printed and
written to benchmarks/RESULTS.md.
"""

import argparse
import platform
import random
import time
from pathlib import Path

import frappe
from harness import timed

USERS = (
	("Village", "bench-village@test.qh", "630202001001", "Village Legal Adviser"),
	("County", "bench-county@test.qh", "630202", "County Justice Bureau"),
	("Prefecture", "bench-prefecture@test.qh", "630200", "Prefecture Supervisor"),
)
DOCTYPE = "Legal Consultation"
RESULTS = Path(__file__).with_name("RESULTS.md")


def latest_20(user: str):
	return frappe.get_list(
		DOCTYPE,
		fields=["name", "citizen_name", "status", "modified"],
		order_by="modified desc",
		limit_page_length=20,
		user=user,
	)


def open_count(user: str):
	return frappe.get_list(DOCTYPE, fields=["count(*) as n"], filters={"status": "Open"}, user=user)[0].n


def frappe_default_condition(division: str) -> str:
	"""The condition Frappe's own tree User Permission would add: the node and every descendant."""
	lft, rgt = frappe.db.get_value("Administrative Division", division, ["lft", "rgt"])
	codes = frappe.get_all(
		"Administrative Division", filters={"lft": [">=", lft], "rgt": ["<=", rgt]}, pluck="name"
	)
	listed = ", ".join(frappe.db.escape(code) for code in codes)
	return f"(ifnull(division, '') = '' or division in ({listed}))", len(codes)


def run(site: str, records: int, repeat: int) -> str:
	from qh_legal_service.demo import make_consultations
	from qh_legal_service.rules.divisions import load_division_file
	from qh_legal_service.staff import create_staff_user

	frappe.init(site=site)
	frappe.connect()
	frappe.set_user("Administrator")
	have = frappe.db.count(DOCTYPE)
	if have < records:
		print(f"Inserting {records - have:,} consultations (bulk, batches of 10,000)...")
		start = time.perf_counter()
		make_consultations(load_division_file(), records, random.Random(2026))
		print(f"  done in {time.perf_counter() - start:.0f} s")
	for _tier, email, division, profile in USERS:
		create_staff_user(email, email, division, profile)
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	frappe.db.sql(f"analyze table `tab{DOCTYPE}`")
	total = frappe.db.count(DOCTYPE)

	rows = []
	unscoped_latest = timed(lambda: latest_20("Administrator"), repeat)
	unscoped_count = timed(lambda: open_count("Administrator"), repeat)
	for tier, email, division, _profile in USERS:
		condition, codes = frappe_default_condition(division)
		default_latest = timed(
			lambda condition=condition: frappe.db.sql(
				f"select name, citizen_name, status, modified from `tab{DOCTYPE}` where {condition}"
				" order by modified desc limit 20"
			),
			repeat,
		)
		default_count = timed(
			lambda condition=condition: frappe.db.sql(
				f"select count(*) from `tab{DOCTYPE}` where {condition} and status = 'Open'"
			),
			repeat,
		)
		matched = open_count(email)
		rows.append(
			(
				tier,
				division,
				codes,
				timed(lambda email=email: latest_20(email), repeat),
				unscoped_latest,
				default_latest,
				timed(lambda email=email: open_count(email), repeat),
				unscoped_count,
				default_count,
				matched,
			)
		)
	frappe.destroy()

	lines = [
		f"## {time.strftime('%Y-%m-%d')}: {total:,} consultations, median of {repeat} runs (ms)",
		"",
		f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
		f"site `{site}`. Scoped = `frappe.get_list` as the user (the app's one-column condition); "
		"unscoped = the same call as Administrator; Frappe default = the `ifnull(division,'')='' or division in "
		"(…every descendant…)` condition a tree User Permission produces, as raw SQL.",
		"",
		"| user at | division | codes in subtree | latest 20: scoped | unscoped | Frappe default "
		"| open count: scoped | unscoped | Frappe default | open records seen |",
		"|---|---|--:|--:|--:|--:|--:|--:|--:|--:|",
	]
	for tier, division, codes, latest, u_latest, d_latest, count, u_count, d_count, matched in rows:
		lines.append(
			f"| {tier} | {division} | {codes:,} | {latest:.1f} | {u_latest:.1f} | {d_latest:.1f} "
			f"| {count:.1f} | {u_count:.1f} | {d_count:.1f} | {matched:,} |"
		)
	return "\n".join(lines) + "\n"


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--records", type=int, default=1_000_000)
	parser.add_argument("--repeat", type=int, default=7)
	args = parser.parse_args()
	table = run(args.site, args.records, args.repeat)
	print(table)
	header = (
		"# Scoping benchmark results\n\nRerun: see the docstring of `scope_benchmark.py`. Newest first.\n\n"
	)
	previous = RESULTS.read_text(encoding="utf-8").removeprefix(header) if RESULTS.exists() else ""
	RESULTS.write_text(header + table + "\n" + previous, encoding="utf-8")


if __name__ == "__main__":
	main()

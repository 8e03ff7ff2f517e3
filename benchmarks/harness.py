"""What every benchmark of this folder shares: the site session, timing, topping a table up to a size, the
staff users who run the reports, and the results table appended to RESULTS.md.

The scripts run with the bench's python from the bench's sites folder (`python benchmarks/<script>.py`),
which puts this folder on the path.
"""

import argparse
import platform
import random
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from pathlib import Path

import frappe

RESULTS = Path(__file__).with_name("RESULTS.md")
# (tier, e-mail, division, role profile) of a user who runs a report.
User = tuple[str, str, str, str]


def timed(fn: Callable[[], object], repeat: int) -> float:
	"""Median wall time of `fn` in milliseconds, after one warm-up call."""
	fn()
	samples = []
	for _ in range(repeat):
		start = time.perf_counter()
		fn()
		samples.append((time.perf_counter() - start) * 1000)
	return statistics.median(samples)


@contextmanager
def site_session(site: str):
	"""Connected to `site` as Administrator for the block."""
	frappe.init(site=site)
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield
	finally:
		frappe.destroy()


def top_up(doctype: str, records: int, fill: Callable, noun: str) -> int:
	"""Bring `doctype` up to `records` rows with `fill(divisions, records, rng)`; the rows there now."""
	from qh_legal_service.rules.divisions import load_division_file

	have = frappe.db.count(doctype)
	if have < records:
		print(f"Inserting {records - have:,} {noun} (bulk, batches of 10,000)...")
		start = time.perf_counter()
		fill(load_division_file(), records, random.Random(2026))
		print(f"  done in {time.perf_counter() - start:.0f} s")
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code
	frappe.db.sql(f"analyze table `tab{doctype}`")
	return frappe.db.count(doctype)


def ensure_users(users: Iterable[User]) -> None:
	"""The staff users the reports run as, each at their division with their desk's profile."""
	from qh_legal_service.staff import create_staff_user

	for _tier, email, division, profile in users:
		create_staff_user(email, email, division, profile)
	frappe.db.commit()  # nosemgrep: a benchmark script, not app code


def machine(site: str) -> str:
	return (
		f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
		f"site `{site}`."
	)


def results_table(title: str, description: str, headings: Sequence[str], rows: Iterable[Sequence]) -> str:
	"""A results section: its title, what was measured, and one table row per user (numbers right-aligned)."""
	lines = [title, "", description, "", "| " + " | ".join(headings) + " |"]
	lines.append("|" + "|".join("---" if index < 2 else "--:" for index in range(len(headings))) + "|")
	for row in rows:
		cells = [
			f"{cell:,.1f}" if isinstance(cell, float) else f"{cell:,}" if isinstance(cell, int) else str(cell)
			for cell in row
		]
		lines.append("| " + " | ".join(cells) + " |")
	return "\n".join(lines) + "\n"


def main(doc: str, run: Callable[[argparse.Namespace], str], configure: Callable | None = None) -> None:
	"""Parse the common options (--site, --records, --repeat and the script's own), run, print and append."""
	parser = argparse.ArgumentParser(description=doc.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--records", type=int, default=1_000_000)
	parser.add_argument("--repeat", type=int, default=7)
	parser.add_argument("--no-write", action="store_true", help="print the table without writing RESULTS.md")
	if configure:
		configure(parser)
	args = parser.parse_args()
	table = run(args)
	if not table:
		return
	print(table)
	if not args.no_write:
		with RESULTS.open("a", encoding="utf-8") as results:
			results.write("\n" + table)

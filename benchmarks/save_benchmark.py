"""Benchmark the cost of saving a service record against a bare Frappe insert of the same record.

Run with the bench's python from the bench's sites folder, on a throwaway site with the app installed:

	cd ~/frappe-bench/sites
	PYTHONPATH=/path/to/checkout ../env/bin/python /path/to/checkout/benchmarks/save_benchmark.py \
		--site qhbench.localhost --records 300

For each service doctype it inserts --records records as a clerk's desk would (`frappe.get_doc(...)
.insert()`, the app's controller, hooks and scoping included) and, for comparison, the same values as a
bare Frappe insert: a plain `frappe.model.document.Document` of the same doctype, which runs Frappe's own
naming, link and mandatory checks, database writes and version record, and none of the app's code.
Both run as the same county user, interleaved in batches so that a warm-up or a slow moment weighs on
both alike, in one transaction rolled back at the end (the site keeps nothing). The goal is a ratio of
at most 1.3. Medians per record in milliseconds; the table is printed and written to RESULTS.md.
"""

import statistics
import time
from collections.abc import Callable

import frappe
from frappe.model.document import Document
from harness import machine, main, results_table, site_session

COUNTY = "630102"  # 城东区, Xining
VILLAGE_OF_COUNTY = "630102001001"
BATCH = 20


def legal_aid_values(index: int) -> dict:
	return {
		"doctype": "Legal Aid Application",
		"applicant_name": f"测试申请人{index}",
		"id_number": "11010519491231002X",
		"phone": "13800000000",
		"division": VILLAGE_OF_COUNTY,
		"matter_type": "Labour Relations or Unpaid Pay",
		"aid_requested": "Civil or Administrative Litigation Representation",
		"channel": "Walk-in at a Service Point",
		"facts": "工地拖欠工资三个月。",
		"preferred_language": "zh",
	}


def mediation_values(index: int) -> dict:
	return {
		"doctype": "Mediation Case",
		"applicant_name": f"测试申请人{index}",
		"source": "Walk-in",
		"linked_kind": "People's Mediation",
		"division": VILLAGE_OF_COUNTY,
		"dispute_type": "Neighbours",
		"dispute_summary": "邻里之间因排水沟发生纠纷。",
		"parties": [
			{"party_name": f"测试申请人{index}", "role": "Applicant", "language": "zh"},
			{"party_name": "对方当事人", "role": "Respondent", "language": "zh"},
		],
	}


def notarization_values(index: int) -> dict:
	return {
		"doctype": "Notarization Referral",
		"applicant_name": f"测试申请人{index}",
		"id_number": "11010519491231002X",
		"phone": "13800000000",
		"preferred_language": "zh",
		"division": VILLAGE_OF_COUNTY,
		"matter_type": "Inheritance",
		"certificate_language": "Chinese",
		"matter_description": "继承房产公证。",
	}


def work_order_values(index: int) -> dict:
	return {
		"doctype": "Hotline Work Order",
		"caller_name": f"来电人{index}",
		"phone": "13800000000",
		"language": "Chinese",
		"division": VILLAGE_OF_COUNTY,
		"matter_type": "Labour and Pay",
		"urgency": "Normal",
		"summary": "咨询拖欠工资如何维权。",
	}


SERVICES: dict[str, Callable[[int], dict]] = {
	"Legal Aid Application": legal_aid_values,
	"Mediation Case": mediation_values,
	"Notarization Referral": notarization_values,
	"Hotline Work Order": work_order_values,
}


def bare_insert(values: dict) -> None:
	"""The same record through Frappe alone: a plain Document runs no app controller."""
	# The controller would set the receipt time; Frappe alone needs it given (it is mandatory).
	doc = Document({"received_on": frappe.utils.now_datetime(), **values})
	# Child rows as Frappe's own get_doc would build them, without the app's controllers.
	for table in doc.meta.get_table_fields():
		doc.set(
			table.fieldname,
			[Document({"doctype": table.options, **row}) for row in values.get(table.fieldname) or ()],
		)
	doc.flags.ignore_permissions = True
	doc.insert()


def app_insert(values: dict) -> None:
	frappe.get_doc(values).insert(ignore_permissions=True)


def per_record_ms(
	fn: Callable[[dict], None], make: Callable[[int], dict], start: int, count: int
) -> list[float]:
	samples = []
	for index in range(start, start + count):
		values = make(index)
		began = time.perf_counter()
		fn(values)
		samples.append((time.perf_counter() - began) * 1000)
	return samples


def measure(records: int) -> list[tuple]:
	rows = []
	for doctype, make in SERVICES.items():
		app, bare = [], []
		# Warm both paths (caches, compiled statements) before measuring.
		per_record_ms(app_insert, make, 0, 3)
		per_record_ms(bare_insert, make, 3, 3)
		for offset in range(0, records, BATCH):
			app += per_record_ms(app_insert, make, 10 + 2 * offset, BATCH)
			bare += per_record_ms(bare_insert, make, 10 + 2 * offset + BATCH, BATCH)
		app_ms, bare_ms = statistics.median(app), statistics.median(bare)
		rows.append((doctype, len(app), bare_ms, app_ms, app_ms / bare_ms))
	return rows


def run(args) -> str:
	with site_session(args.site):
		try:
			rows = measure(args.records)
		finally:
			frappe.db.rollback()
	return results_table(
		f"## Save cost, {time.strftime('%Y-%m-%d')}: {args.records} records per doctype, median per record (ms)",
		f"{machine(args.site)} App = `frappe.get_doc(values).insert()` with the app's controller, hooks and "
		"scoping; bare = the same values as a plain Frappe `Document` (Frappe's own checks, writes, workflow "
		"and version record, no app code), interleaved in batches of 20, rolled back. Goal: ratio at most 1.3.",
		("doctype", "records", "bare insert", "app insert", "ratio"),
		[(doctype, count, bare, app, f"{ratio:.2f}") for doctype, count, bare, app, ratio in rows],
	)


if __name__ == "__main__":
	main(__doc__, run, lambda parser: parser.set_defaults(records=300))

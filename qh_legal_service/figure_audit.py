"""The drift audit: the stored supervision figures compared with a recount of the records, and repaired.

The sums are kept save by save (figures.py). A change that runs no hook (an administrator's
`frappe.db.set_value`, a patch's SQL) or a fault in a path that does would leave them apart from what
the records say. Daily (and with `bench qhls-audit-figures`) each service's stored sums are compared
with a recount read from the same snapshot (`figure_recount.differences`), each difference is added to
the stored sum (so a save committed meanwhile, which added its own change, is kept), and the run is
recorded as a `Figure Audit` a province supervisor reads, with every sum that differed.
"""

import frappe
from frappe.utils import now_datetime

from qh_legal_service.figure_recount import differences
from qh_legal_service.figures import selected_sources, upsert
from qh_legal_service.rules.figures import Measures

AUDIT = "Figure Audit"
# Differences listed on one audit (a patch of many records differs at many sums); the rest are counted.
LISTED = 500


def audit_figures(doctype: str | None = None) -> str:
	"""Compare, repair and record every counted service's sums (or one's); the `Figure Audit`'s name."""
	audit = frappe.get_doc(
		{"doctype": AUDIT, "status": "Running", "started_on": now_datetime(), "services_checked": 0}
	)
	audit.insert(ignore_permissions=True)
	found = []
	for source in selected_sources(doctype):
		# A service that fails is rolled back whole and reported; the others are still audited.
		frappe.db.savepoint("figure_audit")
		try:
			rows = differences(source)
			repair(source.doctype, rows)
		except Exception:
			frappe.db.rollback(save_point="figure_audit")
			audit.error = "\n".join(filter(None, (audit.error, frappe.get_traceback())))
			frappe.log_error(
				title=f"Figure audit failed for {source.doctype}",
				reference_doctype=AUDIT,
				reference_name=audit.name,
			)
			continue
		found += [(source.doctype, row) for row in rows]
		audit.services_checked += 1
	audit.sums_different = len(found)
	for service, row in found[:LISTED]:
		audit.append(
			"differences",
			{
				"service": service,
				"level": row.level,
				"division": row.division,
				"month": row.month,
				"figure": row.figure,
				"category": row.category,
				"records_difference": row.records,
				"timed_difference": row.timed,
				"in_time_difference": row.in_time,
				"days_difference": row.days,
			},
		)
	audit.differences_not_listed = max(len(found) - LISTED, 0)
	audit.status = "Failed" if audit.error else "Repaired" if found else "No Differences"
	audit.finished_on = now_datetime()
	audit.save(ignore_permissions=True)
	return audit.name


def repair(service: str, rows: list[dict]) -> None:
	"""Add each difference (the recount less the stored sum) to its stored sum."""
	upsert(
		service,
		{
			(
				row.level,
				(row.division, row.prefecture, row.county, row.township),
				row.month,
				row.figure,
				row.category,
			): Measures(int(row.records), int(row.timed), int(row.in_time), float(row.days))
			for row in rows
		},
	)

"""Chart source: the timeliness indicators by month over the last twelve months, in the user's own area."""

import frappe
from frappe import _
from frappe.utils import format_date

from qh_legal_service.indicators import INDICATOR, default_period, indicator_rows, own_division

# The statutory time limits a supervisor follows month by month.
CODES = ("LA-REVIEW-IN-TIME", "NOT-IN-TIME", "HL-TRANSFER-IN-TIME", "SAT-RECTIFIED-IN-TIME")


@frappe.whitelist()
@frappe.read_only()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **kwargs) -> dict:
	"""One line per indicator: its share in time in each month (0 where nothing was due)."""
	# Not cached: Frappe's chart cache is one per chart, shared by users of different areas.
	frappe.has_permission(INDICATOR, "read", throw=True)
	first, last = default_period()
	rows = indicator_rows(own_division(), first, last, by_month=True, codes=CODES)
	months = sorted({row["month"] for row in rows})
	lines: dict[str, dict] = {}
	for row in rows:
		lines.setdefault(row["indicator_name"], {})[row["month"]] = row["value"]
	return {
		"labels": [format_date(month, "yyyy-MM") for month in months],
		"datasets": [
			{"name": _(name), "values": [values.get(month) or 0 for month in months]}
			for name, values in lines.items()
		],
	}

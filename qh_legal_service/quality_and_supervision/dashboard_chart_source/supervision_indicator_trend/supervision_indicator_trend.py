"""Chart source: the timeliness indicators by month over the last twelve months, in the user's own area."""

import frappe
from frappe import _lt

from qh_legal_service.figure_reports import default_period
from qh_legal_service.indicators import INDICATOR, indicator_rows, own_division

# The statutory time limits a supervisor follows month by month, with the chart's short names.
LINES = {
	"LA-REVIEW-IN-TIME": _lt("Legal Aid Reviewed in Time"),
	"NOT-IN-TIME": _lt("Notarization in Time"),
	"HL-TRANSFER-IN-TIME": _lt("Hotline Orders Handled in Time"),
	"SAT-RECTIFIED-IN-TIME": _lt("Bad Reviews Rectified in Time"),
}


@frappe.whitelist()
@frappe.read_only()
def get(chart_name=None, chart=None, no_cache=None, filters=None, **kwargs) -> dict:
	"""One line per indicator: its share in time in each month something was due (the months without any
	left out, rather than drawn as 0 %)."""
	# Not cached: Frappe's chart cache is one per chart, shared by users of different areas.
	frappe.has_permission(INDICATOR, "read", throw=True)
	first, last = default_period()
	rows = indicator_rows(own_division(), first, last, by_month=True, codes=list(LINES))
	months = sorted({row["month"] for row in rows if row["value"] is not None})
	values = {(row["indicator"], row["month"]): row["value"] for row in rows}
	return {
		"labels": [f"{month:%Y-%m}" for month in months],
		"datasets": [
			{"name": str(label), "values": [values.get((code, month)) or 0 for month in months]}
			for code, label in LINES.items()
		],
	}

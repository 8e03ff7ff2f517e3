"""What the service reports reading the supervision figures share: whole months, the chosen division, and
the current-state counts they put beside the figures.

Figures are counted by the month a fact happened (`rules.figures`), so these reports keep their From and
To Date filters but count whole calendar months, from the month of the one to the month of the other.
Every read goes through frappe.get_list (`figures.figure_sums` included), so the reader's tier scope
applies; a report's cost grows with its groups, not with the records.
"""

import datetime as dt
from collections.abc import Sequence

import frappe
from frappe import _
from frappe.utils import format_date, getdate, nowdate

from qh_legal_service.figures import figure_sums
from qh_legal_service.rules.figures import default_period as period_without_dates
from qh_legal_service.rules.scope import SCOPE_COLUMN_BY_TIER
from qh_legal_service.scoping import DIVISION


def default_period() -> tuple[dt.date, dt.date]:
	"""The period of a report without dates: the last twelve months, this one included
	(`rules.figures.default_period` of today)."""
	return period_without_dates(getdate(nowdate()))


def months_of(filters) -> tuple[dt.date, dt.date]:
	"""The first day of From Date's month and the last day of To Date's month (`default_period` when
	the filters have no dates)."""
	start = getdate(filters.get("from_date") or default_period()[0])
	end = getdate(filters.get("to_date") or nowdate())
	last = dt.date(end.year + end.month // 12, end.month % 12 + 1, 1) - dt.timedelta(days=1)
	return start.replace(day=1), last


def months_note(filters) -> str:
	"""The sentence a report adds to its message about the months it counted."""
	first, last = months_of(filters)
	return _("Whole months from {0} to {1}, each fact counted in the month it happened.").format(
		format_date(first), format_date(last)
	)


def division_condition(filters) -> list[list]:
	"""A list filter for the chosen division's subtree (none when no division is chosen)."""
	if root := filters.get("division"):
		tier = frappe.db.get_value(DIVISION, root, "tier", cache=True)
		if tier and tier in SCOPE_COLUMN_BY_TIER and tier != "Village":
			return [[SCOPE_COLUMN_BY_TIER[tier], "=", root]]
	return []


def sums(service: str, filters, figures: Sequence[str], group_by: Sequence[str]) -> list[dict]:
	"""The figures' sums over the chosen months and division, grouped, as the reader may see them."""
	first, last = months_of(filters)
	return figure_sums(service, figures, first, last, group_by=group_by, division=filters.get("division"))


def current_counts(doctype: str, filters, conditions: list, columns: Sequence[str]) -> list[dict]:
	"""Records matching `conditions` now (no period), counted by `columns` in the database."""
	group = ", ".join(columns) or None
	return frappe.get_list(
		doctype,
		filters=[*conditions, *division_condition(filters)],
		fields=[*columns, "count(*) as count"],
		group_by=group,
		order_by=group,
		limit_page_length=0,
	)

"""The site's statutory calendar: chinesecalendar plus the holiday notices administrators enter."""

import frappe

from qh_legal_service.rules.deadlines import Counting, DueDate, Pause, closing_time, compute_due
from qh_legal_service.rules.working_calendar import NoticeDay, WorkingCalendar

# Every timed save reads the calendar; it changes only when a notice does (see clear_working_calendar).
CALENDAR_CACHE_KEY = "qh_legal_service:working_calendar"


def get_working_calendar() -> WorkingCalendar:
	"""A working calendar that knows every State Council notice entered on this site (cached per site)."""
	calendar = frappe.cache.get_value(CALENDAR_CACHE_KEY)
	if calendar is None:
		calendar = load_working_calendar()
		frappe.cache.set_value(CALENDAR_CACHE_KEY, calendar)
	return calendar


def clear_working_calendar(doc=None, method=None) -> None:
	"""Forget the cached calendar when a holiday notice changes (the notice's controller calls this)."""
	frappe.cache.delete_value(CALENDAR_CACHE_KEY)


def load_working_calendar() -> WorkingCalendar:
	"""A working calendar from every State Council notice entered on this site.

	Every entered day is used; a year becomes known only once an administrator marks its notice complete.
	"""
	rows = frappe.get_all(
		"Statutory Holiday Notice Day",
		filters={"parenttype": "Statutory Holiday Notice"},
		fields=["holiday_date", "day_type", "holiday_name"],
		order_by="holiday_date asc",
	)
	complete_years = frappe.get_all("Statutory Holiday Notice", filters={"complete": 1}, pluck="year")
	return WorkingCalendar(
		(NoticeDay(row.holiday_date, row.day_type == "Working Day", row.holiday_name or "") for row in rows),
		complete_years=complete_years,
	)


def compute_rule_due(
	rule_code: str, start, pauses: list[Pause] | tuple = (), in_custody: bool = False
) -> DueDate:
	"""The due moment of a named Deadline Rule for an event at `start`, with its explanation.

	`in_custody` says the suspect or defendant is in custody, which matters to a rule counted under
	criminal procedure (刑事诉讼法 Art 105).
	"""
	rule = frappe.get_cached_doc("Deadline Rule", rule_code)
	due = compute_due(
		start,
		rule.count,
		rule.unit,
		pauses=pauses,
		calendar=get_working_calendar(),
		counting=rule.get("counting") or Counting.CIVIL,
		in_custody=in_custody,
		closes_at=closing_time(rule.get("closes_at")),
	)
	due.lines.insert(0, ("rule", {"code": rule.rule_code, "law": rule.law, "article": rule.article or ""}))
	return due

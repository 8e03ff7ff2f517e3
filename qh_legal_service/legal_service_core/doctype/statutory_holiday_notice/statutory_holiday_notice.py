# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, getdate

from qh_legal_service.rules.working_calendar import notice_day_problems
from qh_legal_service.statutory_calendar import clear_working_calendar


class HolidayNoticeError(frappe.ValidationError):
	"""A notice day outside the notice's year, listed twice, or a working day that is no weekend."""


class StatutoryHolidayNotice(Document):
	"""A year's State Council holiday notice: its days off and its weekend days worked (调休)."""

	def validate(self):
		self.validate_days()
		self.days.sort(key=lambda row: getdate(row.holiday_date))
		for index, row in enumerate(self.days, start=1):
			row.idx = index

	def on_change(self):
		self.forget_cached_calendar()

	def on_trash(self):
		self.forget_cached_calendar()

	def forget_cached_calendar(self):
		# Now, and again if this transaction is rolled back: the cache must not keep a notice that never was.
		clear_working_calendar()
		frappe.db.after_rollback.add(clear_working_calendar)

	def validate_days(self):
		days = [(getdate(row.holiday_date), row.day_type == "Working Day") for row in self.days]
		# The name is the year: naming leaves `year` a string on the inserted document.
		if problems := notice_day_problems(cint(self.year), days):
			messages = {
				"outside_year": _("{0} is not in the notice's year."),
				"duplicate": _("{0} is listed twice."),
				"weekday_worked": _("{0} is a weekday: only a weekend day can be made a working day."),
			}
			frappe.throw(
				"<br>".join(
					messages[problem].format(frappe.format(day, "Date")) for problem, day in problems
				),
				HolidayNoticeError,
				title=_("Check the Notice Days"),
			)

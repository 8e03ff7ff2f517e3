"""The site's statutory calendar: rules by name, and notices entered for years the package lacks."""

import datetime as dt

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_service_core.doctype.statutory_holiday_notice.statutory_holiday_notice import (
	HolidayNoticeError,
)
from qh_legal_service.rules.working_calendar import PACKAGE_YEARS
from qh_legal_service.statutory_calendar import compute_rule_due

# A year chinesecalendar does not know; the notice below is invented for the test.
FUTURE_YEAR = max(PACKAGE_YEARS) + 1


def make_notice(year=FUTURE_YEAR, days=None, complete=0):
	days = days or [
		{"holiday_date": f"{year}-10-01", "day_type": "Holiday", "holiday_name": "国庆节"},
		{"holiday_date": f"{year}-10-02", "day_type": "Holiday", "holiday_name": "国庆节"},
	]
	return frappe.get_doc(
		{
			"doctype": "Statutory Holiday Notice",
			"year": year,
			"notice_title": f"{year}年部分节假日安排",
			"days": days,
			"complete": complete,
		}
	).insert(ignore_permissions=True)


class TestStatutoryCalendar(FrappeTestCase):
	def test_rule_due_counts_working_days_through_spring_festival(self):
		due = compute_rule_due("NOT-ISSUE", dt.datetime(2025, 1, 20, 10, 0))
		self.assertEqual(due.due, dt.datetime(2025, 2, 14, 23, 59, 59, 999999))
		self.assertFalse(due.warnings)
		self.assertTrue(any("Art 30" in line for line in due.explanation))

	def test_unknown_year_warns_until_its_notice_is_marked_complete(self):
		start = dt.datetime(FUTURE_YEAR, 9, 29, 9, 0)
		self.assertTrue(compute_rule_due("HL-REPLY", start).warnings)
		notice = make_notice()
		# Entered in part: its days are used, and the year still warns.
		partial = compute_rule_due("HL-REPLY", start)
		self.assertIn(dt.date(FUTURE_YEAR, 10, 1), {day for day, _reason in partial.skipped})
		self.assertEqual(len(partial.warnings), 1)
		self.assertIn("entered only in part", partial.warnings[0])
		notice.complete = 1
		notice.save()
		due = compute_rule_due("HL-REPLY", start)
		self.assertFalse(due.warnings)
		self.assertEqual(due.due, partial.due)

	def test_rules_counted_under_criminal_procedure(self):
		# Art 39: asked at 09:17, the starting hour is not counted (刑事诉讼法 Art 105).
		due = compute_rule_due("LA-DETAINED-FORWARD", dt.datetime(2025, 3, 3, 9, 17), in_custody=True)
		self.assertEqual(due.due, dt.datetime(2025, 3, 4, 10, 0))
		# Art 36's notice, found 28 September 2025: in custody, 1 October is not moved past the holiday.
		found = dt.datetime(2025, 9, 28, 15, 0)
		custody = compute_rule_due("LA-NOTIFY-DEFENCE", found, in_custody=True)
		self.assertEqual(custody.due, dt.datetime(2025, 10, 1, 23, 59, 59, 999999))
		free = compute_rule_due("LA-NOTIFY-DEFENCE", found)
		self.assertEqual(free.due, dt.datetime(2025, 10, 9, 23, 59, 59, 999999))
		self.assertEqual(frappe.db.get_value("Deadline Rule", "LA-NOTIFIED-ASSIGN", "counting"), "Civil Code")

	def test_notice_days_are_checked(self):
		with self.assertRaises(HolidayNoticeError):
			make_notice(days=[{"holiday_date": f"{FUTURE_YEAR + 1}-01-01", "day_type": "Holiday"}])
		weekday = next(
			dt.date(FUTURE_YEAR, 3, d) for d in range(1, 8) if dt.date(FUTURE_YEAR, 3, d).weekday() == 2
		)
		with self.assertRaises(HolidayNoticeError):
			make_notice(days=[{"holiday_date": str(weekday), "day_type": "Working Day"}])

	def test_a_new_rule_ends_at_24_00_unless_it_names_when_its_office_closes(self):
		def rule(code, **values):
			doc = frappe.get_doc(
				{
					"doctype": "Deadline Rule",
					"rule_code": code,
					"service": "Legal Aid",
					"trigger_event": "测试",
					"count": 3,
					"unit": "Calendar Days",
					"law": "测试",
					**values,
				}
			).insert(ignore_permissions=True)
			frappe.clear_document_cache("Deadline Rule", code)
			return doc

		start = dt.datetime(2025, 3, 3, 9, 17)
		rule("TEST-DAYS")
		self.assertEqual(
			compute_rule_due("TEST-DAYS", start).due, dt.datetime(2025, 3, 6, 23, 59, 59, 999999)
		)
		rule("TEST-OFFICE", closes_at="17:30")
		self.assertEqual(compute_rule_due("TEST-OFFICE", start).due, dt.datetime(2025, 3, 6, 17, 30))
		with self.assertRaises(frappe.ValidationError):
			rule("TEST-BAD", closes_at="5pm")
		frappe.db.rollback()

"""The service-case mechanism on a real site: the step log keeps, when each step ends, what reports count."""

import datetime as dt

import frappe
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from qh_legal_service.escalation import escalate_overdue_steps
from qh_legal_service.tests.test_legal_aid_workflow import REVIEWER, SUPERVISOR, LegalAidCase
from qh_legal_service.tests.utils import make_application


def log_of(name: str) -> list[tuple]:
	doc = frappe.get_doc("Legal Aid Application", name)
	return [(row.step, bool(row.ended_on), row.ended_in_state, row.late) for row in doc.step_log]


class TestStepLog(LegalAidCase):
	def test_each_step_is_logged_and_ends_in_time_when_the_state_moves_on(self):
		name = make_application().name
		self.assertEqual(log_of(name), [("Review and decide", False, None, 0)])
		self.act(REVIEWER, name, "Start Review")
		self.act(
			REVIEWER,
			name,
			"Request Materials",
			materials_notice="户口簿复印件",
			materials_due=getdate(),
		)
		self.assertEqual(
			log_of(name),
			[
				("Review and decide", True, "Materials Requested", 0),
				("Applicant supplies materials", False, None, 0),
			],
		)
		self.act(REVIEWER, name, "Materials Supplied")
		# The review resumes in its own row, due later by the days the wait paused it.
		doc = frappe.get_doc("Legal Aid Application", name)
		review = doc.step_log[0]
		self.assertEqual((review.step, review.ended_on), ("Review and decide", None))
		self.assertEqual(get_datetime(review.due_on), get_datetime(doc.current_due))
		self.assertEqual(log_of(name)[1], ("Applicant supplies materials", True, "Under Review", 0))
		self.act(REVIEWER, name, "Approve")
		self.assertEqual(
			log_of(name),
			[
				("Review and decide", True, "Approved", 0),
				("Applicant supplies materials", True, "Under Review", 0),
				("Assign a lawyer", False, None, 0),
			],
		)

	def test_a_step_that_ends_after_its_due_moment_is_logged_late_by_hours(self):
		# Received twenty days ago: the seven-day review is overdue, escalated, then decided late.
		received = add_to_date(now_datetime(), days=-20).replace(second=0, microsecond=0)
		name = make_application(received_on=received).name
		self.act(REVIEWER, name, "Start Review")
		escalate_overdue_steps()
		self.assertTrue(frappe.db.exists("Notification Log", {"for_user": SUPERVISOR, "document_name": name}))
		approved = self.act(REVIEWER, name, "Approve")
		review = approved.step_log[0]
		due, ended = get_datetime(review.due_on), get_datetime(review.ended_on)
		self.assertEqual(
			(review.step, review.late, review.ended_in_state), ("Review and decide", 1, "Approved")
		)
		self.assertEqual(get_datetime(review.started_on), received)
		self.assertGreater(due, received + dt.timedelta(days=7))
		self.assertEqual(review.overrun_hours, round((ended - due).total_seconds() / 3600, 2))
		self.assertGreater(review.overrun_hours, 24)
		# The escalation belonged to the step that ended; the next one starts clear.
		self.assertEqual((approved.escalated_step, approved.escalated_on), (None, None))

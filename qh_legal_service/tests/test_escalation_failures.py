"""The hourly escalation job fails loudly: a case it cannot handle is counted in the Supervision workspace,
listed, and told to the system managers once, until a run handles it."""

from unittest.mock import patch

import frappe
from frappe.desk.doctype.number_card.number_card import get_result
from frappe.utils import add_to_date, now_datetime

from qh_legal_service.escalation import FAILURE, escalate_service
from qh_legal_service.service_case import service_of
from qh_legal_service.tests.test_legal_aid_workflow import LegalAidCase
from qh_legal_service.tests.utils import make_application

SERVICE = "Legal Aid Application"
CARD = "Cases the Escalation Job Failed On"


def failures_of(name: str) -> list:
	return frappe.get_all(
		FAILURE,
		filters={"reference_doctype": SERVICE, "reference_name": name},
		fields=["step", "attempts", "error", "resolved_on", "division"],
	)


def open_count() -> int:
	return frappe.db.count(FAILURE, {"resolved_on": ["is", "not set"]})


def alerts_to_administrator(name: str) -> int:
	return frappe.db.count(
		"Notification Log",
		{"for_user": "Administrator", "document_type": SERVICE, "document_name": name},
	)


class TestEscalationFailures(LegalAidCase):
	def tearDown(self):
		super().tearDown()
		frappe.db.rollback()

	def run_job(self, failing: bool) -> None:
		missing_rule = frappe.DoesNotExistError("Deadline Rule LA-REVIEW not found")
		if failing:
			with patch("qh_legal_service.escalation.escalate", side_effect=missing_rule):
				escalate_service(service_of(SERVICE), now_datetime())
		else:
			escalate_service(service_of(SERVICE), now_datetime())

	def test_a_case_the_job_fails_on_is_counted_listed_and_told_once_until_a_run_handles_it(self):
		case = make_application(received_on=add_to_date(now_datetime(), days=-20))
		self.run_job(failing=True)
		[failure] = failures_of(case.name)
		self.assertEqual(
			(failure.step, failure.attempts, failure.resolved_on), ("Review and decide", 1, None)
		)
		self.assertEqual(failure.error, "Deadline Rule LA-REVIEW not found")
		self.assertEqual(failure.division, case.division)
		self.assertEqual(alerts_to_administrator(case.name), 1)
		# The workspace's card counts the cases not yet handled.
		card = frappe.get_doc("Number Card", CARD)
		self.assertGreaterEqual(open_count(), 1)
		self.assertEqual(get_result(card, card.filters_json), open_count())

		# The next hour fails again: counted, not told again.
		self.run_job(failing=True)
		[failure] = failures_of(case.name)
		self.assertEqual(failure.attempts, 2)
		self.assertEqual(alerts_to_administrator(case.name), 1)

		# Mended: the run escalates the case and the failure is resolved.
		self.run_job(failing=False)
		[failure] = failures_of(case.name)
		self.assertIsNotNone(failure.resolved_on)
		self.assertEqual(frappe.db.get_value(SERVICE, case.name, "escalated_step"), "Review and decide")
		self.assertEqual(get_result(card, card.filters_json), open_count())

"""E-mail leaves the site only through its default outgoing account; without one nothing fails."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.outgoing import can_send_email, send_email_if_possible


class TestOutgoing(FrappeTestCase):
	def test_without_a_default_outgoing_account_nothing_is_sent_and_nothing_fails(self):
		with patch(
			"frappe.email.doctype.email_account.email_account.EmailAccount.find_default_outgoing",
			return_value=None,
		):
			self.assertFalse(can_send_email())
			with patch("frappe.sendmail") as sendmail:
				self.assertFalse(
					send_email_if_possible(recipients=["someone@example.com"], subject="x", message="x")
				)
			sendmail.assert_not_called()

	def test_with_a_default_outgoing_account_the_mail_is_queued(self):
		account = frappe._dict(name="Default")
		with patch(
			"frappe.email.doctype.email_account.email_account.EmailAccount.find_default_outgoing",
			return_value=account,
		):
			self.assertTrue(can_send_email())
			with patch("frappe.sendmail") as sendmail:
				self.assertTrue(
					send_email_if_possible(recipients=["someone@example.com"], subject="x", message="y")
				)
			sendmail.assert_called_once_with(recipients=["someone@example.com"], subject="x", message="y")

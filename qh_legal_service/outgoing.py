"""Messages that leave the site: e-mail only where the site can send it.

A fresh site, or one whose only outgoing account is not the default, has no account `frappe.sendmail`
may use, and sendmail then raises, which would fail the save that triggered the message. Services tell
people through the desk's Notification Log first and e-mail in addition, when it can go.
"""

import frappe
from frappe.email.doctype.email_account.email_account import EmailAccount


def can_send_email() -> bool:
	"""Whether the site has the default outgoing e-mail account `frappe.sendmail` uses."""
	# Asked directly: `find_outgoing` caches its answer for the request.
	return bool(EmailAccount.find_default_outgoing())


def send_email_if_possible(**kwargs) -> bool:
	"""`frappe.sendmail(**kwargs)` when the site can send e-mail; whether it was queued."""
	if not can_send_email():
		return False
	frappe.sendmail(**kwargs)
	return True

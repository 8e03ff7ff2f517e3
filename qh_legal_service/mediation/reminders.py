"""Reminders of the window for judicial confirmation (人民调解法 Art 33) and its end.

When a written agreement is recorded, the applicant's login and the mediators get a reminder that both
parties may apply to the people's court within 30 days of the agreement taking effect; a daily job reminds
them again a few days before the window ends (`rules.mediation.CONFIRMATION_REMINDER_DAYS`), and marks the
window ended once its due moment has passed, so the case moves on to the performance follow-up.
"""

import datetime as dt

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, now_datetime

from qh_legal_service.outgoing import send_email_if_possible
from qh_legal_service.rules import mediation

DOCTYPE = "Mediation Case"


def recipients(doc) -> list[str]:
	"""The applicant's login and the mediators' logins, each once."""
	users = [doc.applicant_user] if doc.applicant_user else []
	workers = [row.mediator for row in doc.mediators or () if row.mediator]
	if workers:
		users += frappe.get_all(
			"Legal Service Worker", filters={"name": ["in", workers], "user": ["is", "set"]}, pluck="user"
		)
	return [user for user in dict.fromkeys(users) if frappe.db.exists("User", {"name": user, "enabled": 1})]


def remind_confirmation_window(doc, now: dt.datetime | None = None) -> list[str]:
	"""Tell the applicant and the mediators when the window for judicial confirmation ends; the users told."""
	if doc.current_step != mediation.CONFIRM_STEP or not doc.current_due:
		return []
	told = []
	for user in recipients(doc):
		lang = frappe.db.get_value("User", user, "language") or None
		subject = _(
			"Mediation case {0}: both parties may apply to the people's court for judicial confirmation of the agreement until {1} (Art 33).",
			lang=lang,
		).format(doc.name, format_datetime(doc.current_due))
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": DOCTYPE,
				"document_name": doc.name,
				"subject": subject,
			}
		).insert(ignore_permissions=True)
		send_email_if_possible(
			recipients=[user],
			subject=subject,
			message=subject,
			reference_doctype=DOCTYPE,
			reference_name=doc.name,
		)
		told.append(user)
	frappe.db.set_value(
		DOCTYPE, doc.name, "confirmation_reminded_on", now or now_datetime(), update_modified=False
	)
	return told


def remind_before_window_ends():
	"""Daily job: remind again a few days before the window ends; end the window once it has passed."""
	now = now_datetime()
	soon = now + dt.timedelta(days=mediation.CONFIRMATION_REMINDER_DAYS)
	open_cases = frappe.get_all(
		DOCTYPE,
		filters={"workflow_state": mediation.AGREEMENT_REACHED, "current_step": mediation.CONFIRM_STEP},
		fields=["name", "current_due", "confirmation_reminded_on"],
	)
	for row in open_cases:
		due = get_datetime(row.current_due)
		frappe.db.savepoint("mediation_reminder")
		try:
			if due <= now:
				end_window(row.name)
			elif due <= soon and not _reminded_since(row.confirmation_reminded_on, due):
				remind_confirmation_window(frappe.get_doc(DOCTYPE, row.name), now)
		except Exception:
			frappe.db.rollback(save_point="mediation_reminder")
			frappe.log_error(title=f"Mediation reminder failed for {row.name}", reference_doctype=DOCTYPE)


def _reminded_since(reminded_on, due: dt.datetime) -> bool:
	"""Whether the last reminder was already inside the final days before `due`."""
	if not reminded_on:
		return False
	return get_datetime(reminded_on) >= due - dt.timedelta(days=mediation.CONFIRMATION_REMINDER_DAYS)


def end_window(name: str) -> None:
	"""The window has passed without an application: the follow-up of performance runs now."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.set(mediation.WINDOW_CLOSED_FIELD, 1)
	doc.flags.ignore_permissions = True
	doc.save()

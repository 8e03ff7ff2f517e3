"""Reading the answer to a portal question: a citizen's own questions, or one question by its reference
number and the phone number it was asked with (a visitor who did not sign in)."""

import frappe
from frappe import _
from frappe.utils import format_datetime

from qh_legal_service.rules import matters

DOCTYPE = "Legal Consultation"
FIELDS = ("name", "question", "answer", "status", "consulted_on", "citizen_phone", "owner", "citizen_user")


def public_view(row) -> dict:
	"""What the asker reads of their question: never the phone, the owner or staff notes."""
	return {
		"name": row.name,
		"question": row.question,
		"answer": row.answer or None,
		"status": _(row.status),
		"asked": format_datetime(row.consulted_on, "yyyy-MM-dd HH:mm") if row.consulted_on else "",
	}


def own_questions() -> list[dict]:
	"""The signed-in citizen's portal questions, newest first."""
	user = frappe.session.user
	if user == "Guest":
		return []
	rows = frappe.get_all(
		DOCTYPE,
		filters={"channel": matters.PORTAL, "citizen_user": user},
		fields=list(FIELDS),
		order_by="creation desc",
		limit=50,
	)
	return [public_view(row) for row in rows]


@frappe.whitelist(allow_guest=True, methods=["POST"])
def lookup_answer(reference: str, phone: str) -> dict | None:
	"""One portal question by its reference and phone; None alike for a wrong reference or a wrong phone."""
	reference = (reference or "").strip()[:40]
	digits = matters.normalise_phone(phone)
	if not reference or len(digits) < 5:
		return None
	row = frappe.db.get_value(
		DOCTYPE, {"name": reference, "channel": matters.PORTAL}, list(FIELDS), as_dict=True
	)
	if not row or matters.normalise_phone(row.citizen_phone) != digits:
		return None
	return public_view(row)

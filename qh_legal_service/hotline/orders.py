"""A work order's answer becomes a consultation; its transfer (转办) travels as a `Service Order`.

The operator answers directly (解答): the answer is recorded as a `Legal Consultation` of the 12348
Hotline channel, linked to the work order. Or the operator transfers the work order to an institution
through the order flow; when the holder completes the order, its result is the work order's reply and
the work order is Completed, awaiting the callback (回访); when the holder refuses it, the work order
goes back to the operator.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service import service_order
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import matters, service_orders

SERVICE = service_orders.HOTLINE
HOTLINE_CENTRE = "12348 Hotline Centre"
# The portal's language code of the caller's language, for the consultation.
LANGUAGE_CODES = {hl.CHINESE: "zh", hl.TIBETAN: "bo"}


def record_answer(doc) -> str:
	"""The consultation that records the operator's direct answer; returns its name."""
	consultation = frappe.get_doc(
		{
			"doctype": "Legal Consultation",
			"consulted_on": doc.call_answered_at or doc.received_on or now_datetime(),
			"channel": matters.HOTLINE,
			"status": matters.ANSWERED,
			"division": doc.division,
			"citizen_name": doc.caller_name,
			"citizen_phone": doc.phone,
			"language": LANGUAGE_CODES.get(doc.language),
			"matter_type": doc.matter_type,
			"question": doc.summary,
			"answer": doc.answer,
			"answered_on": doc.answered_on or now_datetime(),
			"answered_by": frappe.session.user,
			"hotline_work_order": doc.name,
		}
	)
	consultation.flags.ignore_permissions = True
	return consultation.insert().name


def transfer(doc) -> str:
	"""Open the work order's order to the institution it is transferred to; returns the order's name."""
	order = service_order.open_order(
		doc,
		doc.transfer_to,
		_("12348 work order {0}: {1}").format(doc.name, _(doc.matter_type)),
		SERVICE,
		matter_summary=doc.summary,
		requester_name=doc.caller_name or doc.phone,
		from_institution=referring_institution(),
	)
	return order.name


def referring_institution() -> str | None:
	"""The operator's own institution, else the 12348 hotline centre: the referring point of transfers."""
	return frappe.db.get_value(
		"Legal Service Worker", {"user": frappe.session.user, "active": 1}, "institution"
	) or frappe.db.get_value(
		"Legal Service Institution",
		{"institution_type": HOTLINE_CENTRE, "disabled": 0},
		"name",
		order_by="creation asc",
	)


def follow_order(order, method=None) -> None:
	"""Service Order on_update: a transferred work order learns its order's completion or refusal."""
	if order.source_doctype != hl.DOCTYPE or not order.has_value_changed("status"):
		return
	state = hl.state_after_order(order.status)
	if state is None or not frappe.db.exists(hl.DOCTYPE, order.source_name):
		return
	doc = frappe.get_doc(hl.DOCTYPE, order.source_name)
	if doc.case_state != hl.TRANSFERRED or doc.service_order != order.name:
		return
	doc.workflow_state = state
	if state == hl.COMPLETED:
		doc.reply = order.result
	else:
		doc.add_comment("Info", _("The order was refused: {0}").format(order.result or ""))
	doc.flags.from_service_order = True
	doc.flags.ignore_permissions = True
	doc.save()

"""A notarization referral travels to its notary office as a `Service Order` (订单式流转).

The order opens once the referral names a notary office; the office's acceptance, refusal and the
issued certificate (its number as the order's result reference) go back to the referring point through
the order, which the referring point's area reads without reading the notary office's records.
"""

import frappe
from frappe import _

from qh_legal_service import service_order
from qh_legal_service.rules import notarization as nt
from qh_legal_service.rules import service_orders

SERVICE = service_orders.NOTARIZATION


def open_for(doc) -> str:
	"""Open the order of a referral to its notary office; returns the order's name."""
	source = doc
	if doc.legal_aid_application:
		source = frappe.get_doc("Legal Aid Application", doc.legal_aid_application)
	order = service_order.open_order(
		source,
		doc.notary_office,
		_("Notarization referral {0}: {1}").format(doc.name, _(doc.matter_type)),
		SERVICE,
		matter_summary=doc.matter_description,
		requester_name=doc.applicant_name,
		from_institution=doc.referring_institution or None,
	)
	if source is not doc:
		# The legal aid case sent it; the referral is what the notary office works on.
		service_order.link_target(order.name, doc)
	return order.name


def follow_referral(doc) -> None:
	"""Keep the referral's order in step with the referral (on_update)."""
	if not doc.service_order:
		if doc.notary_office and doc.case_state not in nt.FINAL_STATES:
			doc.db_set("service_order", open_for(doc), update_modified=False)
		return
	if not doc.has_value_changed("workflow_state"):
		return
	status = frappe.db.get_value(service_order.DOCTYPE, doc.service_order, "status")
	state = doc.case_state
	if state == nt.ACCEPTED and status == service_orders.SENT:
		service_order.accept_order(doc.service_order, doc)
	elif state == nt.REFUSED and status == service_orders.SENT:
		service_order.refuse_order(doc.service_order, doc.refusal_reason)
	elif state == nt.REFUSED and status == service_orders.ACCEPTED:
		# Refused after acceptance (Art 31): the order ends with the reason as its result.
		service_order.complete_order(
			doc.service_order,
			_("Refused ({0}): {1}").format(_(doc.refusal_ground), doc.refusal_reason),
			result_reference=None,
		)
	elif state == nt.ISSUED and status == service_orders.ACCEPTED:
		service_order.complete_order(
			doc.service_order,
			_("Notarial certificate issued: {0}").format(doc.certificate_number),
			result_reference=doc.certificate_number,
		)

"""A mediation case opened for a service order held by a mediation committee (订单式流转).

The hotline, a court or a police station refers a dispute to a committee as a `Service Order`; a mediator
of the holder's area opens the case for it with `make_case_from_order`. The case keeps the order
(`service_order`, set only here) and tells it when it is accepted, refused or closed (`MediationCase.follow_order`).
"""

import frappe
from frappe import _

from qh_legal_service import service_order
from qh_legal_service.rules import mediation as m
from qh_legal_service.rules import service_orders

DOCTYPE = "Mediation Case"


def source_of(order) -> str:
	"""The case's source, from the record the order was sent from."""
	if order.source_doctype in ("Legal Consultation",):
		return m.HOTLINE_TRANSFER
	return m.AGENCY_REFERRAL


@frappe.whitelist()
def make_case_from_order(order_name: str) -> str:
	"""Open the mediation case of an order the user's committee holds; the case's name."""
	order = frappe.get_doc("Service Order", order_name)
	if not frappe.has_permission(DOCTYPE, "create") or not service_order.may_act(order):
		frappe.throw(_("Only the institution holding this order may act on it."), frappe.PermissionError)
	if order.service != service_orders.MEDIATION or order.status != service_orders.SENT:
		frappe.throw(_("This order is {0}: it cannot be {1} now.").format(_(order.status), _("Accepted")))
	if existing := frappe.db.get_value(DOCTYPE, {"service_order": order.name}):
		return existing
	applicant = order.requester_name or _("Requester Not Named")
	case = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"applicant_name": applicant,
			"source": source_of(order),
			"service_order": order.name,
			"division": order.origin_division or order.division,
			"dispute_type": "Other Dispute",
			"dispute_summary": order.matter_summary or order.reason,
			"committee": order.holder_institution,
			"parties": [{"party_name": applicant, "role": m.APPLICANT, "language": "zh"}],
		}
	)
	case.flags.ignore_permissions = True
	case.insert()
	return case.name

"""The order flow (订单式流转): open, accept, refuse, hand on and complete a `Service Order`.

Any service record (legal aid, mediation, notarization, a hotline consultation) refers a request on with
`open_order`; the institution that holds the order accepts it (linking the record it opened), refuses
it, hands it on (转办) or completes it with a result, and every step is a row of the order's trail.

The plain functions do the work and check no permission: call them from server code that has already
decided the user may act. The desk calls the `@frappe.whitelist()` wrappers at the bottom, which check
that the caller's area covers the order's holder (or, for `open_order_for`, that they may read the
source record).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

from qh_legal_service.rules import service_orders as rules
from qh_legal_service.rules.scope import record_in_scope
from qh_legal_service.scoping import get_area_path, get_permitted_nodes, is_portal_user, is_unscoped

DOCTYPE = "Service Order"
INSTITUTION = "Legal Service Institution"


class OrderNotAllowed(frappe.ValidationError):
	"""An action the order's status does not allow."""


def _institution_division(institution: str) -> str:
	division = frappe.db.get_value(INSTITUTION, institution, "division")
	if not division:
		frappe.throw(_("Institution {0} not found.").format(institution), frappe.DoesNotExistError)
	return division


def _user_institution(user: str) -> str | None:
	"""The institution a staff user works at, from their Legal Service Worker record."""
	return frappe.db.get_value("Legal Service Worker", {"user": user, "active": 1}, "institution")


def _last_row(order: Document):
	return order.hand_overs[-1] if order.hand_overs else None


def _apply(order: Document, action: str) -> None:
	try:
		order.status = rules.check_action(action, order.status)
	except rules.OrderStateError:
		frappe.throw(
			_("This order is {0}: it cannot be {1} now.").format(
				_(order.status), _(rules.OUTCOME_OF[action])
			),
			OrderNotAllowed,
		)


def _decide(order: Document, action: str, text: str | None = None) -> None:
	"""Record on the open hand-over what the holder did with it."""
	row = _last_row(order)
	if row is None or row.outcome:
		return
	row.outcome = rules.OUTCOME_OF[action]
	row.decided_by = frappe.session.user
	row.decided_on = now_datetime()
	row.outcome_text = text


def _save(order: Document) -> Document:
	order.flags.ignore_permissions = True
	order.save()
	return order


def open_order(
	source_doc,
	to_institution: str,
	reason: str,
	service: str,
	matter_summary: str | None = None,
	requester_name: str | None = None,
	from_institution: str | None = None,
) -> Document:
	"""Send a request on from the record `source_doc` (any doctype) to `to_institution`.

	The referring point is `from_institution`, else the sender's own institution; its division (else
	the source record's `division`) is the origin whose staff follow the order. The order is Sent,
	held by `to_institution` from now, and due for acceptance by the ORDER-ACCEPT rule.
	"""
	if service not in rules.SERVICES:
		frappe.throw(_("Unknown service: {0}").format(service))
	if not (reason or "").strip():
		frappe.throw(_("Say why the order is sent."))
	from_institution = from_institution or _user_institution(frappe.session.user)
	origin_division = (
		_institution_division(from_institution) if from_institution else source_doc.get("division")
	)
	now = now_datetime()
	order = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"service": service,
			"matter_summary": matter_summary,
			"requester_name": requester_name,
			"status": rules.SENT,
			"source_doctype": source_doc.doctype,
			"source_name": source_doc.name,
			"origin_institution": from_institution,
			"origin_division": origin_division,
			"holder_institution": to_institution,
			"division": _institution_division(to_institution),
			"held_since": now,
			"sent_by": frappe.session.user,
			"reason": reason,
			"hand_overs": [
				{
					"from_institution": from_institution,
					"to_institution": to_institution,
					"sent_by": frappe.session.user,
					"sent_on": now,
					"reason": reason,
				}
			],
		}
	)
	order.flags.ignore_permissions = True
	return order.insert()


def accept_order(order_name: str, target_doc=None) -> Document:
	"""The holder accepts (受理) the order; `target_doc` is the record it opened for it, if any."""
	order = frappe.get_doc(DOCTYPE, order_name)
	_apply(order, rules.ACCEPT)
	_decide(order, rules.ACCEPT)
	if target_doc is not None:
		_set_target(order, target_doc)
	return _save(order)


def link_target(order_name: str, target_doc) -> Document:
	"""Name the record the holder opened for an order it has accepted (when it is created later)."""
	order = frappe.get_doc(DOCTYPE, order_name)
	_set_target(order, target_doc)
	return _save(order)


def _set_target(order: Document, target_doc) -> None:
	"""Link order and target both ways: a target with a `service_order` field names its order."""
	order.target_doctype = target_doc.doctype
	order.target_name = target_doc.name
	if target_doc.meta.has_field("service_order"):
		frappe.db.set_value(target_doc.doctype, target_doc.name, "service_order", order.name)


def refuse_order(order_name: str, reason: str) -> Document:
	"""The holder refuses the order, with its reason; the referring point sees both."""
	if not (reason or "").strip():
		frappe.throw(_("Give the reason for refusing."))
	order = frappe.get_doc(DOCTYPE, order_name)
	_apply(order, rules.REFUSE)
	_decide(order, rules.REFUSE, reason)
	order.result = reason
	order.completed_on = now_datetime()
	return _save(order)


def hand_on_order(order_name: str, to_institution: str, reason: str) -> Document:
	"""Transfer the order onward (转办): the new holder has it from now and must accept it in turn."""
	if not (reason or "").strip():
		frappe.throw(_("Say why the order is handed on."))
	order = frappe.get_doc(DOCTYPE, order_name)
	if to_institution == order.holder_institution:
		frappe.throw(_("The order is already held by this institution."))
	_apply(order, rules.HAND_ON)
	_decide(order, rules.HAND_ON, reason)
	now = now_datetime()
	order.append(
		"hand_overs",
		{
			"from_institution": order.holder_institution,
			"to_institution": to_institution,
			"sent_by": frappe.session.user,
			"sent_on": now,
			"reason": reason,
		},
	)
	order.holder_institution = to_institution
	order.division = _institution_division(to_institution)
	order.held_since = now
	# A new holder, a new acceptance step: its own overdue is escalated again.
	order.escalated_step = None
	order.escalated_on = None
	order.target_doctype = None
	order.target_name = None
	return _save(order)


def complete_order(order_name: str, result: str, result_reference: str | None = None) -> Document:
	"""The holder finishes the order; its result (and e.g. a certificate number) go back to the origin."""
	if not (result or "").strip():
		frappe.throw(_("Say what the result is."))
	order = frappe.get_doc(DOCTYPE, order_name)
	_apply(order, rules.COMPLETE)
	now = now_datetime()
	order.append(
		"hand_overs",
		{
			"from_institution": order.holder_institution,
			"to_institution": order.origin_institution,
			"sent_by": frappe.session.user,
			"sent_on": now,
			"reason": result,
			"outcome": rules.OUTCOME_DONE,
			"decided_by": frappe.session.user,
			"decided_on": now,
			"outcome_text": result,
		},
	)
	order.result = result
	order.result_reference = result_reference
	order.completed_on = now
	return _save(order)


TRAIL_FIELDS = (
	"from_institution",
	"to_institution",
	"sent_by",
	"sent_on",
	"reason",
	"outcome",
	"decided_by",
	"decided_on",
	"outcome_text",
)
ORDER_FIELDS = (
	"name",
	"service",
	"status",
	"requester_name",
	"origin_institution",
	"holder_institution",
	"held_since",
	"current_due",
	"result",
	"result_reference",
	"completed_on",
	"source_doctype",
	"source_name",
	"target_doctype",
	"target_name",
)


def orders_for(doc) -> list[dict]:
	"""The orders a record sent (its source) or received (its target), newest first, with their trail.

	Read without permission checks: the record's own form shows what became of its requests. A
	target record is named only to a reader who may read it.
	"""
	table = frappe.qb.DocType(DOCTYPE)
	names = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			((table.source_doctype == doc.doctype) & (table.source_name == doc.name))
			| ((table.target_doctype == doc.doctype) & (table.target_name == doc.name))
		)
		.orderby(table.creation, order=frappe.qb.desc)
		.run(pluck=True)
	)
	orders = []
	for name in names:
		order = frappe.get_doc(DOCTYPE, name)
		values = {field: order.get(field) for field in ORDER_FIELDS}
		if order.target_name and not (
			frappe.db.exists(order.target_doctype, order.target_name)
			and frappe.has_permission(order.target_doctype, "read", order.target_name)
		):
			values["target_doctype"] = values["target_name"] = None
		values["direction"] = "sent" if order.source_name == doc.name else "received"
		values["trail"] = [{field: row.get(field) for field in TRAIL_FIELDS} for row in order.hand_overs]
		orders.append(values)
	return orders


# Who may see and act --------------------------------------------------------------------------------


def may_act(order: Document, user: str | None = None) -> bool:
	"""Whether `user` acts for the order's holder: their area covers the holder's division."""
	user = user or frappe.session.user
	if is_unscoped(user):
		return True
	if is_portal_user(user):
		return False
	division = order.get("division")
	nodes = get_permitted_nodes(user, DOCTYPE)
	return record_in_scope(division, get_area_path(division) if division else {}, nodes)


def may_follow(order: Document, user: str | None = None) -> bool:
	"""Whether `user`'s area covers the order's referring point (they see it, read-only)."""
	user = user or frappe.session.user
	division = order.get("origin_division")
	if not division or is_portal_user(user):
		return False
	nodes = get_permitted_nodes(user, DOCTYPE)
	return record_in_scope(division, get_area_path(division), nodes)


def order_query_conditions(user: str | None = None, doctype: str | None = None) -> str:
	"""permission_query_conditions for Service Order: held in, or sent from, the user's area."""
	from qh_legal_service.rules.scope import scope_filters

	user = user or frappe.session.user
	if is_unscoped(user):
		return ""
	if is_portal_user(user):
		return "1=0"
	filters = scope_filters(get_permitted_nodes(user, DOCTYPE))
	return rules.order_sql_condition(f"tab{DOCTYPE}", filters, frappe.db.escape)


# What the referring point may do with an order it follows: look, never act.
READ_ONLY_PTYPES = frozenset({"read", "select", "print", "email", "export", "report"})


def order_has_permission(doc: Document, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""has_permission for Service Order: the holder's area reads and acts, the origin's only reads."""
	user = user or frappe.session.user
	if is_unscoped(user):
		return None
	if is_portal_user(user):
		return False
	if may_act(doc, user):
		return None
	if ptype in READ_ONLY_PTYPES and may_follow(doc, user):
		return None
	return False


def _check_holder(order: Document) -> None:
	if not frappe.has_permission(DOCTYPE, "read", order) or not may_act(order):
		frappe.throw(_("Only the institution holding this order may act on it."), frappe.PermissionError)


def _order_for_action(order_name: str) -> Document:
	order = frappe.get_doc(DOCTYPE, order_name)
	_check_holder(order)
	return order


# Desk -----------------------------------------------------------------------------------------------


@frappe.whitelist()
def open_order_for(
	source_doctype: str,
	source_name: str,
	to_institution: str,
	reason: str,
	service: str,
	matter_summary: str | None = None,
	requester_name: str | None = None,
) -> str:
	"""Desk: refer the record the caller is reading on to another institution; returns the order."""
	source = frappe.get_doc(source_doctype, source_name)
	source.check_permission("read")
	if is_portal_user(frappe.session.user):
		raise frappe.PermissionError
	return open_order(source, to_institution, reason, service, matter_summary, requester_name).name


@frappe.whitelist()
def accept(order_name: str, target_doctype: str | None = None, target_name: str | None = None) -> dict:
	"""Desk: the holder accepts the order, optionally naming the record it opened."""
	_order_for_action(order_name)
	target = None
	if target_doctype and target_name:
		target = frappe.get_doc(target_doctype, target_name)
		target.check_permission("read")
	return accept_order(order_name, target).as_dict()


@frappe.whitelist()
def refuse(order_name: str, reason: str) -> dict:
	"""Desk: the holder refuses the order with a reason."""
	_order_for_action(order_name)
	return refuse_order(order_name, reason).as_dict()


@frappe.whitelist()
def hand_on(order_name: str, to_institution: str, reason: str) -> dict:
	"""Desk: the holder hands the order on to another institution."""
	_order_for_action(order_name)
	return hand_on_order(order_name, to_institution, reason).as_dict()


@frappe.whitelist()
def complete(order_name: str, result: str, result_reference: str | None = None) -> dict:
	"""Desk: the holder completes the order with its result."""
	_order_for_action(order_name)
	return complete_order(order_name, result, result_reference).as_dict()


@frappe.whitelist()
def order_actions(order_name: str) -> list[str]:
	"""Desk: the actions the caller may take on the order now (none for the referring point)."""
	order = frappe.get_doc(DOCTYPE, order_name)
	order.check_permission("read")
	if not may_act(order):
		return []
	return list(rules.actions_for(order.status))


@frappe.whitelist()
def orders_of(doctype: str, name: str) -> list[dict]:
	"""Desk: the orders the record sent or received, for its form."""
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("read")
	return orders_for(doc)


# Legal aid: an application arriving from another point ---------------------------------------------

LEGAL_AID_CENTRE = "Legal Aid Centre"
# Who refers a citizen on to the county's legal aid centre from their own record.
REFERRING_ROLES = frozenset(
	{"Township Judicial Office Staff", "Hotline Operator", "County Justice Bureau Staff", "System Manager"}
)


def legal_aid_centre_for(division: str) -> str | None:
	"""The legal aid centre serving `division`: its county's, else its prefecture's, else the province's."""
	path = get_area_path(division)
	for tier in ("County", "Prefecture", "Province"):
		if code := path.get(tier):
			centre = frappe.db.get_value(
				INSTITUTION,
				{"institution_type": LEGAL_AID_CENTRE, "division": code, "disabled": 0},
				"name",
				order_by="creation asc",
			)
			if centre:
				return centre
	return None


@frappe.whitelist()
def refer_to_legal_aid(source_doctype: str, source_name: str, reason: str) -> str:
	"""Desk: "Refer to legal aid centre": a township office or the hotline sends the citizen of the record
	they are reading (a consultation, a call) on to the legal aid centre of the citizen's county.

	The centre accepts the order and names the application it opened, which then carries the order.
	"""
	if not REFERRING_ROLES.intersection(frappe.get_roles()):
		raise frappe.PermissionError
	source = frappe.get_doc(source_doctype, source_name)
	source.check_permission("read")
	division = source.get("division")
	centre = legal_aid_centre_for(division) if division else None
	if not centre:
		frappe.throw(_("No legal aid centre serves this division."), frappe.DoesNotExistError)
	requester = source.get("citizen_name") or source.get("applicant_name") or source.get("requester_name")
	matter = source.get("question") or source.get("matter_summary") or source.get("facts")
	return open_order(source, centre, reason, rules.LEGAL_AID, matter, requester).name

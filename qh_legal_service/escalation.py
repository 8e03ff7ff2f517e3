"""Hourly job: every overdue step of every service case declared in hooks `service_cases` is handled.

What an overdue step does is declared with the step (`rules.service_case.StepRule.on_overdue`): it is
escalated to the supervisors one tier above the office handling the case (督办), once per step, or the
case is moved to a state (legal aid's unanswered materials request: deemed withdrawn, Art 43).
"""

import frappe
from frappe import _
from frappe.utils import format_datetime, get_datetime, now_datetime
from frappe.utils.user import get_users_with_role

from qh_legal_service.figures import mark_step_escalated
from qh_legal_service.rules.deadlines import is_overdue
from qh_legal_service.rules.service_case import ESCALATE, ServiceDeclaration, escalation_node
from qh_legal_service.scoping import DIVISION, get_area_path
from qh_legal_service.service_case import service_of

# A case the job could not handle, kept until a run handles it.
FAILURE = "Escalation Failure"


def escalate_overdue_steps():
	"""Handle every overdue step of every declared service, each in its own savepoint."""
	now = now_datetime()
	for doctype in frappe.get_hooks("service_cases"):
		escalate_service(service_of(doctype), now)


def escalate_service(service: ServiceDeclaration, now) -> None:
	"""Handle the overdue steps of one service; one failure loses no other."""
	overdue = frappe.get_all(
		service.doctype,
		# Frappe compares an empty datetime as the year 1: a record with no running step is not overdue.
		filters=[
			["current_due", "is", "set"],
			["current_due", "<", now],
			["escalated_step", "is", "not set"],
		],
		pluck="name",
	)
	failed = set()
	for name in overdue:
		frappe.db.savepoint("escalation")
		try:
			handle_overdue_case(service, name, now)
		except Exception as error:
			frappe.db.rollback(save_point="escalation")
			frappe.log_error(
				title=f"Escalation failed for {service.doctype} {name}",
				reference_doctype=service.doctype,
				reference_name=name,
			)
			record_failure(service.doctype, name, error, now)
			failed.add(name)
	resolve_failures(service.doctype, failed, now)


def record_failure(doctype: str, name: str, error: Exception, now) -> None:
	"""Keep the case the job failed on where supervisors look (the Supervision workspace counts them);
	the system managers are told the first time it fails, not every hour after."""
	open_failure = frappe.db.get_value(
		FAILURE, {"reference_doctype": doctype, "reference_name": name, "resolved_on": ["is", "not set"]}
	)
	message = str(error) or type(error).__name__
	if open_failure:
		failure = frappe.get_doc(FAILURE, open_failure)
		failure.update({"last_failed_on": now, "attempts": (failure.attempts or 0) + 1, "error": message})
		failure.save(ignore_permissions=True)
		return
	case = frappe.db.get_value(doctype, name, ["division", "current_step"], as_dict=True) or {}
	frappe.get_doc(
		{
			"doctype": FAILURE,
			"reference_doctype": doctype,
			"reference_name": name,
			"division": case.get("division"),
			"step": case.get("current_step"),
			"first_failed_on": now,
			"last_failed_on": now,
			"attempts": 1,
			"error": message,
		}
	).insert(ignore_permissions=True)
	for user in system_managers():
		lang = frappe.db.get_value("User", user, "language") or None
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": doctype,
				"document_name": name,
				"subject": _("The hourly escalation job failed on {0} {1}: {2}", lang=lang).format(
					_(doctype, lang=lang), name, message
				),
			}
		).insert(ignore_permissions=True)


def resolve_failures(doctype: str, failed: set[str], now) -> None:
	"""A case the job failed on before and did not fail on now was handled, or is no longer overdue."""
	for failure in frappe.get_all(
		FAILURE,
		filters={"reference_doctype": doctype, "resolved_on": ["is", "not set"]},
		fields=["name", "reference_name"],
	):
		if failure.reference_name not in failed:
			frappe.db.set_value(FAILURE, failure.name, "resolved_on", now)


def system_managers() -> list[str]:
	"""Enabled System Managers, and Administrator (on a new site often the only one)."""
	return ["Administrator", *get_users_with_role("System Manager")]


def still_overdue(doc, now) -> bool:
	"""Whether the case as locked is still overdue and not yet escalated for its running step."""
	return (
		bool(doc.get("current_step") and doc.get("current_due"))
		and not doc.get("escalated_step")
		and (is_overdue(get_datetime(doc.current_due), now))
	)


def handle_overdue_case(service: ServiceDeclaration, name: str, now) -> None:
	"""Lock the case, read it again and handle its overdue step if it still has one.

	The list was read before: a reviewer may have decided the case since, ending that step (and starting
	one not yet due). Escalating from the list would count an escalation of a step already ended and stamp
	the new step escalated, so it is never escalated when it runs late.
	"""
	doc = frappe.get_doc(service.doctype, name, for_update=True)
	if not still_overdue(doc, now):
		return
	step = service.step(doc.current_step)
	if step and step.on_overdue != ESCALATE:
		move_overdue_case(service, doc, step.on_overdue, step.overdue_note)
	else:
		escalate(service, doc, now)


def move_overdue_case(service: ServiceDeclaration, doc, state: str, note: str | None) -> None:
	"""The step's time ran out: the case moves to the declared state, with the declared note."""
	doc.set(service.state_field, state)
	doc.save(ignore_permissions=True)
	if note:
		doc.add_comment("Info", _(note))


def escalate(service: ServiceDeclaration, doc, now) -> None:
	"""Tell the supervisors one tier above that the case's running step is overdue, once per step."""
	node = escalation_node(get_area_path(doc.division), service.handled_at)
	for user in supervisors_at(node, service.supervisor_roles) if node else ():
		lang = frappe.db.get_value("User", user, "language") or None
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": service.doctype,
				"document_name": doc.name,
				"subject": _("Overdue step of {0} {1}: {2} for {3} was due {4}", lang=lang).format(
					_(service.doctype, lang=lang),
					doc.name,
					_(doc.current_step, lang=lang),
					doc.get(service.title_field) or doc.name,
					format_datetime(doc.current_due),
				),
			}
		).insert(ignore_permissions=True)
	stamp = {"escalated_step": doc.current_step, "escalated_on": now}
	# Written without a save: an escalation changes no fact of the case and runs none of its rules.
	frappe.db.set_value(service.doctype, doc.name, stamp, update_modified=False)
	doc.update(stamp)
	# The step's own row keeps the escalation after the record's fields clear, for the monthly figures.
	running = next(
		(step for step in doc.get("step_log") or () if step.step == doc.current_step and not step.ended_on),
		None,
	)
	if running:
		mark_step_escalated(doc, running, now)


def step_labels(doctype: str, lang: str | None = None) -> dict[str, str]:
	"""Each declared step of a service in the reader's language (the forms show them translated too)."""
	return {name: _(name, lang=lang) for name in service_of(doctype).step_names}


def supervisors_at(node: str, roles: tuple[str, ...]) -> list[str]:
	"""Enabled users permitted exactly at `node` who hold one of `roles`."""
	permission = frappe.qb.DocType("User Permission")
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(permission)
		.join(has_role)
		.on((has_role.parent == permission.user) & (has_role.parenttype == "User"))
		.join(user)
		.on(user.name == permission.user)
		.select(permission.user)
		.distinct()
		.where(
			(permission.allow == DIVISION)
			& (permission.for_value == node)
			& (has_role.role.isin(roles))
			& (user.enabled == 1)
		)
		.run(pluck=True)
	)

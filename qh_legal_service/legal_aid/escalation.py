"""Hourly job: an overdue legal aid step is escalated to the tier above, and an unanswered request
for materials ends the application as withdrawn (Art 43)."""

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service.rules import legal_aid
from qh_legal_service.scoping import DIVISION, get_area_path

SUPERVISOR_ROLES = ("Prefecture Supervisor", "Province Supervisor")
DOCTYPE = "Legal Aid Application"


def escalate_overdue_steps():
	"""Handle every overdue step, each in its own savepoint so one failure loses no other."""
	now = now_datetime()
	overdue = frappe.get_all(
		DOCTYPE,
		filters={"current_due": ["<", now], "escalated_step": ["is", "not set"]},
		fields=["name", "workflow_state", "division", "current_step", "current_due", "applicant_name"],
	)
	for row in overdue:
		frappe.db.savepoint("escalation")
		try:
			if row.workflow_state == legal_aid.MATERIALS_REQUESTED:
				deem_withdrawn(row.name)
			else:
				escalate(row, now)
		except Exception:
			frappe.db.rollback(save_point="escalation")
			frappe.log_error(title=f"Legal aid escalation failed for {row.name}", reference_doctype=DOCTYPE)


def deem_withdrawn(name: str):
	"""No materials by the due date: the application is deemed withdrawn (Art 43)."""
	doc = frappe.get_doc(DOCTYPE, name)
	doc.workflow_state = legal_aid.WITHDRAWN
	doc.save(ignore_permissions=True)
	doc.add_comment(
		"Info", _("Deemed withdrawn: the missing materials were not supplied by the due date (Art 43).")
	)


def escalate(row, now):
	"""Tell the supervisors one tier above that a step is overdue, once per step."""
	node = legal_aid.escalation_node(get_area_path(row.division))
	for user in supervisors_at(node) if node else ():
		lang = frappe.db.get_value("User", user, "language") or None
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user,
				"type": "Alert",
				"document_type": DOCTYPE,
				"document_name": row.name,
				"subject": _("Overdue legal aid step: {0} for {1} was due {2}", lang=lang).format(
					step_labels(lang).get(row.current_step, row.current_step),
					row.applicant_name,
					row.current_due,
				),
			}
		).insert(ignore_permissions=True)
	frappe.db.set_value(
		DOCTYPE, row.name, {"escalated_step": row.current_step, "escalated_on": now}, update_modified=False
	)


def step_labels(lang: str | None = None) -> dict[str, str]:
	"""Each step of `rules.legal_aid` in the reader's language (the desk form shows them translated too)."""
	return {
		legal_aid.REVIEW_STEP: _("Review and decide", lang=lang),
		legal_aid.REREVIEW_STEP: _("Review again as ordered", lang=lang),
		legal_aid.DEFENCE_STEP: _("Assign a defence lawyer", lang=lang),
		legal_aid.MATERIALS_STEP: _("Applicant supplies materials", lang=lang),
		legal_aid.ASSIGN_STEP: _("Assign a lawyer", lang=lang),
		legal_aid.OBJECTION_STEP: _("Decide the objection", lang=lang),
	}


def supervisors_at(node: str) -> list[str]:
	"""Enabled users permitted exactly at `node` who hold a supervisor role."""
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
			& (has_role.role.isin(SUPERVISOR_ROLES))
			& (user.enabled == 1)
		)
		.run(pluck=True)
	)

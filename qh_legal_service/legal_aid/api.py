"""Whitelisted methods of the legal aid desk."""

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.utils import cint

from qh_legal_service.legal_aid.portal import LANGUAGE_LINKS
from qh_legal_service.rules.legal_aid import REQUIRED_IN_STATE

ASSIGNABLE_TYPES = ("Lawyer", "Grassroots Legal Service Worker")


@frappe.whitelist()
def suggest_workers(name: str) -> list[dict]:
	"""Active lawyers of the application's county who speak the applicant's language (Art 43 assignment)."""
	application = frappe.get_doc("Legal Aid Application", name)
	application.check_permission("read")
	language = application.preferred_language or "zh"
	return [w for w in area_workers(application) if language in w.spoken][:10]


def area_workers(application, txt: str = "") -> list:
	"""The area's assignable workers, with the languages they serve in, the applicant's first."""
	# The county's centre assigns; an application handled at the prefecture draws on the prefecture.
	area = {"county": application.county} if application.county else {"prefecture": application.prefecture}
	workers = frappe.get_list(
		"Legal Service Worker",
		filters={"active": 1, "worker_type": ["in", ASSIGNABLE_TYPES], **area},
		or_filters={"name": ["like", f"%{txt}%"], "worker_name": ["like", f"%{txt}%"]} if txt else None,
		fields=["name", "worker_name", "worker_type"],
		limit_page_length=200,
	)
	spoken = languages_of([w.name for w in workers])
	for worker in workers:
		worker.spoken = spoken.get(worker.name, [])
		worker.languages = ", ".join(worker.spoken)
	language = application.preferred_language or "zh"
	return sorted(workers, key=lambda w: (language not in w.spoken, w.worker_name))


def languages_of(workers: list[str]) -> dict[str, list[str]]:
	"""The languages each worker serves in, by worker."""
	spoken = {}
	for row in frappe.get_all(
		"Legal Service Language",
		filters={"parenttype": "Legal Service Worker", "parent": ["in", workers or [""]]},
		fields=["parent", "language"],
		order_by="idx asc",
	):
		spoken.setdefault(row.parent, []).append(row.language)
	return spoken


@frappe.whitelist()
def fields_for_action(name: str, action: str) -> list[str]:
	"""The fields the state an action leads to requires, so the desk asks for them with the action."""
	application = frappe.get_doc("Legal Aid Application", name)
	application.check_permission("write")
	for transition in get_transitions(application):
		if transition.action == action:
			return list(REQUIRED_IN_STATE.get(transition.next_state, ()))
	return []


@frappe.whitelist(methods=["POST"])
def save_action_fields(name: str, action: str, values: dict | str) -> None:
	"""Save what an action's next state needs, just before the action is taken from the desk.

	Frappe's apply_workflow reloads the record before it moves it, so the dialog's answers must be in
	the database first; and the record's state may be one its user cannot edit (the bureau records an
	objection to a refusal the centre wrote). So exactly the fields the next state needs are written,
	and only for a user whom the workflow lets take the action.
	"""
	values = frappe.parse_json(values) or {}
	needed = fields_for_action(name, action)
	if not needed:
		frappe.throw(
			_("{0} asks for nothing, or you may not take it on {1}.").format(_(action), name),
			frappe.PermissionError,
		)
	application = frappe.get_doc("Legal Aid Application", name)
	application.update({fieldname: values.get(fieldname) for fieldname in needed})
	application.flags.ignore_permissions = True  # the workflow has just said this user may take the action
	application.save()


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def worker_query(doctype, txt, searchfield, start, page_len, filters):
	"""Link search for the assigned worker: the area's workers, those who speak the applicant's language first."""
	application = frappe.get_doc("Legal Aid Application", filters.get("application"))
	application.check_permission("read")
	workers = area_workers(application, txt)
	# Each language in its own script, as the portal's switch shows them.
	labels = {query.rsplit("=", 1)[-1]: label for label, query in LANGUAGE_LINKS}
	return [
		(
			w.name,
			w.worker_name,
			_(w.worker_type),
			" · ".join(labels.get(code, code) for code in w.spoken),
		)
		for w in workers[cint(start) : cint(start) + cint(page_len)]
	]

"""The citizens' legal aid web form: the language switch, where the case stands and what happened, the
documents issued to the applicant, and only their own records."""

import frappe
from frappe import _
from frappe.utils import formatdate

from qh_legal_service.legal_aid.documents import DOCTYPE
from qh_legal_service.portal_records import (
	introduction,
	language_switch,
	new_request,
	own_requests,
	request_page,
	when,
)
from qh_legal_service.rules import legal_aid_history as history


def get_context(context):
	"""Put the language switch above a new form and the decision on an application already sent."""
	switch = language_switch()
	intro = _(
		"Apply for free legal aid. Fill in what you know; staff will contact you if anything is missing."
	)
	if context.is_new:
		new_request(context, switch, _("Apply for Legal Aid"), _("My Legal Aid Applications"), intro)
	elif context.in_edit_mode:
		context.introduction_text = introduction(switch, intro)
	doc = context.get("reference_doc") or {}
	drop_empty_attachments(doc)
	# Told once, read by the history and by what to do next.
	facts = history_facts(doc) if doc.get("name") else None
	request_page(
		context,
		DOCTYPE,
		doc,
		switch,
		notes=decision_notes(doc),
		history=history_section(doc, facts),
		next_step=next_step_section(doc, facts),
	)


def drop_empty_attachments(doc) -> None:
	"""Leave out of the record the page shows the attachments the citizen did not send.

	Frappe's web form saves each field it was not sent as "", and its read-only Attach control, given
	"", hides an upload button it never made ("Cannot read properties of undefined (reading 'toggle')").
	"""
	if not doc:
		return
	for df in frappe.get_meta(DOCTYPE).fields:
		if df.fieldtype in ("Attach", "Attach Image") and doc.get(df.fieldname) == "":
			doc.pop(df.fieldname)


def get_list_context(context):
	"""The list shows the citizen's own applications: those they sent and those staff entered for them."""
	context.get_list = own_requests("matter_type")
	return context


def decision_notes(doc) -> list[dict]:
	"""What the citizen must read on an application besides what to do next: a refusal's reasons."""
	notes = []
	if doc.get("decision_reasons") and doc.get("workflow_state") in ("Refused", "Objection Filed"):
		notes.append({"title": _("Reasons for Refusal"), "text": doc.decision_reasons})
	return notes


def history_facts(doc) -> dict:
	"""The stored facts the history is told from, with the assigned worker's name and phone."""
	facts = dict(doc)
	facts["materials_requests"] = [dict(row) for row in doc.get("materials_requests") or ()]
	if doc.get("assigned_worker"):
		worker = frappe.db.get_value(
			"Legal Service Worker",
			doc.assigned_worker,
			["worker_name", "worker_name_bo", "phone", "institution"],
			as_dict=True,
		)
		institution = frappe.db.get_value(
			"Legal Service Institution",
			doc.get("assigned_institution") or (worker or {}).get("institution"),
			["institution_name", "institution_name_bo", "phone"],
			as_dict=True,
		)
		facts["worker_name"] = in_reader_script(worker, "worker_name")
		facts["institution_name"] = in_reader_script(institution, "institution_name")
		# The worker's own phone, or else the institution's switchboard.
		facts["worker_phone"] = (worker or {}).get("phone") or (institution or {}).get("phone")
	return facts


def in_reader_script(record: dict | None, field: str) -> str | None:
	"""A name in Tibetan for a Tibetan reader when the record has one, else as registered."""
	if not record:
		return None
	if frappe.local.lang == "bo" and record.get(f"{field}_bo"):
		return record.get(f"{field}_bo")
	return record.get(field)


def event_text(line: history.Line) -> str:
	"""One event of the history, in the reader's language."""
	values = line.values
	if line.event == history.MATERIALS_REQUESTED:
		if values.get("due"):
			return _("Materials asked for, to be supplied by {0}").format(formatdate(values["due"]))
		return _("Materials asked for")
	if line.event == history.ASSIGNED:
		return _("Assigned to {0}").format(handler(values))
	if line.event == history.CLOSED:
		outcome = values.get("outcome") or ""
		return _("Case closed. Outcome: {0}").format(_(outcome))
	if line.event == history.TERMINATED:
		reason = values.get("reason") or ""
		return _("Legal aid terminated: {0}").format(_(reason))
	return EVENT_WORDS[line.event]()


# Events told in a fixed sentence; lambdas so that `_()` runs in the reader's language at each request.
EVENT_WORDS = {
	history.RECEIVED: lambda: _("Application received"),
	history.MATERIALS_SUPPLIED: lambda: _("Materials received"),
	history.URGENT_AID: lambda: _("Urgent legal aid granted before review"),
	history.APPROVED: lambda: _("Legal aid granted"),
	history.REFUSED: lambda: _("Legal aid refused"),
	history.OBJECTION_FILED: lambda: _("Your objection was filed with the justice bureau"),
	history.OBJECTION_UPHELD: lambda: _("The justice bureau upheld the decision"),
	history.CORRECTION_ORDERED: lambda: _(
		"The justice bureau ordered the decision corrected: it is reviewed again"
	),
	history.WITHDRAWN: lambda: _("Application withdrawn"),
	history.ARCHIVED: lambda: _("Case archived"),
}


def handler(values: dict) -> str:
	"""The worker and their institution, as one name to put in a sentence."""
	# A Tibetan name may end in a shad, which must not fall inside the running sentence.
	worker, institution = (
		(values.get(key) or "").strip().rstrip("།").strip() for key in ("worker", "institution")
	)
	if worker and institution:
		return f"{worker}（{institution}）" if frappe.local.lang == "zh" else f"{worker} ({institution})"
	return worker or institution


def event_details(line: history.Line) -> list[str]:
	"""What the citizen needs besides the sentence: the materials asked for, the phone to call."""
	values = line.values
	details = []
	if values.get("materials"):
		details.append(values["materials"])
	if values.get("phone"):
		details.append(_("Phone: {0}").format(values["phone"]))
	return details


def history_section(doc, facts: dict | None = None) -> dict | None:
	"""What happened to the application, oldest first, in the reader's language."""
	if not doc.get("name"):
		return None
	lines = history.history_lines(facts or history_facts(doc))
	return {
		"heading": _("What Happened"),
		"lines": [
			{"when": when(line.on), "text": event_text(line), "details": event_details(line)}
			for line in lines
		],
	}


def next_step_section(doc, facts: dict | None = None) -> dict | None:
	"""What the citizen must do now, in the reader's language."""
	if not doc.get("name"):
		return None
	action = history.next_action(facts or history_facts(doc))
	details = event_details(action) if action else []
	if action is None:
		text = _("Nothing: this case is over.")
	elif action.event == history.SUPPLY_MATERIALS:
		text = (
			_("Supply these materials by {0}:").format(formatdate(action.on))
			if action.on
			else _("Supply these materials:")
		)
	elif action.event == history.MAY_OBJECT:
		# The wording of the refusal and termination documents (Art 49): no time limit is set for the applicant.
		text = _(
			"If you disagree with this decision, you may object to the justice bureau, which decides within "
			"5 days of receiving your objection."
		)
	elif action.event == history.CONTACT_WORKER:
		text = _("Your case is handled by {0}. Contact them about it.").format(handler(action.values))

	else:
		text = _("Nothing for now: staff will contact you if anything is needed.")
	return {"heading": _("What You Must Do Next"), "text": text, "details": details}

"""The citizens' mediation request form: the language switch, where the request stands, what happened to it,
what to do next and, once a written agreement is reached, the agreement to download; only the citizen's own
requests."""

import json
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import format_datetime

from qh_legal_service.legal_aid.web_form.legal_aid_application.legal_aid_application import (
	language_switch,
	place_name,
	when,
)
from qh_legal_service.legal_service_core.doctype.administrative_division.administrative_division import (
	show_tibetan_paths,
)
from qh_legal_service.rules import mediation as m
from qh_legal_service.service_documents import allowed_documents, document_title

DOCTYPE = "Mediation Case"
DOWNLOAD_METHOD = "/api/method/qh_legal_service.service_documents.download_{0}?{1}"

# How each state entered reads, as a literal per line so that the catalogues keep it.
_EVENTS = {
	m.REQUESTED: lambda: _("Your request for mediation was received."),
	m.ACCEPTED: lambda: _("The mediation committee accepted the request (受理)."),
	m.NOT_ACCEPTED: lambda: _("The mediation committee did not accept the request"),
	m.IN_MEDIATION: lambda: _("Mediation began."),
	m.AGREEMENT_REACHED: lambda: _("The parties reached an agreement."),
	m.AGREEMENT_NOT_REACHED: lambda: _(
		"No agreement was reached: you may seek other lawful ways, such as a lawsuit"
	),
	m.WITHDRAWN: lambda: _("The mediation ended at a party's request"),
	m.CLOSED: lambda: _("The case was closed."),
}


def get_context(context):
	"""Put the language switch above a new form, and the status and history on a request already sent."""
	switch = language_switch()
	if context.is_new:
		context.title = _("Request Mediation")
		context.parents = [{"label": _("My Mediation Requests"), "route": f"{context.route}/list"}]
		intro = _(
			"Ask a people's mediation committee to help settle a dispute, free of charge. A mediator will contact you and the other party."
		)
		context.introduction_text = (
			f'{switch}<p class="qhls-portal-intro">{frappe.utils.escape_html(intro)}</p>'
		)
	doc = context.get("reference_doc") or {}
	portal = {
		"lang": frappe.local.lang,
		"language_switch": switch,
		"status": status_lines(doc),
		"next_step": next_step(doc),
		"history": history_section(doc) if doc.get("name") else None,
		"documents": document_links(doc),
		"division": place_name(doc.get("division")),
	}
	show_tibetan_paths(context.web_form_doc.web_form_fields, ("division",))
	# Rendered into the form's script: keep "</" from closing the <script> element.
	context.qhls_portal_json = frappe.as_json(portal).replace("</", "<\\/")


def get_list_context(context):
	"""The list shows the citizen's own requests."""
	context.get_list = get_request_list
	return context


def get_request_list(doctype, txt, filters, limit_start, limit_page_length=20, order_by=None, **kwargs):
	"""The requests the user sent or that name them as the applicant."""
	user = frappe.session.user
	return frappe.get_list(
		doctype,
		fields=["name", "dispute_type", "workflow_state", "modified"],
		filters=filters,
		or_filters={"owner": user, "applicant_user": user},
		limit_start=limit_start,
		limit_page_length=limit_page_length,
		order_by=order_by or "modified desc",
	)


def add_list_translations(context):
	"""update_website_context: the list's state and dispute values, which the form does not carry."""
	web_form = context.get("web_form_doc") or {}
	if web_form.get("doc_type") != DOCTYPE or not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	labels = [column.get("label") for column in web_form.get("list_columns") or () if column.get("label")]
	for value in (*labels, *m.STATES, *m.STEP_NAMES, *m.DISPUTE_TYPES):
		messages.setdefault(value, _(value))
	context.translated_messages = frappe.as_json(messages)


def status_lines(doc) -> list[dict]:
	"""Where the request stands, in the reader's language."""
	lines = []
	if doc.get("workflow_state"):
		lines.append({"label": _("Status"), "value": _(doc.workflow_state)})
	if doc.get("current_step"):
		lines.append({"label": _("Current Step"), "value": _(doc.current_step)})
	if doc.get("current_due"):
		lines.append({"label": _("Due"), "value": format_datetime(doc.current_due)})
	return lines


def next_step(doc) -> dict | None:
	"""What the citizen may do now: apply for judicial confirmation while the window is open (Art 33)."""
	if not doc.get("name"):
		return None
	if doc.get("current_step") == m.CONFIRM_STEP and doc.get("current_due"):
		text = _(
			"Both parties may apply together to the people's court for judicial confirmation of the agreement until {0} (Art 33)."
		).format(format_datetime(doc.current_due))
	elif doc.get("workflow_state") in m.FINAL_STATES:
		text = _("Nothing: this case is over.")
	else:
		text = _("Nothing for now: the mediator will contact you.")
	return {"heading": _("What You Can Do Next"), "text": text}


def history_section(doc) -> dict:
	"""What happened to the request, oldest first."""
	values = frappe.get_doc(DOCTYPE, doc.get("name")).as_dict()
	lines = [
		{"when": when(moment), "text": _EVENTS[state](), "details": [detail] if detail else []}
		for state, moment, detail in m.history(values)
	]
	return {"heading": _("What Happened"), "lines": lines}


def document_links(doc) -> dict | None:
	"""The agreement, once the case warrants it, as PDF and Word."""
	if not doc.get("name"):
		return None
	record = frappe.get_doc(DOCTYPE, doc.get("name"))
	documents = []
	for key in allowed_documents(record):
		query = urlencode({"doctype": DOCTYPE, "name": record.name, "document": key})
		documents.append(
			{
				"title": document_title(record, key),
				"pdf": DOWNLOAD_METHOD.format("pdf", query),
				"word": DOWNLOAD_METHOD.format("word", query),
			}
		)
	return {
		"heading": _("Your Documents"),
		"pdf_label": _("Download PDF"),
		"word_label": _("Download Word"),
		"documents": documents,
	}

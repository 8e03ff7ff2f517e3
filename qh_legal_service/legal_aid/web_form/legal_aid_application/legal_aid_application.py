"""The citizens' legal aid web form: the language switch, the decision, the documents issued to the
applicant, and only their own records."""

import json
from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils import format_datetime, formatdate
from markupsafe import escape

from qh_legal_service.legal_aid.documents import DOCTYPE, allowed_documents, document_title
from qh_legal_service.legal_aid.portal import LANGUAGE_LINKS
from qh_legal_service.legal_service_core.doctype.administrative_division.administrative_division import (
	show_tibetan_paths,
)
from qh_legal_service.rules import legal_aid

DOWNLOAD_METHOD = "/api/method/qh_legal_service.legal_aid.documents.download_{0}?{1}"


def get_context(context):
	"""Put the language switch above a new form and the decision on an application already sent."""
	switch = language_switch()
	if context.is_new:
		context.title = _("Apply for Legal Aid")
		context.parents = [{"label": _("My Legal Aid Applications"), "route": f"{context.route}/list"}]
	if context.is_new or context.in_edit_mode:
		intro = _(
			"Apply for free legal aid. Fill in what you know; staff will contact you if anything is missing."
		)
		context.introduction_text = f'{switch}<p class="qhls-portal-intro">{escape(intro)}</p>'
	portal = {
		"lang": frappe.local.lang,
		"language_switch": switch,
		"status": status_lines(context.get("reference_doc") or {}),
		"notes": decision_notes(context.get("reference_doc") or {}),
		"documents": document_links(context.get("reference_doc") or {}),
	}
	show_tibetan_paths(context.web_form_doc.web_form_fields, ("division",))
	# Rendered into the form's script: keep "</" from closing the <script> element.
	context.qhls_portal_json = frappe.as_json(portal).replace("</", "<\\/")


def get_list_context(context):
	"""The list of applications shows the citizen's own, whatever else their roles allow."""
	context.filters = {"owner": frappe.session.user}
	return context


def add_list_translations(context):
	"""update_website_context: the list shows each application's state and step, which are not fields
	of the form, so Frappe sends the browser no translation of them; add those.

	A hook, not part of get_context, because Frappe writes the page's translations after get_context.
	"""
	web_form = context.get("web_form_doc") or {}
	if web_form.get("doc_type") != DOCTYPE or not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	for value in (*legal_aid.STATES, *legal_aid.STEP_NAMES):
		messages.setdefault(value, _(value))
	context.translated_messages = frappe.as_json(messages)


def language_switch() -> str:
	"""Links to this page in each portal language, each written in its own script."""
	current = frappe.local.lang
	links = []
	for label, query in LANGUAGE_LINKS:
		lang = query.rsplit("=", 1)[-1]
		active = ' aria-current="true" class="active"' if lang == current else ""
		links.append(f'<a href="{query}" lang="{lang}"{active}>{label}</a>')
	return f'<nav class="qhls-language-switch" aria-label="{escape(_("Language"))}">{"".join(links)}</nav>'


def status_lines(doc) -> list[dict]:
	"""Where an application stands, in the reader's language (the form itself takes only what they type)."""
	lines = []
	if doc.get("workflow_state"):
		lines.append({"label": _("Status"), "value": _(doc.workflow_state)})
	if doc.get("current_step"):
		lines.append({"label": _("Current Step"), "value": _(doc.current_step)})
	if doc.get("current_due"):
		lines.append({"label": _("Due"), "value": format_datetime(doc.current_due)})
	return lines


def decision_notes(doc) -> list[dict]:
	"""What the citizen must read on an application: missing materials, a refusal's reasons."""
	notes = []
	if doc.get("workflow_state") == "Materials Requested" and doc.get("materials_notice"):
		title = _("Please supply these materials")
		if doc.get("materials_due"):
			title = _("Please supply these materials by {0}").format(formatdate(doc.get("materials_due")))
		notes.append({"title": title, "text": doc.materials_notice})
	if doc.get("decision_reasons") and doc.get("workflow_state") in ("Refused", "Objection Filed"):
		notes.append({"title": _("Reasons for Refusal"), "text": doc.decision_reasons})
	return notes


def document_links(doc) -> dict | None:
	"""The documents issued to the applicant that the application's state allows now, as PDF and Word."""
	if not doc.get("name"):
		return None
	record = frappe.get_doc(DOCTYPE, doc.get("name"))
	documents = []
	for key in allowed_documents(record):
		query = urlencode({"name": record.name, "document": key})
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

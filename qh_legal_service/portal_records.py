"""What every service's portal form shows a citizen: one module for legal aid, mediation and notarization.

A service's web form keeps only what is its own (how each state reads in its history, what the citizen
does next, notes of its own); the language switch, the place by name, where the request stands, the
documents to download, the citizen's own list and the list's translations are the same for all, here.
"""

import json

import frappe
from frappe import _
from frappe.utils import format_datetime, formatdate
from markupsafe import escape

from qh_legal_service.legal_aid.portal import LANGUAGE_LINKS
from qh_legal_service.legal_service_core.doctype.administrative_division.administrative_division import (
	show_tibetan_paths,
)
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.service_documents import download_links


def language_switch() -> str:
	"""Links to this page in each portal language, each written in its own script."""
	current = frappe.local.lang
	links = []
	for label, query in LANGUAGE_LINKS:
		lang = query.rsplit("=", 1)[-1]
		active = ' aria-current="true" class="active"' if lang == current else ""
		links.append(f'<a href="{query}" lang="{lang}"{active}>{label}</a>')
	return f'<nav class="qhls-language-switch" aria-label="{escape(_("Language"))}">{"".join(links)}</nav>'


def introduction(switch: str, intro: str) -> str:
	"""The language switch above a form's introduction, the introduction as text."""
	return f'{switch}<p class="qhls-portal-intro">{escape(intro)}</p>'


def new_request(context, switch: str, title: str, list_label: str, intro: str) -> None:
	"""A new request's page: its title, the way to the citizen's list and the introduction."""
	context.title = title
	context.parents = [{"label": list_label, "route": f"{context.route}/list"}]
	context.introduction_text = introduction(switch, intro)


def request_page(context, doctype: str, doc, switch: str, status: list | None = None, **sections) -> None:
	"""Hand the form's script what a request already sent shows (portal_record.js): where it stands, its
	documents, its village by name and the service's own `sections` (history, next step, notes)."""
	portal = {
		"lang": frappe.local.lang,
		"language_switch": switch,
		"status": status_lines(doc) if status is None else status,
		"documents": document_section(doctype, doc),
		"division": place_name(doc.get("division")),
		**sections,
	}
	show_tibetan_paths(context.web_form_doc.web_form_fields, ("division",))
	context.qhls_portal_json = portal_json(portal)


def place_name(division: str | None) -> str | None:
	"""The village by name, in Tibetan for a Tibetan reader when it has one, never as a bare code."""
	if not division:
		return None
	names = frappe.db.get_value(
		"Administrative Division", division, ["division_name", "full_name", "full_name_bo"], as_dict=True
	)
	if not names:
		return division
	if frappe.local.lang == "bo" and names.full_name_bo:
		# Tibetan names where known, the rest in brackets (rules.divisions.tibetan_place_name).
		return names.full_name_bo
	return names.full_name or names.division_name


def when(value) -> str:
	"""A moment of a history in the reader's format: a date, with the time when it has one."""
	if not value:
		return ""
	return format_datetime(value) if getattr(value, "hour", None) is not None else formatdate(value)


def status_lines(doc) -> list[dict]:
	"""Where a request stands, in the reader's language: its state, the step now running and when it is due."""
	lines = []
	if doc.get("workflow_state"):
		lines.append({"label": _("Status"), "value": _(doc.workflow_state)})
	if doc.get("current_step"):
		lines.append({"label": _("Current Step"), "value": _(doc.current_step)})
	if doc.get("current_due"):
		lines.append({"label": _("Due"), "value": format_datetime(doc.current_due)})
	return lines


def document_section(doctype: str, doc) -> dict | None:
	"""The official documents the request warrants now for its reader, as PDF and Word downloads."""
	if not doc.get("name"):
		return None
	return {
		"heading": _("Your Documents"),
		"pdf_label": _("Download PDF"),
		"word_label": _("Download Word"),
		"documents": download_links(frappe.get_doc(doctype, doc.get("name"))),
	}


def portal_json(portal: dict) -> str:
	"""The page's data for the form's script, rendered inside a <script> element (no "</" may close it)."""
	return frappe.as_json(portal).replace("</", "<\\/")


def own_requests(*fields: str):
	"""A web form's list function: the requests the user sent or that name them as the applicant."""

	def get_list(doctype, txt, filters, limit_start, limit_page_length=20, order_by=None, **kwargs):
		user = frappe.session.user
		return frappe.get_list(
			doctype,
			fields=["name", *fields, "workflow_state", "modified"],
			filters=filters,
			or_filters={"owner": user, "applicant_user": user},
			limit_start=limit_start,
			limit_page_length=limit_page_length,
			order_by=order_by or "modified desc",
		)

	return get_list


def list_values(doctype: str, list_columns) -> list[str]:
	"""What a service's portal list shows but its form does not carry: its columns' headings, the
	service's states and steps, and the options of the columns that are Select fields."""
	meta = frappe.get_meta(doctype)
	service = SERVICES.get(doctype)
	values = [column.get("label") for column in list_columns if column.get("label")]
	if service:
		values += [*service.states, *service.step_names]
	for column in list_columns:
		field = meta.get_field(column.get("fieldname"))
		if field and field.fieldtype == "Select":
			values += [option for option in (field.options or "").splitlines() if option]
	return list(dict.fromkeys(values))


def add_list_translations(context):
	"""update_website_context: a service's portal list shows values its form does not carry, so Frappe
	sends the browser no translation of them; add those.

	A hook, not part of get_context, because Frappe writes the page's translations after get_context.
	"""
	web_form = context.get("web_form_doc") or {}
	doctype = web_form.get("doc_type")
	if doctype not in SERVICES or not context.get("translated_messages"):
		return
	messages = json.loads(context.translated_messages)
	for value in list_values(doctype, web_form.get("list_columns") or ()):
		messages.setdefault(value, _(value))
	context.translated_messages = frappe.as_json(messages)

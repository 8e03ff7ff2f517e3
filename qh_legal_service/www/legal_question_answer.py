"""Where a citizen reads the answer to a legal question asked on the portal: a signed-in citizen sees their
own questions; anyone reads one question with its reference number and the phone number it was asked with
(the text is shown as text, never as markup)."""

import json

import frappe
from frappe import _

from qh_legal_service.hotline import portal
from qh_legal_service.portal_records import language_switch

no_cache = 1


def get_context(context):
	context.no_breadcrumbs = True
	context.lang = frappe.local.lang
	context.language_switch = language_switch()
	context.reference = (frappe.form_dict.get("reference") or "")[:40]
	context.questions = portal.own_questions() if frappe.session.user != "Guest" else []
	context.messages_json = json.dumps(
		{
			"not_found": _("No question matches this reference number and phone number."),
			"answer": _("Answer"),
			"not_answered": _("Not answered yet."),
		},
		ensure_ascii=False,
	)
	return context

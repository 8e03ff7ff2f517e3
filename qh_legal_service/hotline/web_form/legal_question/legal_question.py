"""The portal's legal question form (12348 Online): the language switch above it; the server checks the
question in the Legal Consultation controller, and the answer is read at /legal-question-answer."""

import json

import frappe
from frappe import _

from qh_legal_service.portal_records import language_switch


def get_context(context):
	"""The language switch and the introduction in the reader's language."""
	intro = _(
		"Ask a legal question in Chinese or Tibetan, free of charge. You need not sign in: keep the "
		"reference number shown after sending, and read the answer with it and your phone number."
	)
	context.title = _("Ask a Legal Question")
	read_answer = _("Read an answer")
	context.introduction_text = (
		f'{language_switch()}<p class="qhls-portal-intro">{frappe.utils.escape_html(intro)}</p>'
		f'<p><a href="/legal-question-answer">{frappe.utils.escape_html(read_answer)}</a></p>'
	)
	# The script's own words, in the reader's language (a web form page sends the browser only its labels).
	context.qhls_question_messages = json.dumps(
		{
			"reference": _(
				"Your reference number is {0}. Keep it with your phone number to read the answer."
			),
			"read": _("Read the answer"),
		},
		ensure_ascii=False,
	)
	return context

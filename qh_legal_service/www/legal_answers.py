"""Ask / search answers (问答检索): the knowledge base's published answers, found as the person types.

`/legal-answers` in the page's language (zh or bo, from `_lang` or the portal's language cookie); the
search runs through `qh_legal_service.knowledge_base.search` (guests allowed, limited per address) and an
answer opens through `knowledge_base.article`. `?q=` fills the box and shows its results without script.
"""

import frappe
from frappe import _

from qh_legal_service.knowledge_base import MAX_QUERY, find

no_cache = 1

LANGUAGES = (("zh", "中文"), ("bo", "བོད་ཡིག"))


def get_context(context):
	lang = frappe.local.lang if frappe.local.lang in dict(LANGUAGES) else "zh"
	context.lang = lang
	context.languages = LANGUAGES
	context.no_breadcrumbs = True
	context.title = _("Ask / Search Answers")
	context.query = (frappe.form_dict.get("q") or "").strip()[:MAX_QUERY]
	context.results = find(context.query, lang, 8) if context.query else []
	context.max_query = MAX_QUERY
	context.strings = {
		"nothing": _("No answer matches yet. Try other words, or call the 12348 hotline."),
		"searching": _("Searching…"),
		"too_many": _("Too many searches from your network. Please wait a minute and try again."),
		"close": _("Close"),
	}
	return context

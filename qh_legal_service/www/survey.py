"""The satisfaction survey (好差评): through a one-time link (no login), or a citizen's own records.

`/survey?t=<token>` shows the five levels for the record the link names, in the link's language (the
person's) unless the page's switch chose another; `/survey?doctype=...&name=...` does the same for a
signed-in citizen's own record; `/survey` alone lists the citizen's records and their evaluations.
"""

import frappe
from frappe import _

from qh_legal_service.quality_and_supervision import satisfaction as site
from qh_legal_service.rules import satisfaction as sat

no_cache = 1

LANGUAGES = (("zh", "中文"), ("bo", "བོད་ཡིག"))


def get_context(context):
	context.no_breadcrumbs = True
	context.languages = LANGUAGES
	context.error = None
	context.token = None
	context.mode = "list"
	fill(context)
	context.title = _("Satisfaction Survey")
	context.lang = frappe.local.lang
	# Labelled once the page's language is known.
	context.levels = [{"value": level, "label": _(level), "bad": sat.is_bad(level)} for level in sat.LEVELS]
	return context


def fill(context):
	"""The page's mode, record and language from the link, the citizen's record or their list."""
	args = frappe.form_dict
	if args.get("t"):
		context.mode = "link"
		context.token = args.t
		try:
			link = site.open_link(args.t)
		except site.SurveyLinkError as error:
			frappe.clear_messages()
			use_language(args.get("_lang"))
			context.error = str(error)
			return
		use_language(args.get("_lang") or link.language)
		describe(context, link.reference_doctype, link.reference_name)
	elif args.get("doctype") and args.get("name"):
		context.mode = "own"
		if frappe.session.user == "Guest":
			frappe.local.flags.redirect_location = "/login?redirect-to=" + frappe.utils.quote(
				frappe.request.full_path
			)
			raise frappe.Redirect
		use_language(args.get("_lang"))
		try:
			doc = site.own_record(args.doctype, args.name)
		except (frappe.PermissionError, site.NotSurveyedError, frappe.DoesNotExistError):
			frappe.clear_messages()
			context.error = _("You can evaluate only services you were given.")
			return
		describe(context, doc.doctype, doc.name)
		key = sat.person_key(frappe.session.user, None, None)
		if site.already_evaluated(doc.doctype, doc.name, key):
			context.error = _("This survey has already been answered. Thank you.")
	else:
		if frappe.session.user == "Guest":
			frappe.local.flags.redirect_location = "/login?redirect-to=/survey"
			raise frappe.Redirect
		use_language(args.get("_lang"))
		context.records = [
			{**row, "doctype_label": _(doctype), "level_label": _(level) if level else None}
			for row in site.my_records(frappe.session.user)
			# Named first: the catalogue extractor would take the keys of row["..."] for messages.
			for doctype, level in [(row["doctype"], row["level"])]
		]


def use_language(lang: str | None):
	if lang in dict(LANGUAGES):
		frappe.local.lang = lang
		frappe.lang = lang


def describe(context, doctype: str, name: str):
	"""What the page names: the service, the record and the institution that served."""
	doc = frappe.get_doc(doctype, name)
	facts = site.record_facts(doc)
	context.service_label = _(doctype)
	context.record_name = name
	context.reference_doctype = doctype
	context.institution = (
		frappe.db.get_value(
			"Legal Service Institution",
			facts.institution,
			"institution_name_bo" if frappe.local.lang == "bo" else "institution_name",
		)
		or frappe.db.get_value("Legal Service Institution", facts.institution, "institution_name")
		if facts.institution
		else None
	)
	context.lang = frappe.local.lang

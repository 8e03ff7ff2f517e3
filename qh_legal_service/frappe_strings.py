"""Frappe's own strings that a citizen or a clerk meets, kept in this app's catalogues, and sent to the portal.

Frappe ships no `bo` catalogue and its `zh` one lacks or misreads strings of the screens this app uses
(the list's "{0} m" reads "{0}米"). `scripts/update_catalogues.py` copies the strings of the Frappe files
named here into `main.pot`, so that `zh.po` and `bo.po` translate them; the app's catalogue is loaded after
Frappe's (`frappe.translate.get_translations_from_apps`), so its translation wins.

On a web form page Frappe sends the browser only a fixed list of translations (`WebForm.load_translations`),
so the upload dialog and the Attach and Link controls would stay in English whatever the catalogues say;
`add_portal_messages` adds the strings of the scripts those pages run.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import frappe
from frappe import _


@dataclass(frozen=True)
class FrappeSource:
	"""Frappe files (relative to apps/frappe/frappe) and, if given, the only msgids of them to keep."""

	comment: str
	files: tuple[str, ...]
	msgids: tuple[str, ...] = ()


# Scripts the portal's web form and its list run in the browser (through __()).
PORTAL_SCRIPTS = (
	"public/js/frappe/web_form/web_form.js",
	"public/js/frappe/web_form/web_form_list.js",
	"public/js/frappe/form/controls/attach.js",
	"public/js/frappe/form/controls/link.js",
	"public/js/frappe/file_uploader/FileUploader.vue",
	"public/js/frappe/file_uploader/FilePreview.vue",
	"public/js/frappe/file_uploader/file_uploader.bundle.js",
)

FRAPPE_SOURCES = (
	FrappeSource(
		"Frappe portal page /login (Frappe ships no bo catalogue)",
		(
			"www/login.html",
			"www/login.py",
			"templates/includes/login/login.js",
			"templates/signup.html",
			"templates/web.html",
			"templates/base.html",
			"templates/includes/navbar/navbar.html",
			"templates/includes/navbar/navbar_items.html",
			"templates/includes/navbar/navbar_login.html",
			"templates/includes/navbar/dropdown_login.html",
			"templates/includes/navbar/navbar_search.html",
			"templates/includes/footer/footer.html",
			"templates/includes/footer/footer_info.html",
			"templates/includes/footer/footer_links.html",
			"templates/includes/footer/footer_powered.html",
			"templates/includes/footer/footer_grouped_links.html",
		),
	),
	FrappeSource(
		"Frappe web form, its list and its upload dialog on the portal",
		(
			"website/doctype/web_form/templates/web_form.html",
			"website/doctype/web_form/templates/web_list.html",
			*PORTAL_SCRIPTS,
		),
	),
	FrappeSource("Frappe portal page /me", ("www/me.html", "www/me.py")),
	FrappeSource("Frappe desk: print view of the legal aid documents", ("www/printview.html",), ("Get PDF",)),
	FrappeSource(
		"Frappe desk: times in lists and timelines (Frappe's zh reads '{0} m' as '{0}米')",
		("public/js/frappe/utils/pretty_date.js",),
	),
	FrappeSource(
		"Frappe desk: form sidebar of the legal aid screens",
		("public/js/frappe/form/templates/form_sidebar.html",),
		(
			"Assigned To",
			"Attachments",
			"Tags",
			"Share",
			"Follow",
			"Unfollow",
			"Followed by",
			"Show All",
			"Upload",
			"Remove",
		),
	),
	FrappeSource(
		"Frappe desk: form and list of the legal aid screens (missing from Frappe's zh)",
		(
			"public/js/frappe/ui/toolbar/navbar.html",
			"public/js/frappe/form/form.js",
			"public/js/frappe/form/controls/comment.js",
			"public/js/frappe/form/footer/form_timeline.js",
			"public/js/frappe/form/footer/version_timeline_content_builder.js",
			"public/js/frappe/form/toolbar.js",
			"public/js/frappe/list/base_list.js",
			"public/js/frappe/list/list_sidebar_group_by.js",
			"public/js/frappe/list/list_sidebar.html",
			"public/js/frappe/ui/filters/filter_list.js",
		),
		(
			"Search or type a command ({0})",
			"This form is not editable due to a Workflow.",
			"Type a reply / comment",
			"{0} last edited this",
			"{0} created this",
			"You last edited this",
			"You created this",
			"You changed the value of {0}",
			"{0} changed the value of {1}",
			"You changed the value of {0} {1}",
			"{0} changed the value of {1} {2}",
			"{0} from {1} to {2}",
			"Copy to Clipboard",
			"Remind Me",
			"Jump to field",
			"Previous Document",
			"Next Document",
			"List View",
			"Report View",
			"Edit Filters",
			"Save Filter",
			"Apply Filters",
			"Add a Filter",
			"Clear Filters",
		),
	),
)


def frappe_root() -> Path:
	return Path(frappe.get_app_path("frappe"))


def extract_frappe_file(rel: str):
	"""(lineno, msgid, comments, context) of each string in a Frappe file, by Frappe's own extractors."""
	from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file, pathmatch
	from frappe.gettext.translate import get_method_map

	path = frappe_root() / rel
	if not path.exists():
		return
	keywords = DEFAULT_KEYWORDS.copy()
	keywords["_lt"] = None
	method = next(m for pattern, m in get_method_map("frappe") if pathmatch(pattern, "frappe/" + rel))
	for lineno, message, comments, context in extract_from_file(method, str(path), keywords=keywords):
		if message and isinstance(message, str):
			yield lineno, message, comments, context


@cache
def portal_script_messages() -> tuple[tuple[str, str | None], ...]:
	"""(msgid, context) of every string the portal's Frappe scripts pass to __()."""
	seen = {}
	for rel in PORTAL_SCRIPTS:
		for _lineno, message, _comments, context in extract_frappe_file(rel):
			seen.setdefault((message, context), None)
	return tuple(seen)


def add_portal_messages(context):
	"""update_website_context: the page's browser translations also cover the upload dialog and controls."""
	if context.get("translated_messages"):
		messages = json.loads(context.translated_messages)
		for message, msgctxt in portal_script_messages():
			key = f"{message}:{msgctxt}" if msgctxt else message
			translated = _(message, context=msgctxt)
			if key not in messages and translated != message:
				messages[key] = translated
		context.translated_messages = frappe.as_json(messages)

	# The portal's boot has no Currency records (the desk's has), so its formatter would print the code.
	boot = context.get("boot")
	if isinstance(boot, dict) and boot.get("sysdefaults", {}).get("currency"):
		currency = boot["sysdefaults"]["currency"]
		boot["sysdefaults"]["currency_symbol"] = frappe.db.get_value(
			"Currency", currency, "symbol", cache=True
		)

"""The citizens' portal: who may sign up, the role they get and the way they choose a language."""

import frappe

from qh_legal_service.rules.desks import CITIZEN_ROLE

WEB_FORM_ROUTE = "legal-aid-application"
APPLICATIONS_MENU_TITLE = "Legal Aid Applications"

# Each language in its own script, so a citizen finds theirs whatever the page shows now. The
# relative URL keeps the page the citizen is on and only changes its language.
LANGUAGE_LINKS = (("中文", "?_lang=zh"), ("བོད་ཡིག", "?_lang=bo"))


def setup_portal():
	"""Let citizens sign up as portal users who may apply for legal aid (idempotent).

	Called from `install.after_install`: signup is open, a new portal user gets the citizen role,
	the portal menu lists their applications, and the navigation bar offers both languages.
	"""
	website = frappe.get_single("Website Settings")
	website.disable_signup = 0
	known = {item.url for item in website.top_bar_items}
	for label, url in LANGUAGE_LINKS:
		if url not in known:
			website.append("top_bar_items", {"label": label, "url": url, "right": 1})
	website.flags.ignore_mandatory = True
	website.save(ignore_permissions=True)

	portal = frappe.get_single("Portal Settings")
	portal.default_role = CITIZEN_ROLE
	route = f"/{WEB_FORM_ROUTE}/list"
	if not any(item.route == route for item in portal.custom_menu):
		portal.append(
			"custom_menu",
			{
				"title": APPLICATIONS_MENU_TITLE,
				"route": route,
				"reference_doctype": "Legal Aid Application",
				"role": CITIZEN_ROLE,
				"enabled": 1,
			},
		)
	portal.save(ignore_permissions=True)


def remove_portal():
	"""Undo `setup_portal` on uninstall; signup is left as the administrator had it."""
	website = frappe.get_single("Website Settings")
	links = {url for _label, url in LANGUAGE_LINKS}
	website.set("top_bar_items", [item for item in website.top_bar_items if item.url not in links])
	website.flags.ignore_mandatory = True
	website.save(ignore_permissions=True)
	portal = frappe.get_single("Portal Settings")
	portal.set("custom_menu", [item for item in portal.custom_menu if item.role != CITIZEN_ROLE])
	if portal.default_role == CITIZEN_ROLE:
		portal.default_role = None
	portal.save(ignore_permissions=True)

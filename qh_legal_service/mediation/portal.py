"""The citizens' portal menu lists their mediation requests (`legal_aid.portal.remove_portal` removes it
with the other citizen entries on uninstall)."""

import frappe

from qh_legal_service.rules.desks import CITIZEN_ROLE

WEB_FORM_ROUTE = "mediation-request"
MENU_TITLE = "My Mediation Requests"


def setup_mediation_portal():
	"""Add the citizens' menu entry for their mediation requests (idempotent)."""
	portal = frappe.get_single("Portal Settings")
	route = f"/{WEB_FORM_ROUTE}/list"
	if any(item.route == route for item in portal.custom_menu):
		return
	portal.append(
		"custom_menu",
		{
			"title": MENU_TITLE,
			"route": route,
			"reference_doctype": "Mediation Case",
			"role": CITIZEN_ROLE,
			"enabled": 1,
		},
	)
	portal.save(ignore_permissions=True)

"""The citizens' portal menu leads to their satisfaction evaluations (/survey lists their records and
what they said of each; `legal_aid.portal.remove_portal` removes it with the other citizen entries)."""

import frappe

from qh_legal_service.rules.desks import CITIZEN_ROLE
from qh_legal_service.rules.satisfaction import EVALUATION_DOCTYPE

ROUTE = "/survey"
MENU_TITLE = "My Evaluations"


def setup_satisfaction_portal():
	"""Add the citizens' menu entry for their evaluations (idempotent)."""
	portal = frappe.get_single("Portal Settings")
	if any(item.route == ROUTE for item in portal.custom_menu):
		return
	portal.append(
		"custom_menu",
		{
			"title": MENU_TITLE,
			"route": ROUTE,
			"reference_doctype": EVALUATION_DOCTYPE,
			"role": CITIZEN_ROLE,
			"enabled": 1,
		},
	)
	portal.save(ignore_permissions=True)

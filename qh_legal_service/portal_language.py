"""Portal language for guests, applied once the session exists."""

import frappe

from qh_legal_service.rules.languages import chosen_portal_language


def apply_portal_language():
	"""before_request hook: honour a guest's chosen language (query or cookie) on every request.

	Frappe 15.55.1 computes the language before the session is loaded, so for guests it ignores
	the `preferred_language` cookie that its own language picker sets.
	"""
	if frappe.session.user != "Guest" or not getattr(frappe.local, "request", None):
		return
	request = frappe.local.request
	lang = chosen_portal_language(request.args.get("_lang"), request.cookies.get("preferred_language"))
	if lang:
		frappe.local.lang = lang
		frappe.lang = lang

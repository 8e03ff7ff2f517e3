"""Portal language for citizens, applied once the session exists."""

import frappe

from qh_legal_service.rules.languages import LANGUAGE_COOKIE, portal_language
from qh_legal_service.scoping import is_portal_user

COOKIE_MAX_AGE_DAYS = 365


def apply_portal_language():
	"""before_request hook: honour a citizen's chosen language (query or cookie) on every request.

	Frappe 15.55.1 computes the language before the session is loaded, so for guests it ignores
	the `preferred_language` cookie that its own language picker sets, and a logged-in portal
	user gets their user record's language. This runs for pages and API calls alike (the web
	form's save is an API call without `_lang`), so validation messages come back in the
	language the citizen chose. Staff (System Users) keep their own user language.
	"""
	request = getattr(frappe.local, "request", None)
	if not request:
		return
	user = frappe.session.user
	is_citizen = user == "Guest" or is_portal_user(user)
	choice = portal_language(is_citizen, request.args.get("_lang"), request.cookies.get(LANGUAGE_COOKIE))
	if choice.lang:
		frappe.local.lang = choice.lang
		frappe.lang = choice.lang
	cookie_manager = getattr(frappe.local, "cookie_manager", None)
	if choice.remember and cookie_manager:
		cookie_manager.set_cookie(
			LANGUAGE_COOKIE, choice.remember, max_age=COOKIE_MAX_AGE_DAYS * 24 * 60 * 60, httponly=False
		)

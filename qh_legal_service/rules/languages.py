"""Which language a portal visitor sees: the one they chose, never the browser's guess."""

PORTAL_LANGUAGES = ("zh", "bo")


def chosen_portal_language(query_lang: str | None, cookie_lang: str | None) -> str | None:
	"""The language a guest chose: `?_lang=` first, then the `preferred_language` cookie.

	Returns None when the guest chose neither, or chose a language the portal does not offer,
	so the site's default applies.
	"""
	for lang in (query_lang, cookie_lang):
		if lang and lang.strip().lower() in PORTAL_LANGUAGES:
			return lang.strip().lower()
	return None

"""Which language a portal visitor sees: the one they chose, never the browser's guess."""

from dataclasses import dataclass

PORTAL_LANGUAGES = ("zh", "bo")
LANGUAGE_COOKIE = "preferred_language"


def _offered(lang: str | None) -> str | None:
	"""`lang` normalised if the portal offers it, else None."""
	if lang and lang.strip().lower() in PORTAL_LANGUAGES:
		return lang.strip().lower()
	return None


def chosen_portal_language(query_lang: str | None, cookie_lang: str | None) -> str | None:
	"""The language a visitor chose: `?_lang=` first, then the `preferred_language` cookie.

	Returns None when the visitor chose neither, or chose a language the portal does not offer,
	so the site's default applies.
	"""
	return _offered(query_lang) or _offered(cookie_lang)


@dataclass(frozen=True)
class PortalLanguage:
	"""What a request does with the visitor's choice: the language to show, the cookie to write."""

	lang: str | None
	remember: str | None


def portal_language(is_citizen: bool, query_lang: str | None, cookie_lang: str | None) -> PortalLanguage:
	"""The language of one request, and whether to remember a new choice in the cookie.

	`is_citizen` is true for guests and portal (Website) users: they see the language they chose.
	Staff keep the language of their user record, but a choice made with `?_lang=` is still
	remembered, so the portal pages they open next speak it. The cookie is written only when
	`?_lang=` names an offered language that differs from the cookie, so the choice survives
	redirects that drop the query (the web form's) and the form's own API calls.
	"""
	chosen_now = _offered(query_lang)
	remember = chosen_now if chosen_now and chosen_now != _offered(cookie_lang) else None
	lang = chosen_portal_language(query_lang, cookie_lang) if is_citizen else None
	return PortalLanguage(lang, remember)

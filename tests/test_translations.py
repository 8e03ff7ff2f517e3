"""The gettext catalogues in qh_legal_service/locale: complete, consistent and in the right script.

Pure test (no Frappe): reads main.pot, zh.po and bo.po with babel, and scans the app's sources for
`_("...")` / `__("...")` literals so that a string added without regenerating the catalogues fails here.

To fix a failure, regenerate main.pot and merge it into zh.po / bo.po (existing translations are kept),
then translate the new entries, e.g. `bench generate-pot-file --app qh_legal_service` followed by
`bench update-po-files --app qh_legal_service` (or the update_catalogues.py helper, which also keeps the
strings of Frappe's /login page), and `bench compile-po-to-mo --app qh_legal_service --force`.
"""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

APP_DIR = Path(__file__).resolve().parents[1] / "qh_legal_service"
LOCALE_DIR = APP_DIR / "locale"
LOCALES = ("zh", "bo")

PLACEHOLDER = re.compile(r"\{[^{}\s]*\}|%\(\w+\)[sd]|%[sd]")
TIBETAN = re.compile(r"[\u0F00-\u0FFF]")
CJK = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]")
LETTER = re.compile(r"[^\W\d_]")
EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
# _("literal") or __("literal") with a plain string literal as the whole first argument.
TRANSLATE_CALL = re.compile(r"""(?<![\w.$])__?\(\s*(["'])((?:\\.|(?!\1)[^\\\n])*)\1\s*[,)]""")
SKIP_DIRS = {"node_modules", "dist", "locale"}


def _read(path: Path):
	with open(path, "rb") as f:
		return read_po(f)


@pytest.fixture(scope="module")
def pot():
	return _read(LOCALE_DIR / "main.pot")


@pytest.fixture(scope="module", params=LOCALES)
def po(request):
	return request.param, _read(LOCALE_DIR / f"{request.param}.po")


def _messages(catalog):
	return {(m.id, m.context): m for m in catalog if m.id}


def _needs_script(msgid: str) -> bool:
	"""Whether a translation must be written in the target script (not a number or an e-mail)."""
	text = re.sub(r"<[^>]+>", "", msgid)
	return bool(LETTER.search(PLACEHOLDER.sub("", text))) and not EMAIL.match(text)


def test_pot_is_not_empty(pot):
	assert len(_messages(pot)) > 50


def test_every_pot_msgid_is_translated(pot, po):
	locale, catalog = po
	translations = _messages(catalog)
	missing = [key for key in _messages(pot) if key not in translations]
	empty = [key for key, m in translations.items() if not m.string]
	assert not missing, f"{locale}.po lacks msgids of main.pot (run the merge): {missing}"
	assert not empty, f"{locale}.po has untranslated entries: {empty}"


def test_po_has_no_stale_msgids(pot, po):
	locale, catalog = po
	stale = [key for key in _messages(catalog) if key not in _messages(pot)]
	assert not stale, f"{locale}.po has msgids that main.pot no longer has (run the merge): {stale}"


def test_no_fuzzy_entries(pot, po):
	locale, catalog = po
	assert not catalog.fuzzy, f"{locale}.po header is marked fuzzy"
	fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
	assert not fuzzy, f"gettext skips fuzzy entries at run time; {locale}.po: {fuzzy}"
	assert not [m.id for m in pot if m.id and m.fuzzy]


def test_placeholders_match(po):
	locale, catalog = po
	wrong = [
		(m.id, m.string)
		for m in catalog
		if m.id and m.string and sorted(PLACEHOLDER.findall(m.id)) != sorted(PLACEHOLDER.findall(m.string))
	]
	assert not wrong, f"{locale}.po placeholders differ from the msgid: {wrong}"


@pytest.mark.parametrize(("locale", "script"), [("bo", TIBETAN), ("zh", CJK)])
def test_translations_are_in_the_target_script(locale, script):
	catalog = _read(LOCALE_DIR / f"{locale}.po")
	wrong = [
		(m.id, m.string) for m in catalog if m.id and _needs_script(m.id) and not script.search(m.string)
	]
	assert not wrong, f"{locale}.po entries without {locale} script: {wrong}"


def _source_files():
	for path in sorted(APP_DIR.rglob("*")):
		rel = path.relative_to(APP_DIR).parts
		if path.suffix not in {".py", ".js"} or not path.is_file():
			continue
		if any(part in SKIP_DIRS or part.startswith((".", "_")) for part in rel[:-1]):
			continue
		yield path


def _unescape(literal: str) -> str:
	return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), literal)


def test_source_strings_are_in_pot(pot):
	msgids = {m.id for m in pot if m.id}
	missing = []
	for path in _source_files():
		text = path.read_text(encoding="utf-8")
		for match in TRANSLATE_CALL.finditer(text):
			msgid = _unescape(match.group(2))
			if msgid and msgid not in msgids:
				line = text.count("\n", 0, match.start()) + 1
				missing.append(f"{path.relative_to(APP_DIR.parent)}:{line}: {msgid!r}")
	assert not missing, "strings not in main.pot; regenerate and translate the catalogues:\n" + "\n".join(
		missing
	)


def test_source_scan_finds_strings():
	"""Guard against the scan silently matching nothing (e.g. after a regex change)."""
	found = sum(len(TRANSLATE_CALL.findall(p.read_text(encoding="utf-8"))) for p in _source_files())
	assert found > 5
	assert TRANSLATE_CALL.search("""frappe.throw(_("A {0} must sit").format(x))""")
	assert TRANSLATE_CALL.search("""__('Group By', null, "ctx")""")
	assert not TRANSLATE_CALL.search("""_(f"no {x}")""")

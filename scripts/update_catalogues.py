"""Regenerate qh_legal_service/locale/main.pot and merge it into zh.po / bo.po, keeping translations.

Run with the bench's python from the sites directory:

    cd ~/frappe-bench/sites && ../env/bin/python /path/to/checkout/scripts/update_catalogues.py [--compile]
    QHLS_SITE=my.site ../env/bin/python .../update_catalogues.py --out /tmp/locale   # a trial, elsewhere

1. `frappe.gettext.translate.generate_pot` (what `bench generate-pot-file --app qh_legal_service` runs),
   with a work-around: Frappe 15.55.1's hooks.py (navbar) extractor crashes when the app lives outside
   the bench directory (apps/qh_legal_service is a symlink to the checkout, as scripts/dev-up makes it).
2. Adds the strings of Frappe's own files that a citizen or a clerk meets, extracted from the frappe
   sources with Frappe's own extractors: the files named in `qh_legal_service.frappe_strings.FRAPPE_SOURCES`
   (/login, the web form, its list and upload dialog, /me, the footer, and chosen desk strings), because
   Frappe ships no `bo` catalogue and its `zh` one lacks or misreads some; the app's catalogue wins.
   Also adds the app's strings that Frappe's extractors do not read but the desk or portal shows through
   _()/__(): web forms (titles, messages, field labels, descriptions, Select options), workflow state and
   action names (fixtures/workflow_state.json, workflow_action_master.json), print format and number card
   names, and the strings listed in APP_EXTRA (see add_app_extra_strings).
3. Merges main.pot into zh.po and bo.po (like `bench update-po-files`): existing translations and
   translator comments are kept, new msgids are added untranslated, msgids gone from the pot are dropped.
   With --out DIR the three files are written to DIR and the app's locale folder is only read.
4. With --compile: compiles the .po files to sites/assets/locale/<lang>/LC_MESSAGES/qh_legal_service.mo.
"""

import os
import sys
from pathlib import Path

import frappe

APP = "qh_legal_service"
LOCALES = ("zh", "bo")
SITE = os.environ.get("QHLS_SITE", "qhls.localhost")

# Shown on /login but passed to _() as a variable (logo_section(title) in login.html), so not extracted.
FRAPPE_PORTAL_EXTRA = (("Forgot Password", "www/login.html"), ("Welcome", "www/login.html"))
PORTAL_COMMENT = "Frappe portal page /login (Frappe ships no bo catalogue)"


def patch_navbar_extractor():
	import importlib

	from frappe.gettext.extractors import navbar

	def get_module(path):
		path = Path(path).resolve()
		for app in frappe.get_all_apps(True):
			app_root = Path(frappe.get_app_path(app)).resolve().parent
			if path.is_relative_to(app_root):
				parts = path.relative_to(app_root).with_suffix("").parts
				return importlib.import_module(".".join(parts))
		raise ValueError(f"{path} is in no installed app")

	navbar.get_module = get_module


# Shown through _()/__() but held in a constant or a record rather than a literal: (msgid, file, comment).
APP_EXTRA = (
	(
		"Legal Aid Applications",
		"legal_aid/portal.py",
		"Portal menu title (Portal Settings custom_menu, APPLICATIONS_MENU_TITLE), shown through _()",
	),
	*(
		(
			office,
			"quality_and_supervision/bulletin.py",
			"The office issuing a division's monthly bulletin (OFFICE_BY_TIER), printed through _()",
		)
		for office in ("Department of Justice", "Justice Bureau", "Judicial Office")
	),
)
WEB_FORM_KEYS = (
	"title",
	"introduction_text",
	"success_title",
	"success_message",
	"button_label",
	"list_title",
)
WEB_FORM_FIELD_KEYS = ("label", "description")


def add_app_extra_strings(catalog):
	"""Strings of app files Frappe's babel_extractors.csv has no extractor for (kept across regeneration)."""
	import json

	app_path = Path(frappe.get_app_path(APP))
	bench_root = app_path.parent

	def add(message, path, comment):
		if not message or not isinstance(message, str) or not message.strip():
			return
		rel = path.relative_to(bench_root).as_posix()
		existing = catalog.get(message)
		if existing is not None:
			if (rel, 0) not in existing.locations:
				existing.locations.append((rel, 0))
			return
		catalog.add(message, locations=[(rel, 0)], auto_comments=[comment])

	def load(path):
		with open(path, encoding="utf-8") as f:
			return json.load(f)

	for message, rel, comment in APP_EXTRA:
		add(message, app_path / rel, comment)

	for path in sorted(app_path.glob("**/web_form/*/*.json")):
		form = load(path)
		if form.get("doctype") != "Web Form":
			continue
		name = form.get("name")
		for key in WEB_FORM_KEYS:
			add(form.get(key), path, f"{key} of Web Form '{name}'")
		for column in form.get("list_columns") or []:
			add(column.get("label"), path, f"List column of Web Form '{name}'")
		for field in form.get("web_form_fields") or []:
			for key in WEB_FORM_FIELD_KEYS:
				add(field.get(key), path, f"{key} of field '{field.get('fieldname')}' in Web Form '{name}'")
			if field.get("fieldtype") == "Select":
				for option in (field.get("options") or "").split("\n"):
					add(option, path, f"Option of field '{field.get('fieldname')}' in Web Form '{name}'")

	fixtures = app_path / "fixtures"
	for filename, key, what in (
		("workflow_state.json", "workflow_state_name", "Workflow State"),
		("workflow_action_master.json", "workflow_action_name", "Workflow Action"),
	):
		path = fixtures / filename
		if path.exists():
			for record in load(path):
				add(record.get(key), path, what)

	for path in sorted(app_path.glob("**/print_format/*/*.json")):
		record = load(path)
		if record.get("doctype") == "Print Format":
			add(record.get("name"), path, f"Print Format for '{record.get('doc_type')}'")

	for path in sorted(app_path.glob("**/workspace/*/*.json")):
		record = load(path)
		if record.get("doctype") == "Workspace":
			for quick_list in record.get("quick_lists") or []:
				add(quick_list.get("label"), path, f"Quick list of Workspace '{record.get('name')}'")

	# The steps of every service case (rules/services.py) are stored as keys and shown through _().
	from qh_legal_service.rules.services import SERVICES

	for service in SERVICES.values():
		for step in service.steps:
			add(step.name, app_path / "rules" / "services.py", f"Step of {service.doctype}")
			add(step.overdue_note, app_path / "rules" / "services.py", f"Overdue note of {service.doctype}")

	for path in sorted(app_path.glob("**/number_card/*/*.json")):
		record = load(path)
		if record.get("doctype") == "Number Card":
			add(record.get("label") or record.get("name"), path, "Number Card")

	# The supervision indicators' names and areas (data/supervision_indicators.json), shown through _().
	path = app_path / "data" / "supervision_indicators.json"
	for indicator in load(path)["indicators"]:
		add(indicator["name"], path, f"Supervision indicator {indicator['code']}")
		add(indicator["area"], path, "Area of the supervision indicators")


def add_frappe_strings(catalog):
	"""Strings of the Frappe files in qh_legal_service.frappe_strings.FRAPPE_SOURCES (all, or the chosen)."""
	from qh_legal_service.frappe_strings import FRAPPE_SOURCES, extract_frappe_file

	for message, rel in FRAPPE_PORTAL_EXTRA:
		if catalog.get(message) is None:
			catalog.add(message, locations=[("frappe/frappe/" + rel, 0)], auto_comments=[PORTAL_COMMENT])

	for source in FRAPPE_SOURCES:
		found = set()
		for rel in source.files:
			for lineno, message, comments, context in extract_frappe_file(rel):
				if source.msgids and message not in source.msgids:
					continue
				found.add(message)
				location = ("frappe/frappe/" + rel, lineno)
				existing = catalog.get(message, context)
				if existing is None:
					catalog.add(
						message,
						locations=[location],
						auto_comments=[*(comments or []), source.comment],
						context=context,
					)
					continue
				if location not in existing.locations:
					existing.locations.append(location)
				if source.comment not in existing.auto_comments:
					existing.auto_comments.append(source.comment)
		for message in sorted(set(source.msgids) - found):
			print(f"   not found in Frappe's files any more ({source.comment}): {message!r}")


def parse_args(argv):
	import argparse

	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--compile", action="store_true", help="compile the .po files to .mo for the bench")
	parser.add_argument(
		"--out",
		type=Path,
		help="write main.pot, zh.po and bo.po here instead of the app's locale folder (which is only read)",
	)
	args = parser.parse_args(argv)
	if args.out and args.compile:
		parser.error("--compile compiles the app's own catalogues; it cannot go with --out")
	return args


def main(argv=None):
	args = parse_args(sys.argv[1:] if argv is None else argv)
	frappe.init(site=SITE)
	from frappe.gettext import translate

	patch_navbar_extractor()
	source_dir = translate.get_po_dir(APP)
	out_dir = (args.out or source_dir).resolve()
	out_dir.mkdir(parents=True, exist_ok=True)
	app_write_catalog = translate.write_catalog

	def write_catalog(app, catalog, locale=None):
		"""Frappe's write_catalog, into out_dir (generate_pot calls it through the module)."""
		if app != APP or out_dir == source_dir.resolve():
			return app_write_catalog(app, catalog, locale)
		path = out_dir / (f"{locale}.po" if locale else translate.POT_FILE)
		with open(path, "wb") as f:
			translate.write_po(f, catalog, sort_output=True, ignore_obsolete=True, width=None)
		return path

	translate.write_catalog = write_catalog
	translate.generate_pot(APP)

	with open(out_dir / translate.POT_FILE, "rb") as f:
		pot = translate.read_po(f)
	add_app_extra_strings(pot)
	add_frappe_strings(pot)
	write_catalog(APP, pot)
	print(f"main.pot: {len([m for m in pot if m.id])} msgids")

	for locale in LOCALES:
		po = translate.get_catalog(APP, locale)
		if po.locale is None or str(po.locale) != locale:
			po = translate.new_catalog(APP, locale) if not len(po) else po
		po.update(pot, no_fuzzy_matching=True)
		for m in po:
			if m.id:
				m.flags.discard("fuzzy")
		path = write_catalog(APP, po, locale)
		missing = [m.id for m in po if m.id and not m.string]
		print(f"{path}: {len([m for m in po if m.id])} msgids, {len(missing)} untranslated")
		for msgid in missing:
			print(f"   untranslated [{locale}]: {msgid!r}")

	if args.compile:
		translate.compile_translations(APP, force=True)


if __name__ == "__main__":
	main()

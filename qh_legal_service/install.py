"""Install and uninstall: languages, roles, role profiles and the records every site needs."""

import json
from pathlib import Path

import frappe

from qh_legal_service.desk_indexes import add_desk_indexes
from qh_legal_service.indicators import sync_indicators
from qh_legal_service.legal_aid.portal import remove_portal, setup_portal
from qh_legal_service.legal_service_core.doctype.special_group.special_group import make_special_groups
from qh_legal_service.mediation.portal import setup_mediation_portal
from qh_legal_service.quality_and_supervision.portal import setup_satisfaction_portal
from qh_legal_service.rules.desks import CITIZEN_ROLE, DESKS, STAFF_ROLES
from qh_legal_service.rules.divisions import (
	DivisionRow,
	load_division_file,
	nested_set,
	path_names,
	path_names_bo,
)
from qh_legal_service.scoping import DIVISION, clear_area_path_cache

DATA_DIR = Path(__file__).parent / "data"
FIXTURES_DIR = Path(__file__).parent / "fixtures"
APP_LANGUAGES = ("zh", "bo")
CURRENCY = "CNY"
CURRENCY_SYMBOL = "¥"


def after_install():
	"""Set the site up so staff can be added and work at once."""
	set_currency()
	set_regional_defaults()
	enable_languages()
	make_roles()
	make_role_profiles()
	load_divisions()
	fill_division_full_names()
	fill_division_full_names_bo()
	load_deadline_rules()
	load_service_items()
	setup_portal()
	setup_mediation_portal()
	setup_satisfaction_portal()
	load_knowledge_base()
	make_special_groups()
	add_desk_indexes()
	sync_indicators()


# Workflow states and actions Frappe itself installs: ours share their names, so they stay.
FRAPPE_WORKFLOW_RECORDS = {"Approved", "Pending", "Rejected", "Approve", "Reject", "Review"}


def after_migrate():
	"""Bring the division tree up to the shipped file after an update of the app."""
	load_divisions()
	sync_division_tibetan_names()
	fill_division_full_names()
	fill_division_full_names_bo()
	# Sites installed before mediation get the citizens' menu entry for their requests.
	setup_mediation_portal()
	# ... and the entry for their satisfaction evaluations.
	setup_satisfaction_portal()
	# The special groups a service's Special Groups field links to.
	make_special_groups()
	add_desk_indexes()
	# The supervision indicators as shipped; a target the province changed is kept.
	sync_indicators()
	# A time limit the app has added since (one edited on the site is kept).
	load_deadline_rules()


def before_uninstall():
	"""Remove what after_install and the fixtures made outside the app's own doctypes."""
	frappe.db.delete("User Permission", {"allow": DIVISION})
	remove_workflow_fixtures()
	remove_portal()
	remove_knowledge_base_link()
	for desk in DESKS:
		frappe.delete_doc("Role Profile", desk.profile, ignore_missing=True, force=True)
	for role in (*STAFF_ROLES, CITIZEN_ROLE):
		frappe.db.delete("Has Role", {"role": role})
		frappe.delete_doc("Role", role, ignore_missing=True, force=True)


def set_regional_defaults():
	"""Every site of this app serves Qinghai: China's time zone, Chinese by default, ISO dates."""
	settings = frappe.get_single("System Settings")
	settings.update(
		{
			"app_name": "青海公共法律服务",
			"country": "China",
			"time_zone": "Asia/Shanghai",
			"language": "zh",
			"date_format": "yyyy-mm-dd",
			"time_format": "HH:mm:ss",
			"first_day_of_the_week": "Monday",
			"currency": CURRENCY,
		}
	)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)


def set_currency():
	"""Money shows in yuan with its sign: Frappe ships CNY without a symbol and sets no site currency.

	System Settings' currency (set in set_regional_defaults) becomes the `currency` default that the
	desk's and the portal's formatters fall back to; without it they show "USD".
	"""
	frappe.db.set_value("Currency", CURRENCY, {"enabled": 1, "symbol": CURRENCY_SYMBOL})
	# Global Defaults belongs to ERPNext; a Frappe-only site has no such doctype.
	if frappe.db.exists("DocType", "Global Defaults"):
		frappe.db.set_single_value("Global Defaults", "default_currency", CURRENCY)


def complete_setup_unattended():
	"""Mark the site's setup wizard done, for demo and test sites that nobody sets up by hand.

	The regional settings the wizard would ask for are already made by `set_regional_defaults`.
	"""
	if not frappe.db.get_single_value("System Settings", "setup_complete"):
		frappe.db.set_single_value("System Settings", "setup_complete", 1)
		frappe.db.set_single_value("Website Settings", "disable_signup", 0)


def remove_workflow_fixtures():
	"""Delete the legal aid workflow and the states and actions only it uses."""
	frappe.delete_doc("Workflow", "Legal Aid Application", ignore_missing=True, force=True)
	for doctype, file in (
		("Workflow State", "workflow_state"),
		("Workflow Action Master", "workflow_action_master"),
	):
		for record in json.loads((FIXTURES_DIR / f"{file}.json").read_text(encoding="utf-8")):
			if record["name"] not in FRAPPE_WORKFLOW_RECORDS:
				frappe.delete_doc(doctype, record["name"], ignore_missing=True, force=True)


def enable_languages():
	"""Frappe ships Tibetan disabled; citizens and staff choose between Chinese and Tibetan."""
	for code in APP_LANGUAGES:
		if frappe.db.exists("Language", code):
			frappe.db.set_value("Language", code, "enabled", 1)


def make_roles():
	"""Staff roles get the desk; the citizen role only the portal."""
	for role in STAFF_ROLES:
		upsert("Role", role, {"role_name": role, "desk_access": 1})
	upsert("Role", CITIZEN_ROLE, {"role_name": CITIZEN_ROLE, "desk_access": 0})


def make_role_profiles():
	"""One role profile per desk, so an administrator gives a person a desk in one step."""
	for desk in DESKS:
		upsert(
			"Role Profile",
			desk.profile,
			{"role_profile": desk.profile, "roles": [{"role": role} for role in desk.roles]},
		)


def upsert(doctype: str, name: str, values: dict):
	"""Create a record by name or bring an existing one to `values`."""
	doc = frappe.get_doc(doctype, name) if frappe.db.exists(doctype, name) else frappe.new_doc(doctype)
	doc.update(values)
	doc.save(ignore_permissions=True)
	return doc


def load_divisions(path: str | Path | None = None) -> int:
	"""Load every division of Qinghai from the shipped file; return how many were added.

	A fresh table gets all rows in one bulk insert with their nested-set bounds computed in
	memory; a partly loaded one gets the missing rows and one tree rebuild.
	"""
	rows = load_division_file(path)
	existing = set(frappe.get_all(DIVISION, pluck="name"))
	missing = [row for row in rows if row.code not in existing]
	if not missing:
		return 0
	bounds = nested_set(rows) if not existing else {}
	now = frappe.utils.now()
	fields = [
		"name",
		"division_code",
		"division_name",
		"division_name_bo",
		"tier",
		"parent_administrative_division",
		"is_group",
		"lft",
		"rgt",
		"creation",
		"modified",
		"owner",
		"modified_by",
		"docstatus",
	]
	values = [
		(
			row.code,
			row.code,
			row.name,
			row.name_bo or None,
			row.tier,
			row.parent_code or None,
			int(row.tier != "Village"),
			*bounds.get(row.code, (0, 0)),
			now,
			now,
			"Administrator",
			"Administrator",
			0,
		)
		for row in missing
	]
	frappe.db.bulk_insert(DIVISION, fields, values)
	if existing:
		write_tree_bounds()
	clear_area_path_cache()
	return len(missing)


def sync_division_tibetan_names(path: str | Path | None = None) -> int:
	"""Give existing divisions the Tibetan names the shipped file has for them; return how many changed.

	Names the file lacks are left as they are, so a name entered on the site is not wiped.
	"""
	shipped = {row.code: row.name_bo for row in load_division_file(path) if row.name_bo}
	stored = dict(frappe.get_all(DIVISION, fields=["name", "division_name_bo"], as_list=True))
	items = [
		(code, name_bo) for code, name_bo in shipped.items() if code in stored and stored[code] != name_bo
	]
	for code, name_bo in items:
		frappe.db.set_value(DIVISION, code, "division_name_bo", name_bo, update_modified=False)
	return len(items)


def fill_division_full_names(chunk_size: int = 1000) -> int:
	"""Give every division without one its full name (prefecture down); return how many were set."""
	table = frappe.qb.DocType(DIVISION)
	nodes = (
		frappe.qb.from_(table)
		.select(table.name, table.division_name, table.tier, table.parent_administrative_division)
		.run()
	)
	names = path_names(
		DivisionRow(code, name, "", tier, parent or "", 0) for code, name, tier, parent in nodes
	)
	missing = set(frappe.get_all(DIVISION, filters={"full_name": ["is", "not set"]}, pluck="name"))
	items = [(code, names[code]) for code in sorted(missing)]
	write_division_column("full_name", items, chunk_size)
	return len(items)


def fill_division_full_names_bo(chunk_size: int = 1000) -> int:
	"""Set each division's Tibetan path where it differs from its names now; return how many changed.

	Recomputed for all, since a Tibetan name added to a county changes the path of every village under it.
	"""
	table = frappe.qb.DocType(DIVISION)
	nodes = (
		frappe.qb.from_(table)
		.select(
			table.name,
			table.division_name,
			table.division_name_bo,
			table.tier,
			table.parent_administrative_division,
			table.full_name_bo,
		)
		.run()
	)
	paths = path_names_bo(
		DivisionRow(code, name, name_bo or "", tier, parent or "", 0)
		for code, name, name_bo, tier, parent, _path in nodes
	)
	items = [(code, paths[code]) for code, *_names, path in nodes if path != paths[code]]
	write_division_column("full_name_bo", items, chunk_size)
	return len(items)


def write_division_column(column: str, items: list[tuple[str, str]], chunk_size: int = 1000) -> None:
	"""Write (division code, value) pairs into one column, a chunk of divisions per statement."""
	for start in range(0, len(items), chunk_size):
		chunk = items[start : start + chunk_size]
		frappe.db.sql(
			f"""update `tab{DIVISION}` set `{column}` = case name {" ".join(["when %s then %s"] * len(chunk))} end
			where name in ({", ".join(["%s"] * len(chunk))})""",
			[v for pair in chunk for v in pair] + [code for code, _value in chunk],
		)


def write_tree_bounds(chunk_size: int = 1000) -> None:
	"""Recompute every division's lft/rgt in memory and write them in a few statements.

	Frappe's `rebuild_tree` walks the tree with a query per node, about ten seconds for Qinghai.
	"""
	table = frappe.qb.DocType(DIVISION)
	nodes = frappe.qb.from_(table).select(table.name, table.tier, table.parent_administrative_division).run()
	bounds = nested_set(DivisionRow(name, "", "", tier, parent or "", 0) for name, tier, parent in nodes)
	items = list(bounds.items())
	for start in range(0, len(items), chunk_size):
		chunk = items[start : start + chunk_size]
		cases = " ".join(["when %s then %s"] * len(chunk))
		frappe.db.sql(
			f"""update `tab{DIVISION}`
			set lft = case name {cases} end, rgt = case name {cases} end
			where name in ({", ".join(["%s"] * len(chunk))})""",
			[v for code, (lft, _rgt) in chunk for v in (code, lft)]
			+ [v for code, (_lft, rgt) in chunk for v in (code, rgt)]
			+ [code for code, _bounds in chunk],
		)


def load_deadline_rules():
	"""Seed every statutory and practice time limit of domain.md §4; edits made on the site are kept."""
	for rule in json.loads((DATA_DIR / "deadline_rules.json").read_text(encoding="utf-8")):
		if not frappe.db.exists("Deadline Rule", rule["rule_code"]):
			frappe.get_doc({"doctype": "Deadline Rule", **rule}).insert(ignore_permissions=True)


def load_service_items():
	"""Seed the menu of service items a window can offer (服务事项清单)."""
	for item in json.loads((DATA_DIR / "service_items.json").read_text(encoding="utf-8")):
		if not frappe.db.exists("Legal Service Item", item["item_name"]):
			frappe.get_doc({"doctype": "Legal Service Item", **item}).insert(ignore_permissions=True)


def load_knowledge_base():
	"""Seed the knowledge base's articles (published) and synonym table, build its search index, and link
	its page from the website's navigation bar."""
	from qh_legal_service.knowledge_base import load_seed, setup_portal_link

	load_seed()
	setup_portal_link()


def remove_knowledge_base_link():
	"""Take the knowledge base's page out of the website's navigation bar."""
	from qh_legal_service.knowledge_base import PORTAL_ROUTE

	website = frappe.get_single("Website Settings")
	website.set("top_bar_items", [item for item in website.top_bar_items if item.url != PORTAL_ROUTE])
	website.flags.ignore_mandatory = True
	website.save(ignore_permissions=True)

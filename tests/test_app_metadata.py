"""App metadata checks without Frappe: doctypes, links, hooks, workspaces, reports and seed data agree."""

import ast
import json
import re
from pathlib import Path

import pytest

from qh_legal_service.rules.desks import DESKS, STAFF_ROLES
from qh_legal_service.rules.scope import AREA_COLUMNS

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
FRAPPE_DOCTYPES = {"User", "Language", "Role", "DocType", "File", "Workflow State"}
LINKING_TYPES = {"Link", "Table", "Table MultiSelect"}


def load_json(path: Path) -> dict:
	return json.loads(path.read_text(encoding="utf-8"))


def scrub(name: str) -> str:
	return name.replace(" ", "_").replace("-", "_").lower()


MODULES = APP.joinpath("modules.txt").read_text(encoding="utf-8").split("\n")
MODULES = [m for m in MODULES if m.strip()]
DOCTYPE_FILES = sorted(APP.glob("*/doctype/*/*.json"))
DOCTYPES = {load_json(p)["name"]: load_json(p) for p in DOCTYPE_FILES}
HOOKS_SOURCE = APP.joinpath("hooks.py").read_text(encoding="utf-8")
HOOKS = {}
exec(compile(HOOKS_SOURCE, "hooks.py", "exec"), HOOKS)  # hooks.py is plain data, no imports
AREA_DOCTYPES = HOOKS["_AREA_DOCTYPES"]


def test_every_module_has_a_folder_and_every_doctype_a_module():
	for module in MODULES:
		assert APP.joinpath(scrub(module), "__init__.py").exists(), module
	for name, meta in DOCTYPES.items():
		assert meta["module"] in MODULES, name


@pytest.mark.parametrize("path", DOCTYPE_FILES, ids=lambda p: p.stem)
def test_doctype_is_well_formed(path):
	meta = load_json(path)
	assert path.stem == scrub(meta["name"])
	names = [f["fieldname"] for f in meta["fields"]]
	assert names == meta["field_order"]
	assert len(names) == len(set(names))
	for field in meta["fields"]:
		if field["fieldtype"] in LINKING_TYPES:
			assert field["options"] in DOCTYPES or field["options"] in FRAPPE_DOCTYPES, field
		if field["fieldtype"] == "Select" and field.get("default"):
			assert field["default"] in field["options"].split("\n"), field
		if field["fieldtype"] in ("Table", "Table MultiSelect"):
			assert DOCTYPES[field["options"]].get("istable"), field
	if not meta.get("istable"):
		assert meta["permissions"], "a doctype nobody may read"
		assert path.with_suffix(".py").exists()


@pytest.mark.parametrize("doctype", AREA_DOCTYPES)
def test_area_doctypes_carry_the_scope_columns(doctype):
	fields = {f["fieldname"]: f for f in DOCTYPES[doctype]["fields"]}
	for column in ("division", *AREA_COLUMNS):
		field = fields[column]
		assert field["options"] == "Administrative Division"
		# Frappe's own `division in (...)` filter would defeat the index; the app scopes instead.
		assert field.get("ignore_user_permissions") == 1, column
	assert fields["division"].get("reqd") == 1
	controller = APP.joinpath(
		scrub(DOCTYPES[doctype]["module"]), "doctype", scrub(doctype), scrub(doctype) + ".py"
	).read_text(encoding="utf-8")
	# A service case is an area record too (service_case.ServiceCase subclasses AreaScopedDocument).
	assert re.search(r"class \w+\((AreaScopedDocument|ServiceCase)\)", controller)
	assert "def on_doctype_update" in controller
	# Each scope column leads an index: the shared (column, modified) ones, or the doctype's own composites.
	assert "add_area_indexes" in controller or all(f'["{column}", ' in controller for column in AREA_COLUMNS)


def dotted_paths(value):
	if isinstance(value, str):
		yield value
	elif isinstance(value, dict):
		for item in value.values():
			yield from dotted_paths(item)
	elif isinstance(value, list | tuple):
		for item in value:
			yield from dotted_paths(item)


@pytest.mark.parametrize(
	"hook",
	[
		"after_install",
		"before_uninstall",
		"before_tests",
		"before_request",
		"permission_query_conditions",
		"has_permission",
		"doc_events",
	],
)
def test_hook_targets_exist(hook):
	for dotted in dotted_paths(HOOKS[hook]):
		module, _, function = dotted.rpartition(".")
		path = APP.parent.joinpath(*module.split(".")).with_suffix(".py")
		assert path.exists(), dotted
		defined = {
			n.name for n in ast.parse(path.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef)
		}
		assert function in defined, dotted


def test_scope_hooks_cover_every_area_doctype():
	assert set(AREA_DOCTYPES) | {"Administrative Division"} == set(HOOKS["has_permission"])
	assert set(AREA_DOCTYPES) | set(HOOKS["_AREA_CHILD_DOCTYPES"]) | {
		"Administrative Division",
		"File",
	} == set(HOOKS["permission_query_conditions"])


WORKSPACES = {load_json(p)["name"]: load_json(p) for p in APP.glob("*/workspace/*/*.json")}
REPORTS = {load_json(p)["name"]: load_json(p) for p in APP.glob("*/report/*/*.json")}
PAGES = {load_json(p)["name"]: load_json(p) for p in APP.glob("*/page/*/*.json")}
KNOWN_ROLES = set(STAFF_ROLES) | {"System Manager"}


def test_every_desk_has_its_workspace():
	for desk in DESKS:
		assert desk.workspace in WORKSPACES, desk


@pytest.mark.parametrize("name", sorted(WORKSPACES))
def test_workspace_points_at_things_that_exist(name):
	workspace = WORKSPACES[name]
	assert workspace["module"] in MODULES
	for link in workspace["links"]:
		if link["type"] == "Link":
			target = {"DocType": DOCTYPES, "Page": PAGES}.get(link["link_type"], REPORTS)
			assert link["link_to"] in target, link
	for shortcut in workspace["shortcuts"]:
		assert shortcut["link_to"] in {"DocType": DOCTYPES, "Page": PAGES}.get(shortcut["type"], REPORTS), (
			shortcut
		)
	for quick_list in workspace["quick_lists"]:
		assert quick_list["document_type"] in DOCTYPES
	assert {r["role"] for r in workspace["roles"]} <= KNOWN_ROLES
	blocks = json.loads(workspace["content"])
	shortcut_names = {s["label"] for s in workspace["shortcuts"]}
	card_names = {link["label"] for link in workspace["links"] if link["type"] == "Card Break"}
	for block in blocks:
		if block["type"] == "shortcut":
			assert block["data"]["shortcut_name"] in shortcut_names
		if block["type"] == "card":
			assert block["data"]["card_name"] in card_names


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_is_standard_with_its_script(name):
	page = PAGES[name]
	assert page["standard"] == "Yes" and page["module"] in MODULES
	assert {r["role"] for r in page["roles"]} <= KNOWN_ROLES
	folder = APP / scrub(page["module"]) / "page" / scrub(name)
	assert folder.joinpath(scrub(name) + ".js").exists()


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_report_is_standard_and_reachable(name):
	report = REPORTS[name]
	assert report["is_standard"] == "Yes" and report["module"] in MODULES
	assert report["ref_doctype"] in DOCTYPES
	assert {r["role"] for r in report["roles"]} <= KNOWN_ROLES
	folder = APP / scrub(report["module"]) / "report" / scrub(name)
	assert folder.joinpath(scrub(name) + ".py").exists()


def select_options(doctype: str, fieldname: str) -> list[str]:
	field = next(f for f in DOCTYPES[doctype]["fields"] if f["fieldname"] == fieldname)
	return field["options"].split("\n")


def test_seed_data_fits_the_doctypes():
	rules = load_json(APP / "data" / "deadline_rules.json")
	for rule in rules:
		assert rule["service"] in select_options("Deadline Rule", "service"), rule["rule_code"]
		assert rule["unit"] in select_options("Deadline Rule", "unit"), rule["rule_code"]
		assert len(rule["trigger_event"]) <= 140 and len(rule["article"]) <= 140, rule["rule_code"]
	for item in load_json(APP / "data" / "service_items.json"):
		assert item["service_category"] in select_options("Legal Service Item", "service_category"), item


def test_desk_tiers_are_tiers():
	tiers = select_options("Administrative Division", "tier")
	for desk in DESKS:
		assert set(desk.tiers) <= set(tiers), desk


def test_every_table_of_an_area_record_is_listed_only_with_its_record():
	tables = {
		field["options"]
		for doctype in AREA_DOCTYPES
		for field in DOCTYPES[doctype]["fields"]
		if field["fieldtype"] in ("Table", "Table MultiSelect")
	}
	assert set(HOOKS["_AREA_CHILD_DOCTYPES"]) == tables
	conditions = HOOKS["permission_query_conditions"]
	assert {conditions[child] for child in tables} == {"qh_legal_service.scoping.child_query_conditions"}


def test_every_table_row_of_an_area_record_answers_for_its_record_when_loaded_alone():
	for child in HOOKS["_AREA_CHILD_DOCTYPES"]:
		[path] = [p for p in DOCTYPE_FILES if load_json(p)["name"] == child]
		assert f"({'AreaTableRow'}):" in path.with_suffix(".py").read_text(encoding="utf-8"), child

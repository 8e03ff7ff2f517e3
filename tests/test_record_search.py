"""What a typed search stands for, which indexes serve it, and how a resident ID is shown (no site)."""

import json
from pathlib import Path

import pytest

from qh_legal_service.rules.record_search import (
	NAME,
	NUMBER,
	PHONE,
	RESIDENT_ID,
	SEARCHES,
	Lookup,
	like_prefix,
	lookups,
	mask_resident_id,
	standard_resident_id,
)

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
DOCTYPES = {
	(meta := json.loads(path.read_text(encoding="utf-8")))["name"]: meta
	for path in APP.glob("*/doctype/*/*.json")
}
HOOKS: dict = {}
exec(compile(APP.joinpath("hooks.py").read_text(encoding="utf-8"), "hooks.py", "exec"), HOOKS)
SERVICES = (
	"Legal Aid Application",
	"Mediation Case",
	"Notarization Referral",
	"Hotline Work Order",
	"Legal Consultation",
	"Satisfaction Evaluation",
	"Service Order",
)


def test_every_service_searches_through_the_apps_query():
	assert set(SEARCHES) == set(SERVICES)
	for doctype in SERVICES:
		assert HOOKS["standard_queries"][doctype] == "qh_legal_service.record_search.search_records"
	assert (
		HOOKS["override_whitelisted_methods"]["frappe.utils.global_search.search"]
		== "qh_legal_service.record_search.global_search"
	)


def field(doctype: str, fieldname: str) -> dict:
	return next(f for f in DOCTYPES[doctype]["fields"] if f["fieldname"] == fieldname)


@pytest.mark.parametrize("doctype", SERVICES)
def test_every_searched_column_has_its_own_index(doctype):
	search = SEARCHES[doctype]
	tables = [(doctype, search.record)]
	if search.parties:
		tables.append((search.parties.doctype, search.parties.fields))
		assert field(doctype, search.parties.parentfield)["options"] == search.parties.doctype
	for table, fields in tables:
		for kind in (NAME, PHONE, RESIDENT_ID, NUMBER):
			for column in fields.columns(kind):
				assert field(table, column).get("search_index") == 1, (table, column)
	for column in (search.person, search.shown_id, search.shown_phone, search.place):
		if column:
			field(doctype, column)  # a real field
	assert DOCTYPES[doctype]["autoname"].startswith(search.series)


def test_a_whole_resident_id_is_looked_up_exactly_and_as_nothing_else():
	assert lookups(" 11010519491231002x ", "LAA-") == [Lookup(RESIDENT_ID, "11010519491231002X")]
	assert lookups("110105 19491231 002X", "LAA-") == [Lookup(RESIDENT_ID, "11010519491231002X")]
	assert lookups("110105491231002", "LAA-") == [Lookup(RESIDENT_ID, "110105491231002")]
	assert standard_resident_id("1101051949123100") is None


def test_a_fragment_of_a_resident_id_is_only_the_start_of_a_phone():
	for fragment in ("1101051949", "11010519491231002", "91231002X"):
		assert RESIDENT_ID not in {lookup.kind for lookup in lookups(fragment, "LAA-")}
	assert lookups("1101051949", "LAA-") == [Lookup(PHONE, "1101051949")]
	assert lookups("91231002X", "LAA-") == [Lookup(NUMBER, "91231002X"), Lookup(NAME, "91231002X")]


def test_a_phone_is_matched_from_its_start_without_separators():
	assert lookups("139 1234-5678", "HL-") == [Lookup(PHONE, "13912345678")]
	assert lookups("+86 139", "HL-") == [Lookup(PHONE, "+86139")]


def test_a_number_is_matched_from_its_start_with_or_without_its_letters():
	assert lookups("LAA-2026-000", "LAA-") == [Lookup(NUMBER, "LAA-2026-000"), Lookup(NAME, "LAA-2026-000")]
	assert lookups("2026-0001", "MED-") == [Lookup(NUMBER, "MED-2026-0001"), Lookup(PHONE, "20260001")]


def test_a_name_is_matched_from_its_start():
	assert lookups("张", "LAA-") == [Lookup(NUMBER, "张"), Lookup(NAME, "张")]
	assert lookups("  扎西  多吉 ", "LAA-") == [Lookup(NUMBER, "扎西 多吉"), Lookup(NAME, "扎西 多吉")]
	assert lookups("   ", "LAA-") == []


def test_like_patterns_take_the_typed_text_literally():
	assert like_prefix("张") == "张%"
	assert like_prefix("50%_a\\b") == "50\\%\\_a\\\\b%"


def test_a_masked_resident_id_shows_its_region_and_last_four_only():
	assert mask_resident_id("630102198001011234") == "6301**********1234"
	assert mask_resident_id("11010519491231002X") == "1101**********002X"
	assert mask_resident_id("1234") == "****"
	assert mask_resident_id(None) == ""

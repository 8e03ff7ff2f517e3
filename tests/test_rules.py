"""Pure rules: tier scoping, coverage targets, service network, desks and portal language."""

import pytest

from qh_legal_service.rules.coverage import (
	Division,
	coverage_by_group,
	units_without_point,
	villages_without_adviser,
)
from qh_legal_service.rules.desks import DESKS, desk_for, tier_fits_desk
from qh_legal_service.rules.languages import chosen_portal_language, portal_language
from qh_legal_service.rules.scope import (
	PermittedNode,
	area_columns,
	record_in_scope,
	scope_filters,
	sql_condition,
)
from qh_legal_service.rules.service_network import (
	CENTRE,
	ROOM,
	STATION,
	licence_required,
	non_village_divisions,
	point_type_fits,
)

VILLAGE_PATH = {
	"Province": "630000",
	"Prefecture": "630100",
	"County": "630102",
	"Township": "630102001",
	"Village": "630102001001",
}


def escape(value: str) -> str:
	return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


class TestScope:
	def test_area_columns_from_path(self):
		assert area_columns(VILLAGE_PATH) == {
			"prefecture": "630100",
			"county": "630102",
			"township": "630102001",
		}
		assert area_columns({"Province": "630000", "Prefecture": "630100"}) == {
			"prefecture": "630100",
			"county": None,
			"township": None,
		}

	@pytest.mark.parametrize(
		"tier, code, column",
		[
			("Prefecture", "630100", "prefecture"),
			("County", "630102", "county"),
			("Township", "630102001", "township"),
			("Village", "630102001001", "division"),
		],
	)
	def test_each_tier_is_one_column(self, tier, code, column):
		assert scope_filters([PermittedNode(code, tier)]) == [(column, code)]

	def test_province_is_unlimited_and_no_permission_is_nothing(self):
		assert scope_filters([PermittedNode("630102", "County"), PermittedNode("630000", "Province")]) is None
		assert scope_filters([]) == []
		assert sql_condition("tabX", [], escape) == "1=0"
		assert sql_condition("tabX", None, escape) == ""

	def test_sql_condition_escapes_values(self):
		condition = sql_condition("tabLegal Consultation", [("county", "63' or '1'='1")], escape)
		assert condition == "(`tabLegal Consultation`.`county` = '63\\' or \\'1\\'=\\'1')"
		with pytest.raises(ValueError):
			sql_condition("tabX", [("name", "x")], escape)

	def test_record_in_scope(self):
		county = [PermittedNode("630102", "County")]
		assert record_in_scope("630102001001", VILLAGE_PATH, county)
		assert not record_in_scope(
			"630103", {"Province": "630000", "Prefecture": "630100", "County": "630103"}, county
		)
		village = [PermittedNode("630102001001", "Village")]
		assert record_in_scope("630102001001", VILLAGE_PATH, village)
		township_record = {k: v for k, v in VILLAGE_PATH.items() if k != "Village"}
		assert not record_in_scope("630102001", township_record, village)
		assert not record_in_scope(None, {}, county)
		assert record_in_scope(None, {}, [PermittedNode("630000", "Province")])


DIVISIONS = [
	Division("630000", "青海省", "Province", None),
	Division("630100", "西宁市", "Prefecture", "630000"),
	Division("630102", "城东区", "County", "630100"),
	Division("630102001", "东关大街街道", "Township", "630102"),
	Division("630102001001", "北关社区", "Village", "630102001"),
	Division("630102001002", "南关社区", "Village", "630102001"),
	Division("630103", "城中区", "County", "630100"),
	Division("630103001", "人民街街道", "Township", "630103"),
	Division("630103001001", "礼让街社区", "Village", "630103001"),
]


class TestCoverage:
	def test_shares_by_county(self):
		rows = coverage_by_group(
			DIVISIONS,
			{"630102001001"},
			{"630102": {CENTRE}, "630102001": {STATION}, "630103": {ROOM}},
			"County",
		)
		by_code = {row.code: row for row in rows}
		assert (by_code["630102"].villages, by_code["630102"].villages_with_adviser) == (2, 1)
		assert by_code["630102"].adviser_share == 50.0
		assert (by_code["630102"].units_needing_point, by_code["630102"].units_with_point) == (2, 2)
		# A room is not the centre a county needs.
		assert by_code["630103"].point_share == 0.0
		assert by_code["630103"].adviser_share == 0.0

	def test_prefecture_group_counts_its_own_centre(self):
		(row,) = coverage_by_group(DIVISIONS, set(), {"630100": {CENTRE}}, "Prefecture")
		assert (row.units_needing_point, row.units_with_point, row.villages) == (5, 1, 3)

	def test_gap_lists(self):
		gaps = villages_without_adviser(DIVISIONS, {"630102001001"})
		assert [d.code for d in gaps] == ["630102001002", "630103001001"]
		missing = units_without_point(DIVISIONS, {"630000": {CENTRE}, "630103001": {STATION}})
		assert [d.code for d in missing] == ["630100", "630102", "630102001", "630103"]


class TestServiceNetwork:
	def test_point_type_by_tier(self):
		assert point_type_fits(CENTRE, "County") and point_type_fits(CENTRE, "Province")
		assert point_type_fits(STATION, "Township") and point_type_fits(ROOM, "Village")
		assert not point_type_fits(CENTRE, "Village") and not point_type_fits(ROOM, "County")

	def test_workers(self):
		assert licence_required("Lawyer") and licence_required("Notary")
		assert not licence_required("Village Legal Adviser")
		served = [("630102001001", "Village"), ("630102001", "Township")]
		assert non_village_divisions("Village Legal Adviser", served) == ["630102001"]
		assert non_village_divisions("Mediator", served) == []


class TestDesks:
	def test_every_profile_has_roles_tiers_and_workspace(self):
		for desk in DESKS:
			assert desk.roles and desk.tiers and desk.workspace
		assert tier_fits_desk("Village Legal Adviser", "Village")
		assert not tier_fits_desk("Village Legal Adviser", "County")
		with pytest.raises(KeyError):
			desk_for("Nobody")


class TestPortalLanguage:
	def test_query_beats_cookie_and_unknown_is_ignored(self):
		assert chosen_portal_language("bo", "zh") == "bo"
		assert chosen_portal_language(None, "bo") == "bo"
		assert chosen_portal_language("fr", None) is None
		assert chosen_portal_language("", " ZH ") == "zh"

	def test_citizens_see_their_choice_and_staff_keep_their_own(self):
		assert portal_language(True, None, "bo").lang == "bo"
		assert portal_language(True, None, None).lang is None
		assert portal_language(False, "bo", "zh").lang is None

	def test_a_new_choice_is_remembered_once(self):
		assert portal_language(True, "bo", "zh").remember == "bo"
		assert portal_language(True, "bo", "bo").remember is None
		assert portal_language(True, None, "bo").remember is None
		assert portal_language(True, "fr", None).remember is None
		assert portal_language(False, "zh", None).remember == "zh"


class TestLegalAidProcess:
	def test_objection_decision_follows_the_bureaus_transition(self):
		from qh_legal_service.rules import legal_aid as la

		assert la.objection_decision(la.OBJECTION_FILED, la.UNDER_REVIEW) == "Ordered Corrected"
		assert la.objection_decision(la.OBJECTION_FILED, la.REFUSED) == "Upheld"
		assert la.objection_decision(la.OBJECTION_FILED, la.TERMINATED) == "Upheld"
		assert la.objection_decision(la.UNDER_REVIEW, la.APPROVED) is None
		assert la.objection_decision(la.OBJECTION_FILED, la.OBJECTION_FILED) is None

	def test_detention_forwarding_is_late_only_after_the_due_moment(self):
		import datetime as dt

		from qh_legal_service.rules.legal_aid import forwarded_late

		due = dt.datetime(2025, 3, 4, 9, 0)
		assert not forwarded_late(due, due)
		assert forwarded_late(due + dt.timedelta(minutes=1), due)

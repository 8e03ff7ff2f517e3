"""The order flow's rules: which action each status allows, the trail's outcomes, the scope condition."""

import json
from pathlib import Path

import pytest

from qh_legal_service.rules import service_orders as rules
from qh_legal_service.rules.scope import PermittedNode, scope_filters

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
DOCTYPES = APP / "legal_service_core" / "doctype"


def load(name: str) -> dict:
	return json.loads((DOCTYPES / name / f"{name}.json").read_text(encoding="utf-8"))


def options(doctype: dict, fieldname: str) -> tuple[str, ...]:
	field = next(f for f in doctype["fields"] if f["fieldname"] == fieldname)
	return tuple(line for line in field["options"].split("\n") if line)


def test_the_doctypes_select_options_are_the_rules_lists():
	order = load("service_order")
	assert options(order, "service") == rules.SERVICES
	assert options(order, "status") == rules.STATUSES
	assert options(load("service_order_hand_over"), "outcome") == rules.OUTCOMES


def test_the_origin_columns_exist_and_are_server_set():
	fields = {f["fieldname"]: f for f in load("service_order")["fields"]}
	for column in rules.ORIGIN_COLUMNS.values():
		assert fields[column]["options"] == "Administrative Division"
		assert fields[column]["permlevel"] == 2
		assert fields[column]["ignore_user_permissions"] == 1


def test_a_sent_order_is_accepted_refused_or_handed_on_but_not_completed():
	assert rules.actions_for(rules.SENT) == (rules.ACCEPT, rules.REFUSE, rules.HAND_ON)
	assert rules.check_action(rules.ACCEPT, rules.SENT) == rules.ACCEPTED
	assert rules.check_action(rules.REFUSE, rules.SENT) == rules.REFUSED
	assert rules.check_action(rules.HAND_ON, rules.SENT) == rules.SENT
	with pytest.raises(rules.OrderStateError):
		rules.check_action(rules.COMPLETE, rules.SENT)


def test_an_accepted_order_is_completed_or_handed_on():
	assert rules.actions_for(rules.ACCEPTED) == (rules.HAND_ON, rules.COMPLETE)
	assert rules.check_action(rules.COMPLETE, rules.ACCEPTED) == rules.DONE
	with pytest.raises(rules.OrderStateError):
		rules.check_action(rules.ACCEPT, rules.ACCEPTED)


@pytest.mark.parametrize("status", [rules.REFUSED, rules.DONE])
def test_a_closed_order_allows_nothing(status):
	assert rules.actions_for(status) == ()
	assert status not in rules.OPEN_STATUSES


@pytest.mark.parametrize(
	("days", "bucket"),
	[
		(0, "< 1 day"),
		(0.99, "< 1 day"),
		(1, "1-3 days"),
		(2.5, "1-3 days"),
		(3, "3-7 days"),
		(7, "> 7 days"),
		(40, "> 7 days"),
	],
)
def test_age_buckets_meet_without_gaps(days, bucket):
	assert rules.age_bucket(days) == bucket


def test_the_scope_condition_admits_holder_and_origin_columns_each_escaped():
	filters = scope_filters([PermittedNode("630102", "County")])
	sql = rules.order_sql_condition("tabService Order", filters, lambda v: f"'{v}'")
	assert sql == "(`tabService Order`.`county` = '630102' or `tabService Order`.`origin_county` = '630102')"


def test_the_scope_condition_for_no_limit_and_no_area():
	assert rules.order_sql_condition("t", None, repr) == ""
	assert rules.order_sql_condition("t", [], repr) == "1=0"
	with pytest.raises(ValueError):
		rules.order_sql_condition("t", [("name", "x")], repr)

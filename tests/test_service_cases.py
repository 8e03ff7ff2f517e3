"""The service-case mechanism without Frappe: steps as data, the step log, and every declared service
agrees with its doctype, its workflow, its Deadline Rules and the hooks."""

import ast
import json
from datetime import datetime
from pathlib import Path

import pytest

from qh_legal_service.rules.deadlines import Pause
from qh_legal_service.rules.service_case import (
	CASE_FIELDS,
	ESCALATE,
	IS_EMPTY,
	IS_SET,
	PauseSpan,
	StepFact,
	StepRule,
	escalation_node,
	log_step,
	running_step,
)
from qh_legal_service.rules.services import SERVICES

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
RULE_CODES = {rule["rule_code"] for rule in json.loads((APP / "data" / "deadline_rules.json").read_text())}
DOCTYPES = {
	meta["name"]: meta
	for meta in (json.loads(p.read_text(encoding="utf-8")) for p in APP.glob("*/doctype/*/*.json"))
}
WORKFLOWS = {
	w["name"]: w for w in json.loads((APP / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
}


def scrub(name: str) -> str:
	return name.replace(" ", "_").lower()


def hook_list(name: str) -> list:
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.literal_eval(node.value)
	return []


def fields_of(doctype: str) -> dict:
	return {field["fieldname"]: field for field in DOCTYPES[doctype]["fields"]}


TWO_STEPS = (
	StepRule(
		"Second look",
		frozenset({"Open"}),
		start_field="reopened_on",
		rule_code="R2",
		when={"reopened_on": IS_SET},
	),
	StepRule(
		"First look",
		frozenset({"Open"}),
		start_field="opened_on",
		rule_code="R1",
		pauses=(PauseSpan("from", "to", "waiting", table="waits"),),
	),
	StepRule(
		"Reply",
		frozenset({"Asked"}),
		start_field="asked_on",
		fixed_due_field="reply_by",
		on_overdue="Dropped",
	),
)


def test_the_first_declared_step_whose_conditions_hold_runs():
	opened, reopened = datetime(2026, 3, 2, 9), datetime(2026, 3, 9, 9)
	assert running_step(TWO_STEPS, "Open", {"opened_on": opened}).name == "First look"
	second = running_step(TWO_STEPS, "Open", {"opened_on": opened, "reopened_on": reopened})
	assert (second.name, second.rule_code, second.start) == ("Second look", "R2", reopened)
	assert running_step(TWO_STEPS, "Closed", {"opened_on": opened}) is None
	rule = StepRule("Only when empty", frozenset({"Open"}), "opened_on", "R3", when={"note": IS_EMPTY})
	assert running_step((rule,), "Open", {"note": ""}).name == "Only when empty"
	assert running_step((rule,), "Open", {"note": "x"}) is None


def test_closed_pauses_count_and_an_open_one_does_not_yet():
	opened = datetime(2026, 3, 2, 9)
	waits = [
		{"from": datetime(2026, 3, 3, 9), "to": datetime(2026, 3, 5, 9)},
		{"from": datetime(2026, 3, 6, 9), "to": None},
	]
	step = running_step(TWO_STEPS, "Open", {"opened_on": opened, "waits": waits})
	assert step.pauses == (Pause(datetime(2026, 3, 3, 9), datetime(2026, 3, 5, 9), "waiting"),)


def test_a_fixed_due_date_ends_at_midnight_and_needs_no_rule():
	step = running_step(
		TWO_STEPS, "Asked", {"asked_on": datetime(2026, 3, 2, 9), "reply_by": datetime(2026, 3, 9).date()}
	)
	assert step.fixed_due == datetime(2026, 3, 9, 23, 59, 59, 999999)
	assert step.timed and step.rule.on_overdue == "Dropped"
	assert not running_step(TWO_STEPS, "Asked", {"asked_on": datetime(2026, 3, 2, 9)}).timed


def test_a_step_ends_in_time_or_late_by_hours():
	due = datetime(2026, 3, 9, 23, 59, 59, 999999)
	in_time = StepFact("First look", "R1", datetime(2026, 3, 2, 9), due, due, "Decided")
	assert (in_time.late, in_time.overrun_hours) == (False, 0.0)
	late = StepFact("First look", "R1", datetime(2026, 3, 2, 9), due, datetime(2026, 3, 10, 12), "Decided")
	assert (late.late, late.overrun_hours) == (True, 12.0)


def test_the_log_ends_steps_that_stopped_and_reopens_a_resumed_one():
	start, due, later_due = (
		datetime(2026, 3, 2, 9),
		datetime(2026, 3, 9, 23, 59),
		datetime(2026, 3, 11, 23, 59),
	)
	review = StepFact("Review", "R1", start, due)
	log = log_step([], review, datetime(2026, 3, 3, 9), "Open")
	assert [(row["step"], row["ended_on"]) for row in log] == [("Review", None)]
	asked = StepFact("Reply", None, datetime(2026, 3, 4, 9), datetime(2026, 3, 6, 23, 59))
	log = log_step(log, asked, datetime(2026, 3, 4, 9), "Asked")
	assert [(row["step"], row["ended_on"], row["ended_in_state"]) for row in log] == [
		("Review", datetime(2026, 3, 4, 9), "Asked"),
		("Reply", None, None),
	]
	# The review resumes: its own row reopens with the due moment that now counts the pause.
	log = log_step(log, StepFact("Review", "R1", start, later_due), datetime(2026, 3, 6, 9), "Open")
	assert [(row["step"], row["due_on"], row["ended_on"]) for row in log] == [
		("Review", later_due, None),
		("Reply", datetime(2026, 3, 6, 23, 59), datetime(2026, 3, 6, 9)),
	]
	log = log_step(log, None, datetime(2026, 3, 12, 10), "Decided")
	assert [(row["late"], row["overrun_hours"]) for row in log] == [(1, 10.02), (0, 0.0)]


def test_an_overdue_step_goes_one_tier_above_the_handling_office():
	path = {"Province": "63", "Prefecture": "6301", "County": "630102", "Township": "630102001"}
	assert escalation_node(path, "County") == "6301"
	assert escalation_node(path, "Township") == "630102"
	assert escalation_node({"Province": "63", "Prefecture": "6301"}, "County") == "63"
	assert escalation_node({"Province": "63"}, "County") is None


def test_hooks_name_exactly_the_declared_services():
	assert sorted(hook_list("service_cases")) == sorted(SERVICES)


@pytest.mark.parametrize("doctype", sorted(SERVICES))
def test_each_service_doctype_carries_the_case_fields_at_the_server_level(doctype):
	fields = fields_of(doctype)
	for name in CASE_FIELDS:
		assert name in fields, name
		assert fields[name].get("permlevel") == 2, name
	assert fields["step_log"]["options"] == "Service Case Step"
	controller = (
		APP / scrub(DOCTYPES[doctype]["module"]) / "doctype" / scrub(doctype) / f"{scrub(doctype)}.py"
	).read_text()
	assert f"class {doctype.replace(' ', '')}(ServiceCase)" in controller


@pytest.mark.parametrize("doctype", sorted(SERVICES))
def test_each_declaration_names_real_fields_states_and_rules(doctype):
	service, fields = SERVICES[doctype], fields_of(doctype)
	assert service.initial_state in service.states
	if service.state_field == "workflow_state":
		workflow_states = {row["state"] for row in WORKFLOWS[doctype]["states"]}
		assert workflow_states == set(service.states)
	else:
		# A state the server sets (Service Order's status): a Select of exactly the declared states.
		options = fields[service.state_field]["options"].split("\n")
		assert [o for o in options if o] == list(service.states)
	for step in service.steps:
		assert step.states <= set(service.states), step.name
		assert step.start_field in fields, step.name
		assert step.rule_code is None or step.rule_code in RULE_CODES, step.rule_code
		assert step.rule_code or step.fixed_due_field, step.name
		assert step.fixed_due_field is None or step.fixed_due_field in fields
		assert step.on_overdue == ESCALATE or step.on_overdue in service.states
		for name in step.when:
			assert name in fields, name
		for span in step.pauses:
			if span.table:
				child = {f["fieldname"] for f in DOCTYPES[fields[span.table]["options"]]["fields"]}
				assert {span.start, span.end} <= child
			for name in span.fallback or ((span.start, span.end) if not span.table else ()):
				assert name in fields, name
	for state, stamp in service.stamped_on_entry.items():
		assert state in service.states and stamp in fields, (state, stamp)
	for state, required in service.required_in_state.items():
		assert state in service.states and set(required) <= set(fields), state
	for key, rule in service.documents.items():
		assert rule.issued_in <= set(service.states), key
		assert set(rule.required) <= set(fields), key
	assert service.title_field in fields or service.title_field == "name"

"""The 12348 hotline without Frappe: one matter taxonomy for work orders and consultations, the work
order's enumerations, steps and workflow, the call-record parser and the GB/T 33358 figures."""

import ast
import datetime as dt
import json
from pathlib import Path

from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import matters
from qh_legal_service.rules.field_access import CITIZEN_FIELDS, SERVER_LEVEL
from qh_legal_service.rules.service_case import running_step

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"


def load(path: str) -> dict:
	return json.loads((APP / path).read_text("utf-8"))


WORK_ORDER = load("hotline/doctype/hotline_work_order/hotline_work_order.json")
CONSULTATION = load("legal_service_core/doctype/legal_consultation/legal_consultation.json")
ORDER_FIELDS = {f["fieldname"]: f for f in WORK_ORDER["fields"]}
CONSULTATION_FIELDS = {f["fieldname"]: f for f in CONSULTATION["fields"]}
RULES = {r["rule_code"]: r for r in json.loads((APP / "data" / "deadline_rules.json").read_text("utf-8"))}
WORKFLOW = next(
	w for w in json.loads((APP / "fixtures" / "workflow.json").read_text("utf-8")) if w["name"] == hl.DOCTYPE
)


def options(fields: dict, name: str) -> tuple[str, ...]:
	return tuple(fields[name]["options"].split("\n"))


def hook_value(name: str):
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.literal_eval(node.value)
	raise KeyError(name)


def test_work_orders_and_consultations_share_one_matter_taxonomy():
	assert options(ORDER_FIELDS, "matter_type") == matters.MATTER_TYPES
	assert options(CONSULTATION_FIELDS, "matter_type") == ("", *matters.MATTER_TYPES)
	assert len(set(matters.MATTER_TYPES)) == len(matters.MATTER_TYPES)


def test_consultation_channels_are_the_three_platforms():
	assert options(CONSULTATION_FIELDS, "channel") == matters.CHANNELS
	assert options(CONSULTATION_FIELDS, "status") == matters.CONSULTATION_STATUSES
	assert set(matters.PLATFORM_OF_CHANNEL) == set(matters.CHANNELS)
	assert {matters.PLATFORM_OF_CHANNEL[c] for c in matters.CHANNELS} == {
		matters.PHYSICAL_PLATFORM,
		matters.NETWORK_PLATFORM,
		matters.HOTLINE_PLATFORM,
	}
	for name in ("hotline_work_order", "answered_on", "answered_by", "citizen_user"):
		assert CONSULTATION_FIELDS[name].get("permlevel") == SERVER_LEVEL, name


def test_work_order_selects_are_the_rules_tuples():
	assert options(ORDER_FIELDS, "urgency") == hl.URGENCIES
	assert options(ORDER_FIELDS, "language") == hl.CALL_LANGUAGES
	assert options(ORDER_FIELDS, "callback_result") == ("", *hl.CALLBACK_RESULTS)
	for name in (*hl.STAMPED_ON_ENTRY.values(), "service_order", "consultation", "reply", "wait_seconds"):
		assert ORDER_FIELDS[name].get("permlevel") == SERVER_LEVEL, name


def test_the_portal_question_allow_list_names_real_fields_at_the_applicant_level():
	allowed = CITIZEN_FIELDS["Legal Consultation"]
	assert allowed == {"citizen_name", "citizen_phone", "division", "matter_type", "question"}
	for name in allowed:
		assert not CONSULTATION_FIELDS[name].get("permlevel"), name


def test_the_workflow_is_the_declared_transitions():
	assert [row["state"] for row in WORKFLOW["states"]] == list(hl.STATES)
	transitions = {(t["state"], t["action"], t["next_state"], t["allowed"]) for t in WORKFLOW["transitions"]}
	assert transitions == set(hl.TRANSITIONS)
	assert hook_value("_HOTLINE_ACTIONS") == list(hl.ACTIONS)
	assert set(hl.STATES) == set(hook_value("_HOTLINE_STATES")) | {hl.RECEIVED}
	assert hl.RECEIVED in hook_value("_LEGAL_AID_STATES")
	hooks_text = (APP / "hooks.py").read_text(encoding="utf-8")
	assert "+ _HOTLINE_STATES]" in hooks_text and "+ _HOTLINE_ACTIONS]" in hooks_text
	assert f'"Notarization Referral", "{hl.DOCTYPE}"]' in hooks_text
	assert hl.DOCTYPE in hook_value("_AREA_DOCTYPES")
	for previous, state in hl.SERVER_TRANSITIONS:
		assert hl.server_transition(previous, state)
	assert not hl.server_transition(hl.RECEIVED, hl.TRANSFERRED)


def test_the_deadline_rules_are_the_hotline_defaults():
	assert (RULES[hl.TRANSFER_RULE]["count"], RULES[hl.TRANSFER_RULE]["unit"]) == (1, "Working Days")
	assert (RULES[hl.EMERGENCY_RULE]["count"], RULES[hl.EMERGENCY_RULE]["unit"]) == (1, "Hours")
	assert (RULES[hl.REPLY_RULE]["count"], RULES[hl.REPLY_RULE]["unit"]) == (5, "Working Days")
	assert (RULES[hl.COMPLEX_REPLY_RULE]["count"], RULES[hl.COMPLEX_REPLY_RULE]["unit"]) == (
		15,
		"Working Days",
	)


NOW = dt.datetime(2026, 11, 26, 9, 0)


def test_an_emergency_runs_the_one_hour_rule_and_a_complex_reply_the_fifteen_day_one():
	def rule(state, **values):
		return running_step(hl.STEPS, state, {"received_on": NOW, "transferred_on": NOW, **values}).rule_code

	assert rule(hl.RECEIVED, urgency=hl.NORMAL) == hl.TRANSFER_RULE
	assert rule(hl.RECEIVED, urgency=hl.EMERGENCY) == hl.EMERGENCY_RULE
	assert rule(hl.TRANSFERRED, complex=0) == hl.REPLY_RULE
	assert rule(hl.TRANSFERRED, complex=1) == hl.COMPLEX_REPLY_RULE
	for state in (hl.ANSWERED, hl.COMPLETED, hl.CALLED_BACK):
		assert running_step(hl.STEPS, state, {"received_on": NOW}) is None


def test_the_order_flow_moves_a_transferred_work_order():
	assert hl.state_after_order("Done") == hl.COMPLETED
	assert hl.state_after_order("Refused") == hl.RECEIVED
	assert hl.state_after_order("Accepted") is None


def test_service_level_counts_answers_within_fifteen_seconds_of_all_calls():
	calls = [
		(NOW, NOW + dt.timedelta(seconds=3)),
		(NOW, NOW + dt.timedelta(seconds=15)),  # the 15th second is in time
		(NOW, NOW + dt.timedelta(seconds=16)),
		(NOW, None),
	]
	level = hl.service_level(calls)
	assert (level.calls, level.answered, level.answered_within_15s) == (4, 3, 2)
	assert level.connection_rate == 75.0
	assert level.within_15s_rate == 50.0
	assert level.meets_connection_target is False
	assert hl.service_level([]).connection_rate is None
	assert hl.service_level([]).meets_connection_target is None
	assert hl.wait_seconds(NOW, None) is None
	assert hl.wait_seconds(NOW, NOW - dt.timedelta(seconds=1)) == 0.0


def test_call_records_are_parsed_with_their_problems():
	text = (
		"\ufeff呼叫编号,主叫号码,呼入时间,接听时间,坐席\n"
		"C1,13900000001,2026-11-26 09:00:00,2026-11-26 09:00:09,A01\n"
		"C2,13900000002,2026/11/26 09:01:00,,\n"
		"C1,13900000001,2026-11-26 09:02:00,,\n"
		",13900000003,2026-11-26 09:03:00,,\n"
		"C4,13900000004,soon,,\n"
		"C5,13900000005,2026-11-26 09:05:00,2026-11-26 09:04:00,\n"
		"\n"
		"C6,13900000006,2026-11-26T09:06:00,2026-11-26 09:06:30,\n"
	)
	records, problems = hl.parse_call_records(text)
	assert [r.call_id for r in records] == ["C1", "C2", "C6"]
	assert records[0] == hl.CallRecord("C1", "13900000001", NOW, NOW + dt.timedelta(seconds=9), "A01")
	assert records[1].answered_at is None and records[1].started_at == dt.datetime(2026, 11, 26, 9, 1)
	assert [(p.line, p.problem) for p in problems] == [
		(4, "duplicate_call_id"),
		(5, "no_call_id"),
		(6, "bad_time"),
		(7, "answered_before_start"),
	]


def test_a_file_without_the_required_columns_is_refused_whole():
	records, problems = hl.parse_call_records("id,number\n1,2\n")
	assert records == []
	assert problems == [hl.CallRecordProblem(1, "missing_columns", "call_id, phone, started_at")]
	assert hl.parse_call_records("") == ([], [hl.CallRecordProblem(1, "empty_file")])


def test_desk_counts_count_today_and_every_overdue_order():
	today = NOW.date()
	orders = [
		{
			"call_started_at": NOW,
			"call_answered_at": NOW,
			"language": hl.TIBETAN,
			"matter_type": matters.LAND,
		},
		{"call_started_at": NOW, "transferred_on": NOW, "language": hl.CHINESE, "matter_type": matters.LAND},
		{"call_started_at": NOW, "language": hl.CHINESE},
		{
			"call_started_at": NOW - dt.timedelta(days=3),
			"current_due": NOW - dt.timedelta(hours=1),
			"workflow_state": hl.TRANSFERRED,
		},
	]
	counts = hl.desk_counts(orders, today, NOW)
	assert (counts["calls_today"], counts["answered_today"], counts["transferred_today"]) == (3, 1, 1)
	assert counts["overdue"] == 1
	assert counts["by_language"] == {hl.TIBETAN: 1, hl.CHINESE: 2}
	assert counts["by_matter_type"] == {matters.LAND: 2}


def test_portal_questions_are_checked_and_phones_normalised():
	assert matters.question_problem("  ") == "empty"
	assert matters.question_problem("工资") == "too_short"
	assert matters.question_problem("字" * (matters.QUESTION_MAX_LENGTH + 1)) == "too_long"
	assert matters.question_problem("工地拖欠工资怎么办？") is None
	assert matters.question_problem("ང་ལ་རོགས་རམ་དགོས།") is None
	assert matters.normalise_phone("+86 139-0000-0001") == "13900000001"
	assert matters.normalise_phone("0086 13900000001") == "13900000001"
	assert matters.normalise_phone("0971-8888888") == "09718888888"


WEB_FORM = load("hotline/web_form/legal_question/legal_question.json")
DISPLAY_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button"}


def test_the_question_form_asks_only_allowed_fields_and_lets_guests_in():
	shown = {f["fieldname"] for f in WEB_FORM["web_form_fields"] if f["fieldtype"] not in DISPLAY_TYPES}
	assert shown <= CITIZEN_FIELDS["Legal Consultation"]
	assert WEB_FORM["doc_type"] == "Legal Consultation"
	assert (WEB_FORM["login_required"], WEB_FORM["allow_edit"], WEB_FORM["anonymous"]) == (0, 0, 0)
	fields = {f["fieldname"]: f for f in WEB_FORM["web_form_fields"]}
	assert options(fields, "matter_type") == ("", *matters.MATTER_TYPES)
	assert fields["question"]["max_length"] == matters.QUESTION_MAX_LENGTH


def test_the_connection_target_is_met_by_the_unrounded_rate():
	just_under = hl.ServiceLevel(calls=10000, answered=9499, answered_within_15s=9000)
	assert just_under.connection_rate == 95.0  # as shown
	assert just_under.meets_connection_target is False
	assert hl.ServiceLevel(calls=20, answered=19, answered_within_15s=19).meets_connection_target is True
	assert hl.ServiceLevel(calls=0, answered=0, answered_within_15s=0).meets_connection_target is None

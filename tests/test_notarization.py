"""Notarization referrals: enumerations equal to the doctype, steps, pauses with their reasons, fee relief."""

import datetime as dt
import json
from pathlib import Path

from qh_legal_service.rules import eligibility, legal_aid
from qh_legal_service.rules import notarization as nt
from qh_legal_service.rules.deadlines import Unit, compute_due
from qh_legal_service.rules.field_access import APPLICANT_LEVEL, CITIZEN_FIELDS, SERVER_LEVEL
from qh_legal_service.rules.service_case import CASE_FIELDS, running_step
from qh_legal_service.rules.services import SERVICES

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
FOLDER = APP / "notarization" / "doctype"
REFERRAL = json.loads((FOLDER / "notarization_referral" / "notarization_referral.json").read_text("utf-8"))
PAUSE = json.loads((FOLDER / "notarization_pause" / "notarization_pause.json").read_text("utf-8"))
FIELDS = {f["fieldname"]: f for f in REFERRAL["fields"]}
RULES = {r["rule_code"]: r for r in json.loads((APP / "data" / "deadline_rules.json").read_text("utf-8"))}
WORKFLOW = next(
	w
	for w in json.loads((APP / "fixtures" / "workflow.json").read_text("utf-8"))
	if w["name"] == "Notarization Referral"
)
WEB_FORM = json.loads(
	(APP / "notarization" / "web_form" / "notarization_request" / "notarization_request.json").read_text(
		"utf-8"
	)
)
DISPLAY_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button"}


def options(fields: dict, name: str) -> tuple[str, ...]:
	return tuple(fields[name]["options"].split("\n"))


def test_select_options_are_the_rules_tuples():
	assert options(FIELDS, "matter_type") == nt.MATTER_TYPES
	assert options(FIELDS, "source") == nt.SOURCES
	assert options(FIELDS, "certificate_language") == nt.CERTIFICATE_LANGUAGES
	assert options(FIELDS, "pause_reason") == ("", *nt.PAUSE_REASONS)
	assert options(FIELDS, "fee_relief_basis") == ("", *nt.FEE_RELIEF_BASES)
	pause_fields = {f["fieldname"]: f for f in PAUSE["fields"]}
	assert options(pause_fields, "reason") == nt.PAUSE_REASONS


def test_the_service_is_declared_with_its_case_fields():
	service = SERVICES[nt.DOCTYPE]
	assert service.states == nt.STATES and service.initial_state == nt.REFERRED
	assert service.step_names == nt.STEP_NAMES
	for name in CASE_FIELDS:
		assert FIELDS[name].get("permlevel") == SERVER_LEVEL, name
	for name in (
		*nt.STAMPED_ON_ENTRY.values(),
		"accepted_on",
		"fee_relief",
		"fee_relief_basis",
		"service_order",
	):
		assert FIELDS[name].get("permlevel") == SERVER_LEVEL, name
	for fields in nt.REQUIRED_IN_STATE.values():
		assert set(fields) <= set(FIELDS)


def test_workflow_states_and_rules_exist():
	assert {s["state"] for s in WORKFLOW["states"]} == set(nt.STATES)
	assert WORKFLOW["states"][0]["state"] == nt.REFERRED
	# Only the notary acts on a referral.
	assert {t["allowed"] for t in WORKFLOW["transitions"]} == {"Notary"}
	assert RULES[nt.ISSUE_RULE]["count"] == 15 and RULES[nt.ISSUE_RULE]["unit"] == "Working Days"
	assert RULES[nt.ACCEPT_RULE]["article"] == "Local practice"


def test_citizen_fields_are_applicant_level_and_the_web_form_shows_no_other():
	allowed = CITIZEN_FIELDS[nt.DOCTYPE]
	for name in allowed:
		assert FIELDS[name].get("permlevel", 0) == APPLICANT_LEVEL, name
	loose = {
		name
		for name, f in FIELDS.items()
		if f["fieldtype"] not in DISPLAY_TYPES
		and f.get("permlevel", 0) == APPLICANT_LEVEL
		and not f.get("fetch_from")
	}
	assert loose == set(allowed)
	shown = {f["fieldname"] for f in WEB_FORM["web_form_fields"] if f["fieldtype"] not in DISPLAY_TYPES}
	assert shown <= allowed
	assert "fee_relief" not in allowed and "certificate_number" not in allowed


ACCEPTED_ON = dt.datetime(2026, 9, 24, 10, 0)


def test_the_certificate_step_runs_from_acceptance_and_pauses_carry_their_reasons():
	rows = [
		{
			"reason": nt.VERIFICATION,
			"paused_from": dt.datetime(2026, 9, 25, 9),
			"paused_to": dt.datetime(2026, 9, 29, 9),
		},
		{"reason": nt.FORCE_MAJEURE, "paused_from": dt.datetime(2026, 10, 20, 9), "paused_to": None},
	]
	values = {"accepted_on": ACCEPTED_ON, "pauses": rows}
	step = nt.with_row_reasons(running_step(nt.STEPS, nt.ACCEPTED, values), rows)
	assert step.name == nt.ISSUE_STEP and step.rule_code == "NOT-ISSUE" and step.start == ACCEPTED_ON
	assert [p.reason for p in step.pauses] == [nt.VERIFICATION]
	assert running_step(nt.STEPS, nt.PAUSED, values).name == nt.ISSUE_STEP
	assert running_step(nt.STEPS, nt.REFERRED, {"referred_on": ACCEPTED_ON}).name == nt.ACCEPT_STEP
	assert running_step(nt.STEPS, nt.ISSUED, values) is None
	assert running_step(nt.STEPS, nt.REFUSED, values) is None


def test_a_pause_before_acceptance_does_not_count():
	rows = [
		{
			"reason": nt.VERIFICATION,
			"paused_from": dt.datetime(2026, 9, 1),
			"paused_to": dt.datetime(2026, 9, 2),
		}
	]
	assert nt.pauses(rows, ACCEPTED_ON) == ()


def test_fifteen_working_days_with_a_pause_move_the_due_date():
	# Thu 24 Sep: the National Day week (and its make-up days) is counted by the calendar, not by days.
	plain = compute_due(ACCEPTED_ON, 15, Unit.WORKING_DAYS).due
	assert plain.date() == dt.date(2026, 10, 22)
	rows = [
		{
			"reason": nt.VERIFICATION,
			"paused_from": dt.datetime(2026, 9, 25, 9),
			"paused_to": dt.datetime(2026, 9, 28, 17),
		}
	]
	paused = compute_due(ACCEPTED_ON, 15, Unit.WORKING_DAYS, nt.pauses(rows)).due
	assert paused.date() > plain.date()


def test_pause_transitions():
	assert nt.stamps_acceptance(nt.REFERRED, nt.ACCEPTED)
	assert not nt.stamps_acceptance(nt.PAUSED, nt.ACCEPTED)
	assert "accepted_on" not in nt.STAMPED_ON_ENTRY.values()
	assert nt.opens_pause(nt.ACCEPTED, nt.PAUSED)
	assert not nt.opens_pause(nt.PAUSED, nt.PAUSED)
	assert nt.ends_pause(nt.PAUSED, nt.ACCEPTED)
	assert not nt.ends_pause(nt.ACCEPTED, nt.ISSUED)


def test_finished_in_time_includes_the_due_moment():
	due = dt.datetime(2026, 10, 15, 23, 59, 59, 999999)
	assert nt.finished_in_time(due, due)
	assert not nt.finished_in_time(due + dt.timedelta(microseconds=1), due)
	assert nt.finished_in_time(due, None)


def test_fee_relief_from_a_granted_application_first():
	assert nt.fee_relief(legal_aid.APPROVED, eligibility.HARDSHIP_CHECK_NEEDED) == nt.FeeRelief(
		True, nt.LEGAL_AID_GRANTED
	)
	assert nt.fee_relief(legal_aid.ARCHIVED).basis == nt.LEGAL_AID_GRANTED


def test_fee_relief_from_an_eligibility_answer_unless_refused():
	assert nt.fee_relief(legal_aid.UNDER_REVIEW, eligibility.ELIGIBLE).basis == nt.ELIGIBLE_FOR_LEGAL_AID
	assert nt.fee_relief(None, eligibility.HARDSHIP_PROOF_WAIVED).granted
	assert not nt.fee_relief(legal_aid.REFUSED, eligibility.ELIGIBLE).granted
	assert not nt.fee_relief(legal_aid.UNDER_REVIEW, eligibility.NOT_COVERED).granted
	assert not nt.fee_relief(legal_aid.RECEIVED, eligibility.HARDSHIP_CHECK_NEEDED).granted


def test_fee_relief_from_the_art42_groups():
	assert nt.fee_relief(groups=["elderly_without_income"]) == nt.FeeRelief(True, nt.WAIVER_GROUP)
	assert nt.fee_relief(groups=["single_mother"]) == nt.FeeRelief(False, None)
	assert nt.fee_relief() == nt.FeeRelief(False, None)
	assert set(nt.WAIVER_GROUP_FIELDS) <= set(FIELDS)


def test_share():
	assert nt.share(1, 3) == 33.3
	assert nt.share(0, 0) is None


def test_history_is_told_from_stamps_and_pause_rows_in_order():
	values = {
		"referred_on": dt.datetime(2026, 9, 23, 9),
		"accepted_on": ACCEPTED_ON,
		"pauses": [
			{
				"reason": nt.VERIFICATION,
				"paused_from": dt.datetime(2026, 9, 25),
				"paused_to": dt.datetime(2026, 9, 28),
			}
		],
		"issued_on": dt.datetime(2026, 10, 9, 11),
		"certificate_number": "(2026)青西证字第12号",
	}
	events = nt.history(values)
	assert [e.kind for e in events] == ["referred", "accepted", "paused", "resumed", "issued"]
	assert events[2].detail == nt.VERIFICATION and events[-1].detail == "(2026)青西证字第12号"
	assert nt.history({}) == []


def test_the_fixtures_and_the_hooks_ship_the_workflow_states_and_actions():
	fixtures = APP / "fixtures"
	states = {s["name"] for s in json.loads((fixtures / "workflow_state.json").read_text("utf-8"))}
	actions = {a["name"] for a in json.loads((fixtures / "workflow_action_master.json").read_text("utf-8"))}
	assert set(nt.STATES) <= states
	used = {t["action"] for t in WORKFLOW["transitions"]}
	assert used <= actions
	hooks = (APP / "hooks.py").read_text("utf-8")
	for name in (*nt.STATES, *used):
		assert f'"{name}"' in hooks, name
	assert '"Notarization Referral"' in hooks.split("service_cases = ")[1].split("]")[0]
	# Every transition leaves from a declared state to a declared state; a pause returns to Accepted.
	for transition in WORKFLOW["transitions"]:
		assert {transition["state"], transition["next_state"]} <= set(nt.STATES)
	assert ("Paused", "Resume", "Accepted") in {
		(t["state"], t["action"], t["next_state"]) for t in WORKFLOW["transitions"]
	}


def test_an_open_pause_stops_the_certificates_clock_until_it_ends():
	# 公证法 Art 30: the time for supplementary materials is not counted; while they are awaited no due
	# moment runs, so the referral cannot be overdue or escalated.
	waiting = {"paused_from": dt.datetime(2026, 10, 20, 9), "paused_to": None, "reason": nt.FORCE_MAJEURE}
	values = {"accepted_on": ACCEPTED_ON, "pauses": [waiting]}
	step = running_step(nt.STEPS, nt.PAUSED, values)
	assert (step.paused_since, step.paused_for) == (dt.datetime(2026, 10, 20, 9), nt.FORCE_MAJEURE)
	# Resumed: the clock runs again, the whole pause left out.
	ended = {**waiting, "paused_to": dt.datetime(2026, 10, 27, 9)}
	resumed = nt.with_row_reasons(running_step(nt.STEPS, nt.ACCEPTED, {**values, "pauses": [ended]}), [ended])
	assert resumed.paused_since is None
	assert [(p.start, p.end, p.reason) for p in resumed.pauses] == [
		(dt.datetime(2026, 10, 20, 9), dt.datetime(2026, 10, 27, 9), nt.FORCE_MAJEURE)
	]
	# A pause that was open before the step started is no part of its time.
	before = {"paused_from": dt.datetime(2026, 9, 1), "paused_to": None}
	assert running_step(nt.STEPS, nt.ACCEPTED, {**values, "pauses": [before]}).paused_since is None


def test_art32_the_certificate_is_in_chinese_with_a_local_text_at_the_partys_request():
	assert "Tibetan" not in nt.CERTIFICATE_LANGUAGES  # never a Tibetan certificate alone
	assert nt.certificate_language_allowed(nt.CHINESE, ["630000", "630100"])
	assert nt.certificate_language_allowed(nt.BOTH, ["630000", "632700"])
	# Mongolian is a local script in Haixi and in Henan county (Huangnan), nowhere else.
	assert nt.certificate_language_allowed(nt.WITH_MONGOLIAN, ["630000", "632800", "632801"])
	assert nt.certificate_language_allowed(nt.WITH_MONGOLIAN, ["630000", "632300", "632324"])
	assert not nt.certificate_language_allowed(nt.WITH_MONGOLIAN, ["630000", "632300", "632321"])
	assert not nt.certificate_language_allowed("Tibetan", ["630000", "632700"])


def test_art31_a_refusal_names_a_ground_and_says_why():
	assert nt.REQUIRED_IN_STATE[nt.REFUSED] == ("refusal_ground", "refusal_reason")
	assert len(nt.REFUSAL_GROUNDS) == 10  # Art 31's nine, and another office's area (Art 25)
	meta = json.loads(
		(APP / "notarization/doctype/notarization_referral/notarization_referral.json").read_text("utf-8")
	)
	[field] = [f for f in meta["fields"] if f["fieldname"] == "refusal_ground"]
	assert field["options"].split("\n")[1:] == list(nt.REFUSAL_GROUNDS)

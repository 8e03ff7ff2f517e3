"""People's mediation rules (pure): value lists held equal to the doctypes, steps, requirements, the agreement."""

import datetime as dt
import json
from pathlib import Path

import pytest

from qh_legal_service.rules import mediation as m
from qh_legal_service.rules.documents import EXCLUDED, INCOMPLETE, NOT_ISSUED, refusal
from qh_legal_service.rules.field_access import CITIZEN_FIELDS
from qh_legal_service.rules.languages import PORTAL_LANGUAGES
from qh_legal_service.rules.service_case import CASE_FIELDS, running_step
from qh_legal_service.rules.services import SERVICES

APP_DIR = Path(__file__).resolve().parents[1] / "qh_legal_service"
DOCTYPES = APP_DIR / "mediation" / "doctype"


def doctype(name: str) -> dict:
	folder = name.lower().replace(" ", "_")
	return json.loads((DOCTYPES / folder / f"{folder}.json").read_text(encoding="utf-8"))


def field(doctype_name: str, fieldname: str) -> dict:
	return next(f for f in doctype(doctype_name)["fields"] if f["fieldname"] == fieldname)


def options(doctype_name: str, fieldname: str) -> list[str]:
	return [option for option in field(doctype_name, fieldname)["options"].split("\n") if option]


@pytest.mark.parametrize(
	("doctype_name", "fieldname", "values"),
	[
		("Mediation Case", "source", m.SOURCES),
		("Mediation Case", "linked_kind", m.LINKED_KINDS),
		("Mediation Case", "dispute_type", m.DISPUTE_TYPES),
		("Mediation Case", "outcome", m.OUTCOMES),
		("Mediation Case", "agreement_form", m.AGREEMENT_FORMS),
		("Mediation Case", "performance", m.PERFORMANCE),
		("Mediation Case", "judicial_confirmation", m.CONFIRMATION_RESULTS),
		("Mediation Party", "role", m.PARTY_ROLES),
		("Mediation Party", "language", PORTAL_LANGUAGES),
	],
)
def test_select_options_are_the_rules_lists(doctype_name, fieldname, values):
	assert options(doctype_name, fieldname) == list(values)


def test_every_field_the_rules_name_exists():
	fieldnames = {f["fieldname"] for f in doctype("Mediation Case")["fields"]}
	named = set(m.STAMPED_ON_ENTRY.values()) | set(m.WRITTEN_AGREEMENT_FIELDS) | set(m.FOLLOW_UP_FIELDS)
	named |= {name for names in m.REQUIRED_IN_STATE.values() for name in names}
	named |= {step.start_field for step in m.STEPS} | {name for step in m.STEPS for name in step.when}
	named |= set(m.DOCUMENTS[m.AGREEMENT].required) | set(CASE_FIELDS)
	assert named - fieldnames == set()


def test_case_fields_and_stamps_are_server_set():
	for name in (*CASE_FIELDS, *m.STAMPED_ON_ENTRY.values(), "outcome", "duration_days", "service_order"):
		assert field("Mediation Case", name).get("permlevel") == 2, name


def test_registered_as_a_service():
	service = SERVICES["Mediation Case"]
	assert service.states == m.STATES
	assert service.initial_state == m.REQUESTED
	assert service.steps == m.STEPS
	assert set(service.documents) == {m.AGREEMENT}


def test_transitions_use_declared_states_and_actions():
	for old, action, new in m.TRANSITIONS:
		assert old in m.STATES and new in m.STATES and action in m.ACTIONS
	reachable = {m.REQUESTED} | {new for _old, _action, new in m.TRANSITIONS}
	assert reachable == set(m.STATES)
	# No final state has a way out.
	assert not [t for t in m.TRANSITIONS if t[0] in m.FINAL_STATES]


def test_mediation_runs_from_acceptance():
	accepted = dt.datetime(2026, 1, 31, 10)
	for state in (m.ACCEPTED, m.IN_MEDIATION):
		step = running_step(m.STEPS, state, {"accepted_on": accepted})
		assert (step.name, step.rule_code, step.start) == (m.MEDIATE_STEP, "MED-DURATION", accepted)
	assert running_step(m.STEPS, m.REQUESTED, {}) is None
	assert running_step(m.STEPS, m.CLOSED, {"accepted_on": accepted}) is None


def test_written_agreement_waits_for_confirmation_then_follow_up():
	values = {
		"agreement_form": m.WRITTEN,
		"agreement_effective_on": dt.datetime(2026, 3, 2),
		"outcome_on": dt.datetime(2026, 3, 2, 15),
	}
	step = running_step(m.STEPS, m.AGREEMENT_REACHED, values)
	assert (step.name, step.rule_code) == (m.CONFIRM_STEP, "MED-JUDICIAL-CONFIRM")
	applied = {**values, "judicial_confirmation_applied_on": dt.date(2026, 3, 10)}
	assert running_step(m.STEPS, m.AGREEMENT_REACHED, applied).name == m.FOLLOW_UP_STEP
	lapsed = {**values, m.WINDOW_CLOSED_FIELD: 1}
	assert running_step(m.STEPS, m.AGREEMENT_REACHED, lapsed).name == m.FOLLOW_UP_STEP
	verbal = {**values, "agreement_form": m.VERBAL}
	assert running_step(m.STEPS, m.AGREEMENT_REACHED, verbal).name == m.FOLLOW_UP_STEP


def test_requirements_by_state():
	assert m.missing_for_state(m.ACCEPTED, {}) == ["committee"]
	assert m.missing_for_state(m.IN_MEDIATION, {"committee": "C", "mediators": []}) == ["mediators"]
	verbal = {"agreement_form": m.VERBAL, "agreement_terms": "pay 500", "agreement_effective_on": "x"}
	assert m.missing_for_state(m.AGREEMENT_REACHED, verbal) == []
	written = {**verbal, "agreement_form": m.WRITTEN}
	assert m.missing_for_state(m.AGREEMENT_REACHED, written) == list(m.WRITTEN_AGREEMENT_FIELDS)
	assert m.missing_for_state(m.CLOSED, {"outcome": m.AGREEMENT_REACHED}) == list(m.FOLLOW_UP_FIELDS)
	assert m.missing_for_state(m.CLOSED, {"outcome": m.WITHDRAWN}) == []
	assert m.missing_for_state(m.NOT_ACCEPTED, {}) == ["not_accepted_reason"]


def test_outcome_and_duration():
	assert [m.outcome_for(state) for state in m.STATES if m.outcome_for(state)] == list(m.OUTCOMES)
	assert m.duration_days(dt.datetime(2026, 1, 31, 23), dt.datetime(2026, 2, 1, 1)) == 1
	assert m.duration_days(None, dt.datetime(2026, 2, 1)) is None


def test_parties_need_both_sides():
	assert m.parties_problem([{"role": m.APPLICANT}]) == "no_respondent"
	assert m.parties_problem([{"role": m.RESPONDENT}]) == "no_applicant"
	assert m.parties_problem([{"role": m.APPLICANT}, {"role": m.RESPONDENT}]) is None
	assert m.parties_problem([{"role": m.APPLICANT}], respondent_needed=False) is None


FILLED = {name: "x" for name in m.DOCUMENTS[m.AGREEMENT].required} | {"agreement_form": m.WRITTEN}
AGREED = (m.REQUESTED, m.ACCEPTED, m.IN_MEDIATION, m.AGREEMENT_REACHED)


def agreement_refusal(path, values):
	return refusal(m.DOCUMENTS[m.AGREEMENT], path, values)


def test_agreement_prints_only_once_reached_and_written():
	assert agreement_refusal(AGREED, FILLED) is None
	assert agreement_refusal((*AGREED, m.CLOSED), FILLED) is None
	assert agreement_refusal(AGREED[:3], FILLED).reason == NOT_ISSUED
	assert agreement_refusal((*AGREED[:3], m.WITHDRAWN), FILLED).reason == NOT_ISSUED
	assert agreement_refusal(AGREED, {**FILLED, "committee_seal": 0}).reason == INCOMPLETE
	verbal = agreement_refusal(AGREED, {**FILLED, "agreement_form": m.VERBAL})
	assert (verbal.reason, verbal.excluded_by) == (EXCLUDED, ("agreement_form", m.VERBAL))
	assert m.DOCUMENTS[m.AGREEMENT].valid_in == frozenset({m.AGREEMENT_REACHED, m.CLOSED})


def test_three_copies_at_least_one_per_party_and_the_committee():
	assert [m.copy_count(parties) for parties in (1, 2, 3, 5)] == [3, 3, 4, 6]
	assert (APP_DIR / "templates" / "print" / "mediation" / "agreement.html").exists()
	assert (APP_DIR / "templates" / "print" / "mediation" / "layout.html").exists()


def test_citizen_sets_only_the_request():
	fields = doctype("Mediation Case")["fields"]
	display = {"Section Break", "Column Break", "Tab Break", "HTML"}
	applicant_level = {
		f["fieldname"] for f in fields if f["fieldtype"] not in display and not f.get("permlevel")
	}
	assert applicant_level == CITIZEN_FIELDS["Mediation Case"]
	writers = {
		p["role"]
		for p in doctype("Mediation Case")["permissions"]
		if p.get("permlevel") == 2 and p.get("write")
	}
	assert writers == set()


def test_workflow_fixture_is_the_rules_transitions():
	workflows = json.loads((APP_DIR / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
	workflow = next(w for w in workflows if w["name"] == "Mediation Case")
	assert [s["state"] for s in workflow["states"]] == list(m.STATES)
	transitions = [(t["state"], t["action"], t["next_state"]) for t in workflow["transitions"]]
	assert transitions == list(m.TRANSITIONS)
	assert {t["allowed"] for t in workflow["transitions"]} == {m.ACTING_ROLE}
	states = {s["name"] for s in json.loads((APP_DIR / "fixtures" / "workflow_state.json").read_text())}
	actions = {
		a["name"] for a in json.loads((APP_DIR / "fixtures" / "workflow_action_master.json").read_text())
	}
	assert set(m.STATES) <= states and set(m.ACTIONS) <= actions
	hooks = (APP_DIR / "hooks.py").read_text(encoding="utf-8")
	for name in (*m.STATES, *m.ACTIONS):
		assert f'\t"{name}",\n' in hooks, name


def test_history_tells_the_states_entered_with_their_reasons():
	values = {
		"workflow_state": m.WITHDRAWN,
		"states_passed": "\n".join((m.REQUESTED, m.ACCEPTED, m.WITHDRAWN)),
		"requested_on": dt.datetime(2026, 11, 1, 9),
		"accepted_on": dt.datetime(2026, 11, 2, 9),
		"outcome_on": dt.datetime(2026, 11, 9, 9),
		"withdrawal_reason": "和解了",
	}
	assert m.history(values) == [
		(m.REQUESTED, dt.datetime(2026, 11, 1, 9), None),
		(m.ACCEPTED, dt.datetime(2026, 11, 2, 9), None),
		(m.WITHDRAWN, dt.datetime(2026, 11, 9, 9), "和解了"),
	]
	assert m.history({}) == [(m.REQUESTED, None, None)]


def test_outcome_figures_from_a_groups_sums():
	sums = {"cases": 10, "reached": 4, "not_reached": 3, "withdrawn": 1, "days": 36, "timed": 8}
	sums |= {"confirmed": 1, "followed_up": 3, "performed": 2}
	assert m.outcome_figures(sums) == {
		"open": 2,
		"agreement_rate": 50.0,
		"average_days": 4.5,
		"confirmed_share": 25.0,
		"performed_share": 66.7,
	}
	assert m.outcome_figures({"cases": 2})["agreement_rate"] is None


def test_sums_add_up_across_groups():
	rows = [{"cases": 2, "reached": 1, "days": 5}, {"cases": 3, "reached": None, "days": 7, "performed": 1}]
	assert m.add_sums(rows) == {
		"cases": 5,
		"reached": 1,
		"not_reached": 0,
		"withdrawn": 0,
		"days": 12,
		"timed": 0,
		"confirmed": 0,
		"followed_up": 0,
		"performed": 1,
	}

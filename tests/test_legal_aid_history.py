"""The history and the next step a citizen reads on the portal, from an application's stored facts."""

import datetime as dt

from qh_legal_service.rules import legal_aid_history as history
from qh_legal_service.rules.legal_aid_history import Line, history_lines, next_action

RECEIVED_ON = dt.datetime(2026, 3, 2, 9, 30)
ASKED_ON = dt.datetime(2026, 3, 3, 10, 0)
SUPPLIED_ON = dt.datetime(2026, 3, 6, 15, 0)
DECIDED_ON = dt.datetime(2026, 3, 9, 11, 0)
ASSIGNED_ON = dt.datetime(2026, 3, 10, 16, 0)
CLOSED_ON = dt.datetime(2026, 6, 1, 9, 0)
WORKER = {"worker_name": "卓玛", "institution_name": "城东区法律援助中心", "worker_phone": "0971-8123456"}


def road(*states: str) -> str:
	return "\n".join(states)


def test_a_new_application_was_received_and_the_citizen_waits():
	facts = {"workflow_state": "Received", "states_passed": "Received", "received_on": RECEIVED_ON}
	assert history_lines(facts) == [Line(history.RECEIVED, RECEIVED_ON)]
	assert next_action(facts) == Line(history.WAIT)


def test_materials_asked_for_by_a_date_are_what_the_citizen_must_do():
	request = {"requested_on": ASKED_ON, "due": dt.date(2026, 3, 13), "notice": "户口簿复印件"}
	facts = {
		"workflow_state": "Materials Requested",
		"states_passed": road("Received", "Materials Requested"),
		"received_on": RECEIVED_ON,
		"materials_requests": [request],
		"materials_notice": "户口簿复印件",
		"materials_due": dt.date(2026, 3, 13),
	}
	assert history_lines(facts) == [
		Line(history.RECEIVED, RECEIVED_ON),
		Line(
			history.MATERIALS_REQUESTED, ASKED_ON, {"due": dt.date(2026, 3, 13), "materials": "户口簿复印件"}
		),
	]
	assert next_action(facts) == Line(
		history.SUPPLY_MATERIALS, dt.date(2026, 3, 13), {"materials": "户口簿复印件"}
	)


def test_a_whole_case_reads_received_materials_decided_assigned_closed_with_the_worker_to_call():
	second = {"requested_on": dt.datetime(2026, 3, 7, 9, 0), "due": dt.date(2026, 3, 8), "notice": "工资条"}
	first = {
		"requested_on": ASKED_ON,
		"due": dt.date(2026, 3, 5),
		"notice": "劳动合同",
		"supplied_on": SUPPLIED_ON,
	}
	facts = {
		"workflow_state": "Closed",
		"states_passed": road(
			"Received",
			"Materials Requested",
			"Under Review",
			"Materials Requested",
			"Under Review",
			"Approved",
			"Assigned",
			"In Progress",
			"Closed",
		),
		"received_on": RECEIVED_ON,
		# Rows in any order: the history follows when each request was made.
		"materials_requests": [{**second, "supplied_on": dt.datetime(2026, 3, 8, 8, 0)}, first],
		"decided_on": DECIDED_ON,
		"assigned_on": ASSIGNED_ON,
		"closed_on": CLOSED_ON,
		"outcome": "Settled or Mediated",
		**WORKER,
	}
	worker = {"worker": "卓玛", "institution": "城东区法律援助中心", "phone": "0971-8123456"}
	assert history_lines(facts) == [
		Line(history.RECEIVED, RECEIVED_ON),
		Line(history.MATERIALS_REQUESTED, ASKED_ON, {"due": dt.date(2026, 3, 5), "materials": "劳动合同"}),
		Line(history.MATERIALS_SUPPLIED, SUPPLIED_ON),
		Line(
			history.MATERIALS_REQUESTED,
			dt.datetime(2026, 3, 7, 9, 0),
			{"due": dt.date(2026, 3, 8), "materials": "工资条"},
		),
		Line(history.MATERIALS_SUPPLIED, dt.datetime(2026, 3, 8, 8, 0)),
		Line(history.APPROVED, DECIDED_ON),
		Line(history.ASSIGNED, ASSIGNED_ON, worker),
		Line(history.CLOSED, CLOSED_ON, {"outcome": "Settled or Mediated"}),
	]
	assert next_action(facts) is None
	in_progress = {**facts, "workflow_state": "In Progress", "states_passed": road("Approved", "Assigned")}
	assert next_action(in_progress) == Line(history.CONTACT_WORKER, None, worker)


def test_a_refusal_may_be_objected_to_and_an_upheld_refusal_is_dated_when_upheld():
	refused = {
		"workflow_state": "Refused",
		"states_passed": road("Received", "Under Review", "Refused"),
		"received_on": RECEIVED_ON,
		"decided_on": DECIDED_ON,
	}
	assert history_lines(refused)[-1] == Line(history.REFUSED, DECIDED_ON)
	assert next_action(refused) == Line(history.MAY_OBJECT, None, {"decision": "Refused"})

	upheld_on = dt.datetime(2026, 3, 14, 10, 0)
	upheld = {
		**refused,
		"states_passed": road("Received", "Under Review", "Refused", "Objection Filed", "Refused"),
		"objection_filed_on": dt.datetime(2026, 3, 11, 9, 0),
		# The server stamps the refusal again when the bureau upholds it: the first refusal has no day left.
		"decided_on": upheld_on,
	}
	assert [(line.event, line.on) for line in history_lines(upheld)] == [
		(history.RECEIVED, RECEIVED_ON),
		(history.REFUSED, None),
		(history.OBJECTION_FILED, dt.datetime(2026, 3, 11, 9, 0)),
		(history.OBJECTION_UPHELD, upheld_on),
	]


def test_a_correction_ordered_sends_the_case_back_and_the_new_decision_has_the_stamp():
	corrected_on = dt.datetime(2026, 3, 13, 9, 0)
	facts = {
		"workflow_state": "Approved",
		"states_passed": road("Received", "Refused", "Objection Filed", "Under Review", "Approved"),
		"received_on": RECEIVED_ON,
		"objection_filed_on": dt.datetime(2026, 3, 11, 9, 0),
		"correction_ordered_on": corrected_on,
		"decided_on": dt.datetime(2026, 3, 16, 9, 0),
	}
	assert [(line.event, line.on) for line in history_lines(facts)] == [
		(history.RECEIVED, RECEIVED_ON),
		(history.REFUSED, None),
		(history.OBJECTION_FILED, dt.datetime(2026, 3, 11, 9, 0)),
		(history.CORRECTION_ORDERED, corrected_on),
		(history.APPROVED, dt.datetime(2026, 3, 16, 9, 0)),
	]
	assert next_action(facts) == Line(history.WAIT)


def test_a_termination_names_its_ground_and_may_be_objected_to():
	terminated_on = dt.datetime(2026, 4, 1, 9, 0)
	facts = {
		"workflow_state": "Terminated",
		"states_passed": road("Received", "Approved", "Assigned", "Terminated"),
		"received_on": RECEIVED_ON,
		"decided_on": DECIDED_ON,
		"assigned_on": ASSIGNED_ON,
		"terminated_on": terminated_on,
		"termination_reason": "Hired an Own Lawyer",
		**WORKER,
	}
	assert history_lines(facts)[-1] == Line(
		history.TERMINATED, terminated_on, {"reason": "Hired an Own Lawyer"}
	)
	assert next_action(facts) == Line(history.MAY_OBJECT, None, {"decision": "Terminated"})


def test_an_older_record_without_request_rows_or_road_still_tells_its_request():
	facts = {
		"workflow_state": "Materials Requested",
		"received_on": RECEIVED_ON,
		"materials_requested_on": ASKED_ON,
		"materials_due": dt.date(2026, 3, 13),
		"materials_notice": "身份证",
	}
	assert history_lines(facts) == [
		Line(history.RECEIVED, RECEIVED_ON),
		Line(history.MATERIALS_REQUESTED, ASKED_ON, {"due": dt.date(2026, 3, 13), "materials": "身份证"}),
	]


def test_a_withdrawn_or_archived_case_asks_nothing():
	withdrawn = {"workflow_state": "Withdrawn", "states_passed": road("Received", "Withdrawn")}
	assert [line.event for line in history_lines(withdrawn)] == [history.RECEIVED, history.WITHDRAWN]
	assert next_action(withdrawn) is None
	archived = {"workflow_state": "Archived", "states_passed": road("Received", "Refused", "Archived")}
	assert next_action(archived) is None

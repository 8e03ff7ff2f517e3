"""What happened to a legal aid application and what its applicant must do next, from its stored facts.

The portal shows these to the citizen. Each line is an event key, the moment it happened (None when
the record keeps no stamp for it) and the values its sentence needs; the caller words it in the
reader's language. The facts are the record's stamps (`received_on`, `decided_on`, `assigned_on`...),
its `materials_requests` rows and `states_passed`, the road of states the server stores as it goes.
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.documents import stored_path

RECEIVED = "received"
MATERIALS_REQUESTED = "materials_requested"
MATERIALS_SUPPLIED = "materials_supplied"
URGENT_AID = "urgent_aid"
APPROVED = "approved"
REFUSED = "refused"
OBJECTION_FILED = "objection_filed"
OBJECTION_UPHELD = "objection_upheld"
CORRECTION_ORDERED = "correction_ordered"
ASSIGNED = "assigned"
CLOSED = "closed"
TERMINATED = "terminated"
WITHDRAWN = "withdrawn"
ARCHIVED = "archived"

# What the applicant must do next.
SUPPLY_MATERIALS = "supply_materials"
MAY_OBJECT = "may_object"
CONTACT_WORKER = "contact_worker"
WAIT = "wait"

# Entering these states is an event of its own, stamped by the field named (or unstamped).
STATE_EVENTS = {
	legal_aid.URGENT_AID: (URGENT_AID, "urgent_aid_on"),
	legal_aid.APPROVED: (APPROVED, "decided_on"),
	legal_aid.REFUSED: (REFUSED, "decided_on"),
	legal_aid.TERMINATED: (TERMINATED, "terminated_on"),
	legal_aid.WITHDRAWN: (WITHDRAWN, None),
	legal_aid.ARCHIVED: (ARCHIVED, None),
}
# The refusal and termination documents tell the applicant they may object to the justice bureau (Art 49).
OBJECTABLE_STATES = (legal_aid.REFUSED, legal_aid.TERMINATED)
WAITING_STATES = (*legal_aid.UNDECIDED_STATES, legal_aid.APPROVED, legal_aid.OBJECTION_FILED)


@dataclass(frozen=True)
class Line:
	"""One event, or one thing to do: a key, its moment and the values its sentence needs."""

	event: str
	on: dt.date | dt.datetime | None = None
	values: dict = field(default_factory=dict)


def history_lines(facts: Mapping) -> list[Line]:
	"""The events of an application in the order they happened along its road of states."""
	path = stored_path(facts.get("states_passed"), facts.get("workflow_state") or legal_aid.RECEIVED)
	# A stamp holds the latest entry into a state that sets it (decided_on: approved or refused); an
	# earlier entry has no moment left.
	last_stamped = {
		legal_aid.STAMPED_ON_ENTRY[state]: index
		for index, state in enumerate(path)
		if state in legal_aid.STAMPED_ON_ENTRY
	}

	def stamp(field: str | None, index: int):
		return facts.get(field) if field and last_stamped.get(field, index) == index else None

	lines = [Line(RECEIVED, facts.get("received_on"))]
	requests = iter(materials_requests(facts))
	for index, (previous, state) in enumerate(zip((None, *path), path, strict=False)):
		if previous == legal_aid.OBJECTION_FILED:
			if legal_aid.objection_decision(previous, state) == legal_aid.ORDERED_CORRECTED:
				lines.append(Line(CORRECTION_ORDERED, stamp(legal_aid.CORRECTION_STAMP, index)))
			else:
				# The decision objected to stands: the record stamps its state again, on the day it was upheld.
				lines.append(Line(OBJECTION_UPHELD, stamp(STATE_EVENTS.get(state, (None, None))[1], index)))
				continue
		if state == legal_aid.MATERIALS_REQUESTED:
			if request := next(requests, None):
				lines.extend(request_lines(request))
		elif state in STATE_EVENTS:
			event, field = STATE_EVENTS[state]
			values = {"reason": facts.get("termination_reason")} if state == legal_aid.TERMINATED else {}
			lines.append(Line(event, stamp(field, index), values))
		elif state == legal_aid.OBJECTION_FILED:
			lines.append(Line(OBJECTION_FILED, stamp("objection_filed_on", index)))
		elif state == legal_aid.ASSIGNED:
			lines.append(Line(ASSIGNED, stamp("assigned_on", index), worker_values(facts)))
		elif state == legal_aid.CLOSED:
			lines.append(Line(CLOSED, stamp("closed_on", index), {"outcome": facts.get("outcome")}))
	return lines


def materials_requests(facts: Mapping) -> list[Mapping]:
	"""Each request for materials, oldest first; a record without rows has its latest one on itself."""
	rows = sorted(
		facts.get("materials_requests") or (), key=lambda row: row.get("requested_on") or dt.datetime.min
	)
	if rows or not facts.get("materials_requested_on"):
		return list(rows)
	return [
		{
			"requested_on": facts.get("materials_requested_on"),
			"due": facts.get("materials_due"),
			"notice": facts.get("materials_notice"),
			"supplied_on": facts.get("materials_supplied_on"),
		}
	]


def request_lines(request: Mapping) -> list[Line]:
	"""A request for materials, and their arrival if they came."""
	lines = [
		Line(
			MATERIALS_REQUESTED,
			request.get("requested_on"),
			{"due": request.get("due"), "materials": request.get("notice")},
		)
	]
	if request.get("supplied_on"):
		lines.append(Line(MATERIALS_SUPPLIED, request.get("supplied_on")))
	return lines


def worker_values(facts: Mapping) -> dict:
	"""Who handles the case and how to reach them."""
	return {
		"worker": facts.get("worker_name"),
		"institution": facts.get("institution_name"),
		"phone": facts.get("worker_phone"),
	}


def next_action(facts: Mapping) -> Line | None:
	"""What the applicant must do now, or None when the case is over and nothing is asked of them."""
	state = facts.get("workflow_state") or legal_aid.RECEIVED
	if state == legal_aid.MATERIALS_REQUESTED:
		requests = materials_requests(facts)
		open_request = requests[-1] if requests else {}
		return Line(
			SUPPLY_MATERIALS,
			facts.get("materials_due") or open_request.get("due"),
			{"materials": facts.get("materials_notice") or open_request.get("notice")},
		)
	if state in OBJECTABLE_STATES:
		return Line(MAY_OBJECT, None, {"decision": state})
	if state in (legal_aid.ASSIGNED, legal_aid.IN_PROGRESS):
		return Line(CONTACT_WORKER, None, worker_values(facts))
	if state in WAITING_STATES:
		return Line(WAIT)
	return None

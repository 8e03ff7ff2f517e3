"""The legal aid process: its states, which time limit runs in each, and where an overdue step goes.

Pure: plain values in and out. The deadline rules are named by their `Deadline Rule` codes and
counted by `rules.deadlines`; the Frappe side supplies the calendar.

Review (Art 43) runs from receipt. While the applicant is asked for missing materials the review
clock stops: the pause runs from the request to the day the materials arrive, and the applicant's
own due date (set by the reviewer in the one-time notice) is the step's deadline meanwhile.
"""

import datetime as dt
from dataclasses import dataclass

from qh_legal_service.rules.deadlines import Pause
from qh_legal_service.rules.eligibility import NOTIFIED_DEFENCE

RECEIVED = "Received"
MATERIALS_REQUESTED = "Materials Requested"
UNDER_REVIEW = "Under Review"
URGENT_AID = "Urgent Aid"
APPROVED = "Approved"
REFUSED = "Refused"
ASSIGNED = "Assigned"
IN_PROGRESS = "In Progress"
CLOSED = "Closed"
ARCHIVED = "Archived"
WITHDRAWN = "Withdrawn"
TERMINATED = "Terminated"
OBJECTION_FILED = "Objection Filed"

STATES = (
	RECEIVED,
	MATERIALS_REQUESTED,
	UNDER_REVIEW,
	URGENT_AID,
	APPROVED,
	REFUSED,
	ASSIGNED,
	IN_PROGRESS,
	CLOSED,
	ARCHIVED,
	WITHDRAWN,
	TERMINATED,
	OBJECTION_FILED,
)
FINAL_STATES = (ARCHIVED,)
# States before the centre decides: eligibility is assessed afresh on every save only in these.
UNDECIDED_STATES = (RECEIVED, MATERIALS_REQUESTED, UNDER_REVIEW, URGENT_AID)

# What each state requires to have been filled in, by field name.
REQUIRED_IN_STATE = {
	MATERIALS_REQUESTED: ("materials_notice", "materials_due"),
	REFUSED: ("decision_reasons",),
	URGENT_AID: ("urgent_reason",),
	ASSIGNED: ("assigned_worker",),
	CLOSED: ("outcome", "closing_report"),
	TERMINATED: ("termination_reason",),
	OBJECTION_FILED: ("objection_reason",),
}

# The timestamp field set when a state is entered.
STAMPED_ON_ENTRY = {
	MATERIALS_REQUESTED: "materials_requested_on",
	APPROVED: "decided_on",
	REFUSED: "decided_on",
	ASSIGNED: "assigned_on",
	CLOSED: "closed_on",
	TERMINATED: "terminated_on",
	OBJECTION_FILED: "objection_filed_on",
}


@dataclass(frozen=True)
class Step:
	"""The step now running: a name, the Deadline Rule that limits it and when it started.

	`fixed_due` replaces the rule for a date set by a person (the applicant's materials due date).
	"""

	name: str
	rule_code: str | None
	start: dt.datetime | None
	pauses: tuple[Pause, ...] = ()
	fixed_due: dt.datetime | None = None


def missing_for_state(state: str, values: dict) -> list[str]:
	"""The fields a state requires that are still empty."""
	return [field for field in REQUIRED_IN_STATE.get(state, ()) if not values.get(field)]


def materials_pause(values: dict) -> tuple[Pause, ...]:
	"""The time spent waiting for supplementary materials, which the review does not count."""
	start, end = values.get("materials_requested_on"), values.get("materials_supplied_on")
	if start and end and end > start:
		return (Pause(start, end, "waiting for supplementary materials (补充材料)"),)
	return ()


def current_step(state: str, values: dict) -> Step | None:
	"""The time-limited step an application in `state` is in, or None if no time limit runs."""
	if state in (RECEIVED, UNDER_REVIEW, URGENT_AID):
		if values.get("eligibility") == NOTIFIED_DEFENCE:
			return Step("Assign a defence lawyer", "LA-NOTIFIED-ASSIGN", values.get("received_on"))
		return Step("Review and decide", "LA-REVIEW", values.get("received_on"), materials_pause(values))
	if state == MATERIALS_REQUESTED:
		due = values.get("materials_due")
		fixed = dt.datetime.combine(due, dt.time(23, 59, 59)) if due else None
		return Step(
			"Applicant supplies materials", None, values.get("materials_requested_on"), fixed_due=fixed
		)
	if state == APPROVED:
		return Step("Assign a lawyer", "LA-ASSIGN", values.get("decided_on"))
	if state == OBJECTION_FILED:
		return Step("Decide the objection", "LA-OBJECTION", values.get("objection_filed_on"))
	return None


def escalation_node(path: dict[str, str]) -> str | None:
	"""The division one tier above the one handling an application at `path` (tier → code).

	County legal aid centres handle applications, so an overdue step goes to the prefecture; an
	application handled at the prefecture goes to the province.
	"""
	if path.get("County"):
		return path.get("Prefecture") or path.get("Province")
	if path.get("Prefecture"):
		return path.get("Province")
	return None


def objection_decision(previous_state: str | None, state: str) -> str | None:
	"""The justice bureau's decision on an objection (Art 49), read from the state it moved to."""
	if previous_state != OBJECTION_FILED or state == OBJECTION_FILED:
		return None
	return "Ordered Corrected" if state == UNDER_REVIEW else "Upheld"


def forwarded_late(received_on: dt.datetime, forwarding_due: dt.datetime) -> bool:
	"""A detainee's application reached the centre after the 24 hours Art 39 allows."""
	return received_on > forwarding_due

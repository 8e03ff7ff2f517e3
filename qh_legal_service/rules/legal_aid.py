"""The legal aid process: its states, which time limit runs in each, and where an overdue step goes.

Pure: plain values in and out. The deadline rules are named by their `Deadline Rule` codes and
counted by `rules.deadlines`; the Frappe side supplies the calendar.

Review (Art 43) runs from receipt. While the applicant is asked for missing materials the review
clock stops: each request pauses it from the request to the day the materials arrive, every request
and not only the latest (a second 一次性告知 after new facts is lawful and its wait is not counted
either; 办理法律援助案件程序规定: 申请人补充材料、作出说明所需的时间不计入审查期限). The applicant's own
due date, set by the reviewer in the notice, is the step's deadline meanwhile.

When the justice bureau orders a correction (Art 49), the centre reviews again within its own period
(`LA-REREVIEW`) counted from the order, not from the first receipt.

Which statute counts the periods tied to a criminal case (the rule's `counting`, see rules.deadlines):

- Art 39, 24 hours to forward a detainee's application (`LA-DETAINED-FORWARD`): 刑事诉讼法 Art 105.
  The duty falls on the organ handling the case or the detention facility (办案机关、监管场所) towards a
  person in custody, inside the criminal proceedings: the starting hour is not counted.
- Art 39, the same 24 hours for a person in compulsory isolation for drug rehabilitation (强制隔离戒毒人员,
  `LA-ISOLATED-FORWARD`): the Civil Code. The isolation is an administrative measure (禁毒法 Art 38), not
  criminal proceedings, so 刑事诉讼法 Art 105 does not count it: a period of hours runs from the moment
  the person asked (民法典 Art 201).
- Art 36, 3 days for the court, procuratorate or police to notify the centre (`LA-NOTIFY-DEFENCE`):
  刑事诉讼法 Art 105. It is a step of the organ handling the criminal case (the procuratorate's own rules
  count it 自发现之日起三日以内): the day it found the situation is not counted and, while the suspect or
  defendant is in custody, a last day that is a holiday is not extended. A notice posted before the
  period ends is in time (Art 105: 在期满前已经交邮的，不算过期), so the notice's own date counts when it
  is entered, else the day it reached the centre.
- Art 36, 3 days for the centre to assign a lawyer after the notice (`LA-NOTIFIED-ASSIGN`): the Civil
  Code. The Legal Aid Law, not the Criminal Procedure Law, sets it, and the one bound is the legal aid
  centre, an administrative body taking an administrative step, not an organ or a party of the criminal
  proceedings; 刑事诉讼法 Art 105 counts the periods of those proceedings. Its last day moves past a
  holiday like any other administrative period (民法典 Art 203, 204).
"""

import datetime as dt
from dataclasses import dataclass

from qh_legal_service.rules.deadlines import Pause
from qh_legal_service.rules.eligibility import NOTIFIED_DEFENCE
from qh_legal_service.rules.service_case import (
	IS_SET,
	PauseSpan,
	RunningStep,
	StepRule,
	pauses_of,
	running_step,
)

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
	URGENT_AID: "urgent_aid_on",
	APPROVED: "decided_on",
	REFUSED: "decided_on",
	ASSIGNED: "assigned_on",
	CLOSED: "closed_on",
	TERMINATED: "terminated_on",
	OBJECTION_FILED: "objection_filed_on",
}
ORDERED_CORRECTED = "Ordered Corrected"
UPHELD = "Upheld"
# Set when the justice bureau orders a correction: the re-review runs from it (Art 49).
CORRECTION_STAMP = "correction_ordered_on"

# Art 48's grounds for termination, in the statute's order (Select options of `termination_reason`).
TERMINATION_REASONS = (
	"Fraudulently Obtained Aid",  # (一) 以欺骗或者其他不正当手段获得法律援助
	"Concealed Facts or Evidence",  # (二) 故意隐瞒与案件有关的重要事实或者提供虚假证据
	"Used Legal Aid for Illegal Activity",  # (三) 利用法律援助从事违法活动
	"No Longer in Economic Hardship",  # (四) 经济状况发生变化，不再符合法律援助条件
	"Case Ended or Withdrawn",  # (五) 案件终止审理或者已经被撤销
	"Hired an Own Lawyer",  # (六) 自行委托律师或者其他代理人
	"At the Aided Person's Request",  # (七) 有正当理由要求终止法律援助
	"Other Legal Ground",  # (八) 法律法规规定的其他情形
)

# Art 44's grounds for urgent aid before review (Select options of `urgent_reason`).
LIMITATION_ENDS_SOON = "Limitation Period Ends within 7 Days"  # (一)
URGENT_PRESERVATION = "Urgent Preservation or Execution Needed"  # (二)
OTHER_URGENT = "Other Urgent Circumstance"  # (三)
URGENT_REASONS = (LIMITATION_ENDS_SOON, URGENT_PRESERVATION, OTHER_URGENT)

MATERIALS_PAUSE_REASON = "waiting for supplementary materials (补充材料)"

# The time-limited steps (`Step.name`, stored as `current_step`).
REVIEW_STEP = "Review and decide"
REREVIEW_STEP = "Review again as ordered"
DEFENCE_STEP = "Assign a defence lawyer"
MATERIALS_STEP = "Applicant supplies materials"
ASSIGN_STEP = "Assign a lawyer"
OBJECTION_STEP = "Decide the objection"
STEP_NAMES = (REVIEW_STEP, REREVIEW_STEP, DEFENCE_STEP, MATERIALS_STEP, ASSIGN_STEP, OBJECTION_STEP)


# The pause every materials request puts on the review clock (see the module's docstring).
MATERIALS_PAUSE = PauseSpan(
	start="requested_on",
	end="supplied_on",
	reason=MATERIALS_PAUSE_REASON,
	table="materials_requests",
	fallback=("materials_requested_on", "materials_supplied_on"),
)
_REVIEWING = frozenset({RECEIVED, UNDER_REVIEW, URGENT_AID})

# The time-limited steps, in the order they are tried (see `rules.service_case.running_step`).
STEPS = (
	StepRule(
		REREVIEW_STEP,
		_REVIEWING,
		start_field=CORRECTION_STAMP,
		rule_code="LA-REREVIEW",
		pauses=(MATERIALS_PAUSE,),
		when={CORRECTION_STAMP: IS_SET},
	),
	StepRule(
		DEFENCE_STEP,
		_REVIEWING,
		start_field="received_on",
		rule_code="LA-NOTIFIED-ASSIGN",
		when={"eligibility": NOTIFIED_DEFENCE},
	),
	StepRule(
		REVIEW_STEP, _REVIEWING, start_field="received_on", rule_code="LA-REVIEW", pauses=(MATERIALS_PAUSE,)
	),
	StepRule(
		MATERIALS_STEP,
		frozenset({MATERIALS_REQUESTED}),
		start_field="materials_requested_on",
		fixed_due_field="materials_due",
		# Art 43: materials not supplied in time, the application is deemed withdrawn.
		on_overdue=WITHDRAWN,
		overdue_note="Deemed withdrawn: the missing materials were not supplied by the due date (Art 43).",
	),
	StepRule(ASSIGN_STEP, frozenset({APPROVED}), start_field="decided_on", rule_code="LA-ASSIGN"),
	StepRule(
		OBJECTION_STEP,
		frozenset({OBJECTION_FILED}),
		start_field="objection_filed_on",
		rule_code="LA-OBJECTION",
	),
)


def missing_for_state(state: str, values: dict) -> list[str]:
	"""The fields a state requires that are still empty."""
	return [field for field in REQUIRED_IN_STATE.get(state, ()) if not values.get(field)]


def materials_pause(values: dict) -> tuple[Pause, ...]:
	"""The time spent waiting for supplementary materials, which the review does not count.

	Every request in `materials_requests` (rows with `requested_on` and `supplied_on`) pauses the clock;
	a record without those rows falls back to its latest request (`materials_requested_on` to
	`materials_supplied_on`). A request still unanswered pauses nothing yet: it has no end.
	"""
	return pauses_of(MATERIALS_PAUSE, values)


def opens_materials_request(previous_state: str | None, state: str) -> bool:
	"""A transition that sends a materials notice (一次性告知): a new request row is recorded."""
	return state == MATERIALS_REQUESTED and previous_state != MATERIALS_REQUESTED


def materials_supplied(previous_state: str | None, state: str) -> bool:
	"""A transition that records the requested materials as supplied."""
	return previous_state == MATERIALS_REQUESTED and state == UNDER_REVIEW


def current_step(state: str, values: dict) -> RunningStep | None:
	"""The time-limited step an application in `state` is in, or None if no time limit runs."""
	return running_step(STEPS, state, values)


@dataclass(frozen=True)
class UrgentWindow:
	"""How many days remain before the limitation period ends, seen from one day, and whether Art 44's
	window is open: fewer than `window_days` remain and the period has not yet ended."""

	days_left: int
	open: bool
	ended: bool


def urgent_window(limitation_ends_on: dt.date, on: dt.date, window_days: int) -> UrgentWindow:
	"""Art 44(一): 距法定时效或者期限届满不足七日.

	The day `on` is not counted (民法典 Art 201): from a Monday, a period ending on Sunday has 6 days
	left, and the window is open; one ending the next Monday has 7 left, and it is not. A period ending
	on `on` itself has 0 days left and runs until 24:00: still open.
	"""
	days_left = (limitation_ends_on - on).days
	return UrgentWindow(days_left, 0 <= days_left < window_days, days_left < 0)


def urgent_reason_for(
	reason: str | None, limitation_ends_on: dt.date | None, on: dt.date, window_days: int
) -> tuple[str | None, str | None]:
	"""The urgent-aid reason to record and the problem with it, if any.

	An empty reason is derived from the limitation date when the window is open. The limitation reason
	needs the date, inside the window; problems: "limitation_date_missing", "limitation_ended",
	"limitation_not_near".
	"""
	window = urgent_window(limitation_ends_on, on, window_days) if limitation_ends_on else None
	if not reason and window and window.open:
		return LIMITATION_ENDS_SOON, None
	if reason != LIMITATION_ENDS_SOON:
		return reason, None
	if window is None:
		return reason, "limitation_date_missing"
	if window.ended:
		return reason, "limitation_ended"
	if not window.open:
		return reason, "limitation_not_near"
	return reason, None


def objection_decision(previous_state: str | None, state: str) -> str | None:
	"""The justice bureau's decision on an objection (Art 49), read from the state it moved to."""
	if previous_state != OBJECTION_FILED or state == OBJECTION_FILED:
		return None
	return ORDERED_CORRECTED if state == UNDER_REVIEW else UPHELD


def is_late(done_at: dt.datetime, due: dt.datetime) -> bool:
	"""An act done after its due moment (the due moment itself is in time)."""
	return done_at > due


DETAINED_FORWARD_RULE = "LA-DETAINED-FORWARD"
ISOLATED_FORWARD_RULE = "LA-ISOLATED-FORWARD"


def forwarding_rule(compulsory_isolation: bool) -> str:
	"""The `Deadline Rule` of Art 39's 24 hours: in criminal custody, or in compulsory isolation."""
	return ISOLATED_FORWARD_RULE if compulsory_isolation else DETAINED_FORWARD_RULE


def forwarded_late(received_on: dt.datetime, forwarding_due: dt.datetime) -> bool:
	"""A detainee's application reached the centre after the 24 hours Art 39 allows."""
	return is_late(received_on, forwarding_due)


def notice_sent_at(notice_sent_on: dt.datetime | None, received_on: dt.datetime) -> dt.datetime:
	"""When the authority notified (Art 36): the notice's own date if entered, else its arrival.

	A notice posted before the period ends is in time (刑事诉讼法 Art 105: 在期满前已经交邮的，不算过期).
	"""
	return notice_sent_on or received_on

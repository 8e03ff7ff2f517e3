"""Counting rules of the legal aid reports: timeliness, volumes, outcomes and callbacks.

Pure: an application or a callback is a plain mapping of field name to value (what `frappe.get_list`
returns), the results are plain dataclasses. Rows are grouped by one area column (`prefecture`,
`county` or `township`) that every area record carries; a record above that tier has no group
(`None`), and `group_column=None` puts every row in one `TOTAL` group.

Timeliness follows Art 43 of the Legal Aid Law through the deadline engine:

- reviewed in time: the decision (`decided_on`) is no later than the review due date, counted from
  receipt with the materials pause not counted and a last day that is a holiday moved on;
- assigned in time: the assignment (`assigned_on`) is no later than the assignment due date, counted
  from the decision, or from receipt for notified defence (Art 36), which has no review;
- overdue now: a step with a time limit is running and its due moment (`current_due`) has passed.
"""

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from qh_legal_service.rules.deadlines import Unit, compute_due, is_overdue
from qh_legal_service.rules.eligibility import ART_32_CLAIMS, NOTIFIED_DEFENCE
from qh_legal_service.rules.legal_aid import (
	ARCHIVED,
	CLOSED,
	OBJECTION_FILED,
	REFUSED,
	STATES,
	TERMINATED,
	TERMINATION_REASONS,
	WITHDRAWN,
	current_step,
	materials_pause,
)
from qh_legal_service.rules.working_calendar import WorkingCalendar

Row = Mapping[str, object]

TOTAL = "Total"

# The special-group check fields of an application (Art 42 and the seed's priorities).
SPECIAL_GROUP_FLAGS = (
	"minor",
	"elderly_without_income",
	"disabled_without_income",
	"social_assistance_recipient",
	"entitled_group",
	"migrant_worker_pay_claim",
	"single_mother",
)
# The special groups counted: the check fields, and each Art 32 claim (the `art32_claim` value).
SPECIAL_GROUPS = (*SPECIAL_GROUP_FLAGS[:-1], *ART_32_CLAIMS, SPECIAL_GROUP_FLAGS[-1])
NO_SPECIAL_GROUP = "none"

MATTER_TYPE = "Matter Type"
SPECIAL_GROUP = "Special Group"
CHANNEL = "Channel"
DIVISION = "Division"
DIMENSIONS = (MATTER_TYPE, SPECIAL_GROUP, CHANNEL, DIVISION)

OUTCOMES = ("Won or Mostly Won", "Settled or Mediated", "Partly Won", "Lost", "Advice Given", "Other")
SATISFACTION_LEVELS = (
	"Very Satisfied",
	"Satisfied",
	"Basically Satisfied",
	"Dissatisfied",
	"Very Dissatisfied",
)
CALLBACK_TO_AIDED_PERSON = "Callback to the Aided Person"

# States in which a step with a time limit runs (see rules.legal_aid.current_step).
TIMED_STATES = frozenset(state for state in STATES if current_step(state, {}) is not None)


@dataclass(frozen=True)
class Limit:
	"""A time limit as a Deadline Rule gives it: a count and a unit."""

	count: int
	unit: str = Unit.CALENDAR_DAYS.value


REVIEW_LIMIT = Limit(7)  # LA-REVIEW, Art 43
ASSIGN_LIMIT = Limit(3)  # LA-ASSIGN, Art 43
NOTIFIED_ASSIGN_LIMIT = Limit(3)  # LA-NOTIFIED-ASSIGN, Art 36


def share(part: int, whole: int) -> float | None:
	"""Percentage rounded to one decimal; None when there is nothing to count."""
	return round(100.0 * part / whole, 1) if whole else None


def average(values: list[float]) -> float | None:
	"""Mean rounded to one decimal; None for no values."""
	return round(sum(values) / len(values), 1) if values else None


def days_between(start: dt.datetime, end: dt.datetime) -> float:
	"""Elapsed time in days, with fractions."""
	return (end - start).total_seconds() / 86400


def group_key(row: Row, group_column: str | None) -> str | None:
	"""The group a row counts in: its code in `group_column`, or TOTAL without a column."""
	if group_column is None:
		return TOTAL
	return row.get(group_column) or None


def _group_order(key: str | None) -> tuple[bool, str]:
	return (key is None, key or "")


def is_notified_defence(row: Row) -> bool:
	"""Notified defence (Art 36) is assigned straight from receipt, without a review decision."""
	return row.get("eligibility") == NOTIFIED_DEFENCE


def review_due(row: Row, limit: Limit = REVIEW_LIMIT, calendar: WorkingCalendar | None = None):
	"""When the review of an application was or is due, or None without a receipt time."""
	received = row.get("received_on")
	if not received:
		return None
	return compute_due(received, limit.count, limit.unit, materials_pause(row), calendar).due


def assignment_due(
	row: Row,
	limit: Limit = ASSIGN_LIMIT,
	notified_limit: Limit = NOTIFIED_ASSIGN_LIMIT,
	calendar: WorkingCalendar | None = None,
):
	"""When a lawyer was or is due to be assigned, or None before the clock starts."""
	if is_notified_defence(row):
		start, limit = row.get("received_on"), notified_limit
	else:
		start = row.get("decided_on")
	if not start:
		return None
	return compute_due(start, limit.count, limit.unit, (), calendar).due


def reviewed_in_time(
	row: Row, limit: Limit = REVIEW_LIMIT, calendar: WorkingCalendar | None = None
) -> bool | None:
	"""Whether the review decision met its limit; None if undecided or notified defence."""
	decided = row.get("decided_on")
	if not decided or is_notified_defence(row):
		return None
	due = review_due(row, limit, calendar)
	return due is not None and decided <= due


def assigned_in_time(
	row: Row,
	limit: Limit = ASSIGN_LIMIT,
	notified_limit: Limit = NOTIFIED_ASSIGN_LIMIT,
	calendar: WorkingCalendar | None = None,
) -> bool | None:
	"""Whether the assignment met its limit; None if not assigned or its clock never started."""
	assigned = row.get("assigned_on")
	if not assigned:
		return None
	due = assignment_due(row, limit, notified_limit, calendar)
	if due is None:
		return None
	return assigned <= due


def is_overdue_now(row: Row, now: dt.datetime) -> bool:
	"""A timed step is running and its due moment has passed."""
	due = row.get("current_due")
	return bool(due) and row.get("workflow_state") in TIMED_STATES and is_overdue(due, now)


@dataclass
class TimelinessRow:
	"""Art 43 timeliness of one group's applications."""

	group: str | None
	applications: int = 0
	decided: int = 0
	decided_in_time: int = 0
	assigned: int = 0
	assigned_in_time: int = 0
	overdue: int = 0
	decision_days: list[float] = field(default_factory=list)
	assignment_days: list[float] = field(default_factory=list)

	@property
	def review_share(self) -> float | None:
		"""Share of review decisions made within the limit, in percent."""
		return share(self.decided_in_time, self.decided)

	@property
	def assign_share(self) -> float | None:
		"""Share of assignments made within the limit, in percent."""
		return share(self.assigned_in_time, self.assigned)

	@property
	def average_decision_days(self) -> float | None:
		return average(self.decision_days)

	@property
	def average_assignment_days(self) -> float | None:
		return average(self.assignment_days)


def timeliness_by_group(
	rows: Iterable[Row],
	group_column: str | None,
	now: dt.datetime,
	calendar: WorkingCalendar | None = None,
	review: Limit = REVIEW_LIMIT,
	assign: Limit = ASSIGN_LIMIT,
	notified: Limit = NOTIFIED_ASSIGN_LIMIT,
) -> list[TimelinessRow]:
	"""Count decisions and assignments within their limits, and steps overdue now, per group."""
	groups: dict[str | None, TimelinessRow] = {}
	for row in rows:
		key = group_key(row, group_column)
		out = groups.setdefault(key, TimelinessRow(key))
		out.applications += 1
		out.overdue += is_overdue_now(row, now)
		in_time = reviewed_in_time(row, review, calendar)
		if in_time is not None:
			out.decided += 1
			out.decided_in_time += in_time
			out.decision_days.append(days_between(row["received_on"], row["decided_on"]))
		in_time = assigned_in_time(row, assign, notified, calendar)
		if in_time is not None:
			out.assigned += 1
			out.assigned_in_time += in_time
			start = row["received_on"] if is_notified_defence(row) else row["decided_on"]
			out.assignment_days.append(days_between(start, row["assigned_on"]))
	return sorted(groups.values(), key=lambda r: _group_order(r.group))


def special_groups_of(row: Row) -> list[str]:
	"""The special-group flags set on an application and its Art 32 claim, or [NO_SPECIAL_GROUP]."""
	groups = [group for group in SPECIAL_GROUPS if row.get(group) or row.get("art32_claim") == group]
	return groups or [NO_SPECIAL_GROUP]


@dataclass(frozen=True)
class VolumeRow:
	"""How many applications fall under one value of a dimension."""

	key: str | None
	applications: int
	share: float | None


def volumes(rows: Iterable[Row], dimension: str, group_column: str | None = None) -> list[VolumeRow]:
	"""Applications counted by a dimension; shares are of all applications.

	Under SPECIAL_GROUP an application counts once for every flag it carries (so the shares may add
	up to more than 100%), and once under NO_SPECIAL_GROUP if it carries none. Every special group
	is listed, with 0 where no application carries it. Under DIVISION the rows are counted by
	`group_column`.
	"""
	keys_of: Callable[[Row], list]
	order: tuple = ()
	if dimension == MATTER_TYPE:
		keys_of = lambda row: [row.get("matter_type") or None]  # noqa: E731
	elif dimension == CHANNEL:
		keys_of = lambda row: [row.get("channel") or None]  # noqa: E731
	elif dimension == SPECIAL_GROUP:
		keys_of, order = special_groups_of, (*SPECIAL_GROUPS, NO_SPECIAL_GROUP)
	elif dimension == DIVISION:
		if not group_column:
			raise ValueError("counting by division needs a group column")
		keys_of = lambda row: [group_key(row, group_column)]  # noqa: E731
	else:
		raise ValueError(f"unknown dimension {dimension!r}")
	counts: Counter = Counter()
	total = 0
	for row in rows:
		total += 1
		counts.update(keys_of(row))
	listed = [*order, *sorted((k for k in counts if k not in order), key=_group_order)]
	if dimension != SPECIAL_GROUP:
		listed.sort(key=lambda k: (-counts[k], *_group_order(k)))
	return [VolumeRow(key, counts[key], share(counts[key], total)) for key in listed]


def fate(row: Row) -> str | None:
	"""How an application ended: CLOSED, TERMINATED, REFUSED, WITHDRAWN, or None while it runs.

	An archived application is read from its time stamps, latest first. An objection pending
	against a refusal or termination keeps the application open.
	"""
	state = row.get("workflow_state")
	if state in (CLOSED, TERMINATED, REFUSED, WITHDRAWN):
		return state
	if state != ARCHIVED:
		return None
	if row.get("closed_on"):
		return CLOSED
	if row.get("terminated_on"):
		return TERMINATED
	decided, requested = row.get("decided_on"), row.get("materials_requested_on")
	if decided and not row.get("assigned_on") and not (requested and requested > decided):
		return REFUSED
	return WITHDRAWN


@dataclass
class OutcomeRow:
	"""What became of one group's applications."""

	group: str | None
	applications: int = 0
	closed: int = 0
	terminated: int = 0
	refused: int = 0
	withdrawn: int = 0
	running: int = 0
	objections: int = 0
	by_outcome: Counter = field(default_factory=Counter)
	by_termination_reason: Counter = field(default_factory=Counter)


def outcomes_by_group(rows: Iterable[Row], group_column: str | None) -> list[OutcomeRow]:
	"""Closures by outcome, terminations by Art 48 reason, refusals, withdrawals, per group.

	A closure or termination without its outcome or reason counts under "Other" / "Other Legal Ground".
	`objections` counts applications that ever had an objection filed (Art 49), whatever came of it.
	"""
	groups: dict[str | None, OutcomeRow] = {}
	for row in rows:
		key = group_key(row, group_column)
		out = groups.setdefault(key, OutcomeRow(key))
		out.applications += 1
		out.objections += bool(row.get("objection_filed_on")) or row.get("workflow_state") == OBJECTION_FILED
		ended = fate(row)
		if ended == CLOSED:
			out.closed += 1
			outcome = row.get("outcome")
			out.by_outcome[outcome if outcome in OUTCOMES else "Other"] += 1
		elif ended == TERMINATED:
			out.terminated += 1
			reason = row.get("termination_reason")
			out.by_termination_reason[reason if reason in TERMINATION_REASONS else "Other Legal Ground"] += 1
		elif ended == REFUSED:
			out.refused += 1
		elif ended == WITHDRAWN:
			out.withdrawn += 1
		else:
			out.running += 1
	return sorted(groups.values(), key=lambda r: _group_order(r.group))


def latest_callbacks(callbacks: Iterable[Row]) -> dict[str, Row]:
	"""For each application, its latest callback to the aided person (by date, then name)."""
	latest: dict[str, Row] = {}
	for callback in callbacks:
		if (callback.get("quality_check") or CALLBACK_TO_AIDED_PERSON) != CALLBACK_TO_AIDED_PERSON:
			continue
		application = callback.get("application")
		if not application:
			continue
		key = (callback.get("called_on") or dt.date.min, callback.get("name") or "")
		held = latest.get(application)
		if held is None or key > (held.get("called_on") or dt.date.min, held.get("name") or ""):
			latest[application] = callback
	return latest


@dataclass
class CallbackRow:
	"""Art 59 callbacks to the aided person for one group's closed cases."""

	group: str | None
	closed: int = 0
	called_back: int = 0
	by_satisfaction: Counter = field(default_factory=Counter)

	@property
	def callback_share(self) -> float | None:
		return share(self.called_back, self.closed)

	@property
	def dissatisfied(self) -> int:
		"""Bad reviews (the last two levels), which must be rectified and called back again."""
		return sum(self.by_satisfaction[level] for level in SATISFACTION_LEVELS[3:])


def callbacks_by_group(
	applications: Iterable[Row], callbacks: Iterable[Row], group_column: str | None
) -> list[CallbackRow]:
	"""Closed cases, those with a callback, and the satisfaction of each case's latest callback, per group.

	Only closed applications count; other quality checks (court attendance, file review) are not callbacks.
	"""
	latest = latest_callbacks(callbacks)
	groups: dict[str | None, CallbackRow] = {}
	for row in applications:
		if fate(row) != CLOSED:
			continue
		key = group_key(row, group_column)
		out = groups.setdefault(key, CallbackRow(key))
		out.closed += 1
		callback = latest.get(row.get("name"))
		if callback is not None:
			out.called_back += 1
			out.by_satisfaction[callback.get("satisfaction")] += 1
	return sorted(groups.values(), key=lambda r: _group_order(r.group))


def closed_without_callback(applications: Iterable[Row], callbacks: Iterable[Row]) -> list[Row]:
	"""Closed applications with no callback to the aided person yet, longest closed first."""
	latest = latest_callbacks(callbacks)
	waiting = [row for row in applications if fate(row) == CLOSED and row.get("name") not in latest]
	return sorted(waiting, key=lambda row: (row.get("closed_on") or dt.datetime.max, row.get("name") or ""))

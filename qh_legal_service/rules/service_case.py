"""The service-case mechanism: each service declares its steps, stamps and documents as data.

Pure: plain values in and out. A service (legal aid, mediation, notarization...) is a
`ServiceDeclaration`: its workflow states, the time-limited steps that run in them (`StepRule`: the
states it runs in, the `Deadline Rule` that times it, the field that starts its clock, the spans that
pause it, what happens when it is overdue), the timestamp each state sets on entry, the fields each
state requires, and its official documents (`rules.documents.DocumentRule`). The Frappe side
(`qh_legal_service.service_case`) reads the declaration: one controller mixin times every case and one
scheduled job escalates every overdue step of every service declared in the hooks (`service_cases`).

When a step ends, the record keeps what supervisors count (`StepFact`: started, due, ended, in time or
late and by how many hours), so reports aggregate stored facts instead of recomputing deadlines.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qh_legal_service.rules.deadlines import END_OF_DAY, Pause
from qh_legal_service.rules.documents import DocumentRule
from qh_legal_service.rules.scope import TIERS

# A condition value meaning "the field holds any value" (see `StepRule.when`).
IS_SET = object()
# A condition value meaning "the field is empty".
IS_EMPTY = object()

# What the scheduled job does with an overdue step: tell the supervisors one tier above (督办).
ESCALATE = "escalate"

# The fields every service case doctype has, set only by the server (permission level 2).
CASE_FIELDS = (
	"states_passed",
	"current_step",
	"current_due",
	"deadline_lines",
	"deadline_explanation",
	"escalated_step",
	"escalated_on",
	"step_log",
)
# The child table that stores the facts of each step (`StepFact`).
STEP_LOG_DOCTYPE = "Service Case Step"


@dataclass(frozen=True)
class PauseSpan:
	"""Spans of time a step's clock does not count: rows of a child table, or two fields of the record.

	With `table`, every row with both ends pauses the clock; a record without rows falls back to the
	record's own `start`/`end` fields when `fallback` is set. A span begun and not yet ended stops the
	clock: the step has no due moment until it ends (公证法 Art 30: the time is not counted), and then the
	whole span is left out like any other.
	"""

	start: str
	end: str
	reason: str
	table: str | None = None
	fallback: tuple[str, str] | None = None


@dataclass(frozen=True)
class StepRule:
	"""One time-limited step: in which states it runs, what times it, what starts and pauses it.

	Steps are tried in declared order and the first whose `states` hold the case's state and whose
	`when` conditions all hold runs. `rule_code` names the `Deadline Rule`; `fixed_due_field` replaces it
	with a date a person set (the due moment is 24:00 that day). `on_overdue` is `ESCALATE` or the state
	the case is moved to when the step is overdue (with `overdue_note`, a msgid, commented on the case).
	"""

	name: str
	states: frozenset[str]
	start_field: str
	rule_code: str | None = None
	fixed_due_field: str | None = None
	pauses: tuple[PauseSpan, ...] = ()
	when: Mapping[str, object] = field(default_factory=dict)
	in_custody_field: str | None = None
	on_overdue: str = ESCALATE
	overdue_note: str | None = None


@dataclass(frozen=True)
class ServiceDeclaration:
	"""Everything the mechanism needs to know of one service."""

	doctype: str
	states: tuple[str, ...]
	initial_state: str
	steps: tuple[StepRule, ...] = ()
	stamped_on_entry: Mapping[str, str] = field(default_factory=dict)
	required_in_state: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
	documents: Mapping[str, DocumentRule] = field(default_factory=dict)
	# The field naming the person served, for the overdue alerts.
	title_field: str = "name"
	# The tier whose offices handle the cases (legal aid: the county centres); an overdue step goes to
	# the supervisors one tier above it, holding one of `supervisor_roles`.
	handled_at: str = "County"
	supervisor_roles: tuple[str, ...] = ("Prefecture Supervisor", "Province Supervisor")
	# The field holding the case's state: the workflow's, or a status the server sets (Service Order).
	state_field: str = "workflow_state"

	@property
	def step_names(self) -> tuple[str, ...]:
		"""Each step's name once, in declared order (stored in `current_step`, translated on screens)."""
		return tuple(dict.fromkeys(step.name for step in self.steps))

	def step(self, name: str) -> StepRule | None:
		"""The first declared step of that name."""
		return next((step for step in self.steps if step.name == name), None)

	@property
	def datetime_fields(self) -> tuple[str, ...]:
		"""The record's fields the steps read as moments (start fields, pause fallbacks, stamps)."""
		names = [step.start_field for step in self.steps]
		names += [
			name for step in self.steps for span in step.pauses if span.fallback for name in span.fallback
		]
		names += list(self.stamped_on_entry.values())
		return tuple(dict.fromkeys(names))

	@property
	def date_fields(self) -> tuple[str, ...]:
		"""The record's fields the steps read as days (a due date a person set)."""
		return tuple(dict.fromkeys(step.fixed_due_field for step in self.steps if step.fixed_due_field))

	@property
	def pause_tables(self) -> dict[str, tuple[str, str]]:
		"""Child tables whose rows pause a clock: table → (start field, end field)."""
		return {
			span.table: (span.start, span.end) for step in self.steps for span in step.pauses if span.table
		}


@dataclass(frozen=True)
class RunningStep:
	"""The step now running: its rule, when it started, what pauses it and a due date a person set."""

	rule: StepRule
	start: dt.datetime | None
	pauses: tuple[Pause, ...] = ()
	fixed_due: dt.datetime | None = None
	# A pause begun and not yet ended: the clock is stopped since then, for that reason.
	paused_since: dt.datetime | None = None
	paused_for: str | None = None

	@property
	def name(self) -> str:
		return self.rule.name

	@property
	def rule_code(self) -> str | None:
		return self.rule.rule_code

	@property
	def timed(self) -> bool:
		"""Whether a due moment can be computed: a rule with a start, or a date a person set."""
		return bool(self.fixed_due or (self.rule.rule_code and self.start))


def _condition_holds(value: object, expected: object) -> bool:
	if expected is IS_SET:
		return bool(value)
	if expected is IS_EMPTY:
		return not value
	return value == expected


def pauses_of(span: PauseSpan, values: Mapping) -> tuple[Pause, ...]:
	"""The closed pauses one declared span gives the record `values`."""
	if not span.table:
		ends = [(values.get(span.start), values.get(span.end))]
	else:
		ends = [(row.get(span.start), row.get(span.end)) for row in values.get(span.table) or ()]
		if not ends and span.fallback:
			ends = [(values.get(span.fallback[0]), values.get(span.fallback[1]))]
	return tuple(Pause(start, end, span.reason) for start, end in ends if start and end and end > start)


def open_pause(
	span: PauseSpan, values: Mapping, since: dt.datetime | None = None
) -> tuple[dt.datetime, str] | None:
	"""The span's pause still open (begun, not ended, not before `since`): when it began and why (a row's
	own `reason` when it has one), or None."""
	if not span.table:
		ends = [(values.get(span.start), values.get(span.end), None)]
	else:
		ends = [
			(row.get(span.start), row.get(span.end), row.get("reason"))
			for row in values.get(span.table) or ()
		]
		if not ends and span.fallback:
			ends = [(values.get(span.fallback[0]), values.get(span.fallback[1]), None)]
	begun = [
		(start, why or span.reason)
		for start, end, why in ends
		if start and not end and (not since or start >= since)
	]
	return max(begun, default=None)


def running_step(steps: Sequence[StepRule], state: str, values: Mapping) -> RunningStep | None:
	"""The time-limited step of `steps` a case in `state` with these values is in, or None."""
	for rule in steps:
		if state not in rule.states:
			continue
		if not all(_condition_holds(values.get(name), want) for name, want in rule.when.items()):
			continue
		start = values.get(rule.start_field)
		# A pause that ended before the step started (a request answered before a re-review was
		# ordered) is no part of this step's time.
		pauses = tuple(
			pause
			for span in rule.pauses
			for pause in pauses_of(span, values)
			if not start or pause.end > start
		)
		fixed = None
		if rule.fixed_due_field and (day := values.get(rule.fixed_due_field)):
			fixed = dt.datetime.combine(day, END_OF_DAY)
		open_pauses = filter(None, (open_pause(span, values, start) for span in rule.pauses))
		since, reason = max(open_pauses, default=(None, None))
		return RunningStep(rule, start, pauses, fixed, paused_since=since, paused_for=reason)
	return None


def missing_for_state(service: ServiceDeclaration, state: str, values: Mapping) -> list[str]:
	"""The fields a state requires that are still empty."""
	return [name for name in service.required_in_state.get(state, ()) if not values.get(name)]


def escalation_node(path: Mapping[str, str], handled_at: str = "County") -> str | None:
	"""The division one tier above the office handling a case at `path` (tier → code), or None.

	A case is handled at the deepest tier of its path no lower than `handled_at`: legal aid's county
	centres send an overdue step to the prefecture, and a case handled at the prefecture to the province.
	"""
	handling = [tier for tier in TIERS[: TIERS.index(handled_at) + 1] if path.get(tier)]
	if not handling:
		return None
	above = [tier for tier in TIERS[: TIERS.index(handling[-1])] if path.get(tier)]
	return path[above[-1]] if above else None


@dataclass(frozen=True)
class StepFact:
	"""What a supervisor counts of one step: when it ran, when it was due and whether it ended in time."""

	step: str
	rule_code: str | None
	started_on: dt.datetime | None
	due_on: dt.datetime | None
	ended_on: dt.datetime | None = None
	ended_in_state: str | None = None

	@property
	def late(self) -> bool:
		"""Ended after its due moment (the due moment itself is in time)."""
		return bool(self.ended_on and self.due_on and self.ended_on > self.due_on)

	@property
	def overrun_hours(self) -> float:
		"""How many hours after its due moment it ended (0 when in time or still running)."""
		if not self.late:
			return 0.0
		return round((self.ended_on - self.due_on).total_seconds() / 3600, 2)

	def as_row(self) -> dict:
		"""The values of its `Service Case Step` row."""
		return {
			"step": self.step,
			"rule_code": self.rule_code,
			"started_on": self.started_on,
			"due_on": self.due_on,
			"ended_on": self.ended_on,
			"ended_in_state": self.ended_in_state,
			"late": int(self.late),
			"overrun_hours": self.overrun_hours,
		}


def log_step(rows: Sequence[Mapping], running: StepFact | None, now: dt.datetime, state: str) -> list[dict]:
	"""The step log after a save: open steps that no longer run end now; the running step is open.

	A step is one row per (step, start): a review resumed after a materials request reopens its own row,
	with the due moment that now counts the pause; a new materials request starts a row of its own.
	"""
	log = [dict(row) for row in rows]
	key = (running.step, running.started_on) if running else None
	for row in log:
		if (row.get("step"), row.get("started_on")) == key:
			continue
		if not row.get("ended_on"):
			fact = StepFact(
				row["step"], row.get("rule_code"), row.get("started_on"), row.get("due_on"), now, state
			)
			row.update(fact.as_row())
	if running is None:
		return log
	current = next((row for row in log if (row.get("step"), row.get("started_on")) == key), None)
	if current is None:
		log.append(running.as_row())
	else:
		current.update(running.as_row())
	return log

"""Counting rules of the legal aid reports, read from the stored supervision figures.

Pure: the input is what `figures.figure_sums` returns (plain mappings holding an area column, `figure`,
`category` and the sums `records`, `timed`, `in_time`, `days`), the results are plain dataclasses. A
report reads a handful of sums per area and month instead of every application (see `rules.figures`),
so these rules only add sums up and divide them.

Each figure counts in the month its event happened (`rules.figure_sources.LEGAL_AID`):

- received, by matter type, channel, special group and Art 32 claim: the month of receipt;
- decided (`DECISION`, days from receipt): the month of the decision;
- review steps (`Review and decide`, `Review again as ordered`): timed and in time as the step log
  stored them when each step ended, the materials pause already left out of their due moment (Art 43);
- assignment steps (`Assign a lawyer` from the decision, `Assign a defence lawyer` from a notice, Art
  36): assigned, in time and days as the step log stored them;
- closed by outcome, terminated by Art 48 reason, objections (Art 49): the month of their stamp;
- refused, withdrawn: the steps that ended in that state (`ENDED_IN`);
- callbacks to the aided person by satisfaction (Art 59): the month of the call.

Rows are grouped by one area column (`prefecture`, `county` or `township`); a figure kept above that
tier has no group (`None`), and `TOTAL` is every row together.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules.eligibility import ART_32_CLAIMS
from qh_legal_service.rules.figures import (
	ENDED_IN,
	GROUP,
	NO_GROUP,
	RECEIVED,
	STEP,
	Measures,
	average,
	share,
	sum_measures,
)
from qh_legal_service.rules.legal_aid import (
	ARCHIVED,
	ASSIGN_STEP,
	CLOSED,
	DEFENCE_STEP,
	REFUSED,
	REREVIEW_STEP,
	REVIEW_STEP,
	STATES,
	TERMINATED,
	TERMINATION_REASONS,
	WITHDRAWN,
	current_step,
)
from qh_legal_service.rules.special_groups import SPECIAL_GROUPS as SHARED_GROUPS

Row = Mapping[str, object]
# (figure, category) -> the summed measures of one group.
Sums = dict[tuple[str, str], Measures]

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
# The special groups counted: the groups every service shares, then each Art 32 claim.
SPECIAL_GROUPS = (*SHARED_GROUPS, *ART_32_CLAIMS)
NO_SPECIAL_GROUP = NO_GROUP

MATTER_TYPE = "Matter Type"
SPECIAL_GROUP = "Special Group"
CHANNEL = "Channel"
DIVISION = "Division"
DIMENSIONS = (MATTER_TYPE, SPECIAL_GROUP, CHANNEL, DIVISION)
# The figures each dimension of the Volumes report reads (a division is read from the receipts).
DIMENSION_FIGURES = {
	MATTER_TYPE: (fs.MATTER_TYPE,),
	CHANNEL: (fs.CHANNEL,),
	SPECIAL_GROUP: (GROUP, fs.ART32_CLAIM),
	DIVISION: (RECEIVED,),
}

OUTCOMES = ("Won or Mostly Won", "Settled or Mediated", "Partly Won", "Lost", "Advice Given", "Other")
SATISFACTION_LEVELS = (
	"Very Satisfied",
	"Satisfied",
	"Basically Satisfied",
	"Dissatisfied",
	"Very Dissatisfied",
)
CALLBACK_TO_AIDED_PERSON = "Callback to the Aided Person"

REVIEW_STEPS = (REVIEW_STEP, REREVIEW_STEP)
ASSIGN_STEPS = (ASSIGN_STEP, DEFENCE_STEP)

# States in which a step with a time limit runs (see rules.legal_aid.current_step): "Overdue Now".
TIMED_STATES = tuple(state for state in STATES if current_step(state, {}) is not None)
# States an application has ended in; every other state is "Still Running" (a pending objection too).
ENDED_STATES = (CLOSED, TERMINATED, REFUSED, WITHDRAWN, ARCHIVED)
RUNNING_STATES = tuple(state for state in STATES if state not in ENDED_STATES)

TIMELINESS_FIGURES = (RECEIVED, fs.DECISION, STEP)
OUTCOME_FIGURES = (RECEIVED, fs.OUTCOME, fs.TERMINATION, fs.OBJECTION, ENDED_IN)
CALLBACK_FIGURES = (fs.OUTCOME, fs.AIDED_PERSON_CALLBACK)


def _group_order(key: str | None) -> tuple[bool, str]:
	return (key is None, key or "")


def measures_of(row: Row) -> Measures:
	return sum_measures([row])


def sums_by_group(rows: Iterable[Row], group_column: str | None) -> dict[str | None, Sums]:
	"""The sums of each group (the value of `group_column`, None above its tier), by (figure, category).

	Without a column every row counts in one TOTAL group. Groups come in code order, None last.
	"""
	groups: dict[str | None, Sums] = {}
	for row in rows:
		key = TOTAL if group_column is None else (row.get(group_column) or None)
		sums = groups.setdefault(key, {})
		index = (str(row.get("figure") or ""), str(row.get("category") or ""))
		sums[index] = sums.get(index, Measures()) + measures_of(row)
	return {key: groups[key] for key in sorted(groups, key=_group_order)}


def total_sums(groups: Mapping[object, Sums]) -> Sums:
	"""Every group's sums added together."""
	total: Sums = {}
	for sums in groups.values():
		for index, measures in sums.items():
			total[index] = total.get(index, Measures()) + measures
	return total


def figure(sums: Sums, name: str, categories: Iterable[str] | None = None) -> Measures:
	"""One figure's measures, over the given categories (all of them when None)."""
	wanted = None if categories is None else set(categories)
	return sum(
		(m for (f, category), m in sums.items() if f == name and (wanted is None or category in wanted)),
		Measures(),
	)


def by_category(sums: Sums, name: str) -> dict[str, int]:
	"""One figure's record counts by category."""
	counts: dict[str, int] = {}
	for (f, category), measures in sums.items():
		if f == name:
			counts[category] = counts.get(category, 0) + measures.records
	return counts


@dataclass(frozen=True)
class TimelinessRow:
	"""Art 43 timeliness of one group in the period."""

	group: str | None
	applications: int = 0
	decided: int = 0
	decision_days: float | None = None
	review_share: float | None = None
	assigned: int = 0
	assign_share: float | None = None
	assignment_days: float | None = None
	overdue: int = 0


def timeliness(group: str | None, sums: Sums, overdue: int = 0) -> TimelinessRow:
	"""Receipts, decisions (days from receipt), review steps in time, assignment steps in time and days.

	The review share is that of review steps ended by their due moment among the timed ones; decided and
	the days to a decision come from the decision stamps; an assignment is an assignment step that ended.
	"""
	decision = figure(sums, fs.DECISION)
	review = figure(sums, STEP, REVIEW_STEPS)
	assign = figure(sums, STEP, ASSIGN_STEPS)
	return TimelinessRow(
		group,
		applications=figure(sums, RECEIVED).records,
		decided=decision.records,
		decision_days=average(decision.days, decision.timed),
		review_share=share(review.in_time, review.timed),
		assigned=assign.records,
		assign_share=share(assign.in_time, assign.timed),
		assignment_days=average(assign.days, assign.records),
		overdue=overdue,
	)


@dataclass(frozen=True)
class VolumeRow:
	"""How many applications fall under one value of a dimension."""

	key: str | None
	applications: int
	share: float | None


def volumes(sums: Mapping[object, Sums], dimension: str) -> tuple[list[VolumeRow], int]:
	"""Applications received by a dimension, with shares of all received, and how many were received.

	`sums` holds the sums by division (a group column) for DIVISION, one TOTAL group otherwise. Under
	SPECIAL_GROUP an application counts once for every group it belongs to and every Art 32 claim it
	makes (so shares may add up to more than 100%); every group is listed, with 0 where none counts.
	NO_SPECIAL_GROUP counts those in none of the shared groups (an Art 32 claim is no such group).
	"""
	total = figure(total_sums(sums), RECEIVED).records
	if dimension == DIVISION:
		counts = {key: figure(group_sums, RECEIVED).records for key, group_sums in sums.items()}
		order: tuple = ()
	elif dimension in DIMENSION_FIGURES:
		merged = total_sums(sums)
		counts = {}
		for name in DIMENSION_FIGURES[dimension]:
			for category, count in by_category(merged, name).items():
				counts[category or None] = counts.get(category or None, 0) + count
		order = (*SPECIAL_GROUPS, NO_SPECIAL_GROUP) if dimension == SPECIAL_GROUP else ()
	else:
		raise ValueError(f"unknown dimension {dimension!r}")
	counts = {key: count for key, count in counts.items() if count or key in order}
	listed = [*order, *sorted((k for k in counts if k not in order), key=_group_order)]
	if dimension != SPECIAL_GROUP:
		listed.sort(key=lambda k: (-counts[k], *_group_order(k)))
	return [VolumeRow(key, counts.get(key, 0), share(counts.get(key, 0), total)) for key in listed], total


@dataclass(frozen=True)
class OutcomeRow:
	"""What became of one group's applications in the period, and how many still run today."""

	group: str | None
	applications: int = 0
	running: int = 0
	closed: int = 0
	terminated: int = 0
	refused: int = 0
	withdrawn: int = 0
	objections: int = 0
	by_outcome: tuple[tuple[str, int], ...] = ()
	by_termination_reason: tuple[tuple[str, int], ...] = ()


def _fold(counts: Mapping[str, int], known: tuple[str, ...], other: str) -> tuple[tuple[str, int], ...]:
	"""Counts under each known value, an unknown or empty one counted under `other`."""
	folded = dict.fromkeys(known, 0)
	for key, count in counts.items():
		folded[key if key in folded else other] += count
	return tuple(folded.items())


def outcomes(group: str | None, sums: Sums, running: int = 0) -> OutcomeRow:
	"""Closures by outcome, terminations by Art 48 reason, refusals, withdrawals and objections.

	A closure or termination without its outcome or reason counts under "Other" / "Other Legal Ground".
	"""
	ended_in = by_category(sums, ENDED_IN)
	return OutcomeRow(
		group,
		applications=figure(sums, RECEIVED).records,
		running=running,
		closed=figure(sums, fs.OUTCOME).records,
		terminated=figure(sums, fs.TERMINATION).records,
		refused=ended_in.get(REFUSED, 0),
		withdrawn=ended_in.get(WITHDRAWN, 0),
		objections=figure(sums, fs.OBJECTION).records,
		by_outcome=_fold(by_category(sums, fs.OUTCOME), OUTCOMES, "Other"),
		by_termination_reason=_fold(
			by_category(sums, fs.TERMINATION), TERMINATION_REASONS, "Other Legal Ground"
		),
	)


@dataclass(frozen=True)
class CallbackRow:
	"""Cases closed in the period and the callbacks to the aided person made in it (Art 59)."""

	group: str | None
	closed: int = 0
	called_back: int = 0
	by_satisfaction: tuple[tuple[str, int], ...] = ()

	@property
	def callback_share(self) -> float | None:
		return share(self.called_back, self.closed)

	@property
	def dissatisfied(self) -> int:
		"""Bad reviews (the last two levels), which must be rectified and called back again."""
		return sum(count for level, count in self.by_satisfaction if level in SATISFACTION_LEVELS[3:])


def callbacks(group: str | None, sums: Sums) -> CallbackRow:
	"""Closed cases (by their closure's month) against callbacks to the aided person (by the call's month)."""
	by_level = by_category(sums, fs.AIDED_PERSON_CALLBACK)
	return CallbackRow(
		group,
		closed=figure(sums, fs.OUTCOME).records,
		called_back=sum(by_level.values()),
		by_satisfaction=tuple((level, by_level.get(level, 0)) for level in SATISFACTION_LEVELS),
	)

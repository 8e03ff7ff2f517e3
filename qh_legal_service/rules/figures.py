"""Supervision figures: the facts a record contributes to the monthly counts supervisors read.

Pure. A record of any service adds to a handful of counters, each keyed by (month, figure, category):
one for its receipt, one per value of each dimension it is counted by (matter type, channel, …), one
per step of its step log that has ended (with the step's timeliness, and the state it ended in) or was
escalated, one per
special group it belongs to (with the timeliness of its steps), and one per outcome-like stamp. `record_figures` lists them; `figure_delta` is what a save changes.
The site keeps the sums per month in `Service Figure` at three levels (`LEVELS`): per township, and
again per county and per prefecture, so that a report reads the sums of the groups it shows (a
province's eight prefectures, a county's townships) instead of every record, and at a million records
the province's reads stay a few thousand rows (at a township's handful of records a month, township
sums are nearly as many as the records).

The month a figure counts in is the month of the date that ends the step or stamps the fact: a monthly
bulletin counts what happened in the month, and a fact once ended never moves to another month.
"""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from qh_legal_service.rules.service_case import _condition_holds
from qh_legal_service.rules.special_groups import GROUP_DOCTYPE, MEMBERSHIP_FIELD

# Figures every source may have; services add their own names (`FigureRule.figure`).
RECEIVED = "received"
STEP = "step"
GROUP = "group"
GROUP_STEP = "group_step"
# The state a record moved to when a step ended (withdrawn, refused, …), counted in that month.
ENDED_IN = "ended_in"
# A step escalated to the supervisors when overdue (督办), by step, in the month it was escalated.
ESCALATED = "escalated"
# The month of the "current" figures: the records NOW in each value of a field (a state, an assigned
# worker), not a month's events. A save moves a record from its old value to its new one, a deletion
# takes it back. A sentinel no report asks for (reports take months from a real date).
CURRENT_MONTH = dt.date(1900, 1, 1)
# The figure counting records by the current value of a field: f"{CURRENT}{fieldname}".
CURRENT = "current:"
# The category of a figure counted as one total.
TOTAL = ""
# The category of a record that belongs to none of the special groups.
NO_GROUP = "none"


@dataclass(frozen=True)
class FigureRule:
	"""One count a record adds to when `on` is set: in the month of `on`, under the value of `by`.

	`when` holds conditions on the record's fields, as in `StepRule.when`. `days_from` names the field
	the count's duration runs from (to `on`), summed in the figure's `days`.
	"""

	figure: str
	on: str
	by: str | None = None
	when: Mapping[str, object] = field(default_factory=dict)
	days_from: str | None = None


@dataclass(frozen=True)
class FigureSource:
	"""A doctype whose records supervisors count: its figures, special groups and step log.

	`received` is the figure counting every record in the month of its `on` field; `special_groups`
	maps a check field of the record to the group it marks (`rules.special_groups`),
	`group_by_value` a Select field whose values are groups themselves, and `group_table` names a table
	of `Special Group Membership` rows (`rules.special_groups.GROUPS_FIELD`) whose links are the groups.
	"""

	doctype: str
	received: FigureRule
	figures: tuple[FigureRule, ...] = ()
	special_groups: Mapping[str, str] = field(default_factory=dict)
	group_by_value: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
	step_log: str | None = None
	group_table: str | None = None
	# Fields whose current value each record counts under (CURRENT_MONTH, current_figure(field), value):
	# the desk's whole-area counts by state and sidebar field, read from the sums (site desk_counts.py).
	current: tuple[str, ...] = ()

	@property
	def fields(self) -> tuple[str, ...]:
		"""The record's own fields the figures read (a pure test checks them against the doctype)."""
		names = []
		for rule in (self.received, *self.figures):
			names += [
				rule.on,
				*([rule.by] if rule.by else []),
				*rule.when,
				*([rule.days_from] if rule.days_from else []),
			]
		names += [*self.special_groups, *self.group_by_value, *self.current]
		# The group table is read apart (a table is not a column of the record's row).
		return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Measures:
	"""What one counter adds up: records, how many had a deadline, how many met it, and their days."""

	records: int = 0
	timed: int = 0
	in_time: int = 0
	days: float = 0.0

	def __add__(self, other: "Measures") -> "Measures":
		return Measures(
			self.records + other.records,
			self.timed + other.timed,
			self.in_time + other.in_time,
			round(self.days + other.days, 4),
		)

	def __neg__(self) -> "Measures":
		return Measures(-self.records, -self.timed, -self.in_time, -self.days)

	def __bool__(self) -> bool:
		return bool(self.records or self.timed or self.in_time or self.days)


ONE = Measures(records=1)

# (month, figure, category): the key of one counter of a record's area.
FigureKey = tuple[dt.date, str, str]


def current_figure(fieldname: str) -> str:
	"""The figure counting records by the current value of `fieldname`."""
	return f"{CURRENT}{fieldname}"


def current_category(value: object) -> str:
	"""The category a current value counts under: its text ("" for none; a check's 0 is "0")."""
	return "" if value is None else str(value)


def month_of(value: object) -> dt.date | None:
	"""The first day of the month of a date, a datetime or an ISO string; None for an empty value."""
	if not value:
		return None
	if isinstance(value, str):
		value = dt.date.fromisoformat(value[:10])
	return dt.date(value.year, value.month, 1)


def _as_datetime(value: object) -> dt.datetime | None:
	if not value:
		return None
	if isinstance(value, str):
		return dt.datetime.fromisoformat(value)
	if isinstance(value, dt.datetime):
		return value
	return dt.datetime(value.year, value.month, value.day)


DAY_SECONDS = 86400
DAYS_PLACES = Decimal("0.0001")


def days_between(start: object, end: object) -> float:
	"""Days from `start` to `end`, never negative: whole seconds (a part of a second is not counted) over a
	day, rounded half up to 4 places, exactly as the database's recount computes them
	(`timestampdiff(second, start, end) / 86400`), so that a save and a recount add the same days."""
	start, end = _as_datetime(start), _as_datetime(end)
	if not start or not end:
		return 0.0
	# int() truncates towards zero, as timestampdiff does.
	seconds = max(int((end - start).total_seconds()), 0)
	return float((Decimal(seconds) / DAY_SECONDS).quantize(DAYS_PLACES, rounding=ROUND_HALF_UP))


def figures_named_by(source: FigureSource, links: Mapping[str, str], doctype: str) -> frozenset[str]:
	"""The figures of `source` whose categories are names of `doctype`'s records (renamed, they must move).

	`links` gives each Link field of the record the doctype it links to: a figure counted by such a field
	(a `FigureRule`'s `by`, a current value) is named by its records, and the groups of a special group
	table (GROUP, GROUP_STEP) by the Special Group's.
	"""
	fields = {name for name, target in links.items() if target == doctype}
	named = {rule.figure for rule in source.figures if rule.by in fields}
	named |= {current_figure(name) for name in source.current if name in fields}
	if source.group_table and doctype == GROUP_DOCTYPE:
		named |= {GROUP, GROUP_STEP}
	return frozenset(named)


def groups_of(source: FigureSource, record: Mapping) -> list[str]:
	"""The special groups a record belongs to, in declared order, or [NO_GROUP]."""
	groups = [group for fieldname, group in source.special_groups.items() if record.get(fieldname)]
	for fieldname, groups_by_value in source.group_by_value.items():
		group = groups_by_value.get(record.get(fieldname) or "")
		if group:
			groups.append(group)
	if source.group_table:
		groups += [group for group in map(_group_of_row, record.get(source.group_table) or ()) if group]
	return list(dict.fromkeys(groups)) or [NO_GROUP]


def _group_of_row(row: object) -> str | None:
	"""The group of one membership row (a child record, a dict, or the group's name itself)."""
	if isinstance(row, str):
		return row
	return row.get(MEMBERSHIP_FIELD)


def _add(figures: dict, key: FigureKey, measures: Measures) -> None:
	figures[key] = figures.get(key, Measures()) + measures


def step_measures(row: Mapping) -> Measures:
	"""One ended step: counted, timed when it had a due moment, in time when it ended by then."""
	due, ended = _as_datetime(row.get("due_on")), _as_datetime(row.get("ended_on"))
	timed = int(due is not None)
	in_time = int(bool(timed and ended and ended <= due))
	return Measures(1, timed, in_time, days_between(row.get("started_on"), ended))


def record_figures(
	source: FigureSource, record: Mapping, steps: Sequence[Mapping] = ()
) -> dict[FigureKey, Measures]:
	"""Every counter one record adds to, with what it adds (an empty dict for a record not yet dated).

	`steps` are the rows of its step log; only ended steps count, in the month they ended.
	"""
	figures: dict[FigureKey, Measures] = {}
	groups = groups_of(source, record)
	for fieldname in source.current:
		_add(
			figures, (CURRENT_MONTH, current_figure(fieldname), current_category(record.get(fieldname))), ONE
		)
	received = month_of(record.get(source.received.on))
	if received:
		_add(figures, (received, source.received.figure, TOTAL), ONE)
		for group in groups:
			_add(figures, (received, GROUP, group), ONE)
	for rule in source.figures:
		month = month_of(record.get(rule.on))
		if not month or not all(
			_condition_holds(record.get(name), value) for name, value in rule.when.items()
		):
			continue
		category = str(record.get(rule.by) or "") if rule.by else TOTAL
		days = days_between(record.get(rule.days_from), record.get(rule.on)) if rule.days_from else 0.0
		timed = int(bool(rule.days_from and record.get(rule.days_from)))
		_add(figures, (month, rule.figure, category), Measures(1, timed, 0, days))
	for row in steps:
		escalated = month_of(row.get("escalated_on"))
		if escalated:
			_add(figures, (escalated, ESCALATED, str(row.get("step") or "")), ONE)
		month = month_of(row.get("ended_on"))
		if not month:
			continue
		measures = step_measures(row)
		_add(figures, (month, STEP, str(row.get("step") or "")), measures)
		_add(figures, (month, ENDED_IN, str(row.get("ended_in_state") or "")), ONE)
		for group in groups:
			_add(figures, (month, GROUP_STEP, group), measures)
	return figures


def figure_delta(
	before: Mapping[FigureKey, Measures], after: Mapping[FigureKey, Measures]
) -> dict[FigureKey, Measures]:
	"""What a save changes: `after` minus `before`, counters left unchanged dropped."""
	delta = {}
	for key in dict.fromkeys([*before, *after]):
		change = after.get(key, Measures()) + -before.get(key, Measures())
		if change:
			delta[key] = change
	return delta


def exact_rate(part: float, whole: float) -> Fraction | None:
	"""A percentage exactly (a fraction), for comparing with a target; None when there is nothing to divide by."""
	return Fraction(100) * Fraction(part) / Fraction(whole) if whole else None


def share(part: float, whole: float) -> float | None:
	"""A percentage rounded to one decimal, for display only (compare `exact_rate` with a target), or None
	when there is nothing to divide by."""
	return round(100.0 * part / whole, 1) if whole else None


def reaches(rate: Fraction | float | None, target: float | None, at_most: bool = False) -> bool | None:
	"""Whether an unrounded rate reaches a target (at or over it; at or under it with `at_most`): 94.99 does
	not reach 95, and 79.96 is under 80. None when either is missing."""
	if rate is None or target is None:
		return None
	rate, target = Fraction(rate), Fraction(str(target))
	return rate <= target if at_most else rate >= target


def average(total: float, count: float) -> float | None:
	"""An average rounded to one decimal, or None when nothing was counted."""
	return round(total / count, 1) if count else None


# A report's period when none is chosen: twelve months, the current one so far included.
DEFAULT_MONTHS = 12


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
	"""The first day of the month eleven months before `today`'s, and `today`: the last twelve whole months
	counted, this one included (1 January to 7 December 2026 on 7 December 2026: twelve, not thirteen)."""
	month = today.year * 12 + today.month - 1 - (DEFAULT_MONTHS - 1)
	return dt.date(month // 12, month % 12 + 1, 1), today


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
	"""The first days of every month from `start`'s to `end`'s, both included."""
	months, month = [], dt.date(start.year, start.month, 1)
	while month <= end:
		months.append(month)
		month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
	return months


def area_of(record: Mapping) -> str | None:
	"""The finest area a figure is kept for: the record's township, else its county, prefecture or division.

	Villages are summed into their township: a village's monthly counts are too few to be read apart,
	and keeping them would make the sums as many as the records.
	"""
	return (
		record.get("township") or record.get("county") or record.get("prefecture") or record.get("division")
	)


# The levels each sum is kept at, finest first. A record above the townships (a county's own) is kept at
# its own area at every level.
TOWNSHIP_LEVEL, COUNTY_LEVEL, PREFECTURE_LEVEL = "Township", "County", "Prefecture"
LEVELS = (TOWNSHIP_LEVEL, COUNTY_LEVEL, PREFECTURE_LEVEL)
# The level whose sums answer a read grouped by, or limited to, an area of each tier (the finest one a
# read names wins). A village's records are summed into its township.
LEVEL_FOR_TIER = {
	"Province": PREFECTURE_LEVEL,
	"Prefecture": PREFECTURE_LEVEL,
	"County": COUNTY_LEVEL,
	"Township": TOWNSHIP_LEVEL,
	"Village": TOWNSHIP_LEVEL,
}

# (area code, prefecture, county, township): the area a sum is kept for, with its tier columns.
Area = tuple[str | None, str | None, str | None, str | None]


def area_at_level(level: str, area: Area) -> Area:
	"""The area of `level` that a township-level area `area` is summed into."""
	code, prefecture, county, _township = area
	if level == TOWNSHIP_LEVEL:
		return area
	if level == COUNTY_LEVEL:
		return (county or prefecture or code, prefecture, county, None)
	return (prefecture or code, prefecture, None, None)


def at_levels(changes: Mapping[tuple, "Measures"]) -> dict[tuple, "Measures"]:
	"""Township-level sums ((area, month, figure, category) → measures) at every level, keyed
	(level, area, month, figure, category); sums that add up to nothing are dropped."""
	result: dict[tuple, Measures] = {}
	for (area, *key), measures in changes.items():
		for level in LEVELS:
			full_key = (level, area_at_level(level, area), *key)
			result[full_key] = result.get(full_key, Measures()) + measures
	return {key: measures for key, measures in result.items() if measures}


def reading_level(tiers: Iterable[str]) -> str:
	"""The coarsest level whose sums answer a read grouped by or limited to areas of `tiers`."""
	levels = {LEVEL_FOR_TIER.get(tier, TOWNSHIP_LEVEL) for tier in tiers}
	return next((level for level in LEVELS if level in levels), PREFECTURE_LEVEL)


def sum_measures(rows: Iterable[Mapping]) -> Measures:
	"""The sum of rows holding records/timed/in_time/days."""
	total = Measures()
	for row in rows:
		total = total + Measures(
			int(row.get("records") or 0),
			int(row.get("timed") or 0),
			int(row.get("in_time") or 0),
			float(row.get("days") or 0),
		)
	return total

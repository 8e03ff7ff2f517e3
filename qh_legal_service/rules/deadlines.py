"""Statutory deadline engine: computes an explainable due moment from a start event, a count and a unit.

Counting conventions (Chinese law), exactly as implemented. A rule is counted under one of two sets of
rules (`Counting`), named on its `Deadline Rule`:

Civil Code (民法典 Art 201–204, `Counting.CIVIL`), the general rule
    - Days: the day of the start event is not counted; counting begins the next day (Art 201: 开始的当日
      不计入，自下一日开始计算). The time of day of the start event is irrelevant.
    - Hours: counted from the moment of the start event (Art 201: 按照小时计算期间的，自法律规定或者当事人
      约定的时间开始计算).
    - A period ends at 24:00 of its last day (Art 203: 期间的最后一日的截止时间为二十四时). The due moment
      is the last instant a `datetime` can hold on that day, 23:59:59.999999, so that an act at 23:59:59.5
      is in time and one at 00:00 the next day is not.
    - A last day that is not a working day (a statutory holiday or an ordinary weekend: 法定休假日 includes
      rest days) moves to the first working day after it (Art 203: 期间的最后一日是法定休假日的，以法定休假日
      结束的次日为期间的最后一日). An adjusted working weekend day (调休上班) is a working day.

Criminal Procedure (刑事诉讼法 Art 105, `Counting.CRIMINAL`), for periods inside a criminal proceeding
    - The starting hour and day are not counted (期间开始的时和日不算在期间以内): a period in hours is
      counted from the next full hour after the start event, a period in days from the next day.
    - A last day that is a holiday moves to the first working day after it, except while the suspect,
      defendant or convict is in custody (`in_custody`): then the period ends on its last day
      (应当至期满之日为止，不得因节假日而延长).

Units
    - Calendar days (日, `Unit.CALENDAR_DAYS`): weekends and holidays inside the period are counted.
    - Working days (工作日, `Unit.WORKING_DAYS`): only working days after the start day are counted, under
      the State Council holiday calendar (`WorkingCalendar`), including adjusted working weekend days; the
      period ends at 24:00 of the Nth working day and no further extension applies.
    - Hours (小时, `Unit.HOURS`): counted through nights, weekends and holidays.

Pauses (time not counted: waiting for supplementary materials, force majeure, verification under
公证法 Art 30, ...), each a half-open interval [start, end):
    - Day units: a day that a pause touches for any positive length of time (wholly or partly inside it)
      is not counted. This mirrors the rule that the day an event happens is not counted: counting resumes
      the day after the pause ends. A day is [00:00, next 00:00) in the start's timezone, so a pause ending
      exactly at 00:00 does not touch the day that begins then. The start day is never counted anyway.
      A paused day is also not eligible as the extended last day of a calendar-day period.
    - Hours: the time inside a pause is added to the due moment; a pause starting exactly at the due
      moment has no effect. Overlapping pauses count once.

All functions are pure and deterministic: no clock, no I/O, no `frappe`. Naive and aware datetimes must
not be mixed. A date in a year the calendar does not know yields a warning in `DueDate.warnings` (or raises
`UnknownCalendarYear` if the calendar is strict); it is never guessed silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from qh_legal_service.rules.working_calendar import WEEKDAY_NAMES, DayInfo, WorkingCalendar

# 24:00 of a day, as the last instant a datetime holds on it (民法典 Art 203).
END_OF_DAY = dt.time.max


class Unit(str, Enum):
	"""Unit of a time limit; the values are the Select options of the deadline rule doctype."""

	CALENDAR_DAYS = "Calendar Days"
	WORKING_DAYS = "Working Days"
	HOURS = "Hours"


class Counting(str, Enum):
	"""Which statute counts a period; the values are the Select options of the deadline rule doctype."""

	CIVIL = "Civil Code"  # 民法典 Art 201–204
	CRIMINAL = "Criminal Procedure"  # 刑事诉讼法 Art 105


@dataclass(frozen=True)
class Pause:
	"""An interval [start, end) that does not count towards a time limit."""

	start: dt.datetime
	end: dt.datetime
	reason: str

	def __post_init__(self):
		if self.end < self.start:
			raise ValueError(f"Pause ends before it starts: {self.start} > {self.end}")

	def touches(self, lo: dt.datetime, hi: dt.datetime) -> bool:
		"""True if the pause overlaps [lo, hi) for a positive length of time."""
		return self.start < hi and self.end > lo and self.end > self.start


@dataclass
class DueDate:
	"""A computed deadline with its explanation."""

	due: dt.datetime
	explanation: list[str] = field(default_factory=list)
	skipped: list[tuple[dt.date, str]] = field(default_factory=list)
	warnings: list[str] = field(default_factory=list)
	start: dt.datetime | None = None
	count: int = 0
	unit: Unit | None = None


def _fmt(moment: dt.datetime) -> str:
	return moment.isoformat(sep=" ", timespec="seconds")


def _fmt_day(day: dt.date) -> str:
	return f"{day.isoformat()} ({WEEKDAY_NAMES[day.weekday()]})"


def _fmt_span(delta: dt.timedelta) -> str:
	minutes = int(delta.total_seconds() // 60)
	hours, mins = divmod(minutes, 60)
	return f"{hours}h{mins:02d}m"


def _check_count(count: int) -> int:
	if isinstance(count, bool) or not isinstance(count, int) or count < 1:
		raise ValueError(f"count must be a positive integer, got {count!r}")
	return count


def compute_due(
	start: dt.datetime,
	count: int,
	unit: Unit | str,
	pauses: Iterable[Pause] = (),
	calendar: WorkingCalendar | None = None,
	counting: Counting | str = Counting.CIVIL,
	in_custody: bool = False,
) -> DueDate:
	"""Compute when a time limit of `count` `unit`s starting at `start` expires.

	`in_custody` matters only under `Counting.CRIMINAL`: the last day is then not moved past holidays.
	"""
	if not isinstance(start, dt.datetime):
		raise TypeError("start must be a datetime")
	unit = Unit(unit)
	counting = Counting(counting)
	count = _check_count(count)
	ordered = sorted((p for p in pauses if p.end > p.start), key=lambda p: (p.start, p.end))
	if unit is Unit.HOURS:
		result = _due_hours(start, count, ordered, counting)
	else:
		extend = not (counting is Counting.CRIMINAL and in_custody)
		result = _due_days(start, count, unit, ordered, calendar or WorkingCalendar(), counting, extend)
	result.start, result.count, result.unit = start, count, unit
	return result


def _due_hours(start: dt.datetime, count: int, pauses: list[Pause], counting: Counting) -> DueDate:
	lines = [f"Started {_fmt(start)}."]
	moment = start
	if counting is Counting.CRIMINAL:
		moment = start.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
		lines.append(
			f"The starting hour is not counted (刑事诉讼法 Art 105: 期间开始的时和日不算在期间以内); "
			f"counting begins {_fmt(moment)}."
		)
	lines.append(f"Unit: {count} hours (小时), counted through nights, weekends and holidays.")
	remaining = dt.timedelta(hours=count)
	for pause in pauses:
		if pause.end <= moment:
			lines.append(f"Pause {_fmt(pause.start)} to {_fmt(pause.end)} ({pause.reason}): no effect.")
			continue
		if pause.start >= moment + remaining:
			lines.append(
				f"Pause {_fmt(pause.start)} to {_fmt(pause.end)} ({pause.reason}): after the due moment, no effect."
			)
			continue
		remaining -= max(pause.start - moment, dt.timedelta(0))
		lost = pause.end - max(pause.start, moment)
		moment = pause.end
		lines.append(
			f"Pause {_fmt(pause.start)} to {_fmt(pause.end)} ({pause.reason}): {_fmt_span(lost)} not counted."
		)
	due = moment + remaining
	lines.append(f"Due: {_fmt(due)}.")
	return DueDate(due=due, explanation=lines)


class _DayCounter:
	"""Mutable helper for one day-unit computation; keeps compute_due itself readable."""

	def __init__(self, start: dt.datetime, pauses: list[Pause], calendar: WorkingCalendar):
		self.tz = start.tzinfo
		self.pauses = pauses
		self.calendar = calendar
		self.skipped: list[tuple[dt.date, str]] = []
		self.warnings: list[str] = []
		self.paused_days: dict[int, list[dt.date]] = {}

	def pause_on(self, day: dt.date) -> int | None:
		lo = dt.datetime.combine(day, dt.time.min, tzinfo=self.tz)
		hi = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=self.tz)
		for index, pause in enumerate(self.pauses):
			if pause.touches(lo, hi):
				return index
		return None

	def classify(self, day: dt.date) -> DayInfo:
		info = self.calendar.classify(day)
		if info.warning and info.warning not in self.warnings:
			self.warnings.append(info.warning)
		return info

	def skip_if_paused(self, day: dt.date) -> bool:
		index = self.pause_on(day)
		if index is None:
			return False
		self.paused_days.setdefault(index, []).append(day)
		self.skipped.append((day, f"Paused: {self.pauses[index].reason}"))
		return True


def _due_days(
	start: dt.datetime,
	count: int,
	unit: Unit,
	pauses: list[Pause],
	calendar: WorkingCalendar,
	counting: Counting = Counting.CIVIL,
	extend_last_day: bool = True,
) -> DueDate:
	counter = _DayCounter(start, pauses, calendar)
	first = start.date() + dt.timedelta(days=1)
	not_counted_rule = (
		"刑事诉讼法 Art 105: 期间开始的时和日不算在期间以内"
		if counting is Counting.CRIMINAL
		else "民法典 Art 201: 开始的当日不计入，自下一日开始计算"
	)
	lines = [
		f"Started {_fmt(start)} ({WEEKDAY_NAMES[start.weekday()]}); the start day is not counted "
		f"({not_counted_rule}), counting begins {_fmt_day(first)}.",
	]
	if unit is Unit.CALENDAR_DAYS and extend_last_day:
		extension = "刑事诉讼法 Art 105" if counting is Counting.CRIMINAL else "民法典 Art 203"
		lines.append(
			f"Unit: {count} calendar days (日); weekends and holidays inside the period are counted, "
			f"a last day that is not a working day moves to the next working day ({extension})."
		)
	elif unit is Unit.CALENDAR_DAYS:
		lines.append(
			f"Unit: {count} calendar days (日); weekends and holidays are counted, and the person is in custody, "
			"so a last day that is a holiday is not extended (刑事诉讼法 Art 105: 在押期间，应当至期满之日为止，"
			"不得因节假日而延长)."
		)
	else:
		lines.append(
			f"Unit: {count} working days (工作日) under the State Council holiday calendar; "
			"weekends and statutory holidays are not counted, adjusted working days (调休) are."
		)

	day = start.date()
	counted = 0
	not_counted: list[str] = []
	while counted < count:
		day += dt.timedelta(days=1)
		if counter.skip_if_paused(day):
			continue
		if unit is Unit.WORKING_DAYS:
			info = counter.classify(day)
			if not info.is_working_day:
				reason = info.explain() or ""
				counter.skipped.append((day, reason))
				not_counted.append(f"Not counted: {_fmt_day(day)}: {reason}.")
				continue
		counted += 1

	last = day
	if unit is Unit.CALENDAR_DAYS and extend_last_day:
		info = counter.classify(last)
		if not info.is_working_day:
			lines.append(
				f"Day {count} is {_fmt_day(last)}: {info.explain()}; under {extension} the period "
				"ends on the first working day after it."
			)
		while True:
			if counter.skip_if_paused(last):
				last += dt.timedelta(days=1)
				continue
			info = counter.classify(last)
			if info.is_working_day:
				break
			reason = info.explain() or ""
			counter.skipped.append((last, reason))
			not_counted.append(f"Extended past: {_fmt_day(last)}: {reason}.")
			last += dt.timedelta(days=1)
		if last != day:
			not_counted.append(f"Last day extended to {_fmt_day(last)}, the first working day.")

	for index, pause in enumerate(pauses):
		days = counter.paused_days.get(index, [])
		if days:
			listed = ", ".join(d.isoformat() for d in days)
			lines.append(
				f"Pause {_fmt(pause.start)} to {_fmt(pause.end)} ({pause.reason}): "
				f"{len(days)} day(s) not counted: {listed}."
			)
		else:
			lines.append(
				f"Pause {_fmt(pause.start)} to {_fmt(pause.end)} ({pause.reason}): "
				"outside the counted days, no effect."
			)
	lines.extend(not_counted)

	due = dt.datetime.combine(last, END_OF_DAY, tzinfo=counter.tz)
	lines.append(
		f"Due: {last.isoformat()} 24:00 (the end of {WEEKDAY_NAMES[last.weekday()]}; 民法典 Art 203)."
	)
	lines.extend(f"Warning: {w}" for w in counter.warnings)
	return DueDate(due=due, explanation=lines, skipped=counter.skipped, warnings=counter.warnings)


def _as_moment(due: DueDate | dt.datetime) -> dt.datetime:
	return due.due if isinstance(due, DueDate) else due


def remaining(due: DueDate | dt.datetime, now: dt.datetime) -> dt.timedelta:
	"""Time left until the deadline; negative once it has passed."""
	return _as_moment(due) - now


def is_overdue(due: DueDate | dt.datetime, now: dt.datetime) -> bool:
	"""True once `now` is past the deadline."""
	return now > _as_moment(due)

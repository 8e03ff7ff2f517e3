"""Statutory deadline engine: computes an explainable due moment from a start event, a count and a unit.

Counting conventions (Chinese law), exactly as implemented:

Calendar days (日, `Unit.CALENDAR_DAYS`)
    - The day of the start event is not counted; counting begins the next day (民法典 Art 201: 开始的当日
      不计入，自下一日开始计算; 民事诉讼法 (2023) Art 85: 期间开始的时和日，不计算在期间内). The time of day
      of the start event is irrelevant.
    - Weekends and holidays inside the period are counted.
    - The period ends at the end (23:59:59) of the Nth counted day.
    - If that last day is not a working day (a statutory holiday or an ordinary weekend: 法定休假日 includes
      rest days), the period ends on the first working day after it (民法典 Art 203: 期间的最后一日是法定
      休假日的，以法定休假日结束的次日为期间的最后一日; 民事诉讼法 Art 85). The law's 24:00 is 23:59:59 here.
      An adjusted working weekend day (调休上班) is a working day and is not extended.

Working days (工作日, `Unit.WORKING_DAYS`)
    - The start day is not counted; only working days after it are counted, under the State Council holiday
      calendar (`WorkingCalendar`), including adjusted working weekend days.
    - The deadline is the end (23:59:59) of the Nth working day; no further extension applies.

Hours (小时, `Unit.HOURS`)
    - Due = start moment + N hours, counted through nights, weekends and holidays.

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

END_OF_DAY = dt.time(23, 59, 59)


class Unit(str, Enum):
	"""Unit of a time limit; the values are the Select options of the deadline rule doctype."""

	CALENDAR_DAYS = "Calendar Days"
	WORKING_DAYS = "Working Days"
	HOURS = "Hours"


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
) -> DueDate:
	"""Compute when a time limit of `count` `unit`s starting at `start` expires."""
	if not isinstance(start, dt.datetime):
		raise TypeError("start must be a datetime")
	unit = Unit(unit)
	count = _check_count(count)
	ordered = sorted((p for p in pauses if p.end > p.start), key=lambda p: (p.start, p.end))
	if unit is Unit.HOURS:
		result = _due_hours(start, count, ordered)
	else:
		result = _due_days(start, count, unit, ordered, calendar or WorkingCalendar())
	result.start, result.count, result.unit = start, count, unit
	return result


def _due_hours(start: dt.datetime, count: int, pauses: list[Pause]) -> DueDate:
	lines = [
		f"Started {_fmt(start)}.",
		f"Unit: {count} hours (小时), counted from that moment through nights, weekends and holidays.",
	]
	remaining = dt.timedelta(hours=count)
	moment = start
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
	start: dt.datetime, count: int, unit: Unit, pauses: list[Pause], calendar: WorkingCalendar
) -> DueDate:
	counter = _DayCounter(start, pauses, calendar)
	first = start.date() + dt.timedelta(days=1)
	lines = [
		f"Started {_fmt(start)} ({WEEKDAY_NAMES[start.weekday()]}); the start day is not counted "
		f"(民法典 Art 201: 开始的当日不计入，自下一日开始计算), counting begins {_fmt_day(first)}.",
	]
	if unit is Unit.CALENDAR_DAYS:
		lines.append(
			f"Unit: {count} calendar days (日); weekends and holidays inside the period are counted, "
			"a last day that is not a working day moves to the next working day (民法典 Art 203)."
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
	if unit is Unit.CALENDAR_DAYS:
		info = counter.classify(last)
		if not info.is_working_day:
			lines.append(
				f"Day {count} is {_fmt_day(last)}: {info.explain()}; under 民法典 Art 203 the period "
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
	lines.append(f"Due: {_fmt(due)} (end of {WEEKDAY_NAMES[last.weekday()]}).")
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

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

import calendar as calendar_module
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from qh_legal_service.rules import working_calendar
from qh_legal_service.rules.working_calendar import (
	HOLIDAY_CHINESE,
	WEEKDAY_NAMES,
	DayInfo,
	DayKind,
	WorkingCalendar,
	unknown_year_message,
)

# 24:00 of a day, as the last instant a datetime holds on it (民法典 Art 203).
END_OF_DAY = dt.time.max


class Unit(str, Enum):
	"""Unit of a time limit; the values are the Select options of the deadline rule doctype."""

	CALENDAR_DAYS = "Calendar Days"
	WORKING_DAYS = "Working Days"
	HOURS = "Hours"
	CALENDAR_MONTHS = "Calendar Months"


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


# One line of an explanation: a key naming what it says and the plain values it says it with (ISO dates,
# English weekday and holiday names as keys for translation). The engine never words a line for a reader;
# `english` words it for logs and tests, and the site words it in the reader's language.
Line = tuple[str, dict]

# The statute quoted for each counting convention, by what it decides.
CITATIONS = {
	("start", Counting.CIVIL): "民法典 Art 201: 开始的当日不计入，自下一日开始计算",
	("start", Counting.CRIMINAL): "刑事诉讼法 Art 105: 期间开始的时和日不算在期间以内",
	("extension", Counting.CIVIL): "民法典 Art 203",
	("extension", Counting.CRIMINAL): "刑事诉讼法 Art 105",
}


@dataclass
class DueDate:
	"""A computed deadline with its explanation as structured lines."""

	due: dt.datetime
	lines: list[Line] = field(default_factory=list)
	skipped: list[tuple[dt.date, str]] = field(default_factory=list)
	warnings: list[str] = field(default_factory=list)
	start: dt.datetime | None = None
	count: int = 0
	unit: Unit | None = None

	@property
	def explanation(self) -> list[str]:
		"""The lines worded in English."""
		return [english(key, values) for key, values in self.lines]


def format_moment(moment: dt.datetime) -> str:
	"""A moment as the explanation lines give it (seconds, no zone)."""
	return moment.isoformat(sep=" ", timespec="seconds")


def _day_values(day: dt.date) -> dict:
	return {"day": day.isoformat(), "weekday": WEEKDAY_NAMES[day.weekday()]}


def _pause_values(pause: Pause) -> dict:
	return {"start": format_moment(pause.start), "end": format_moment(pause.end), "reason": pause.reason}


def _english_name(label: str | None) -> str | None:
	"""The English key of a package holiday label ("Spring Festival (春节)" -> "Spring Festival")."""
	for english_name, chinese in HOLIDAY_CHINESE.items():
		if label == f"{english_name} ({chinese})":
			return english_name
	return label


def day_reason(info: DayInfo) -> dict:
	"""Why a day is not a working day, as plain values (see `explain_reason`)."""
	if info.kind is DayKind.HOLIDAY:
		return {
			"kind": "holiday",
			"holiday": _english_name(info.holiday_name),
			"notice": info.source == "notice",
		}
	return {"kind": "rest_day", "weekday": info.weekday_name, "assumed": info.assumed, "year": info.day.year}


def explain_reason(reason: dict) -> str:
	"""A day reason in English, as `DayInfo.explain` words it."""
	if reason["kind"] == "paused":
		return f"Paused: {reason['reason']}"
	if reason["kind"] == "holiday":
		name = reason["holiday"]
		text = f"{name} ({HOLIDAY_CHINESE[name]}) holiday" if name in HOLIDAY_CHINESE else None
		text = text or (f"{name} holiday" if name else "Statutory holiday")
		return text + (" (State Council notice)" if reason["notice"] else "")
	text = reason["weekday"]
	if reason["assumed"]:
		text += f" (no holiday data for {reason['year']}; weekday rule assumed)"
	return text


def _span(values: dict) -> str:
	return f"Pause {values['start']} to {values['end']} ({values['reason']})"


def _counting(values: dict, what: str) -> str:
	return CITATIONS[(what, Counting(values["counting"]))]


# English wording of every line key; the site words the same keys through its translations.
ENGLISH = {
	"rule": lambda v: f"{v['code']}: {v['law']} {v['article'] or ''}".strip(),
	"start": lambda v: f"Started {v['when']}.",
	"start_hour_not_counted": lambda v: (
		f"The starting hour is not counted ({CITATIONS[('start', Counting.CRIMINAL)]}); "
		f"counting begins {v['when']}."
	),
	"unit_hours": lambda v: (
		f"Unit: {v['count']} hours (小时), counted through nights, weekends and holidays."
	),
	"pause_before_start": lambda v: f"{_span(v)}: no effect.",
	"pause_after_due": lambda v: f"{_span(v)}: after the due moment, no effect.",
	"pause_hours": lambda v: f"{_span(v)}: {v['hours']}h{v['minutes']:02d}m not counted.",
	"due": lambda v: f"Due: {v['when']}.",
	"start_day": lambda v: (
		f"Started {v['when']} ({v['weekday']}); the start day is not counted ({_counting(v, 'start')}), "
		f"counting begins {v['day']} ({v['day_weekday']})."
	),
	"unit_calendar_days": lambda v: (
		f"Unit: {v['count']} calendar days (日); weekends and holidays inside the period are counted, "
		f"a last day that is not a working day moves to the next working day ({_counting(v, 'extension')})."
	),
	"unit_calendar_days_custody": lambda v: (
		f"Unit: {v['count']} calendar days (日); weekends and holidays are counted, and the person is in custody, "
		"so a last day that is a holiday is not extended (刑事诉讼法 Art 105: 在押期间，应当至期满之日为止，"
		"不得因节假日而延长)."
	),
	"unit_calendar_months": lambda v: (
		f"Unit: {v['count']} calendar month(s) (月): the period ends on the corresponding day of the last month, "
		"or on that month's last day when it has none (民法典 Art 202)."
	),
	"unit_working_days": lambda v: (
		f"Unit: {v['count']} working days (工作日) under the State Council holiday calendar; "
		"weekends and statutory holidays are not counted, adjusted working days (调休) are."
	),
	"last_day_not_working": lambda v: (
		f"Day {v['count']} is {v['day']} ({v['weekday']}): {explain_reason(v['reason'])}; under "
		f"{_counting(v, 'extension')} the period ends on the first working day after it."
	),
	"pause_days": lambda v: f"{_span(v)}: {len(v['days'])} day(s) not counted: {', '.join(v['days'])}.",
	"pause_outside": lambda v: f"{_span(v)}: outside the counted days, no effect.",
	"not_counted": lambda v: f"Not counted: {v['day']} ({v['weekday']}): {explain_reason(v['reason'])}.",
	"extended_past": lambda v: f"Extended past: {v['day']} ({v['weekday']}): {explain_reason(v['reason'])}.",
	"last_day_extended": lambda v: (
		f"Last day extended to {v['day']} ({v['weekday']}), the first working day."
	),
	"due_day": lambda v: f"Due: {v['day']} 24:00 (the end of {v['weekday']}; 民法典 Art 203).",
	"due_close_of_business": lambda v: (
		f"Due: {v['day']} {v['time']} ({v['weekday']}), when the office closes (民法典 Art 203 para 2)."
	),
	"warning_unknown_year": lambda v: (
		"Warning: " + unknown_year_message(v["year"], v["notice_years"], v["partial"])
	),
}


def english(key: str, values: dict) -> str:
	"""One structured line worded in English."""
	return ENGLISH[key](values)


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
	closes_at: dt.time | None = None,
) -> DueDate:
	"""Compute when a time limit of `count` `unit`s starting at `start` expires.

	`in_custody` matters only under `Counting.CRIMINAL`: the last day is then not moved past holidays.
	`closes_at`, for a period counted in days or months: the act is done at an office with business hours,
	so the last day ends when it closes, not at 24:00 (民法典 Art 203 para 2).
	"""
	if not isinstance(start, dt.datetime):
		raise TypeError("start must be a datetime")
	unit = Unit(unit)
	counting = Counting(counting)
	count = _check_count(count)
	ordered = sorted((p for p in pauses if p.end > p.start), key=lambda p: (p.start, p.end))
	if unit is Unit.HOURS:
		result = _due_hours(start, count, ordered, counting)
	elif unit is Unit.CALENDAR_MONTHS:
		if ordered:
			# No period counted in months has a pause in the rules this app applies; refuse to guess one.
			raise ValueError("a period counted in calendar months takes no pauses")
		result = _due_months(start, count, calendar or WorkingCalendar())
	else:
		extend = not (counting is Counting.CRIMINAL and in_custody)
		result = _due_days(start, count, unit, ordered, calendar or WorkingCalendar(), counting, extend)
	if closes_at and unit is not Unit.HOURS:
		result = _at_close_of_business(result, closes_at)
	result.start, result.count, result.unit = start, count, unit
	return result


def closing_time(text: str | None) -> dt.time | None:
	"""An office's closing time written HH:MM (a `Deadline Rule`'s *Office Closes At*); None when empty.

	Kept as text, not a Time field: Frappe fills a new record's empty Time field with the time of day,
	which would end every period at the moment its rule was entered. Raises ValueError for anything else.
	"""
	text = (text or "").strip()
	if not text:
		return None
	hours, _, minutes = text.partition(":")
	if not (
		hours.isdigit()
		and minutes.isdigit()
		and len(minutes) == 2
		and 0 <= int(hours) < 24
		and int(minutes) < 60
	):
		raise ValueError(text)
	return dt.time(int(hours), int(minutes))


def _at_close_of_business(result: DueDate, closes_at: dt.time) -> DueDate:
	"""The due moment moved from 24:00 to the office's closing time of the same last day."""
	last = result.due.date()
	result.due = dt.datetime.combine(last, closes_at, tzinfo=result.due.tzinfo)
	result.lines = [
		("due_close_of_business", {**values, "time": closes_at.strftime("%H:%M")})
		if key == "due_day"
		else (key, values)
		for key, values in result.lines
	]
	return result


def _due_hours(start: dt.datetime, count: int, pauses: list[Pause], counting: Counting) -> DueDate:
	lines: list[Line] = [("start", {"when": format_moment(start)})]
	moment = start
	if counting is Counting.CRIMINAL:
		moment = start.replace(minute=0, second=0, microsecond=0) + dt.timedelta(hours=1)
		lines.append(("start_hour_not_counted", {"when": format_moment(moment)}))
	lines.append(("unit_hours", {"count": count}))
	remaining = dt.timedelta(hours=count)
	for pause in pauses:
		if pause.end <= moment:
			lines.append(("pause_before_start", _pause_values(pause)))
			continue
		if pause.start >= moment + remaining:
			lines.append(("pause_after_due", _pause_values(pause)))
			continue
		remaining -= max(pause.start - moment, dt.timedelta(0))
		lost = pause.end - max(pause.start, moment)
		moment = pause.end
		hours, minutes = divmod(int(lost.total_seconds() // 60), 60)
		lines.append(("pause_hours", {**_pause_values(pause), "hours": hours, "minutes": minutes}))
	due = moment + remaining
	lines.append(("due", {"when": format_moment(due)}))
	return DueDate(due=due, lines=lines)


class _DayCounter:
	"""Mutable helper for one day-unit computation; keeps compute_due itself readable."""

	def __init__(self, start: dt.datetime, pauses: list[Pause], calendar: WorkingCalendar):
		self.tz = start.tzinfo
		self.pauses = pauses
		self.calendar = calendar
		self.skipped: list[tuple[dt.date, str]] = []
		self.warnings: list[str] = []
		self.unknown_years: list[int] = []
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
			self.unknown_years.append(day.year)
		return info

	def skip_if_paused(self, day: dt.date) -> bool:
		index = self.pause_on(day)
		if index is None:
			return False
		self.paused_days.setdefault(index, []).append(day)
		self.skipped.append((day, f"Paused: {self.pauses[index].reason}"))
		return True

	def warning_lines(self) -> list[Line]:
		notice_years = sorted(self.calendar.known_years - working_calendar.PACKAGE_YEARS)
		return [
			(
				"warning_unknown_year",
				{"year": year, "partial": year in self.calendar.partial_years, "notice_years": notice_years},
			)
			for year in self.unknown_years
		]


def add_months(day: dt.date, count: int) -> dt.date:
	"""The corresponding day `count` months later, or that month's last day when it has none (民法典 Art 202)."""
	month_index = day.month - 1 + count
	year, month = day.year + month_index // 12, month_index % 12 + 1
	return dt.date(year, month, min(day.day, calendar_module.monthrange(year, month)[1]))


def _due_months(start: dt.datetime, count: int, calendar: WorkingCalendar) -> DueDate:
	"""A period of calendar months (民法典 Art 202), its last day moved past holidays (Art 203)."""
	counter = _DayCounter(start, [], calendar)
	first = start.date() + dt.timedelta(days=1)
	lines: list[Line] = [
		(
			"start_day",
			{
				"when": format_moment(start),
				"weekday": WEEKDAY_NAMES[start.weekday()],
				"counting": Counting.CIVIL.value,
				"day": first.isoformat(),
				"day_weekday": WEEKDAY_NAMES[first.weekday()],
			},
		),
		("unit_calendar_months", {"count": count}),
	]
	day = add_months(start.date(), count)
	last, extended = day, []
	while not (info := counter.classify(last)).is_working_day:
		counter.skipped.append((last, info.explain() or ""))
		extended.append(("extended_past", {**_day_values(last), "reason": day_reason(info)}))
		last += dt.timedelta(days=1)
	lines.extend(extended)
	if last != day:
		lines.append(("last_day_extended", _day_values(last)))
	lines.append(("due_day", _day_values(last)))
	lines.extend(counter.warning_lines())
	due = dt.datetime.combine(last, END_OF_DAY, tzinfo=counter.tz)
	return DueDate(due=due, lines=lines, skipped=counter.skipped, warnings=counter.warnings)


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
	lines: list[Line] = [
		(
			"start_day",
			{
				"when": format_moment(start),
				"weekday": WEEKDAY_NAMES[start.weekday()],
				"counting": counting.value,
				"day": first.isoformat(),
				"day_weekday": WEEKDAY_NAMES[first.weekday()],
			},
		)
	]
	if unit is Unit.CALENDAR_DAYS and extend_last_day:
		lines.append(("unit_calendar_days", {"count": count, "counting": counting.value}))
	elif unit is Unit.CALENDAR_DAYS:
		lines.append(("unit_calendar_days_custody", {"count": count}))
	else:
		lines.append(("unit_working_days", {"count": count}))

	day = start.date()
	counted = 0
	not_counted: list[Line] = []
	while counted < count:
		day += dt.timedelta(days=1)
		if counter.skip_if_paused(day):
			continue
		if unit is Unit.WORKING_DAYS:
			info = counter.classify(day)
			if not info.is_working_day:
				counter.skipped.append((day, info.explain() or ""))
				not_counted.append(("not_counted", {**_day_values(day), "reason": day_reason(info)}))
				continue
		counted += 1

	last = day
	if unit is Unit.CALENDAR_DAYS and extend_last_day:
		info = counter.classify(last)
		if not info.is_working_day:
			lines.append(
				(
					"last_day_not_working",
					{
						**_day_values(last),
						"count": count,
						"reason": day_reason(info),
						"counting": counting.value,
					},
				)
			)
		while True:
			if counter.skip_if_paused(last):
				last += dt.timedelta(days=1)
				continue
			info = counter.classify(last)
			if info.is_working_day:
				break
			counter.skipped.append((last, info.explain() or ""))
			not_counted.append(("extended_past", {**_day_values(last), "reason": day_reason(info)}))
			last += dt.timedelta(days=1)
		if last != day:
			not_counted.append(("last_day_extended", _day_values(last)))

	for index, pause in enumerate(pauses):
		days = counter.paused_days.get(index, [])
		if days:
			lines.append(("pause_days", {**_pause_values(pause), "days": [d.isoformat() for d in days]}))
		else:
			lines.append(("pause_outside", _pause_values(pause)))
	lines.extend(not_counted)

	due = dt.datetime.combine(last, END_OF_DAY, tzinfo=counter.tz)
	lines.append(("due_day", _day_values(last)))
	lines.extend(counter.warning_lines())
	return DueDate(due=due, lines=lines, skipped=counter.skipped, warnings=counter.warnings)


def _as_moment(due: DueDate | dt.datetime) -> dt.datetime:
	return due.due if isinstance(due, DueDate) else due


def remaining(due: DueDate | dt.datetime, now: dt.datetime) -> dt.timedelta:
	"""Time left until the deadline; negative once it has passed."""
	return _as_moment(due) - now


def is_overdue(due: DueDate | dt.datetime, now: dt.datetime) -> bool:
	"""True once `now` is past the deadline."""
	return now > _as_moment(due)

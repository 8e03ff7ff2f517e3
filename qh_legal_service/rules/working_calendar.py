"""China's statutory working-day calendar: the `chinesecalendar` package plus administrator-entered notices.

Sources, in order of precedence:

1. Notice days: single days from a State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知)
   entered by an administrator, passed in as plain data. A notice day always overrides the package.
2. The PyPI package `chinesecalendar` (import name `chinese_calendar`), which carries the notices up to its
   release (version 1.11.0 covers 2004–2026). Outside its years it raises NotImplementedError.
3. Nothing else: a day in a year neither source knows is never silently guessed. With `strict=True`
   classifying it raises `UnknownCalendarYear`; otherwise the plain weekday rule (Monday–Friday working,
   Saturday/Sunday rest) is applied and the returned `DayInfo` is marked `assumed` and carries a warning
   text, which callers (see `deadlines.compute_due`) must surface.

A year counts as known to the notice source only once its notice is marked complete (`complete_years`):
a notice lists every holiday and every adjusted working day of its year, and all other days follow the
weekday rule, but a notice entered in part (the Spring Festival typed in, National Day not yet) says
nothing of the days it does not list yet. Its days are used, and the year still warns until complete.
In a year the package knows, notice days override single days and the package decides all the others.

This module is pure: no `frappe` import, no I/O, no clock; a `WorkingCalendar` is immutable after creation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

import chinese_calendar
from chinese_calendar import constants as _cc_constants

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# chinesecalendar keeps only English holiday names; these are the statutory Chinese names.
HOLIDAY_CHINESE = {
	"New Year's Day": "元旦",
	"Spring Festival": "春节",
	"Tomb-sweeping Day": "清明节",
	"Labour Day": "劳动节",
	"Dragon Boat Festival": "端午节",
	"National Day": "国庆节",
	"Mid-autumn Festival": "中秋节",
	"Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}

PACKAGE_VERSION: str = getattr(chinese_calendar, "__version__", "unknown")
# Same bounds the package itself validates against before raising NotImplementedError.
PACKAGE_YEARS: frozenset[int] = frozenset(
	range(min(_cc_constants.holidays).year, max(_cc_constants.holidays).year + 1)
)


class DayKind(str, Enum):
	"""What kind of day a date is under the calendar."""

	WORKING_DAY = "Working Day"
	WEEKEND = "Weekend"
	HOLIDAY = "Statutory Holiday"
	ADJUSTED_WORKING_DAY = "Adjusted Working Day"  # 调休上班: a Saturday or Sunday made a working day


class UnknownCalendarYear(Warning):
	"""A date falls in a year that neither chinesecalendar nor a complete entered notice covers."""

	def __init__(self, year: int, known_years: Iterable[int] = ()):
		self.year = year
		self.known_years = frozenset(known_years)
		super().__init__(unknown_year_message(year, self.known_years))


def unknown_year_message(year: int, known_years: Iterable[int] = (), partial: bool = False) -> str:
	"""Warning text for a year without complete holiday data; `partial` when its notice is entered in part."""
	pkg = f"chinesecalendar {PACKAGE_VERSION} covers {min(PACKAGE_YEARS)}–{max(PACKAGE_YEARS)}"
	extra = sorted(set(known_years) - PACKAGE_YEARS)
	notices = f"; State Council notices entered for {', '.join(map(str, extra))}" if extra else ""
	if partial:
		return (
			f"The State Council holiday notice for {year} is entered only in part ({pkg}{notices}): days in "
			f"{year} it does not list yet were classified by the weekday rule and are unverified; enter the "
			f"rest of the notice and mark it complete."
		)
	return (
		f"No holiday data for {year} ({pkg}{notices}): days in {year} were classified by the weekday rule "
		f"only (Monday–Friday working) and are unverified; enter the State Council holiday notice for {year}."
	)


@dataclass(frozen=True)
class NoticeDay:
	"""One day from an administrator-entered State Council holiday notice."""

	day: dt.date
	is_working_day: bool
	name: str = ""


@dataclass(frozen=True)
class DayInfo:
	"""Classification of one date and where it came from."""

	day: dt.date
	kind: DayKind
	is_working_day: bool
	# e.g. "Spring Festival (春节)"; for an adjusted working day, the holiday it makes up for
	holiday_name: str | None
	source: str  # "notice", "chinesecalendar" or "weekday rule"
	assumed: bool = False
	warning: str | None = None

	@property
	def weekday_name(self) -> str:
		return WEEKDAY_NAMES[self.day.weekday()]

	def explain(self) -> str | None:
		"""Why this day does not count as a working day; None if it is one."""
		if self.is_working_day:
			return None
		if self.kind is DayKind.HOLIDAY:
			text = f"{self.holiday_name} holiday" if self.holiday_name else "Statutory holiday"
			if self.source == "notice":
				text += " (State Council notice)"
			return text
		text = self.weekday_name
		if self.assumed:
			text += f" (no holiday data for {self.day.year}; weekday rule assumed)"
		return text

	def describe(self) -> str:
		"""One-line description of any day, working or not."""
		label = f"{self.day.isoformat()} ({self.weekday_name})"
		if self.kind is DayKind.ADJUSTED_WORKING_DAY:
			lieu = f" for {self.holiday_name}" if self.holiday_name else ""
			return f"{label}: adjusted working day (调休){lieu}"
		reason = self.explain()
		return f"{label}: {reason}" if reason else f"{label}: working day"


def _holiday_label(english: str | None) -> str | None:
	if not english:
		return None
	chinese = HOLIDAY_CHINESE.get(english)
	return f"{english} ({chinese})" if chinese else english


def _coerce_notice_day(item: NoticeDay | tuple) -> NoticeDay:
	if isinstance(item, NoticeDay):
		return item
	day, is_working, *rest = item
	if isinstance(day, dt.datetime):
		day = day.date()
	return NoticeDay(day=day, is_working_day=bool(is_working), name=str(rest[0]) if rest else "")


class WorkingCalendar:
	"""Decides whether a date is a working day, from chinesecalendar overridden by notice days.

	`complete_years` are the years whose notice an administrator has marked entered in full; only they
	become known years. Notice days of other years are still used, one by one.
	"""

	def __init__(
		self,
		notice_days: Iterable[NoticeDay | tuple] = (),
		strict: bool = False,
		complete_years: Iterable[int] = (),
	):
		days: dict[dt.date, NoticeDay] = {}
		for item in notice_days:
			nd = _coerce_notice_day(item)
			previous = days.get(nd.day)
			if previous is not None and previous.is_working_day != nd.is_working_day:
				raise ValueError(f"Conflicting notice entries for {nd.day.isoformat()}")
			days[nd.day] = nd
		self._notice: dict[dt.date, NoticeDay] = days
		self.strict = strict
		self.notice_years: frozenset[int] = frozenset(complete_years)
		self.partial_years: frozenset[int] = frozenset(d.year for d in days) - self.notice_years
		self.known_years: frozenset[int] = PACKAGE_YEARS | self.notice_years

	def __repr__(self) -> str:
		return f"WorkingCalendar(notice_days={len(self._notice)}, strict={self.strict})"

	def is_known_year(self, year: int) -> bool:
		return year in self.known_years

	def classify(self, day: dt.date) -> DayInfo:
		"""Classify a date; raises UnknownCalendarYear for an unknown year when strict."""
		if isinstance(day, dt.datetime):
			day = day.date()
		weekend = day.weekday() >= 5

		notice = self._notice.get(day)
		if notice is not None:
			if notice.is_working_day:
				kind = DayKind.ADJUSTED_WORKING_DAY if weekend else DayKind.WORKING_DAY
			else:
				kind = DayKind.HOLIDAY
			return DayInfo(day, kind, notice.is_working_day, notice.name or None, "notice")

		if day.year in PACKAGE_YEARS:
			try:
				on_holiday, english = chinese_calendar.get_holiday_detail(day)
			except NotImplementedError:
				pass
			else:
				label = _holiday_label(english)
				if on_holiday:
					# get_holiday_detail names the festival for festival rest days, None for plain weekends.
					kind = DayKind.HOLIDAY if label else DayKind.WEEKEND
					return DayInfo(day, kind, False, label, "chinesecalendar")
				kind = DayKind.ADJUSTED_WORKING_DAY if weekend else DayKind.WORKING_DAY
				return DayInfo(day, kind, True, label if weekend else None, "chinesecalendar")

		if day.year in self.notice_years:
			return self._weekday_rule(day, source="notice")

		if self.strict:
			raise UnknownCalendarYear(day.year, self.known_years)
		info = self._weekday_rule(day, source="weekday rule")
		return DayInfo(
			info.day,
			info.kind,
			info.is_working_day,
			None,
			info.source,
			assumed=True,
			warning=unknown_year_message(day.year, self.known_years, day.year in self.partial_years),
		)

	@staticmethod
	def _weekday_rule(day: dt.date, source: str) -> DayInfo:
		weekend = day.weekday() >= 5
		return DayInfo(day, DayKind.WEEKEND if weekend else DayKind.WORKING_DAY, not weekend, None, source)

	def is_working_day(self, day: dt.date) -> bool:
		"""True if the date is a working day (工作日), including adjusted working weekends."""
		return self.classify(day).is_working_day

	def explain(self, day: dt.date) -> str | None:
		"""Why a date is not a working day (e.g. "Spring Festival (春节) holiday", "Saturday"); None if it is."""
		return self.classify(day).explain()

	def day_kind(self, day: dt.date) -> DayKind:
		return self.classify(day).kind


def notice_day_problems(year: int, days: Iterable[tuple[dt.date, bool]]) -> list[tuple[str, dt.date]]:
	"""Check an entered notice: every day in its year, none listed twice, worked days on weekends.

	Returns (problem, day) pairs, the problem one of "outside_year", "duplicate", "weekday_worked".
	"""
	problems: list[tuple[str, dt.date]] = []
	seen: set[dt.date] = set()
	for day, is_working_day in days:
		if day.year != year:
			problems.append(("outside_year", day))
		if day in seen:
			problems.append(("duplicate", day))
		if is_working_day and day.weekday() < 5:
			problems.append(("weekday_worked", day))
		seen.add(day)
	return problems

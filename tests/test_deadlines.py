"""Tests for the statutory calendar and deadline engine, on real State Council holiday dates."""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from qh_legal_service.rules import working_calendar as wc
from qh_legal_service.rules.deadlines import (
	ENGLISH,
	Counting,
	DueDate,
	Pause,
	Unit,
	add_months,
	closing_time,
	compute_due,
	english,
	is_overdue,
	remaining,
)
from qh_legal_service.rules.working_calendar import (
	PACKAGE_YEARS,
	DayKind,
	NoticeDay,
	UnknownCalendarYear,
	WorkingCalendar,
)

RULES_FILE = Path(__file__).resolve().parent.parent / "qh_legal_service" / "data" / "deadline_rules.json"
EOD = (23, 59, 59, 999999)  # 24:00, the end of the day (民法典 Art 203)

# 国务院办公厅关于2026年部分节假日安排的通知, Spring Festival part, as an administrator would enter it.
NOTICE_2026_SPRING = [
	(date(2026, 2, 14), True, "Spring Festival (春节)"),
	*[(date(2026, 2, 15) + timedelta(days=i), False, "Spring Festival (春节)") for i in range(9)],
	(date(2026, 2, 28), True, "Spring Festival (春节)"),
]


def day_end(y, m, d):
	return datetime(y, m, d, *EOD)


# --- calendar ---------------------------------------------------------------------------------------------


def test_package_covers_2025_and_2026():
	assert {2025, 2026} <= PACKAGE_YEARS


@pytest.mark.parametrize(
	"day, working, kind",
	[
		(date(2025, 1, 26), True, DayKind.ADJUSTED_WORKING_DAY),  # Sunday worked
		(date(2025, 1, 25), False, DayKind.WEEKEND),
		(date(2025, 1, 28), False, DayKind.HOLIDAY),
		(date(2025, 2, 4), False, DayKind.HOLIDAY),
		(date(2025, 2, 5), True, DayKind.WORKING_DAY),
		(date(2025, 2, 8), True, DayKind.ADJUSTED_WORKING_DAY),  # Saturday worked
		(date(2025, 9, 28), True, DayKind.ADJUSTED_WORKING_DAY),
		(date(2025, 10, 1), False, DayKind.HOLIDAY),
		(date(2025, 10, 8), False, DayKind.HOLIDAY),
		(date(2025, 10, 9), True, DayKind.WORKING_DAY),
		(date(2025, 10, 11), True, DayKind.ADJUSTED_WORKING_DAY),
		(date(2026, 2, 14), True, DayKind.ADJUSTED_WORKING_DAY),
		(date(2026, 2, 16), False, DayKind.HOLIDAY),
		(date(2026, 2, 28), True, DayKind.ADJUSTED_WORKING_DAY),
	],
)
def test_classification(day, working, kind):
	cal = WorkingCalendar()
	assert cal.is_working_day(day) is working
	assert cal.day_kind(day) is kind


def test_explain_names_holiday_and_weekday():
	cal = WorkingCalendar()
	assert cal.explain(date(2025, 1, 28)) == "Spring Festival (春节) holiday"
	assert cal.explain(date(2025, 2, 1)) == "Spring Festival (春节) holiday"  # Saturday inside the break
	assert cal.explain(date(2025, 10, 3)) == "National Day (国庆节) holiday"
	assert cal.explain(date(2025, 3, 1)) == "Saturday"
	assert cal.explain(date(2025, 3, 2)) == "Sunday"
	assert cal.explain(date(2025, 1, 26)) is None
	assert "调休" in cal.classify(date(2025, 1, 26)).describe()


def test_notice_day_overrides_package():
	notice = [
		NoticeDay(date(2025, 5, 6), False, "Labour Day (劳动节)"),
		(date(2025, 3, 1), True, "Test adjusted working Saturday"),
	]
	cal = WorkingCalendar(notice)
	assert WorkingCalendar().is_working_day(date(2025, 5, 6)) is True
	assert cal.is_working_day(date(2025, 5, 6)) is False
	assert cal.explain(date(2025, 5, 6)) == "Labour Day (劳动节) holiday (State Council notice)"
	assert cal.day_kind(date(2025, 3, 1)) is DayKind.ADJUSTED_WORKING_DAY
	# Days the notice does not list still come from the package.
	assert cal.is_working_day(date(2025, 1, 28)) is False
	# 1 working day from Monday 2025-05-05 (a Labour Day holiday) skips the noticed Tuesday.
	res = compute_due(datetime(2025, 5, 5, 9), 1, Unit.WORKING_DAYS, calendar=cal)
	assert res.due == day_end(2025, 5, 7)
	assert (date(2025, 5, 6), "Labour Day (劳动节) holiday (State Council notice)") in res.skipped


def test_conflicting_notice_days_rejected():
	with pytest.raises(ValueError):
		WorkingCalendar([(date(2027, 1, 1), False, "a"), (date(2027, 1, 1), True, "b")])


# --- calendar days ----------------------------------------------------------------------------------------


def test_seven_day_review_ending_in_spring_festival_is_extended():
	# Received Friday 2025-01-24: day 7 is 2025-01-31, inside the break; first working day is 2025-02-05.
	res = compute_due(datetime(2025, 1, 24, 10, 0), 7, Unit.CALENDAR_DAYS)
	assert res.due == day_end(2025, 2, 5)
	assert [d for d, _ in res.skipped] == [date(2025, 1, 31) + timedelta(days=i) for i in range(5)]
	assert all(reason == "Spring Festival (春节) holiday" for _, reason in res.skipped)
	assert any("Art 203" in line and "2025-01-31" in line for line in res.explanation)
	assert any("Spring Festival (春节) holiday" in line for line in res.explanation)
	assert res.warnings == []


def test_seven_day_review_ending_in_national_day_is_extended():
	res = compute_due(datetime(2025, 9, 24, 16, 0), 7, "Calendar Days")
	assert res.due == day_end(2025, 10, 9)
	assert len(res.skipped) == 8


def test_calendar_days_ending_on_adjusted_working_saturday_not_extended():
	res = compute_due(datetime(2025, 2, 1, 8, 0), 7, Unit.CALENDAR_DAYS)
	assert res.due == day_end(2025, 2, 8)
	assert res.skipped == []


def test_calendar_days_ending_on_plain_weekend_extended_to_monday():
	res = compute_due(datetime(2025, 3, 1, 23, 59), 7, Unit.CALENDAR_DAYS)
	assert res.due == day_end(2025, 3, 10)
	assert res.skipped == [(date(2025, 3, 8), "Saturday"), (date(2025, 3, 9), "Sunday")]


def test_start_day_not_counted_regardless_of_time():
	early = compute_due(datetime(2025, 4, 7, 0, 0), 3, Unit.CALENDAR_DAYS)
	late = compute_due(datetime(2025, 4, 7, 23, 59), 3, Unit.CALENDAR_DAYS)
	assert early.due == late.due == day_end(2025, 4, 10)


def test_calendar_days_pause_across_holiday():
	# Days 1-2: 01-25, 01-26; paused 01-27..02-03; days 3-7: 02-04..02-08 (Saturday worked, no extension).
	pause = Pause(
		datetime(2025, 1, 27, 9, 0), datetime(2025, 2, 3, 12, 0), "Waiting for supplementary materials"
	)
	res = compute_due(datetime(2025, 1, 24, 10, 0), 7, Unit.CALENDAR_DAYS, pauses=[pause])
	assert res.due == day_end(2025, 2, 8)
	assert [d for d, _ in res.skipped] == [date(2025, 1, 27) + timedelta(days=i) for i in range(8)]
	assert res.skipped[0][1] == "Paused: Waiting for supplementary materials"
	assert any("8 day(s) not counted" in line for line in res.explanation)


# --- working days -----------------------------------------------------------------------------------------


def test_notarization_fifteen_working_days_across_spring_festival():
	res = compute_due(datetime(2025, 1, 20, 10, 0), 15, Unit.WORKING_DAYS)
	assert res.due == day_end(2025, 2, 14)
	skipped_days = [d for d, _ in res.skipped]
	assert date(2025, 1, 25) in skipped_days
	assert date(2025, 1, 26) not in skipped_days  # Sunday worked
	assert date(2025, 2, 8) not in skipped_days  # Saturday worked
	assert skipped_days == [
		date(2025, 1, 25),
		*[date(2025, 1, 28) + timedelta(days=i) for i in range(8)],
		date(2025, 2, 9),
	]
	assert "Not counted: 2025-01-28 (Tuesday): Spring Festival (春节) holiday." in res.explanation


def test_hotline_reply_across_national_day():
	res = compute_due(datetime(2025, 9, 26, 17, 0), 5, Unit.WORKING_DAYS)
	assert res.due == day_end(2025, 10, 10)
	assert date(2025, 9, 28) not in [d for d, _ in res.skipped]


def test_working_days_pause_across_spring_festival():
	pause = Pause(
		datetime(2025, 1, 27, 15, 0), datetime(2025, 2, 6, 9, 0), "补充证明材料 (supplementary materials)"
	)
	res = compute_due(datetime(2025, 1, 20, 10, 0), 15, Unit.WORKING_DAYS, pauses=[pause])
	assert res.due == day_end(2025, 2, 19)
	paused = [d for d, r in res.skipped if r.startswith("Paused")]
	assert paused == [date(2025, 1, 27) + timedelta(days=i) for i in range(11)]
	assert any("11 day(s) not counted" in line for line in res.explanation)


def test_pause_ending_at_midnight_does_not_touch_next_day():
	pause = Pause(datetime(2025, 3, 4, 10, 0), datetime(2025, 3, 5, 0, 0), "Verification")
	res = compute_due(datetime(2025, 3, 3, 9, 0), 2, Unit.WORKING_DAYS, pauses=[pause])
	assert res.due == day_end(2025, 3, 6)
	assert res.skipped == [(date(2025, 3, 4), "Paused: Verification")]


def test_pause_outside_period_has_no_effect():
	pause = Pause(datetime(2025, 6, 1, 0, 0), datetime(2025, 6, 3, 0, 0), "Force majeure")
	res = compute_due(datetime(2025, 3, 3, 9, 0), 2, Unit.WORKING_DAYS, pauses=[pause])
	assert res.due == day_end(2025, 3, 5)
	assert any("no effect" in line for line in res.explanation)


def test_2026_spring_festival_working_saturdays():
	res = compute_due(datetime(2026, 2, 12, 9, 0), 5, Unit.WORKING_DAYS)
	assert res.due == day_end(2026, 2, 26)
	assert compute_due(datetime(2026, 2, 27, 9, 0), 1, Unit.WORKING_DAYS).due == day_end(2026, 2, 28)


def test_2026_from_administrator_notice_when_package_lacks_the_year(monkeypatch):
	monkeypatch.setattr(wc, "PACKAGE_YEARS", PACKAGE_YEARS - {2026})
	start = datetime(2026, 2, 12, 9, 0)

	without = compute_due(start, 5, Unit.WORKING_DAYS)
	assert without.due == day_end(2026, 2, 19)  # weekday rule only: wrong, hence the warning
	assert len(without.warnings) == 1 and "2026" in without.warnings[0]
	assert any(line.startswith("Warning:") for line in without.explanation)
	with pytest.raises(UnknownCalendarYear):
		compute_due(start, 5, Unit.WORKING_DAYS, calendar=WorkingCalendar(strict=True))

	cal = WorkingCalendar(NOTICE_2026_SPRING, strict=True, complete_years={2026})
	assert 2026 in cal.known_years
	res = compute_due(start, 5, Unit.WORKING_DAYS, calendar=cal)
	assert res.due == day_end(2026, 2, 26)
	assert res.warnings == []
	assert compute_due(datetime(2026, 2, 27, 9, 0), 1, Unit.WORKING_DAYS, calendar=cal).due == day_end(
		2026, 2, 28
	)


@pytest.mark.skipif(2027 in PACKAGE_YEARS, reason="installed chinesecalendar already knows 2027")
def test_unknown_year_is_reported_not_guessed():
	start = datetime(2027, 3, 1, 9, 0)
	with pytest.raises(UnknownCalendarYear) as exc:
		WorkingCalendar(strict=True).is_working_day(start.date())
	assert exc.value.year == 2027
	res = compute_due(start, 3, Unit.WORKING_DAYS)
	assert res.due == day_end(2027, 3, 4)
	assert len(res.warnings) == 1 and "2027" in res.warnings[0]


def test_calendar_days_warn_only_when_last_day_is_in_unknown_year():
	# A 7-day period from 2026-12-28 ends on 2027-01-04; only that classification needs the calendar.
	res = compute_due(datetime(2026, 12, 28, 9, 0), 7, Unit.CALENDAR_DAYS)
	if 2027 in PACKAGE_YEARS:
		assert res.warnings == []
	else:
		assert res.due == day_end(2027, 1, 4)
		assert len(res.warnings) == 1 and "2027" in res.warnings[0]
	assert compute_due(datetime(2026, 12, 1, 9, 0), 7, Unit.CALENDAR_DAYS).warnings == []


# --- hours ------------------------------------------------------------------------------------------------


def test_hours_across_midnight_and_holiday():
	res = compute_due(datetime(2025, 1, 28, 22, 30), 24, Unit.HOURS)
	assert res.due == datetime(2025, 1, 29, 22, 30)
	assert compute_due(datetime(2025, 10, 1, 23, 30), 1, "Hours").due == datetime(2025, 10, 2, 0, 30)


def test_hours_with_pauses():
	pauses = [
		Pause(datetime(2025, 1, 29, 1, 0), datetime(2025, 1, 29, 3, 0), "Force majeure"),
		Pause(datetime(2025, 1, 29, 2, 0), datetime(2025, 1, 29, 3, 30), "Overlapping"),
		Pause(datetime(2025, 1, 27, 0, 0), datetime(2025, 1, 27, 5, 0), "Before start"),
	]
	res = compute_due(datetime(2025, 1, 28, 22, 30), 24, Unit.HOURS, pauses=pauses)
	assert res.due == datetime(2025, 1, 30, 1, 0)
	assert any("2h00m not counted" in line for line in res.explanation)
	assert any("0h30m not counted" in line for line in res.explanation)


def test_hours_pause_starting_at_due_moment_has_no_effect():
	pause = Pause(datetime(2025, 1, 29, 22, 30), datetime(2025, 1, 30, 8, 0), "After")
	assert compute_due(datetime(2025, 1, 28, 22, 30), 24, Unit.HOURS, pauses=[pause]).due == datetime(
		2025, 1, 29, 22, 30
	)


# --- misc -------------------------------------------------------------------------------------------------


def test_timezone_aware_start_keeps_timezone():
	tz = ZoneInfo("Asia/Shanghai")
	res = compute_due(datetime(2025, 1, 24, 10, 0, tzinfo=tz), 7, Unit.CALENDAR_DAYS)
	assert res.due == datetime(2025, 2, 5, *EOD, tzinfo=tz)


def test_remaining_and_overdue():
	res = compute_due(datetime(2025, 1, 24, 10, 0), 7, Unit.CALENDAR_DAYS)
	assert isinstance(res, DueDate)
	now = datetime(2025, 2, 5, 12, 0)
	assert remaining(res, now) == timedelta(hours=12) - timedelta(microseconds=1)
	assert not is_overdue(res, now)
	assert is_overdue(res.due, datetime(2025, 2, 6, 0, 0))
	assert remaining(res.due, datetime(2025, 2, 6, 0, 0, 1)) == timedelta(seconds=-1, microseconds=-1)


def test_invalid_input():
	start = datetime(2025, 1, 1)
	with pytest.raises(ValueError):
		compute_due(start, 0, Unit.CALENDAR_DAYS)
	with pytest.raises(ValueError):
		compute_due(start, 3, "Fortnights")
	with pytest.raises(ValueError):
		Pause(datetime(2025, 1, 2), datetime(2025, 1, 1), "backwards")


# --- seed rules -------------------------------------------------------------------------------------------

RULE_KEYS = {
	"rule_code",
	"service",
	"trigger_event",
	"count",
	"unit",
	"counting",
	"law",
	"article",
	"description",
}


def test_deadline_rules_file():
	rules = json.loads(RULES_FILE.read_text(encoding="utf-8"))
	assert isinstance(rules, list) and rules
	codes = [r["rule_code"] for r in rules]
	assert len(codes) == len(set(codes))
	units = {u.value for u in Unit}
	countings = {c.value for c in Counting}
	for rule in rules:
		assert set(rule) == RULE_KEYS, rule.get("rule_code")
		assert rule["unit"] in units
		assert rule["counting"] in countings
		assert isinstance(rule["count"], int) and not isinstance(rule["count"], bool) and rule["count"] > 0
		assert all(isinstance(rule[k], str) and rule[k].strip() for k in RULE_KEYS - {"count"})
	by_code = {r["rule_code"]: (r["count"], r["unit"]) for r in rules}
	assert by_code["LA-REVIEW"] == (7, "Calendar Days")
	assert by_code["LA-DETAINED-FORWARD"] == (24, "Hours")
	assert by_code["NOT-ISSUE"] == (15, "Working Days")
	assert by_code["MED-JUDICIAL-CONFIRM"] == (30, "Calendar Days")
	assert by_code["LA-REREVIEW"] == (7, "Calendar Days")


# --- 民法典 Art 203: a period ends at 24:00 of its last day ------------------------------------------------


def test_civil_code_art203_an_act_at_235959_and_a_half_on_the_last_day_is_in_time():
	due = compute_due(datetime(2025, 9, 1, 9, 0), 7, Unit.CALENDAR_DAYS).due
	assert due == datetime(2025, 9, 8, 23, 59, 59, 999999)
	assert not is_overdue(due, datetime(2025, 9, 8, 23, 59, 59, 500000))
	assert not is_overdue(due, datetime(2025, 9, 8, 23, 59, 59, 999999))
	assert is_overdue(due, datetime(2025, 9, 9, 0, 0))
	assert (
		"Due: 2025-09-08 24:00 (the end of Monday; 民法典 Art 203)."
		in compute_due(datetime(2025, 9, 1, 9, 0), 7, Unit.CALENDAR_DAYS).explanation
	)


def test_civil_code_art203_working_days_end_at_2400_too():
	due = compute_due(datetime(2025, 3, 3, 9, 0), 2, Unit.WORKING_DAYS).due
	assert due == datetime(2025, 3, 5, 23, 59, 59, 999999)
	assert not is_overdue(due, datetime(2025, 3, 5, 23, 59, 59, 500000))


# --- 刑事诉讼法 Art 105: criminal procedure periods --------------------------------------------------------


def test_criminal_procedure_art105_the_starting_hour_is_not_counted():
	# Asked at 09:17: the 9 o'clock hour is not counted, 24 hours run from 10:00.
	res = compute_due(datetime(2025, 3, 3, 9, 17), 24, Unit.HOURS, counting=Counting.CRIMINAL)
	assert res.due == datetime(2025, 3, 4, 10, 0)
	assert any("The starting hour is not counted" in line for line in res.explanation)
	on_the_hour = compute_due(datetime(2025, 3, 3, 9, 0), 24, Unit.HOURS, counting=Counting.CRIMINAL)
	assert on_the_hour.due == datetime(2025, 3, 4, 10, 0)
	# Under the Civil Code the hours run from the moment itself (民法典 Art 201).
	assert compute_due(datetime(2025, 3, 3, 9, 17), 24, Unit.HOURS).due == datetime(2025, 3, 4, 9, 17)


def test_criminal_procedure_art105_no_holiday_extension_while_in_custody():
	# Found Sunday 28 September 2025 (a working Sunday): day 3 is 1 October, National Day.
	start = datetime(2025, 9, 28, 15, 0)
	custody = compute_due(start, 3, Unit.CALENDAR_DAYS, counting=Counting.CRIMINAL, in_custody=True)
	assert custody.due == day_end(2025, 10, 1)
	assert custody.skipped == []
	assert any("not extended" in line for line in custody.explanation)
	free = compute_due(start, 3, Unit.CALENDAR_DAYS, counting=Counting.CRIMINAL, in_custody=False)
	assert free.due == day_end(2025, 10, 9)
	# Custody means nothing to a period the Civil Code counts.
	assert compute_due(start, 3, Unit.CALENDAR_DAYS, in_custody=True).due == day_end(2025, 10, 9)


def test_criminal_procedure_art105_governs_the_authorities_periods_not_the_centres():
	rules = {r["rule_code"]: r["counting"] for r in json.loads(RULES_FILE.read_text(encoding="utf-8"))}
	assert rules["LA-DETAINED-FORWARD"] == "Criminal Procedure"  # Art 39: the detention facility
	assert rules["LA-ISOLATED-FORWARD"] == "Civil Code"  # Art 39: compulsory isolation is not criminal
	assert rules["LA-NOTIFY-DEFENCE"] == "Criminal Procedure"  # Art 36: court, procuratorate, police
	assert rules["LA-NOTIFIED-ASSIGN"] == "Civil Code"  # Art 36: the legal aid centre
	assert rules["LA-REVIEW"] == rules["LA-ASSIGN"] == rules["LA-REREVIEW"] == "Civil Code"
	assert {c for code, c in rules.items() if not code.startswith("LA-")} == {"Civil Code"}


def test_art39_a_person_in_compulsory_isolation_has_24_hours_from_the_moment_they_asked():
	from qh_legal_service.rules import legal_aid

	rules = {r["rule_code"]: r for r in json.loads(RULES_FILE.read_text(encoding="utf-8"))}
	asked = datetime(2025, 3, 3, 9, 17)
	due = {}
	for isolation in (True, False):
		rule = rules[legal_aid.forwarding_rule(isolation)]
		assert (rule["count"], rule["unit"], rule["article"]) == (24, "Hours", "Art 39")
		due[isolation] = compute_due(
			asked,
			rule["count"],
			Unit(rule["unit"]),
			counting=Counting(rule["counting"]),
			in_custody=not isolation,
		).due
	assert due == {True: datetime(2025, 3, 4, 9, 17), False: datetime(2025, 3, 4, 10, 0)}


# --- State Council notices entered in part ------------------------------------------------------------------


def test_state_council_notice_entered_in_part_keeps_the_year_unknown(monkeypatch):
	monkeypatch.setattr(wc, "PACKAGE_YEARS", PACKAGE_YEARS - {2026})
	start = datetime(2026, 2, 12, 9, 0)
	partial = WorkingCalendar(NOTICE_2026_SPRING)
	assert 2026 not in partial.known_years
	res = compute_due(start, 5, Unit.WORKING_DAYS, calendar=partial)
	# The entered days are used: the Spring Festival is skipped and the worked Saturday counted...
	assert res.due == day_end(2026, 2, 26)
	# ...but the days the notice does not list yet are unverified, so the warning stays.
	assert len(res.warnings) == 1 and "entered only in part" in res.warnings[0]
	with pytest.raises(UnknownCalendarYear):
		WorkingCalendar(NOTICE_2026_SPRING, strict=True).is_working_day(date(2026, 10, 1))
	complete = WorkingCalendar(NOTICE_2026_SPRING, complete_years={2026})
	assert compute_due(start, 5, Unit.WORKING_DAYS, calendar=complete).warnings == []


# --- structured explanation lines -------------------------------------------------------------------------


def _keys(res):
	return [key for key, _ in res.lines]


def test_lines_of_a_calendar_period_moved_past_national_day():
	res = compute_due(datetime(2025, 9, 28, 10, 0), 7, Unit.CALENDAR_DAYS)
	assert _keys(res) == [
		"start_day",
		"unit_calendar_days",
		"last_day_not_working",
		*["extended_past"] * 4,
		"last_day_extended",
		"due_day",
	]
	start, unit, moved, first_past, *_ = (values for _, values in res.lines)
	assert start == {
		"when": "2025-09-28 10:00:00",
		"weekday": "Sunday",
		"counting": "Civil Code",
		"day": "2025-09-29",
		"day_weekday": "Monday",
	}
	assert unit == {"count": 7, "counting": "Civil Code"}
	assert moved == {
		"day": "2025-10-05",
		"weekday": "Sunday",
		"count": 7,
		"reason": {"kind": "holiday", "holiday": "National Day", "notice": False},
		"counting": "Civil Code",
	}
	assert first_past["day"] == "2025-10-05"
	assert res.lines[-2] == ("last_day_extended", {"day": "2025-10-09", "weekday": "Thursday"})
	assert res.lines[-1] == ("due_day", {"day": "2025-10-09", "weekday": "Thursday"})


def test_lines_of_working_days_name_each_day_not_counted_and_why():
	res = compute_due(datetime(2025, 1, 20, 10, 0), 15, Unit.WORKING_DAYS)
	not_counted = [values for key, values in res.lines if key == "not_counted"]
	assert [values["day"] for values in not_counted] == [d.isoformat() for d, _ in res.skipped]
	assert not_counted[0] == {
		"day": "2025-01-25",
		"weekday": "Saturday",
		"reason": {"kind": "rest_day", "weekday": "Saturday", "assumed": False, "year": 2025},
	}
	assert not_counted[1]["reason"] == {"kind": "holiday", "holiday": "Spring Festival", "notice": False}
	assert res.lines[1] == ("unit_working_days", {"count": 15})


def test_lines_of_a_notice_holiday_and_a_pause():
	cal = WorkingCalendar(NOTICE_2026_SPRING, complete_years={2026})
	pause = Pause(
		datetime(2026, 2, 2, 10, 0), datetime(2026, 2, 3, 15, 0), "waiting for supplementary materials"
	)
	res = compute_due(datetime(2026, 2, 12, 9, 0), 5, Unit.WORKING_DAYS, pauses=[pause], calendar=cal)
	reasons = [values["reason"] for key, values in res.lines if key == "not_counted"]
	assert {"kind": "holiday", "holiday": "Spring Festival", "notice": True} in reasons
	assert (
		"pause_outside",
		{
			"start": "2026-02-02 10:00:00",
			"end": "2026-02-03 15:00:00",
			"reason": "waiting for supplementary materials",
		},
	) in res.lines


def test_lines_of_hours_give_the_time_a_pause_took_as_numbers():
	pauses = [Pause(datetime(2025, 1, 29, 1, 0), datetime(2025, 1, 29, 3, 0), "Force majeure")]
	res = compute_due(
		datetime(2025, 1, 28, 22, 30), 24, Unit.HOURS, pauses=pauses, counting=Counting.CRIMINAL
	)
	assert res.lines == [
		("start", {"when": "2025-01-28 22:30:00"}),
		("start_hour_not_counted", {"when": "2025-01-28 23:00:00"}),
		("unit_hours", {"count": 24}),
		(
			"pause_hours",
			{
				"start": "2025-01-29 01:00:00",
				"end": "2025-01-29 03:00:00",
				"reason": "Force majeure",
				"hours": 2,
				"minutes": 0,
			},
		),
		("due", {"when": "2025-01-30 01:00:00"}),
	]


def test_lines_in_custody_name_the_custody_unit():
	res = compute_due(
		datetime(2025, 9, 28, 10, 0), 7, Unit.CALENDAR_DAYS, counting=Counting.CRIMINAL, in_custody=True
	)
	assert res.lines[0][1]["counting"] == "Criminal Procedure"
	assert res.lines[1] == ("unit_calendar_days_custody", {"count": 7})
	assert res.lines[-1] == ("due_day", {"day": "2025-10-05", "weekday": "Sunday"})


def test_an_unknown_year_is_a_structured_warning_line(monkeypatch):
	monkeypatch.setattr(wc, "PACKAGE_YEARS", PACKAGE_YEARS - {2026})
	res = compute_due(datetime(2026, 2, 12, 9, 0), 5, Unit.WORKING_DAYS)
	assert res.lines[-1] == ("warning_unknown_year", {"year": 2026, "partial": False, "notice_years": []})
	partial = WorkingCalendar(NOTICE_2026_SPRING[:3])
	res = compute_due(datetime(2026, 2, 12, 9, 0), 5, Unit.WORKING_DAYS, calendar=partial)
	assert res.lines[-1] == ("warning_unknown_year", {"year": 2026, "partial": True, "notice_years": []})
	assert res.explanation[-1].startswith(
		"Warning: The State Council holiday notice for 2026 is entered only"
	)


def test_lines_are_plain_data_and_english_words_each_one():
	res = compute_due(
		datetime(2025, 9, 1, 9, 0),
		7,
		Unit.CALENDAR_DAYS,
		pauses=[Pause(datetime(2025, 9, 2, 10, 0), datetime(2025, 9, 3, 15, 0), "waiting")],
	)
	assert json.loads(json.dumps(res.lines)) == [list(line) for line in res.lines]
	assert all(key in ENGLISH for key, _ in res.lines)
	assert (
		"Pause 2025-09-02 10:00:00 to 2025-09-03 15:00:00 (waiting): 2 day(s) not counted: 2025-09-02, 2025-09-03."
		in res.explanation
	)
	assert english("due_day", {"day": "2025-09-10", "weekday": "Wednesday"}) == (
		"Due: 2025-09-10 24:00 (the end of Wednesday; 民法典 Art 203)."
	)


def test_one_calendar_month_from_31_january_ends_on_the_last_day_of_february():
	# 民法典 Art 202: February has no 31st, so its last day ends the period; 28 February 2027 is a Sunday,
	# which moves it to Monday 1 March (Art 203). In a leap year the 29th (a Tuesday in 2028) ends it.
	calendar = WorkingCalendar(complete_years=[2027, 2028])
	due = compute_due(datetime(2027, 1, 31, 10), 1, Unit.CALENDAR_MONTHS, calendar=calendar)
	assert due.due == datetime(2027, 3, 1, 23, 59, 59, 999999)
	assert [key for key, _values in due.lines][:2] == ["start_day", "unit_calendar_months"]
	assert ("extended_past", "2027-02-28") in [(key, values.get("day")) for key, values in due.lines]
	leap = compute_due(datetime(2028, 1, 31, 10), 1, Unit.CALENDAR_MONTHS, calendar=calendar)
	assert leap.due == datetime(2028, 2, 29, 23, 59, 59, 999999)
	# A make-up working Saturday (调休) entered from a notice ends the period on the day itself.
	makeup = WorkingCalendar([NoticeDay(date(2026, 2, 28), True, "Spring Festival")], complete_years=[2026])
	assert compute_due(
		datetime(2026, 1, 31, 10), 1, Unit.CALENDAR_MONTHS, calendar=makeup
	).due.date() == date(2026, 2, 28)


def test_a_calendar_month_ends_on_the_corresponding_day():
	due = compute_due(
		datetime(2026, 4, 15, 9), 1, Unit.CALENDAR_MONTHS, calendar=WorkingCalendar(complete_years=[2026])
	)
	assert due.due.date() == date(2026, 5, 15)  # a Friday
	assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)


def test_a_period_in_months_refuses_pauses():
	with pytest.raises(ValueError):
		compute_due(
			datetime(2026, 4, 15, 9),
			1,
			Unit.CALENDAR_MONTHS,
			pauses=[Pause(datetime(2026, 4, 16), datetime(2026, 4, 17), "x")],
		)


def test_civil_code_art203_a_period_at_an_office_ends_when_it_closes():
	start = datetime(2025, 3, 3, 9, 17)
	plain = compute_due(start, 3, Unit.CALENDAR_DAYS)
	at_office = compute_due(start, 3, Unit.CALENDAR_DAYS, closes_at=time(17, 30))
	assert plain.due == day_end(2025, 3, 6)
	assert at_office.due == datetime(2025, 3, 6, 17, 30)
	assert at_office.lines[-1] == (
		"due_close_of_business",
		{"day": "2025-03-06", "weekday": "Thursday", "time": "17:30"},
	)
	assert any("when the office closes" in line for line in at_office.explanation)
	# A last day moved past a weekend closes at the same hour on the working day it moved to.
	weekend = compute_due(datetime(2025, 3, 5, 9), 3, Unit.CALENDAR_DAYS, closes_at=time(17, 30))
	assert weekend.due == datetime(2025, 3, 10, 17, 30)
	# Hours are counted to the minute, with no office hours.
	assert compute_due(start, 24, Unit.HOURS, closes_at=time(17, 30)).due == datetime(2025, 3, 4, 9, 17)


@pytest.mark.parametrize(
	"text, closing",
	[("17:30", time(17, 30)), (" 9:05 ", time(9, 5)), ("", None), (None, None), ("00:00", time(0, 0))],
)
def test_an_offices_closing_time_is_read_from_hh_mm(text, closing):
	assert closing_time(text) == closing


@pytest.mark.parametrize("text", ["24:00", "17:3", "5pm", "17:60", "17-30"])
def test_a_closing_time_that_is_not_hh_mm_is_refused(text):
	with pytest.raises(ValueError):
		closing_time(text)

"""Words the deadline engine's structured lines in the reader's language, through the app's catalogues."""

import json
import re

import frappe
from frappe import _

from qh_legal_service.rules.legal_aid import MATERIALS_PAUSE_REASON
from qh_legal_service.rules.notarization import FORCE_MAJEURE, SUPPLEMENTARY_MATERIALS, VERIFICATION

# Citations of the statutes that count a period, by what they decide (see rules/deadlines.CITATIONS).
_START = {
	"Civil Code": lambda: _("Civil Code Art 201: the start day is not counted, counting begins the next day"),
	"Criminal Procedure": lambda: _(
		"Criminal Procedure Law Art 105: the starting hour and day are not counted"
	),
}
_EXTENSION = {
	"Civil Code": lambda: _("Civil Code Art 203"),
	"Criminal Procedure": lambda: _("Criminal Procedure Law Art 105"),
}
# The engine passes weekdays, holidays and pause reasons as English names; each is worded through a literal
# here so that the catalogues keep it. A name not listed (a holiday typed into a notice) is shown as typed.
_NAMES = {
	"Monday": lambda: _("Monday"),
	"Tuesday": lambda: _("Tuesday"),
	"Wednesday": lambda: _("Wednesday"),
	"Thursday": lambda: _("Thursday"),
	"Friday": lambda: _("Friday"),
	"Saturday": lambda: _("Saturday"),
	"Sunday": lambda: _("Sunday"),
	"New Year's Day": lambda: _("New Year's Day"),
	"Spring Festival": lambda: _("Spring Festival"),
	"Tomb-sweeping Day": lambda: _("Tomb-sweeping Day"),
	"Labour Day": lambda: _("Labour Day"),
	"Dragon Boat Festival": lambda: _("Dragon Boat Festival"),
	"National Day": lambda: _("National Day"),
	"Mid-autumn Festival": lambda: _("Mid-autumn Festival"),
	"Anti-Fascist 70th Day": lambda: _("Anti-Fascist 70th Day"),
	MATERIALS_PAUSE_REASON: lambda: _("waiting for supplementary materials"),
	# Notarization pauses (公证法 Art 30), each row named by its own reason.
	SUPPLEMENTARY_MATERIALS: lambda: _("Supplementary Materials"),
	VERIFICATION: lambda: _("Verification"),
	FORCE_MAJEURE: lambda: _("Force Majeure"),
}
_LATIN_ASIDE = re.compile(r"\s*\([^()]*[A-Za-z][^()]*\)")
_ARTICLE = re.compile(r"Art\s*(\d+)")


def _name(name: str) -> str:
	return _NAMES[name]() if name in _NAMES else name


def _span(v: dict) -> list:
	return [v["start"], v["end"], _name(v["reason"])]


def _day(v: dict) -> list:
	return [v["day"], _name(v["weekday"])]


# The statutes the rules cite, by their Chinese name, worded in the reader's language; a norm not
# listed here (a standard's number, a State Council document) is shown by its own Chinese name.
_STATUTES = {
	"法律援助法": lambda: _("Legal Aid Law"),
	"人民调解法": lambda: _("People's Mediation Law"),
	"公证法": lambda: _("Notarization Law"),
}


def _law(v: dict) -> str:
	"""The statute's name in the reader's language, or its own Chinese name without the English gloss."""
	law = v["law"] or ""
	chinese = _LATIN_ASIDE.sub("", law).strip()
	if chinese in _STATUTES and not (frappe.local.lang or "").startswith("zh"):
		return _STATUTES[chinese]()
	return chinese or _(law)


def _article(v: dict) -> str:
	article = v["article"] or ""
	found = _ARTICLE.search(article)
	return _("Art {0}").format(found.group(1)) if found else _(article)


def word_reason(reason: dict) -> str:
	"""Why a day was not counted, in the reader's language."""
	if reason["kind"] == "holiday":
		name = reason["holiday"]
		if not name:
			return _("Statutory holiday")
		if reason["notice"]:
			return _("{0} holiday (State Council notice)").format(_name(name))
		return _("{0} holiday").format(_name(name))
	if reason["assumed"]:
		return _("{0} (no holiday data for {1}; weekday rule assumed)").format(
			_name(reason["weekday"]), reason["year"]
		)
	return _name(reason["weekday"])


def _warning(v: dict) -> str:
	if v["partial"]:
		return _(
			"Warning: the State Council holiday notice for {0} is entered only in part: days in {0} it does "
			"not list yet were classified by the weekday rule and are unverified; enter the rest of the "
			"notice and mark it complete."
		).format(v["year"])
	return _(
		"Warning: there is no holiday data for {0}: days in {0} were classified by the weekday rule only "
		"(Monday to Friday working) and are unverified; enter the State Council holiday notice for {0}."
	).format(v["year"])


WORDING = {
	"rule": lambda v: _("Time limit of {0}, {1}.").format(_law(v), _article(v)),
	"start": lambda v: _("Started {0}.").format(v["when"]),
	"start_hour_not_counted": lambda v: _(
		"The starting hour is not counted ({0}); counting begins {1}."
	).format(_START["Criminal Procedure"](), v["when"]),
	"unit_hours": lambda v: _("Unit: {0} hours, counted through nights, weekends and holidays.").format(
		v["count"]
	),
	"pause_before_start": lambda v: _("Pause {0} to {1} ({2}): no effect.").format(*_span(v)),
	"pause_after_due": lambda v: _("Pause {0} to {1} ({2}): after the due moment, no effect.").format(
		*_span(v)
	),
	"pause_hours": lambda v: _("Pause {0} to {1} ({2}): {3} hours {4} minutes not counted.").format(
		*_span(v), v["hours"], v["minutes"]
	),
	"due": lambda v: _("Due: {0}.").format(v["when"]),
	"start_day": lambda v: _(
		"Started {0} ({1}); the start day is not counted ({2}), counting begins {3} ({4})."
	).format(v["when"], _name(v["weekday"]), _START[v["counting"]](), v["day"], _name(v["day_weekday"])),
	"unit_calendar_days": lambda v: _(
		"Unit: {0} calendar days; weekends and holidays inside the period are counted, a last day that "
		"is not a working day moves to the next working day ({1})."
	).format(v["count"], _EXTENSION[v["counting"]]()),
	"unit_calendar_days_custody": lambda v: _(
		"Unit: {0} calendar days; weekends and holidays are counted, and the person is in custody, so a "
		"last day that is a holiday is not extended (Criminal Procedure Law Art 105)."
	).format(v["count"]),
	"unit_calendar_months": lambda v: _(
		"Unit: {0} calendar month(s): the period ends on the corresponding day of the last month, or on "
		"that month's last day when it has none (Civil Code Art 202)."
	).format(v["count"]),
	"unit_working_days": lambda v: _(
		"Unit: {0} working days under the State Council holiday calendar; weekends and statutory "
		"holidays are not counted, adjusted working days are."
	).format(v["count"]),
	"last_day_not_working": lambda v: _(
		"Day {0} is {1} ({2}): {3}; under {4} the period ends on the first working day after it."
	).format(v["count"], *_day(v), word_reason(v["reason"]), _EXTENSION[v["counting"]]()),
	"pause_days": lambda v: _("Pause {0} to {1} ({2}): {3} day(s) not counted: {4}.").format(
		*_span(v), len(v["days"]), ", ".join(v["days"])
	),
	"pause_outside": lambda v: _("Pause {0} to {1} ({2}): outside the counted days, no effect.").format(
		*_span(v)
	),
	"not_counted": lambda v: _("Not counted: {0} ({1}): {2}.").format(*_day(v), word_reason(v["reason"])),
	"extended_past": lambda v: _("Extended past: {0} ({1}): {2}.").format(*_day(v), word_reason(v["reason"])),
	"last_day_extended": lambda v: _("Last day extended to {0} ({1}), the first working day.").format(
		*_day(v)
	),
	"due_day": lambda v: _("Due: {0} 24:00 (the end of {1}; {2}).").format(*_day(v), _("Civil Code Art 203")),
	"due_close_of_business": lambda v: _("Due: {0} {1} ({2}), when the office closes ({3}).").format(
		v["day"], v["time"], _name(v["weekday"]), _("Civil Code Art 203 para 2")
	),
	"warning_unknown_year": _warning,
	# Not the engine's: a step whose due date a person fixed (the materials notice) rather than a rule.
	"fixed_due": lambda v: _("Due date set in the materials notice."),
	# Not the engine's either: a pause still open, which stops the clock until it ends.
	"clock_stopped": lambda v: _(
		"Paused since {0} ({1}): the time is not counted until the pause ends."
	).format(v["since"], _name(v["reason"])),
}


def word_lines(lines, lang: str | None = None) -> str:
	"""The explanation of a due date, one line per structured line, in the reader's language (or `lang`).

	`lines` is the engine's list of (key, values) pairs, or the JSON the application stores of it.
	"""
	if isinstance(lines, str):
		lines = json.loads(lines or "[]")
	reader = frappe.local.lang
	frappe.local.lang = lang or reader
	try:
		return "\n".join(WORDING[key](values) for key, values in lines)
	finally:
		frappe.local.lang = reader

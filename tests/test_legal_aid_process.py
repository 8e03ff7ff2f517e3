"""The legal aid process by statute (法律援助法 Art 36, 39, 43, 44, 48, 49), counted with the shipped rules."""

import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from qh_legal_service.rules import legal_aid as la
from qh_legal_service.rules.deadlines import DueDate, Pause, compute_due, is_overdue

APP_DIR = Path(__file__).resolve().parent.parent / "qh_legal_service"
RULES = {r["rule_code"]: r for r in json.loads((APP_DIR / "data" / "deadline_rules.json").read_text("utf-8"))}
APPLICATION_JSON = APP_DIR / "legal_aid" / "doctype" / "legal_aid_application" / "legal_aid_application.json"


def rule_due(code: str, start: datetime, pauses=(), in_custody: bool = False) -> DueDate:
	"""What `statutory_calendar.compute_rule_due` does on a site, from the shipped rule."""
	rule = RULES[code]
	return compute_due(
		start, rule["count"], rule["unit"], pauses, counting=rule["counting"], in_custody=in_custody
	)


def select_options(fieldname: str) -> list[str]:
	fields = json.loads(APPLICATION_JSON.read_text("utf-8"))["fields"]
	options = next(f["options"] for f in fields if f["fieldname"] == fieldname)
	return [option for option in options.split("\n") if option]


# --- Art 36: notified defence, two periods ---------------------------------------------------------------


def test_art36_the_authoritys_notice_is_late_after_three_days_and_not_extended_in_custody():
	# Found Sunday 28 September 2025; day 3 is 1 October, inside the National Day holiday.
	found = datetime(2025, 9, 28, 15, 0)
	custody = rule_due("LA-NOTIFY-DEFENCE", found, in_custody=True).due
	assert custody == datetime(2025, 10, 1, 23, 59, 59, 999999)
	assert la.is_late(datetime(2025, 10, 2, 9, 0), custody)
	free = rule_due("LA-NOTIFY-DEFENCE", found, in_custody=False).due
	assert free == datetime(2025, 10, 9, 23, 59, 59, 999999)
	assert not la.is_late(datetime(2025, 10, 2, 9, 0), free)


def test_art36_a_notice_counts_from_its_own_date_when_it_is_entered():
	received = datetime(2025, 10, 3, 10, 0)
	posted = datetime(2025, 9, 30, 16, 0)
	assert la.notice_sent_at(posted, received) == posted
	assert la.notice_sent_at(None, received) == received
	due = rule_due("LA-NOTIFY-DEFENCE", datetime(2025, 9, 28, 15, 0), in_custody=True).due
	assert not la.is_late(la.notice_sent_at(posted, received), due)
	assert la.is_late(la.notice_sent_at(None, received), due)


def test_art36_the_centre_assigns_within_three_days_counted_as_an_administrative_period():
	# The notice reached the centre on Sunday 28 September: day 3 falls in the holiday and moves on,
	# custody or not, because the Civil Code counts the centre's own period.
	received = datetime(2025, 9, 28, 15, 0)
	for in_custody in (True, False):
		due = rule_due("LA-NOTIFIED-ASSIGN", received, in_custody=in_custody).due
		assert due == datetime(2025, 10, 9, 23, 59, 59, 999999)
	assert not la.is_late(datetime(2025, 10, 9, 20, 0), due)
	assert la.is_late(datetime(2025, 10, 10, 8, 30), due)


# --- Art 39: the detainee's application, 24 hours --------------------------------------------------------


def test_art39_forwarding_counts_24_hours_from_the_next_full_hour():
	asked = datetime(2025, 3, 3, 9, 17)
	due = rule_due("LA-DETAINED-FORWARD", asked).due
	assert due == datetime(2025, 3, 4, 10, 0)
	assert not la.forwarded_late(datetime(2025, 3, 4, 10, 0), due)
	assert la.forwarded_late(datetime(2025, 3, 4, 10, 1), due)


# --- Art 43: every materials request pauses the review ---------------------------------------------------


def test_art43_every_materials_request_pauses_the_review_not_only_the_latest():
	received = datetime(2025, 9, 1, 9, 0)
	first = {"requested_on": datetime(2025, 9, 2, 10, 0), "supplied_on": datetime(2025, 9, 3, 15, 0)}
	second = {"requested_on": datetime(2025, 9, 5, 10, 0), "supplied_on": datetime(2025, 9, 8, 11, 0)}
	values = {
		"received_on": received,
		"materials_requests": [first, second],
		"materials_requested_on": second["requested_on"],
		"materials_supplied_on": second["supplied_on"],
	}
	pauses = la.materials_pause(values)
	assert [(p.start, p.end) for p in pauses] == [
		(first["requested_on"], first["supplied_on"]),
		(second["requested_on"], second["supplied_on"]),
	]
	step = la.current_step(la.UNDER_REVIEW, values)
	assert (step.name, step.rule_code, step.start) == ("Review and decide", "LA-REVIEW", received)
	# Days touched by a pause: 2–3 and 5–8 September (six days); seven others are counted:
	# 4, 9, 10, 11, 12, 13, 14 → Sunday 14 September moves to Monday 15.
	assert rule_due("LA-REVIEW", received, step.pauses).due == datetime(2025, 9, 15, 23, 59, 59, 999999)
	only_latest = la.materials_pause({k: v for k, v in values.items() if k != "materials_requests"})
	assert rule_due("LA-REVIEW", received, only_latest).due == datetime(2025, 9, 12, 23, 59, 59, 999999)


def test_art43_a_request_still_open_pauses_nothing_yet_and_transitions_record_requests():
	open_request = {"requested_on": datetime(2025, 9, 2, 10, 0), "supplied_on": None}
	assert la.materials_pause({"materials_requests": [open_request]}) == ()
	assert la.opens_materials_request(la.UNDER_REVIEW, la.MATERIALS_REQUESTED)
	assert la.opens_materials_request(la.RECEIVED, la.MATERIALS_REQUESTED)
	assert not la.opens_materials_request(la.MATERIALS_REQUESTED, la.MATERIALS_REQUESTED)
	assert la.materials_supplied(la.MATERIALS_REQUESTED, la.UNDER_REVIEW)
	assert not la.materials_supplied(la.MATERIALS_REQUESTED, la.WITHDRAWN)


def test_art43_the_applicants_due_date_ends_at_2400():
	step = la.current_step(
		la.MATERIALS_REQUESTED,
		{"materials_requested_on": datetime(2025, 9, 2, 10, 0), "materials_due": date(2025, 9, 12)},
	)
	assert step.fixed_due == datetime(2025, 9, 12, 23, 59, 59, 999999)
	assert not is_overdue(step.fixed_due, datetime(2025, 9, 12, 23, 59, 59, 500000))


# --- Art 44: urgent aid from the limitation date ---------------------------------------------------------


@pytest.mark.parametrize(
	"ends_on, days_left, is_open, ended",
	[
		(date(2026, 3, 2), 0, True, False),  # ends today, at 24:00
		(date(2026, 3, 8), 6, True, False),
		(date(2026, 3, 9), 7, False, False),
		(date(2026, 3, 1), -1, False, True),
	],
)
def test_art44_urgent_window_is_computed_from_the_limitation_date(ends_on, days_left, is_open, ended):
	window = la.urgent_window(ends_on, date(2026, 3, 2), RULES["LA-URGENT-WINDOW"]["count"])
	assert (window.days_left, window.open, window.ended) == (days_left, is_open, ended)


def test_art44_the_limitation_reason_is_derived_and_checked_from_the_date():
	on, window = date(2026, 3, 2), RULES["LA-URGENT-WINDOW"]["count"]
	assert la.urgent_reason_for(None, date(2026, 3, 6), on, window) == (la.LIMITATION_ENDS_SOON, None)
	assert la.urgent_reason_for(None, date(2026, 4, 6), on, window) == (None, None)
	assert la.urgent_reason_for(None, None, on, window) == (None, None)
	limitation = la.LIMITATION_ENDS_SOON
	assert la.urgent_reason_for(limitation, None, on, window) == (limitation, "limitation_date_missing")
	assert la.urgent_reason_for(limitation, date(2026, 3, 9), on, window) == (
		limitation,
		"limitation_not_near",
	)
	assert la.urgent_reason_for(limitation, date(2026, 2, 27), on, window) == (limitation, "limitation_ended")
	# Preservation needs no limitation date, whatever the date says.
	preservation = la.URGENT_PRESERVATION
	assert la.urgent_reason_for(preservation, date(2026, 4, 6), on, window) == (preservation, None)
	assert select_options("urgent_reason") == list(la.URGENT_REASONS)


# --- Art 48: termination grounds -------------------------------------------------------------------------


def test_art48_grounds_are_complete_in_the_statutes_order():
	assert la.TERMINATION_REASONS == (
		"Fraudulently Obtained Aid",
		"Concealed Facts or Evidence",
		"Used Legal Aid for Illegal Activity",
		"No Longer in Economic Hardship",
		"Case Ended or Withdrawn",
		"Hired an Own Lawyer",
		"At the Aided Person's Request",
		"Other Legal Ground",
	)
	assert select_options("termination_reason") == list(la.TERMINATION_REASONS)


# --- Art 49: the re-review after a correction has its own period ----------------------------------------


def test_art49_a_correction_starts_its_own_review_period():
	received = datetime(2025, 9, 1, 9, 0)
	ordered = datetime(2025, 10, 20, 10, 0)
	old_pause = Pause(datetime(2025, 9, 2, 10, 0), datetime(2025, 9, 3, 10, 0), "old")
	values = {
		"received_on": received,
		la.CORRECTION_STAMP: ordered,
		"materials_requests": [{"requested_on": old_pause.start, "supplied_on": old_pause.end}],
	}
	step = la.current_step(la.UNDER_REVIEW, values)
	assert (step.name, step.rule_code, step.start, step.pauses) == (
		"Review again as ordered",
		"LA-REREVIEW",
		ordered,
		(),
	)
	due = rule_due(step.rule_code, step.start, step.pauses).due
	assert due == datetime(2025, 10, 27, 23, 59, 59, 999999)
	# Not overdue the moment it reopens, as it would be if counted from the first receipt.
	assert not is_overdue(due, ordered + timedelta(minutes=1))
	assert is_overdue(rule_due("LA-REVIEW", received).due, ordered + timedelta(minutes=1))
	assert la.objection_decision(la.OBJECTION_FILED, la.UNDER_REVIEW) == la.ORDERED_CORRECTED


def test_art44_after_urgent_aid_the_centre_can_still_ask_for_the_missing_materials():
	workflows = json.loads((APP_DIR / "fixtures" / "workflow.json").read_text("utf-8"))
	[legal_aid] = [w for w in workflows if w["document_type"] == "Legal Aid Application"]
	from_urgent_aid = {
		(t["action"], t["next_state"]) for t in legal_aid["transitions"] if t["state"] == la.URGENT_AID
	}
	# Art 44 para 2: the aided person completes the formalities and supplies the materials afterwards.
	assert ("Request Materials", la.MATERIALS_REQUESTED) in from_urgent_aid
	assert {("Approve", la.APPROVED), ("Refuse", la.REFUSED), ("Terminate", la.TERMINATED)} <= from_urgent_aid

"""The figures of mediation, notarization, the hotline, consultations, satisfaction and service orders
(pure): what one record of each adds, and the one Special Groups field the services without checks share."""

import datetime as dt
import json
from pathlib import Path

from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import mediation as m
from qh_legal_service.rules import special_groups as g
from qh_legal_service.rules.figures import (
	CURRENT_MONTH,
	GROUP,
	NO_GROUP,
	RECEIVED,
	TOTAL,
	Measures,
	groups_of,
	record_figures,
)

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
DOCTYPES = {
	meta["name"]: meta
	for meta in (json.loads(p.read_text(encoding="utf-8")) for p in APP.glob("*/doctype/*/*.json"))
}
NOV, DEC = dt.date(2026, 11, 1), dt.date(2026, 12, 1)


def test_every_service_is_counted():
	assert {source.doctype for source in fs.OTHER_SERVICES} <= set(fs.FIGURE_SOURCES)
	assert [source.doctype for source in fs.OTHER_SERVICES] == [
		"Mediation Case",
		"Notarization Referral",
		"Hotline Work Order",
		"Legal Consultation",
		"Satisfaction Evaluation",
		"Service Order",
	]


def test_the_group_table_is_a_special_group_membership_table_on_its_doctype():
	membership = DOCTYPES[g.MEMBERSHIP_DOCTYPE]
	assert membership["istable"] == 1
	link = next(field for field in membership["fields"] if field["fieldname"] == g.MEMBERSHIP_FIELD)
	assert link["options"] == g.GROUP_DOCTYPE
	with_table = [source for source in fs.FIGURE_SOURCES.values() if source.group_table]
	assert {source.doctype for source in with_table} == {
		"Mediation Case",
		"Hotline Work Order",
		"Legal Consultation",
	}
	for source in with_table:
		field = next(f for f in DOCTYPES[source.doctype]["fields"] if f["fieldname"] == source.group_table)
		assert (field["fieldtype"], field["options"]) == ("Table MultiSelect", g.MEMBERSHIP_DOCTYPE)


def test_groups_are_read_from_the_table_rows_in_order_without_repeats():
	rows = [{"special_group": g.WOMEN}, {"special_group": g.ELDERLY}, {"special_group": g.WOMEN}]
	assert groups_of(fs.MEDIATION, {"special_groups": rows}) == [g.WOMEN, g.ELDERLY]
	assert groups_of(fs.MEDIATION, {"special_groups": [g.MINORS]}) == [g.MINORS]
	assert groups_of(fs.MEDIATION, {"special_groups": []}) == [NO_GROUP]
	assert groups_of(fs.HOTLINE, {}) == [NO_GROUP]


def test_a_mediation_case_counts_its_outcome_by_dispute_type_in_the_month_of_the_outcome():
	record = {
		"requested_on": "2026-11-20 09:00:00",
		"accepted_on": "2026-11-21 09:00:00",
		"outcome": m.AGREEMENT_REACHED,
		"outcome_on": "2026-12-03 09:00:00",
		"dispute_type": "Land",
		"judicial_confirmation": m.CONFIRMED,
		"followed_up_on": "2026-12-20",
		"performance": m.PERFORMED_FULLY,
		"special_groups": [{"special_group": g.ELDERLY}],
	}
	figures = record_figures(fs.MEDIATION, record)
	assert figures == {
		(NOV, RECEIVED, TOTAL): Measures(1),
		(NOV, GROUP, g.ELDERLY): Measures(1),
		(NOV, fs.DISPUTE_TYPE, "Land"): Measures(1),
		(DEC, fs.OUTCOME, m.AGREEMENT_REACHED): Measures(1, 1, 0, 12.0),
		(DEC, "reached", "Land"): Measures(1, 1, 0, 12.0),
		(DEC, fs.JUDICIAL_CONFIRMATION, m.CONFIRMED): Measures(1),
		(DEC, fs.CONFIRMED, "Land"): Measures(1),
		(DEC, fs.PERFORMANCE, m.PERFORMED_FULLY): Measures(1),
		(DEC, fs.FOLLOWED_UP, "Land"): Measures(1),
		(DEC, fs.PERFORMED, "Land"): Measures(1),
		# Where the case is now (the desk's state and sidebar fields; none set here).
		(CURRENT_MONTH, "current:workflow_state", ""): Measures(1),
		(CURRENT_MONTH, "current:preferred_language", ""): Measures(1),
	}
	withdrawn = record_figures(
		fs.MEDIATION,
		{
			"requested_on": "2026-11-20",
			"outcome": m.WITHDRAWN,
			"outcome_on": "2026-11-22",
			"dispute_type": "Land",
		},
	)
	# Withdrawn before acceptance: counted, not timed.
	assert withdrawn[(NOV, "withdrawn", "Land")] == Measures(1, 0, 0, 0.0)
	assert (NOV, "reached", "Land") not in withdrawn


def test_a_notarization_referral_counts_by_notary_office_with_its_art42_groups():
	record = {
		"referred_on": "2026-11-02 10:00:00",
		"accepted_on": "2026-11-03 10:00:00",
		"issued_on": "2026-11-13 10:00:00",
		"finished_in_time": 1,
		"fee_relief": 1,
		"notary_office": "NO-1",
		"matter_type": "Will",
		"minor": 1,
	}
	figures = record_figures(fs.NOTARIZATION, record)
	assert figures[(NOV, GROUP, g.MINORS)] == Measures(1)
	assert figures[(NOV, fs.REFERRED, "NO-1")] == Measures(1)
	assert figures[(NOV, fs.FEE_RELIEF, "NO-1")] == Measures(1)
	assert figures[(NOV, fs.ACCEPTED, "NO-1")] == Measures(1, 1, 0, 1.0)
	assert figures[(NOV, fs.ISSUED, "NO-1")] == Measures(1, 1, 0, 10.0)
	assert figures[(NOV, fs.ISSUED_IN_TIME, "NO-1")] == Measures(1)
	assert (NOV, fs.REFUSED, "NO-1") not in figures
	late = record_figures(fs.NOTARIZATION, {**record, "finished_in_time": 0, "fee_relief": 0})
	assert (NOV, fs.ISSUED_IN_TIME, "NO-1") not in late
	assert (NOV, fs.FEE_RELIEF, "NO-1") not in late


def test_a_hotline_call_counts_answered_and_within_15_seconds_by_language_in_the_month_it_began():
	call = {
		"call_started_at": "2026-11-30 23:59:50",
		"call_answered_at": "2026-12-01 00:00:02",
		"answered_within_15s": 1,
		"language": "Tibetan",
	}
	figures = record_figures(fs.HOTLINE, call)
	assert figures[(NOV, fs.CALLS, "Tibetan")] == Measures(1)
	assert figures[(NOV, fs.ANSWERED, "Tibetan")] == Measures(1)
	assert figures[(NOV, fs.ANSWERED_WITHIN_15S, "Tibetan")] == Measures(1)
	missed = record_figures(fs.HOTLINE, {"call_started_at": "2026-11-30 10:00:00", "language": "Chinese"})
	assert (NOV, fs.ANSWERED, "Chinese") not in missed
	assert (NOV, fs.ANSWERED_WITHIN_15S, "Chinese") not in missed


def test_a_satisfaction_evaluation_counts_its_level_by_institution_under_its_service():
	record = {
		"evaluated_on": "2026-11-05 10:00:00",
		"reference_doctype": "Mediation Case",
		"level": "Dissatisfied",
		"channel": "Portal",
		"institution": "INST-1",
		"called_back_on": "2026-12-02 10:00:00",
	}
	figures = record_figures(fs.SATISFACTION_EVALUATION, record)
	assert figures[(NOV, fs.level_figure("Mediation Case", "Dissatisfied"), "INST-1")] == Measures(1)
	assert figures[(NOV, fs.LEVEL, "Dissatisfied")] == Measures(1)
	assert figures[(DEC, fs.called_back_figure("Mediation Case"), "INST-1")] == Measures(1, 1, 0, 27.0)
	assert not [key for key in figures if key[1] == fs.level_figure("Legal Aid Application", "Dissatisfied")]


def test_no_declared_figure_takes_the_name_of_a_built_in_one():
	from qh_legal_service.rules import figures

	built_in = {
		figures.RECEIVED,
		figures.STEP,
		figures.GROUP,
		figures.GROUP_STEP,
		figures.ENDED_IN,
		figures.ESCALATED,
	}
	for source in fs.FIGURE_SOURCES.values():
		declared = [rule.figure for rule in source.figures]
		assert not set(declared) & built_in, source.doctype
		assert source.received.figure not in built_in - {figures.RECEIVED}, source.doctype

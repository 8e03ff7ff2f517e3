"""Supervision figures: what a record adds to the monthly sums, and what a save changes (pure)."""

import datetime as dt
import json
from pathlib import Path

import pytest

from qh_legal_service.rules import figures, special_groups
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES, LEGAL_AID
from qh_legal_service.rules.figures import (
	CURRENT_MONTH,
	ENDED_IN,
	ESCALATED,
	GROUP,
	GROUP_STEP,
	NO_GROUP,
	RECEIVED,
	STEP,
	TOTAL,
	FigureRule,
	FigureSource,
	Measures,
	area_of,
	average,
	current_figure,
	days_between,
	figure_delta,
	figures_named_by,
	month_of,
	months_between,
	record_figures,
	share,
)

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
DOCTYPES = {
	meta["name"]: meta
	for meta in (json.loads(p.read_text(encoding="utf-8")) for p in APP.glob("*/doctype/*/*.json"))
}
NOV, DEC = dt.date(2026, 11, 1), dt.date(2026, 12, 1)
SOURCE = FigureSource(
	doctype="Test",
	received=FigureRule(RECEIVED, on="received_on"),
	figures=(
		FigureRule("matter", on="received_on", by="matter_type"),
		FigureRule("decision", on="decided_on", by="eligibility", days_from="received_on"),
		FigureRule("urgent", on="urgent_on", when={"urgent": 1}),
	),
	special_groups={"minor": special_groups.MINORS, "elderly": special_groups.ELDERLY},
	step_log="step_log",
)


def review_step(ended_on, due_on="2026-11-09 23:59:59"):
	return {
		"step": "Review",
		"started_on": "2026-11-02 10:00:00",
		"due_on": due_on,
		"ended_on": ended_on,
		"ended_in_state": "Approved",
	}


def test_a_received_record_counts_once_with_its_dimensions_and_groups():
	record = {"received_on": dt.date(2026, 11, 2), "matter_type": "Labour", "minor": 1, "elderly": 0}
	assert record_figures(SOURCE, record) == {
		(NOV, RECEIVED, TOTAL): Measures(1),
		(NOV, GROUP, special_groups.MINORS): Measures(1),
		(NOV, "matter", "Labour"): Measures(1),
	}


def test_a_record_in_no_group_counts_under_none_and_an_undated_record_counts_nothing():
	assert record_figures(SOURCE, {"received_on": "2026-11-02"})[(NOV, GROUP, NO_GROUP)] == Measures(1)
	assert record_figures(SOURCE, {"matter_type": "Labour"}) == {}


def test_a_stamp_counts_in_its_own_month_with_its_days_from_receipt():
	record = {"received_on": "2026-11-28", "decided_on": "2026-12-03", "eligibility": "Eligible"}
	figures = record_figures(SOURCE, record)
	assert figures[(DEC, "decision", "Eligible")] == Measures(records=1, timed=1, in_time=0, days=5.0)
	assert (NOV, "decision", "Eligible") not in figures


def test_a_conditional_figure_counts_only_when_its_condition_holds():
	assert (NOV, "urgent", TOTAL) not in record_figures(SOURCE, {"urgent_on": "2026-11-03", "urgent": 0})
	assert record_figures(SOURCE, {"urgent_on": "2026-11-03", "urgent": 1})[
		(NOV, "urgent", TOTAL)
	] == Measures(1)


def test_an_ended_step_counts_its_timeliness_days_and_state_for_the_record_and_each_group():
	record = {"received_on": "2026-11-02", "minor": 1, "elderly": 1}
	late = review_step("2026-12-01 09:00:00")
	figures = record_figures(SOURCE, record, [late])
	days = days_between("2026-11-02 10:00:00", "2026-12-01 09:00:00")
	assert days == pytest.approx(28.9583, abs=1e-4)
	assert figures[(DEC, STEP, "Review")] == Measures(1, 1, 0, days)
	assert figures[(DEC, ENDED_IN, "Approved")] == Measures(1)
	assert figures[(DEC, GROUP_STEP, special_groups.MINORS)] == Measures(1, 1, 0, days)
	assert figures[(DEC, GROUP_STEP, special_groups.ELDERLY)] == Measures(1, 1, 0, days)
	in_time = record_figures(SOURCE, record, [review_step("2026-11-09 23:59:59")])
	assert in_time[(NOV, STEP, "Review")].in_time == 1


def test_a_running_step_and_an_untimed_step_count_as_they_are():
	record = {"received_on": "2026-11-02"}
	assert (NOV, STEP, "Review") not in record_figures(SOURCE, record, [review_step(None)])
	untimed = record_figures(SOURCE, record, [review_step("2026-11-05 10:00:00", due_on=None)])
	assert untimed[(NOV, STEP, "Review")] == Measures(records=1, timed=0, in_time=0, days=3.0)


def test_an_escalated_step_counts_once_in_the_month_it_was_escalated_running_or_ended():
	record = {"received_on": "2026-11-02"}
	running = {**review_step(None), "escalated_on": "2026-11-10 09:00:00"}
	assert record_figures(SOURCE, record, [running])[(NOV, ESCALATED, "Review")] == Measures(1)
	ended = {**review_step("2026-12-01 09:00:00"), "escalated_on": "2026-11-10 09:00:00"}
	figures = record_figures(SOURCE, record, [ended])
	assert figures[(NOV, ESCALATED, "Review")] == Measures(1)
	assert (DEC, ESCALATED, "Review") not in figures
	assert not any(key[1] == ESCALATED for key in record_figures(SOURCE, record, [review_step(None)]))


def test_a_save_changes_only_what_moved():
	before = record_figures(SOURCE, {"received_on": "2026-11-02", "matter_type": "Labour"})
	after = record_figures(
		SOURCE,
		{"received_on": "2026-11-02", "matter_type": "Pay", "decided_on": "2026-11-04", "eligibility": "E"},
	)
	assert figure_delta(before, after) == {
		(NOV, "matter", "Labour"): Measures(-1),
		(NOV, "matter", "Pay"): Measures(1),
		(NOV, "decision", "E"): Measures(1, 1, 0, 2.0),
	}
	assert figure_delta(after, after) == {}


def test_helpers_round_and_refuse_to_divide_by_nothing():
	assert share(2, 3) == 66.7
	assert share(1, 0) is None
	assert average(10, 4) == 2.5
	assert average(1, 0) is None
	assert month_of("2026-02-28 23:00:00") == dt.date(2026, 2, 1)
	assert month_of(None) is None
	assert months_between(dt.date(2025, 11, 15), dt.date(2026, 2, 1)) == [
		dt.date(2025, 11, 1),
		dt.date(2025, 12, 1),
		dt.date(2026, 1, 1),
		dt.date(2026, 2, 1),
	]
	assert area_of({"division": "630202001001", "township": "630202001", "county": "630202"}) == "630202001"
	assert area_of({"division": "630202", "county": "630202", "prefecture": "630200"}) == "630202"


@pytest.mark.parametrize("source", FIGURE_SOURCES.values(), ids=lambda source: source.doctype)
def test_every_figure_source_reads_fields_its_doctype_has(source):
	meta = DOCTYPES[source.doctype]
	fieldnames = {field["fieldname"] for field in meta["fields"]}
	assert set(source.fields) <= fieldnames, set(source.fields) - fieldnames
	if source.step_log:
		step_log = next(field for field in meta["fields"] if field["fieldname"] == source.step_log)
		assert step_log["options"] == "Service Case Step"
	assert set(source.special_groups.values()) <= set(special_groups.SPECIAL_GROUPS)
	for fieldname in ("division", "prefecture", "county", "township"):
		assert fieldname in fieldnames


def test_the_legal_aid_groups_cover_its_special_group_checks():
	assert set(LEGAL_AID.special_groups) == {
		"minor",
		"elderly_without_income",
		"disabled_without_income",
		"social_assistance_recipient",
		"entitled_group",
		"migrant_worker_pay_claim",
		"single_mother",
	}


def test_service_figure_is_scoped_like_every_area_record():
	meta = DOCTYPES["Service Figure"]
	fieldnames = {field["fieldname"] for field in meta["fields"]}
	assert {"service", "month", "figure", "category", "records", "timed", "in_time", "days"} <= fieldnames
	assert {"division", "prefecture", "county", "township"} <= fieldnames
	hooks = (APP / "hooks.py").read_text(encoding="utf-8")
	assert '"Service Figure",' in hooks.split("_AREA_DOCTYPES = (")[1].split("\n)")[0]


CURRENT_SOURCE = FigureSource(
	doctype="Test",
	received=FigureRule(RECEIVED, on="received_on"),
	current=("workflow_state", "entitled_group", "assigned_worker"),
)


def test_a_record_counts_once_under_the_current_value_of_each_current_field():
	record = {"received_on": "2026-11-03", "workflow_state": "Under Review", "entitled_group": 0}
	assert record_figures(CURRENT_SOURCE, record) == {
		(NOV, RECEIVED, TOTAL): Measures(1),
		(NOV, GROUP, NO_GROUP): Measures(1),
		(CURRENT_MONTH, "current:workflow_state", "Under Review"): Measures(1),
		# A check's 0 is a value of its own ("0"); a field not set counts under "".
		(CURRENT_MONTH, "current:entitled_group", "0"): Measures(1),
		(CURRENT_MONTH, "current:assigned_worker", ""): Measures(1),
	}
	# An undated record is still in its state now.
	assert record_figures(CURRENT_SOURCE, {"workflow_state": "Received"})[
		(CURRENT_MONTH, current_figure("workflow_state"), "Received")
	] == Measures(1)


def test_a_state_change_moves_the_record_and_a_deletion_takes_it_back():
	before = {"received_on": "2026-11-03", "workflow_state": "Under Review", "entitled_group": 1}
	after = {**before, "workflow_state": "Approved", "assigned_worker": "LSW-1"}
	delta = figure_delta(record_figures(CURRENT_SOURCE, before), record_figures(CURRENT_SOURCE, after))
	assert delta == {
		(CURRENT_MONTH, "current:workflow_state", "Under Review"): Measures(-1),
		(CURRENT_MONTH, "current:workflow_state", "Approved"): Measures(1),
		(CURRENT_MONTH, "current:assigned_worker", ""): Measures(-1),
		(CURRENT_MONTH, "current:assigned_worker", "LSW-1"): Measures(1),
	}
	deleted = figure_delta(record_figures(CURRENT_SOURCE, after), {})
	assert deleted[(CURRENT_MONTH, "current:workflow_state", "Approved")] == Measures(-1)
	assert deleted[(CURRENT_MONTH, "current:entitled_group", "1")] == Measures(-1)
	assert CURRENT_MONTH < dt.date(2000, 1, 1)


def test_every_desk_service_counts_its_desk_state_and_sidebar_fields_now():
	from qh_legal_service.rules.desk_indexes import DESKS

	assert set(DESKS) <= set(FIGURE_SOURCES)
	for doctype, desk in DESKS.items():
		assert FIGURE_SOURCES[doctype].current == (desk.state_field, *desk.group_by)
	assert LEGAL_AID.current == ("workflow_state", "assigned_worker", "preferred_language", "entitled_group")


# Levels: every township sum is kept again for its county and its prefecture.
XINING, CHENGZHONG, NANCHUAN = "630100", "630103", "630103001"


def test_a_township_sum_is_kept_at_its_county_and_its_prefecture_too():
	area = (NANCHUAN, XINING, CHENGZHONG, NANCHUAN)
	assert figures.area_at_level(figures.TOWNSHIP_LEVEL, area) == area
	assert figures.area_at_level(figures.COUNTY_LEVEL, area) == (CHENGZHONG, XINING, CHENGZHONG, None)
	assert figures.area_at_level(figures.PREFECTURE_LEVEL, area) == (XINING, XINING, None, None)


def test_a_record_above_the_townships_is_kept_at_its_own_area_at_every_level():
	county_record = (CHENGZHONG, XINING, CHENGZHONG, None)
	assert figures.area_at_level(figures.COUNTY_LEVEL, county_record) == county_record
	assert figures.area_at_level(figures.PREFECTURE_LEVEL, county_record) == (XINING, XINING, None, None)
	province_record = ("630000", None, None, None)
	for level in figures.LEVELS:
		assert figures.area_at_level(level, province_record) == province_record


def test_two_townships_of_a_county_add_up_in_its_county_and_prefecture_sums():
	month = dt.date(2026, 3, 1)
	other = "630103002"
	changes = {
		((NANCHUAN, XINING, CHENGZHONG, NANCHUAN), month, "received", ""): figures.Measures(2, 1, 1, 3.0),
		((other, XINING, CHENGZHONG, other), month, "received", ""): figures.Measures(3, 0, 0, 1.5),
	}
	levels = figures.at_levels(changes)
	assert len(levels) == 4
	assert levels[(figures.COUNTY_LEVEL, (CHENGZHONG, XINING, CHENGZHONG, None), month, "received", "")] == (
		figures.Measures(5, 1, 1, 4.5)
	)
	assert levels[(figures.PREFECTURE_LEVEL, (XINING, XINING, None, None), month, "received", "")] == (
		figures.Measures(5, 1, 1, 4.5)
	)


def test_a_move_between_two_townships_of_a_county_leaves_the_county_sums_alone():
	month = dt.date(2026, 3, 1)
	other = "630103002"
	changes = {
		((NANCHUAN, XINING, CHENGZHONG, NANCHUAN), month, "received", ""): -figures.ONE,
		((other, XINING, CHENGZHONG, other), month, "received", ""): figures.ONE,
	}
	assert {key[0] for key in figures.at_levels(changes)} == {figures.TOWNSHIP_LEVEL}


def test_a_read_takes_the_coarsest_level_that_answers_it():
	assert figures.reading_level([]) == figures.PREFECTURE_LEVEL
	assert figures.reading_level(["Province", "Prefecture"]) == figures.PREFECTURE_LEVEL
	assert figures.reading_level(["Prefecture", "County"]) == figures.COUNTY_LEVEL
	assert figures.reading_level(["County", "Township"]) == figures.TOWNSHIP_LEVEL
	assert figures.reading_level(["Village"]) == figures.TOWNSHIP_LEVEL


def test_days_count_whole_seconds_rounded_half_up_as_the_recount_does():
	# 324 s is 0.00375 days: half up gives 0.0038, where a float's round() gave 0.0037.
	assert days_between("2026-11-02 10:00:00", "2026-11-02 10:05:24") == 0.0038
	# A part of a second is not counted (timestampdiff(second, …) truncates), before or after.
	assert days_between("2026-11-02 10:00:00.600000", "2026-11-02 10:05:25.100000") == 0.0038
	assert days_between("2026-11-02 10:00:00", "2026-11-02 10:05:24.999999") == 0.0038
	assert days_between("2026-11-02 10:00:00", "2026-11-02 10:00:00.900000") == 0.0
	# Never negative.
	assert days_between("2026-11-02 10:00:01", "2026-11-02 10:00:00") == 0.0


def test_a_rename_moves_the_figures_counted_by_a_link_to_the_renamed_doctype_and_no_other():
	source = FigureSource(
		doctype="Case",
		received=FigureRule(RECEIVED, on="received_on"),
		figures=(
			FigureRule("by_office", on="received_on", by="office"),
			FigureRule("by_kind", on="received_on", by="kind"),
		),
		current=("worker", "state"),
		group_table="special_groups",
	)
	links = {"office": "Notary Office", "worker": "User", "state": "Workflow State"}
	assert figures_named_by(source, links, "User") == {current_figure("worker")}
	assert figures_named_by(source, links, "Notary Office") == {"by_office"}
	assert figures_named_by(source, links, "Special Group") == {GROUP, GROUP_STEP}
	assert figures_named_by(source, links, "Language") == frozenset()
	# Without a special group table the groups are the rules' own names, which no rename changes.
	flags_only = FigureSource(doctype="Case", received=FigureRule(RECEIVED, on="received_on"))
	assert figures_named_by(flags_only, links, "Special Group") == frozenset()


def test_a_report_without_dates_counts_the_last_twelve_months_this_one_included():
	assert figures.default_period(dt.date(2026, 12, 7)) == (dt.date(2026, 1, 1), dt.date(2026, 12, 7))
	assert figures.default_period(dt.date(2026, 1, 31)) == (dt.date(2025, 2, 1), dt.date(2026, 1, 31))
	first, last = figures.default_period(dt.date(2026, 12, 7))
	assert len(months_between(first, last)) == figures.DEFAULT_MONTHS == 12


def test_the_report_filters_default_to_the_same_twelve_months():
	script = (APP / "public/js/report_filters.js").read_text(encoding="utf-8")
	assert (
		f"frappe.datetime.add_months(frappe.datetime.month_start(), -{figures.DEFAULT_MONTHS - 1})" in script
	)
	assert "add_months(frappe.datetime.get_today(), -12)" not in script

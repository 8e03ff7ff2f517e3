"""Counting rules of the legal aid reports over stored figure sums."""

import pytest

from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules import legal_aid_stats as stats
from qh_legal_service.rules import special_groups as g
from qh_legal_service.rules.eligibility import ABUSE_VICTIM_CLAIM, HERO_MARTYR_CLAIM
from qh_legal_service.rules.figures import ENDED_IN, GROUP, RECEIVED, STEP, Measures
from qh_legal_service.rules.legal_aid import ASSIGN_STEP, DEFENCE_STEP, REREVIEW_STEP, REVIEW_STEP


def sums(county, figure, category="", records=0, timed=0, in_time=0, days=0.0):
	"""One row as figures.figure_sums returns it, grouped by county, figure and category."""
	return {
		"county": county,
		"figure": figure,
		"category": category,
		"records": records,
		"timed": timed,
		"in_time": in_time,
		"days": days,
	}


A, B = "630102", "630103"


class TestSumsByGroup:
	def test_groups_in_code_order_with_those_above_the_tier_last(self):
		rows = [
			sums(B, RECEIVED, records=2),
			sums(None, RECEIVED, records=1),
			sums(A, RECEIVED, records=3),
			sums(A, RECEIVED, records=1),
		]
		groups = stats.sums_by_group(rows, "county")
		assert list(groups) == [A, B, None]
		assert groups[A] == {(RECEIVED, ""): Measures(4)}
		assert stats.total_sums(groups) == {(RECEIVED, ""): Measures(7)}

	def test_without_a_column_every_row_is_the_total(self):
		groups = stats.sums_by_group([sums(A, RECEIVED, records=2), sums(B, RECEIVED, records=5)], None)
		assert groups == {stats.TOTAL: {(RECEIVED, ""): Measures(7)}}

	def test_a_figure_over_some_categories(self):
		group = {(STEP, REVIEW_STEP): Measures(2, 2, 1, 9.0), (STEP, ASSIGN_STEP): Measures(1, 1, 1, 2.0)}
		assert stats.figure(group, STEP, stats.REVIEW_STEPS) == Measures(2, 2, 1, 9.0)
		assert stats.figure(group, STEP) == Measures(3, 3, 2, 11.0)
		assert stats.figure(group, RECEIVED) == Measures()


class TestTimeliness:
	def test_shares_and_averages_from_steps_and_decisions(self):
		group = {
			(RECEIVED, ""): Measures(5),
			# Two decisions: 2 and 8.25 days after receipt (the second one's eligibility differs).
			(fs.DECISION, "Eligible"): Measures(1, 1, 0, 2.0),
			(fs.DECISION, "Hardship Proof Waived"): Measures(1, 1, 0, 8.25),
			# Three review steps timed, two in time; one re-review, late.
			(STEP, REVIEW_STEP): Measures(3, 3, 2, 12.0),
			(STEP, REREVIEW_STEP): Measures(1, 1, 0, 9.0),
			# Assignments: two after a decision (one late), one notified defence in time.
			(STEP, ASSIGN_STEP): Measures(2, 2, 1, 7.0),
			(STEP, DEFENCE_STEP): Measures(1, 1, 1, 1.0),
			(STEP, "Applicant supplies materials"): Measures(4, 4, 4, 30.0),
		}
		row = stats.timeliness(A, group, overdue=2)
		assert (row.applications, row.decided, row.decision_days) == (5, 2, 5.1)
		assert row.review_share == 50.0  # 2 of 4 review steps
		assert (row.assigned, row.assign_share, row.assignment_days) == (3, 66.7, 2.7)
		assert row.overdue == 2

	def test_nothing_decided_has_no_share_and_no_average(self):
		row = stats.timeliness(A, {(RECEIVED, ""): Measures(1)})
		assert (row.decided, row.review_share, row.decision_days, row.assign_share) == (0, None, None, None)


class TestVolumes:
	def test_special_groups_list_every_group_and_claim_with_shares_of_all_received(self):
		group = {
			(RECEIVED, ""): Measures(4),
			(GROUP, g.MINORS): Measures(2),
			(GROUP, g.WOMEN): Measures(1),
			(GROUP, stats.NO_SPECIAL_GROUP): Measures(2),
			(fs.ART32_CLAIM, HERO_MARTYR_CLAIM): Measures(1),
		}
		rows, received = stats.volumes({stats.TOTAL: group}, stats.SPECIAL_GROUP)
		assert received == 4
		assert [row.key for row in rows] == [*g.SPECIAL_GROUPS, *stats.SPECIAL_GROUPS[7:], "none"]
		counts = {row.key: (row.applications, row.share) for row in rows}
		assert counts[g.MINORS] == (2, 50.0)
		assert counts[g.WOMEN] == (1, 25.0)
		assert counts[g.ELDERLY] == (0, 0.0)
		assert counts[HERO_MARTYR_CLAIM] == (1, 25.0)
		assert counts[ABUSE_VICTIM_CLAIM] == (0, 0.0)
		assert counts["none"] == (2, 50.0)

	def test_matter_types_most_first_an_empty_one_last_of_its_count(self):
		group = {
			(RECEIVED, ""): Measures(6),
			(fs.MATTER_TYPE, "Criminal Matter"): Measures(1),
			(fs.MATTER_TYPE, "Labour Relations or Unpaid Pay"): Measures(4),
			(fs.MATTER_TYPE, ""): Measures(1),
		}
		rows, _received = stats.volumes({stats.TOTAL: group}, stats.MATTER_TYPE)
		assert [(row.key, row.applications, row.share) for row in rows] == [
			("Labour Relations or Unpaid Pay", 4, 66.7),
			("Criminal Matter", 1, 16.7),
			(None, 1, 16.7),
		]

	def test_divisions_from_the_receipts_of_each(self):
		groups = {A: {(RECEIVED, ""): Measures(1)}, B: {(RECEIVED, ""): Measures(3)}, None: {}}
		rows, received = stats.volumes(groups, stats.DIVISION)
		assert received == 4
		assert [(row.key, row.applications, row.share) for row in rows] == [(B, 3, 75.0), (A, 1, 25.0)]

	def test_an_unknown_dimension_is_refused(self):
		with pytest.raises(ValueError):
			stats.volumes({}, "Colour")


class TestOutcomes:
	def test_closures_terminations_refusals_withdrawals_and_objections(self):
		group = {
			(RECEIVED, ""): Measures(9),
			(fs.OUTCOME, "Won or Mostly Won"): Measures(2),
			(fs.OUTCOME, ""): Measures(1),
			(fs.TERMINATION, "Hired an Own Lawyer"): Measures(1),
			(fs.OBJECTION, ""): Measures(1),
			(ENDED_IN, "Refused"): Measures(2),
			(ENDED_IN, "Withdrawn"): Measures(1),
			(ENDED_IN, "Approved"): Measures(4),
		}
		row = stats.outcomes(A, group, running=3)
		assert (row.applications, row.running, row.closed, row.terminated) == (9, 3, 3, 1)
		assert (row.refused, row.withdrawn, row.objections) == (2, 1, 1)
		outcomes = dict(row.by_outcome)
		assert list(outcomes) == list(stats.OUTCOMES)
		assert (outcomes["Won or Mostly Won"], outcomes["Other"], outcomes["Lost"]) == (2, 1, 0)
		reasons = dict(row.by_termination_reason)
		assert (reasons["Hired an Own Lawyer"], reasons["Other Legal Ground"]) == (1, 0)

	def test_running_states_exclude_every_ended_state_and_keep_a_pending_objection(self):
		assert "Objection Filed" in stats.RUNNING_STATES
		assert not set(stats.RUNNING_STATES) & set(stats.ENDED_STATES)
		assert set(stats.TIMED_STATES) == {
			"Received",
			"Materials Requested",
			"Under Review",
			"Urgent Aid",
			"Approved",
			"Objection Filed",
		}


class TestCallbacks:
	def test_closed_cases_against_callbacks_by_satisfaction(self):
		group = {
			(fs.OUTCOME, "Won or Mostly Won"): Measures(3),
			(fs.OUTCOME, "Lost"): Measures(1),
			(fs.AIDED_PERSON_CALLBACK, "Satisfied"): Measures(2),
			(fs.AIDED_PERSON_CALLBACK, "Very Dissatisfied"): Measures(1),
		}
		row = stats.callbacks(A, group)
		assert (row.closed, row.called_back, row.callback_share, row.dissatisfied) == (4, 3, 75.0, 1)
		assert dict(row.by_satisfaction) == {
			"Very Satisfied": 0,
			"Satisfied": 2,
			"Basically Satisfied": 0,
			"Dissatisfied": 0,
			"Very Dissatisfied": 1,
		}

	def test_no_closure_no_share(self):
		assert stats.callbacks(A, {}).callback_share is None


class TestAidedPersonCallbackFigure:
	def test_only_callbacks_to_the_aided_person_count_by_satisfaction(self):
		from qh_legal_service.rules.figures import record_figures

		def figures_of(check):
			record = {"called_on": "2025-09-25", "satisfaction": "Satisfied", "quality_check": check}
			return {key[1:]: m.records for key, m in record_figures(fs.LEGAL_AID_CALLBACK, record).items()}

		assert figures_of(fs.CALLBACK_TO_AIDED_PERSON)[(fs.AIDED_PERSON_CALLBACK, "Satisfied")] == 1
		assert figures_of(None)[(fs.AIDED_PERSON_CALLBACK, "Satisfied")] == 1
		court = figures_of("Court Attendance")
		assert (fs.AIDED_PERSON_CALLBACK, "Satisfied") not in court
		assert court[(fs.SATISFACTION, "Satisfied")] == 1

"""Counting rules of the legal aid reports, on real dates of the 2025 holiday calendar."""

from datetime import date, datetime

import pytest

from qh_legal_service.rules import legal_aid_stats as stats
from qh_legal_service.rules.eligibility import ABUSE_VICTIM_CLAIM, HERO_MARTYR_CLAIM
from qh_legal_service.rules.legal_aid_stats import Limit


def application(name="LAA-1", county="630102", **values):
	row = {
		"name": name,
		"prefecture": "630100",
		"county": county,
		"township": None,
		"workflow_state": "Received",
		"eligibility": "Eligible",
		"received_on": datetime(2025, 9, 1, 9, 0),
	}
	row.update(values)
	return row


class TestReviewDue:
	def test_seven_calendar_days_from_the_day_after_receipt(self):
		# Received Monday 1 September: day 7 is Monday 8 September, a working day.
		assert stats.review_due(application()) == datetime(2025, 9, 8, 23, 59, 59, 999999)

	def test_last_day_in_national_day_holiday_moves_to_first_working_day(self):
		# Day 7 is 5 October, inside the 1–8 October National Day and Mid-autumn holiday.
		row = application(received_on=datetime(2025, 9, 28, 16, 30))
		assert stats.review_due(row) == datetime(2025, 10, 9, 23, 59, 59, 999999)

	def test_decision_on_the_extended_day_is_in_time_and_the_day_after_is_not(self):
		received = datetime(2025, 9, 28, 16, 30)
		on_time = application(received_on=received, decided_on=datetime(2025, 10, 9, 17, 0))
		late = application(received_on=received, decided_on=datetime(2025, 10, 10, 9, 0))
		assert stats.reviewed_in_time(on_time) is True
		assert stats.reviewed_in_time(late) is False

	def test_materials_pause_is_not_counted(self):
		# Paused 3–5 September (three days touched): due moves from 8 to 11 September.
		row = application(
			materials_requested_on=datetime(2025, 9, 3, 10, 0),
			materials_supplied_on=datetime(2025, 9, 5, 15, 0),
			decided_on=datetime(2025, 9, 11, 10, 0),
		)
		assert stats.review_due(row) == datetime(2025, 9, 11, 23, 59, 59, 999999)
		assert stats.reviewed_in_time(row) is True
		assert stats.reviewed_in_time({**row, "materials_supplied_on": None}) is False

	def test_every_materials_request_is_not_counted(self):
		# Paused 2–3 and 5–8 September: the seven counted days end on Sunday 14, moved to Monday 15.
		requests = [
			{"requested_on": datetime(2025, 9, 2, 10, 0), "supplied_on": datetime(2025, 9, 3, 15, 0)},
			{"requested_on": datetime(2025, 9, 5, 10, 0), "supplied_on": datetime(2025, 9, 8, 11, 0)},
		]
		row = application(materials_requests=requests, decided_on=datetime(2025, 9, 15, 10, 0))
		assert stats.review_due(row) == datetime(2025, 9, 15, 23, 59, 59, 999999)
		assert stats.reviewed_in_time(row) is True

	def test_undecided_and_notified_defence_are_not_measured(self):
		assert stats.reviewed_in_time(application()) is None
		notified = application(eligibility="Notified Defence", decided_on=datetime(2025, 9, 20))
		assert stats.reviewed_in_time(notified) is None

	def test_limit_from_the_site_rule_is_used(self):
		assert stats.review_due(application(), Limit(10)) == datetime(2025, 9, 11, 23, 59, 59, 999999)


class TestAssignment:
	def test_three_days_from_approval(self):
		row = application(decided_on=datetime(2025, 9, 8, 10, 0), assigned_on=datetime(2025, 9, 11, 18, 0))
		assert stats.assignment_due(row) == datetime(2025, 9, 11, 23, 59, 59, 999999)
		assert stats.assigned_in_time(row) is True
		assert stats.assigned_in_time({**row, "assigned_on": datetime(2025, 9, 12, 8, 0)}) is False

	def test_approval_before_a_weekend_ends_on_monday(self):
		# Approved Wednesday 10 September 2025: day 3 is Saturday 13, extended to Monday 15.
		row = application(decided_on=datetime(2025, 9, 10, 10, 0))
		assert stats.assignment_due(row) == datetime(2025, 9, 15, 23, 59, 59, 999999)

	def test_notified_defence_counts_from_receipt(self):
		row = application(eligibility="Notified Defence", assigned_on=datetime(2025, 9, 5, 9, 0))
		assert stats.assignment_due(row) == datetime(2025, 9, 4, 23, 59, 59, 999999)
		assert stats.assigned_in_time(row) is False

	def test_unassigned_is_not_measured(self):
		assert stats.assigned_in_time(application(decided_on=datetime(2025, 9, 2))) is None


class TestTimeliness:
	NOW = datetime(2025, 10, 20, 12, 0)

	def rows(self):
		return [
			# Chengdong: decided in 2 days, assigned in 1 day; decided late (9 days); overdue now.
			application(
				"A",
				workflow_state="Assigned",
				decided_on=datetime(2025, 9, 3, 9, 0),
				assigned_on=datetime(2025, 9, 4, 9, 0),
			),
			application("B", workflow_state="Refused", decided_on=datetime(2025, 9, 10, 9, 0)),
			application("C", current_due=datetime(2025, 10, 1, 23, 59, 59)),
			# Stale due date on a closed application: no step runs, so not overdue.
			application("D", workflow_state="Closed", current_due=datetime(2025, 9, 8, 23, 59, 59)),
			# Chengzhong: approved, assigned 4 days later (late); due in the future.
			application(
				"E",
				county="630103",
				workflow_state="In Progress",
				decided_on=datetime(2025, 9, 5, 9, 0),
				assigned_on=datetime(2025, 9, 9, 9, 0),
			),
			application("F", county="630103", current_due=datetime(2025, 10, 30, 23, 59, 59)),
			# At the prefecture itself: no county.
			application("G", county=None),
		]

	def test_by_county(self):
		result = {row.group: row for row in stats.timeliness_by_group(self.rows(), "county", self.NOW)}
		assert list(result) == ["630102", "630103", None]
		chengdong = result["630102"]
		assert (chengdong.applications, chengdong.decided, chengdong.decided_in_time) == (4, 2, 1)
		assert chengdong.review_share == 50.0
		assert (chengdong.assigned, chengdong.assigned_in_time, chengdong.assign_share) == (1, 1, 100.0)
		assert chengdong.average_decision_days == 5.5  # (2 + 9) / 2
		assert chengdong.average_assignment_days == 1.0
		assert chengdong.overdue == 1
		chengzhong = result["630103"]
		assert (chengzhong.applications, chengzhong.decided, chengzhong.review_share) == (2, 1, 100.0)
		assert (chengzhong.assigned, chengzhong.assign_share, chengzhong.average_assignment_days) == (
			1,
			0.0,
			4.0,
		)
		assert chengzhong.overdue == 0
		assert result[None].applications == 1
		assert result[None].review_share is None

	def test_total(self):
		[total] = stats.timeliness_by_group(self.rows(), None, self.NOW)
		assert (total.group, total.applications, total.decided, total.decided_in_time) == ("Total", 7, 3, 2)
		assert total.assign_share == 50.0


class TestVolumes:
	def rows(self):
		return [
			application(
				"A",
				minor=1,
				art32_claim=ABUSE_VICTIM_CLAIM,
				channel="Portal",
				matter_type="Criminal Matter",
			),
			application(
				"B",
				migrant_worker_pay_claim=1,
				channel="Portal",
				matter_type="Labour Relations or Unpaid Pay",
			),
			application("C", channel="12348 Hotline", matter_type="Labour Relations or Unpaid Pay"),
			application(
				"D", county="630103", minor=1, channel="Portal", matter_type="Labour Relations or Unpaid Pay"
			),
		]

	def test_special_group_counts_every_flag_and_none(self):
		counts = {
			row.key: (row.applications, row.share) for row in stats.volumes(self.rows(), "Special Group")
		}
		assert list(counts) == [*stats.SPECIAL_GROUPS, "none"]
		assert counts["minor"] == (2, 50.0)
		assert counts[ABUSE_VICTIM_CLAIM] == (1, 25.0)
		assert counts[HERO_MARTYR_CLAIM] == (0, 0.0)
		assert counts["migrant_worker_pay_claim"] == (1, 25.0)
		assert counts["single_mother"] == (0, 0.0)
		assert counts["none"] == (1, 25.0)
		assert sum(applications for applications, _share in counts.values()) == 5

	def test_matter_type_most_frequent_first(self):
		result = [(row.key, row.applications) for row in stats.volumes(self.rows(), "Matter Type")]
		assert result == [("Labour Relations or Unpaid Pay", 3), ("Criminal Matter", 1)]

	def test_channel(self):
		result = [(row.key, row.applications, row.share) for row in stats.volumes(self.rows(), "Channel")]
		assert result == [("Portal", 3, 75.0), ("12348 Hotline", 1, 25.0)]

	def test_division_needs_a_column(self):
		result = [(row.key, row.applications) for row in stats.volumes(self.rows(), "Division", "county")]
		assert result == [("630102", 3), ("630103", 1)]
		with pytest.raises(ValueError):
			stats.volumes(self.rows(), "Division")
		with pytest.raises(ValueError):
			stats.volumes(self.rows(), "Colour")


class TestOutcomes:
	def test_fate_of_archived_applications_from_their_stamps(self):
		archived = {"workflow_state": "Archived"}
		assert stats.fate({**archived, "closed_on": datetime(2025, 9, 30)}) == "Closed"
		assert stats.fate({**archived, "terminated_on": datetime(2025, 9, 30)}) == "Terminated"
		assert stats.fate({**archived, "decided_on": datetime(2025, 9, 3)}) == "Refused"
		assert stats.fate({**archived, "materials_requested_on": datetime(2025, 9, 3)}) == "Withdrawn"
		corrected_then_withdrawn = {
			**archived,
			"decided_on": datetime(2025, 9, 3),
			"materials_requested_on": datetime(2025, 9, 20),
		}
		assert stats.fate(corrected_then_withdrawn) == "Withdrawn"
		assert stats.fate({"workflow_state": "Objection Filed"}) is None
		assert stats.fate({"workflow_state": "In Progress"}) is None

	def test_by_county(self):
		rows = [
			application("A", workflow_state="Closed", outcome="Won or Mostly Won"),
			application(
				"B", workflow_state="Archived", closed_on=datetime(2025, 9, 20), outcome="Settled or Mediated"
			),
			application("C", workflow_state="Terminated", termination_reason="Hired an Own Lawyer"),
			application("D", workflow_state="Refused", objection_filed_on=datetime(2025, 9, 9)),
			application("E", workflow_state="Withdrawn"),
			application("F", workflow_state="Under Review"),
			application("G", county="630103", workflow_state="Closed", outcome=None),
		]
		result = {row.group: row for row in stats.outcomes_by_group(rows, "county")}
		chengdong = result["630102"]
		assert (chengdong.applications, chengdong.closed, chengdong.terminated) == (6, 2, 1)
		assert (chengdong.refused, chengdong.withdrawn, chengdong.running, chengdong.objections) == (
			1,
			1,
			1,
			1,
		)
		assert chengdong.by_outcome == {"Won or Mostly Won": 1, "Settled or Mediated": 1}
		assert chengdong.by_termination_reason == {"Hired an Own Lawyer": 1}
		assert result["630103"].by_outcome == {"Other": 1}


class TestCallbacks:
	def applications(self):
		return [
			application("A", workflow_state="Closed", closed_on=datetime(2025, 9, 20)),
			application("B", workflow_state="Archived", closed_on=datetime(2025, 9, 10)),
			application("C", workflow_state="Closed", closed_on=datetime(2025, 9, 15)),
			application("D", workflow_state="In Progress"),
			application("E", county="630103", workflow_state="Closed", closed_on=datetime(2025, 9, 25)),
		]

	def callbacks(self):
		callback = stats.CALLBACK_TO_AIDED_PERSON
		return [
			{
				"name": "CB-1",
				"application": "A",
				"called_on": date(2025, 9, 22),
				"satisfaction": "Dissatisfied",
				"quality_check": callback,
			},
			{
				"name": "CB-2",
				"application": "A",
				"called_on": date(2025, 9, 29),
				"satisfaction": "Satisfied",
				"quality_check": callback,
			},
			{
				"name": "CB-3",
				"application": "C",
				"called_on": date(2025, 9, 16),
				"satisfaction": "Very Dissatisfied",
				"quality_check": "File Review",
			},
			{
				"name": "CB-4",
				"application": "D",
				"called_on": date(2025, 9, 16),
				"satisfaction": "Satisfied",
				"quality_check": callback,
			},
		]

	def test_by_county_counts_the_latest_callback_of_closed_cases(self):
		result = {
			row.group: row
			for row in stats.callbacks_by_group(self.applications(), self.callbacks(), "county")
		}
		chengdong = result["630102"]
		assert (chengdong.closed, chengdong.called_back) == (3, 1)
		assert chengdong.callback_share == 33.3
		assert chengdong.by_satisfaction == {"Satisfied": 1}
		assert chengdong.dissatisfied == 0
		assert (result["630103"].closed, result["630103"].called_back, result["630103"].callback_share) == (
			1,
			0,
			0.0,
		)

	def test_closed_without_callback_longest_waiting_first(self):
		waiting = stats.closed_without_callback(self.applications(), self.callbacks())
		assert [row["name"] for row in waiting] == ["B", "C", "E"]

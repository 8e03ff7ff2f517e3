"""The desk's unfiltered sidebar counts and list count read from the figures' current sums: the same
answer as Frappe's own query, in the reader's area, moved by a save; a filtered request is Frappe's."""

from unittest.mock import patch

import frappe
from frappe.desk import listview, reportview

from qh_legal_service import desk_counts
from qh_legal_service.figures import rebuild
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.tests.test_legal_aid_workflow import (
	OTHER_REVIEWER,
	REVIEWER,
	SUPERVISOR,
	LegalAidCase,
)
from qh_legal_service.tests.utils import CHENGDONG, CHENGZHONG, XINING, make_application

SERVICE = "Legal Aid Application"
NANGUAN_COMMUNITY = "630103001003"  # in Chengzhong
STATE = "workflow_state"


def as_counts(rows) -> dict:
	"""{value: count} of a get_group_by_count answer (Frappe orders equal counts as it likes)."""
	counts = {row["name"]: row["count"] for row in rows}
	assert len(counts) == len(rows)
	return counts


def in_database(field: str, column: str | None = None, code: str | None = None) -> dict:
	"""{value: count} of the service's records by `field`, counted straight from the table."""
	where = f"where `{column}` = %(code)s" if column else ""
	rows = frappe.db.sql(
		f"select `{field}`, count(*) from `tab{SERVICE}` {where} group by `{field}`", {"code": code}
	)
	return {value if value != "" else None: count for value, count in rows}


def our_count(**form) -> int:
	"""The app's get_count as the list view calls it (set_user clears the form: call as the user)."""
	frappe.local.form_dict = frappe._dict({"doctype": SERVICE, "filters": "[]", **form})
	return desk_counts.get_count()


def count_request(**form) -> tuple[int, int]:
	"""Both get_count functions as the list view calls them, with the same form."""
	ours = our_count(**form)
	frappe.local.form_dict = frappe._dict({"doctype": SERVICE, "filters": "[]", **form})
	return ours, reportview.get_count()


class TestDeskCounts(LegalAidCase):
	def setUp(self):
		# Recount from the records, so sums and rows agree whatever earlier tests left (rolled back after).
		rebuild(SERVICE)
		self.chengdong = [make_application(), make_application(entitled_group=1)]
		self.chengzhong = make_application(division=NANGUAN_COMMUNITY)
		self.act(REVIEWER, self.chengdong[0].name, "Start Review")
		frappe.set_user("Administrator")

	def as_user(self, user, fn, *args, **kwargs):
		frappe.set_user(user)
		try:
			return fn(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def test_the_sidebar_counts_of_a_county_are_frappes_own_and_the_countys_only(self):
		self.assertTrue(self.as_user(REVIEWER, desk_counts.sums_answer_for, SERVICE))
		for field in FIGURE_SOURCES[SERVICE].current:
			ours = self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", field)
			frappes = self.as_user(REVIEWER, listview.get_group_by_count, SERVICE, "[]", field)
			self.assertEqual(as_counts(ours), as_counts(frappes), field)
			self.assertEqual(as_counts(ours), in_database(field, "county", CHENGDONG), field)
			# Most first, as Frappe's sidebar shows them.
			self.assertEqual(
				[row["count"] for row in ours], sorted((row["count"] for row in ours), reverse=True)
			)
		states = as_counts(self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", STATE))
		self.assertGreaterEqual(states["Under Review"], 1)
		self.assertGreaterEqual(states["Received"], 1)
		# A check counts under 0 and 1, as the database returns it.
		groups = as_counts(
			self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", "entitled_group")
		)
		self.assertGreaterEqual(groups[1], 1)
		# The Chengzhong reviewer counts Chengzhong's records only; the prefecture its own counties'.
		other = as_counts(self.as_user(OTHER_REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", STATE))
		self.assertEqual(other, in_database(STATE, "county", CHENGZHONG))
		self.assertGreaterEqual(other["Received"], 1)
		prefecture = as_counts(self.as_user(SUPERVISOR, desk_counts.get_group_by_count, SERVICE, "[]", STATE))
		self.assertEqual(prefecture, in_database(STATE, "prefecture", XINING))
		self.assertEqual(as_counts(desk_counts.get_group_by_count(SERVICE, "[]", STATE)), in_database(STATE))

	def test_an_unfiltered_request_reads_the_sums_not_the_records(self):
		for user in (REVIEWER, OTHER_REVIEWER, SUPERVISOR, "Administrator"):
			self.assertTrue(self.as_user(user, desk_counts.sums_answer_for, SERVICE), user)
		expected = in_database(STATE, "county", CHENGDONG)
		with (
			patch.object(listview, "get_group_by_count", side_effect=AssertionError("Frappe's")),
			patch.object(reportview, "get_count", side_effect=AssertionError("Frappe's")),
		):
			by_state = self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", STATE)
			self.assertEqual(as_counts(by_state), expected)
			self.assertEqual(self.as_user(REVIEWER, our_count), sum(expected.values()))

	def test_the_count_of_a_county_is_frappes_own(self):
		ours, frappes = self.as_user(REVIEWER, count_request)
		self.assertEqual(ours, frappes)
		self.assertEqual(ours, sum(in_database(STATE, "county", CHENGDONG).values()))
		self.assertGreaterEqual(ours, 2)
		# The footer's estimate asks for at most `limit` records: Frappe's own (it reads `limit` entries).
		with patch.object(desk_counts, "figure_sums", side_effect=AssertionError("the sums")):
			self.assertEqual(self.as_user(REVIEWER, count_request, limit=1), (1, 1))
		ours, frappes = self.as_user(OTHER_REVIEWER, count_request)
		self.assertEqual((ours, frappes), (sum(in_database(STATE, "county", CHENGZHONG).values()),) * 2)

	def test_a_state_change_moves_the_counts(self):
		def states():
			return as_counts(self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, "[]", STATE))

		before = states()
		total = self.as_user(REVIEWER, count_request)[0]
		self.act(REVIEWER, self.chengdong[1].name, "Start Review")
		after = states()
		self.assertEqual(after["Received"], before["Received"] - 1)
		self.assertEqual(after["Under Review"], before["Under Review"] + 1)
		self.assertEqual(self.as_user(REVIEWER, count_request), (total, total))
		frappe.delete_doc(SERVICE, self.chengdong[1].name, force=True, ignore_permissions=True)
		self.assertEqual(states()["Under Review"], before["Under Review"])
		self.assertEqual(self.as_user(REVIEWER, count_request), (total - 1, total - 1))

	def test_a_filtered_or_uncounted_request_is_frappes_own(self):
		filters = frappe.as_json([[SERVICE, STATE, "=", "Under Review"]])
		for field in (STATE, "matter_type", "owner"):
			ours = self.as_user(REVIEWER, desk_counts.get_group_by_count, SERVICE, filters, field)
			frappes = self.as_user(REVIEWER, listview.get_group_by_count, SERVICE, filters, field)
			self.assertEqual(as_counts(ours), as_counts(frappes), field)
		under_review = as_counts(self.as_user(REVIEWER, listview.get_group_by_count, SERVICE, filters, STATE))
		self.assertEqual(
			under_review, {"Under Review": in_database(STATE, "county", CHENGDONG)["Under Review"]}
		)
		ours, frappes = self.as_user(REVIEWER, count_request, filters=filters)
		self.assertEqual((ours, frappes), (under_review["Under Review"],) * 2)
		# A doctype not counted so is Frappe's own too.
		self.assertFalse(desk_counts.current_fields("Legal Aid Callback"))

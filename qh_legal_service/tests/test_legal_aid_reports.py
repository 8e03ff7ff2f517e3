"""The legal aid reports on a real site, read from the stored figures: exact numbers for a province, a
prefecture and a county user, a county seeing only its own, and the same rows after a rebuild.

Six applications go through the real workflow (apply_workflow) at fixed moments in March and April 2024,
four in Zaduo county (two townships) and two in Chengduo county, both of Yushu prefecture:

- z1 (Zaduo, township 1, a migrant worker's pay): received 4 Mar 09:00, approved 6 Mar 09:00 (2 days, in
  time), assigned 8 Mar 09:00 (2 days, in time), closed 20 Mar (won); called back 25 Mar, satisfied.
- z2 (Zaduo, township 1): received 4 Mar 09:00, approved 14 Mar 09:00 (10 days, late: due 11 Mar),
  assigned 19 Mar 09:00 (5 days, late: due 17 Mar), terminated 2 Apr (hired an own lawyer).
- z3 (Zaduo, township 2): received 28 Mar 09:00, refused 1 Apr 09:00 (4 days, in time), objection filed
  3 Apr: still running, its objection step overdue now.
- z4 (Zaduo, township 2, a minor): received 1 Apr 09:00 and left received: overdue now.
- c1 (Chengduo): received 5 Mar 09:00, materials requested 6 Mar 09:00 (the review step ends, in time,
  1 day), deemed withdrawn 1 Apr.
- c2 (Chengduo): received 10 Apr 09:00, approved 11 Apr 09:00 (1 day), assigned 12 Apr 09:00 (1 day),
  closed 30 Apr (settled); only a court-attendance check, no callback to the aided person.
"""

import datetime as dt
from contextlib import contextmanager
from unittest.mock import patch

import frappe
from frappe.desk.query_report import run as run_report
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from qh_legal_service import figures
from qh_legal_service.legal_aid.report.legal_aid_callbacks import legal_aid_callbacks
from qh_legal_service.legal_aid.report.legal_aid_outcomes import legal_aid_outcomes
from qh_legal_service.legal_aid.report.legal_aid_timeliness import legal_aid_timeliness
from qh_legal_service.legal_aid.report.legal_aid_volumes import legal_aid_volumes
from qh_legal_service.rules import special_groups as g
from qh_legal_service.tests.utils import make_application, make_staff, make_worker

PROVINCE = "630000"
YUSHU = "632700"
ZADUO = "632722"
CHENGDUO = "632723"
ZADUO_TOWN_1 = "632722100"
ZADUO_TOWN_2 = "632722200"
CHENGDUO_TOWN = "632723100"

PROVINCE_USER = "la-reports-province@test.qh"
PREFECTURE_USER = "la-reports-yushu@test.qh"
COUNTY_USER = "la-reports-zaduo@test.qh"
PERIOD = {"from_date": "2024-03-01", "to_date": "2024-04-30", "group_by": "County"}
WITHOUT_CALLBACK = "Closed Cases without a Callback"


@contextmanager
def at(moment: str):
	"""The service-case clock stopped at `moment`: the state stamps and the step log's ends read it."""
	with patch("qh_legal_service.service_case.now_datetime", return_value=get_datetime(moment)):
		yield


def act(name: str, moment: str, action: str, **values):
	"""Apply a workflow action at `moment`, after saving `values` on the application as the desk does."""
	with at(moment):
		doc = frappe.get_doc("Legal Aid Application", name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)


def receive(division: str, moment: str, **values) -> str:
	"""An application received at `moment` (entered later, with the reason a late entry needs)."""
	with at(moment):
		return make_application(division=division, received_on=moment, **values).name


class TestLegalAidReports(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(PROVINCE_USER, PROVINCE, "Province Supervisor")
		make_staff(PREFECTURE_USER, YUSHU, "Prefecture Supervisor")
		make_staff(COUNTY_USER, ZADUO, "County Justice Bureau")
		lawyer = make_worker(worker_type="Lawyer", served_divisions=[], licence_number="16301202110000091")
		cls.lawyer = lawyer.name

		cls.z1 = receive(ZADUO_TOWN_1, "2024-03-04 09:00:00", migrant_worker_pay_claim=1)
		cls.decide_and_assign(cls.z1, "2024-03-06 09:00:00", "2024-03-08 09:00:00")
		act(cls.z1, "2024-03-08 10:00:00", "Start Handling")
		act(cls.z1, "2024-03-20 09:00:00", "Close", outcome="Won or Mostly Won", closing_report="胜诉。")
		cls.callback(cls.z1, ZADUO_TOWN_1, "2024-03-25", "Satisfied", "Callback to the Aided Person")

		cls.z2 = receive(ZADUO_TOWN_1, "2024-03-04 09:00:00")
		cls.decide_and_assign(cls.z2, "2024-03-14 09:00:00", "2024-03-19 09:00:00")
		act(cls.z2, "2024-03-19 10:00:00", "Start Handling")
		act(cls.z2, "2024-04-02 09:00:00", "Terminate", termination_reason="Hired an Own Lawyer")

		cls.z3 = receive(ZADUO_TOWN_2, "2024-03-28 09:00:00")
		act(cls.z3, "2024-03-28 10:00:00", "Start Review")
		act(cls.z3, "2024-04-01 09:00:00", "Refuse", decision_reasons="不符合条件。")
		act(cls.z3, "2024-04-03 09:00:00", "Record Objection", objection_reason="我确实困难。")

		cls.z4 = receive(ZADUO_TOWN_2, "2024-04-01 09:00:00", minor=1)

		cls.c1 = receive(CHENGDUO_TOWN, "2024-03-05 09:00:00")
		act(
			cls.c1,
			"2024-03-06 09:00:00",
			"Request Materials",
			materials_notice="劳动合同",
			materials_due="2024-03-20",
		)
		act(cls.c1, "2024-04-01 09:00:00", "Deem Withdrawn")

		cls.c2 = receive(CHENGDUO_TOWN, "2024-04-10 09:00:00")
		cls.decide_and_assign(cls.c2, "2024-04-11 09:00:00", "2024-04-12 09:00:00")
		act(cls.c2, "2024-04-12 10:00:00", "Start Handling")
		act(cls.c2, "2024-04-30 09:00:00", "Close", outcome="Settled or Mediated", closing_report="调解。")
		cls.callback(cls.c2, CHENGDUO_TOWN, "2024-04-30", "Very Dissatisfied", "Court Attendance")

	@classmethod
	def decide_and_assign(cls, name: str, decided: str, assigned: str) -> None:
		act(name, decided[:11] + "08:00:00", "Start Review")
		act(name, decided, "Approve")
		act(name, assigned, "Assign", assigned_worker=cls.lawyer)

	@classmethod
	def callback(cls, application: str, division: str, called_on: str, satisfaction: str, check: str) -> None:
		frappe.get_doc(
			{
				"doctype": "Legal Aid Callback",
				"application": application,
				"called_on": called_on,
				"satisfaction": satisfaction,
				"quality_check": check,
				"division": division,
			}
		).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user, report, **filters):
		frappe.set_user(user)
		try:
			return report.execute(frappe._dict({**PERIOD, **filters}))
		finally:
			frappe.set_user("Administrator")

	def by_division(self, data):
		return {row["division"]: row for row in data}

	def pick(self, row, *fields):
		return tuple(row[field] for field in fields)

	# Timeliness

	def test_the_workflow_stored_the_steps_the_reports_read(self):
		steps = frappe.get_all(
			"Service Case Step",
			filters={"parent": self.z2, "parenttype": "Legal Aid Application"},
			fields=["step", "ended_in_state", "due_on", "ended_on"],
			order_by="idx asc",
		)
		self.assertEqual(
			[(row.step, row.ended_in_state) for row in steps],
			[("Review and decide", "Approved"), ("Assign a lawyer", "Assigned")],
		)
		self.assertEqual(get_datetime(steps[0].due_on).date(), dt.date(2024, 3, 11))

	def test_timeliness_for_the_province_by_county(self):
		_columns, data, message, chart = self.run_as(PROVINCE_USER, legal_aid_timeliness)
		rows = self.by_division(data)
		fields = (
			"applications",
			"decided",
			"review_share",
			"assigned",
			"assign_share",
			"decision_days",
			"assignment_days",
			"overdue",
		)
		# Decisions: z1 2 days, z2 10 (late), z3 4: 5.3 on average; reviews 2 of 3 in time.
		self.assertEqual(self.pick(rows[ZADUO], *fields), (4, 3, 66.7, 2, 50.0, 5.3, 3.5, 2))
		# c1's review ended in time when the materials were asked for; c2 decided and assigned in a day.
		self.assertEqual(self.pick(rows[CHENGDUO], *fields), (2, 1, 100.0, 1, 100.0, 1.0, 1.0, 0))
		self.assertIn("2024", message)
		self.assertEqual(data[-1]["division_name"], frappe._("Total"))
		labels = chart["data"]["labels"]
		shares = dict(zip(labels, chart["data"]["datasets"][0]["values"], strict=True))
		self.assertEqual(shares[rows[ZADUO]["division_name"]], 66.7)

	def test_timeliness_for_the_prefecture_by_prefecture(self):
		_columns, data, *_rest = self.run_as(PREFECTURE_USER, legal_aid_timeliness, group_by="Prefecture")
		rows = self.by_division(data)
		self.assertEqual(set(rows), {YUSHU, None})
		yushu = rows[YUSHU]
		self.assertEqual(
			self.pick(yushu, "applications", "decided", "review_share", "assigned", "assign_share"),
			(6, 4, 80.0, 3, 66.7),
		)
		# (2 + 10 + 4 + 1) / 4 days to a decision, (2 + 5 + 1) / 3 to an assignment.
		self.assertEqual(self.pick(yushu, "decision_days", "assignment_days", "overdue"), (4.2, 2.7, 2))
		self.assertEqual(rows[None]["applications"], 6)

	def test_timeliness_for_the_county_by_township_sees_only_its_county(self):
		frappe.set_user(COUNTY_USER)
		result = run_report("Legal Aid Timeliness", filters={**PERIOD, "group_by": "Township"})
		frappe.set_user("Administrator")
		rows = self.by_division(result["result"])
		self.assertEqual(set(rows), {ZADUO_TOWN_1, ZADUO_TOWN_2, None})
		self.assertEqual(
			self.pick(rows[ZADUO_TOWN_1], "applications", "decided", "review_share", "assigned", "overdue"),
			(2, 2, 50.0, 2, 0),
		)
		self.assertEqual(
			self.pick(
				rows[ZADUO_TOWN_2], "applications", "decided", "review_share", "decision_days", "overdue"
			),
			(2, 1, 100.0, 4.0, 2),
		)
		self.assertEqual(self.pick(rows[None], "applications", "overdue"), (4, 2))

	def test_one_month_counts_only_its_own_events(self):
		_columns, data, *_rest = self.run_as(
			PROVINCE_USER, legal_aid_timeliness, from_date="2024-04-15", to_date="2024-04-20"
		)
		rows = self.by_division(data)
		# The whole of April: z3's refusal and c2's decision and assignment; z4 and c2 received.
		self.assertEqual(
			self.pick(rows[ZADUO], "applications", "decided", "decision_days", "assigned"), (1, 1, 4.0, 0)
		)
		self.assertEqual(self.pick(rows[CHENGDUO], "applications", "decided", "assigned"), (1, 1, 1))

	# Volumes

	def test_volumes_by_special_group_for_the_county(self):
		_columns, data, message, _chart = self.run_as(
			COUNTY_USER, legal_aid_volumes, dimension="Special Group"
		)
		counts = {row["key"]: (row["applications"], row["share"]) for row in data}
		self.assertEqual(counts[frappe._(g.MIGRANT_WORKERS)], (1, 25.0))
		self.assertEqual(counts[frappe._(g.MINORS)], (1, 25.0))
		self.assertEqual(counts[frappe._(g.ELDERLY)], (0, 0.0))
		self.assertEqual(counts[frappe._("None of These Groups")], (2, 50.0))
		self.assertIn(frappe._("An application counts once for every special group it belongs to."), message)
		self.assertTrue(message.startswith(frappe._("{0} applications received in the period.").format(4)))

	def test_volumes_by_division_and_matter_type(self):
		_columns, data, *_rest = self.run_as(PREFECTURE_USER, legal_aid_volumes, dimension="Division")
		self.assertEqual(
			[(row["division"], row["applications"], row["share"]) for row in data],
			[(ZADUO, 4, 66.7), (CHENGDUO, 2, 33.3)],
		)
		_columns, data, *_rest = self.run_as(COUNTY_USER, legal_aid_volumes, dimension="Matter Type")
		self.assertEqual(
			[(row["key"], row["applications"]) for row in data],
			[(frappe._("Labour Relations or Unpaid Pay"), 4)],
		)
		_columns, data, *_rest = self.run_as(PROVINCE_USER, legal_aid_volumes, dimension="Channel")
		self.assertEqual(
			[(row["key"], row["applications"]) for row in data],
			[(frappe._("Walk-in at a Service Point"), 6)],
		)

	# Outcomes

	def test_outcomes_for_the_prefecture_by_county(self):
		columns, data, *_rest = self.run_as(PREFECTURE_USER, legal_aid_outcomes)
		rows = self.by_division(data)
		field_of = {column["label"]: column["fieldname"] for column in columns}
		won, settled = field_of[frappe._("Won or Mostly Won")], field_of[frappe._("Settled or Mediated")]
		own_lawyer = field_of[frappe._("Hired an Own Lawyer")]
		fields = ("applications", "running", "closed", "terminated", "refused", "withdrawn", "objections")
		self.assertEqual(self.pick(rows[ZADUO], *fields), (4, 2, 1, 1, 1, 0, 1))
		self.assertEqual(self.pick(rows[ZADUO], won, settled, own_lawyer), (1, 0, 1))
		self.assertEqual(self.pick(rows[CHENGDUO], *fields), (2, 0, 1, 0, 0, 1, 0))
		self.assertEqual(self.pick(rows[CHENGDUO], won, settled, own_lawyer), (0, 1, 0))
		self.assertEqual(self.pick(rows[None], *fields), (6, 2, 2, 1, 1, 1, 1))

	def test_outcomes_for_the_county_show_only_its_county(self):
		_columns, data, _message, chart = self.run_as(COUNTY_USER, legal_aid_outcomes)
		rows = self.by_division(data)
		self.assertEqual(set(rows), {ZADUO, None})
		self.assertEqual(chart["data"]["datasets"][0]["values"], [2, 1, 1, 1, 0])

	# Callbacks

	def test_callbacks_by_county(self):
		_columns, data, _message, chart = self.run_as(PROVINCE_USER, legal_aid_callbacks)
		rows = self.by_division(data)
		fields = ("closed", "called_back", "callback_share", "satisfaction_1", "dissatisfied")
		self.assertEqual(self.pick(rows[ZADUO], *fields), (1, 1, 100.0, 1, 0))
		# c2's court attendance check is no callback to the aided person.
		self.assertEqual(self.pick(rows[CHENGDUO], *fields), (1, 0, 0.0, 0, 0))
		self.assertEqual(self.pick(rows[None], "closed", "called_back", "callback_share"), (2, 1, 50.0))
		self.assertEqual(chart["data"]["datasets"][0]["values"], [0, 1, 0, 0, 0])

	def test_closed_cases_without_a_callback_by_tier(self):
		_columns, data = self.run_as(PROVINCE_USER, legal_aid_callbacks, view=WITHOUT_CALLBACK)
		self.assertEqual([row["application"] for row in data], [self.c2])
		self.assertEqual(data[0]["division"], CHENGDUO_TOWN)
		_columns, data = self.run_as(PREFECTURE_USER, legal_aid_callbacks, view=WITHOUT_CALLBACK)
		self.assertEqual([row["application"] for row in data], [self.c2])
		_columns, data = self.run_as(COUNTY_USER, legal_aid_callbacks, view=WITHOUT_CALLBACK)
		self.assertEqual(data, [])
		_columns, data = self.run_as(
			PROVINCE_USER, legal_aid_callbacks, view=WITHOUT_CALLBACK, division=ZADUO
		)
		self.assertEqual(data, [])

	# The stored sums are what a recount gives

	def test_the_figures_equal_a_rebuild(self):
		reports = (
			(PROVINCE_USER, legal_aid_timeliness, {}),
			(PREFECTURE_USER, legal_aid_outcomes, {}),
			(COUNTY_USER, legal_aid_volumes, {"dimension": "Special Group"}),
			(PROVINCE_USER, legal_aid_callbacks, {}),
		)
		before = [self.run_as(user, report, **filters)[1] for user, report, filters in reports]
		figures.rebuild("Legal Aid Application")
		figures.rebuild("Legal Aid Callback")
		after = [self.run_as(user, report, **filters)[1] for user, report, filters in reports]
		self.assertEqual(after, before)
		self.assertEqual(self.by_division(after[0])[ZADUO]["applications"], 4)

"""The legal aid reports on a real site: numbers for a county user, and nothing from the next county."""

import frappe
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.report.legal_aid_callbacks import legal_aid_callbacks
from qh_legal_service.legal_aid.report.legal_aid_outcomes import legal_aid_outcomes
from qh_legal_service.legal_aid.report.legal_aid_timeliness import legal_aid_timeliness
from qh_legal_service.legal_aid.report.legal_aid_volumes import legal_aid_volumes
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, CHENGDONG, CHENGZHONG, make_staff

COUNTY_USER = "la-reports-county@test.qh"
NEIGHBOUR_USER = "la-reports-neighbour@test.qh"
PERIOD = {"from_date": "2025-09-01", "to_date": "2025-10-31", "group_by": "County"}


def make_application(division, received_on, **state):
	"""An application received at `received_on`, then moved to `state` directly in the database."""
	doc = frappe.get_doc(
		{
			"doctype": "Legal Aid Application",
			"applicant_name": "测试申请人",
			"id_number": "11010519491231002X",
			"phone": "13800000000",
			"division": division,
			"matter_type": "Labour Relations or Unpaid Pay",
			"aid_requested": "Legal Advice",
			"facts": "工资被拖欠。",
			"received_on": received_on,
			"late_entry_reason": "纸质申请补录",
			"minor": state.pop("minor", 0),
		}
	).insert(ignore_permissions=True)
	if state:
		frappe.db.set_value("Legal Aid Application", doc.name, state, update_modified=False)
	return doc.name


class TestLegalAidReports(FrappeTestCase):
	"""Five applications in Chengdong (one at a village), two in Chengzhong, received Sep 2025."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(COUNTY_USER, CHENGDONG, "County Justice Bureau")
		make_staff(NEIGHBOUR_USER, CHENGZHONG, "County Justice Bureau")
		cls.a = make_application(
			CHENGDONG,
			"2025-09-01 09:00:00",
			workflow_state="In Progress",
			decided_on="2025-09-03 09:00:00",
			assigned_on="2025-09-04 09:00:00",
			current_due=None,
		)
		# Review due 2025-10-09: day 7 (5 October) falls in the National Day holiday.
		cls.b = make_application(
			CHENGDONG,
			"2025-09-28 16:30:00",
			workflow_state="Approved",
			decided_on="2025-10-09 17:00:00",
			current_due="2025-10-13 23:59:59",
		)
		cls.c = make_application(
			BEIGUAN_COMMUNITY, "2025-09-02 10:00:00", minor=1, current_due="2025-09-09 23:59:59"
		)
		cls.d = make_application(
			CHENGDONG,
			"2025-09-01 09:00:00",
			workflow_state="Closed",
			decided_on="2025-09-09 10:00:00",
			assigned_on="2025-09-10 10:00:00",
			closed_on="2025-09-20 10:00:00",
			outcome="Won or Mostly Won",
			closing_report="胜诉。",
			current_due="2025-09-08 23:59:59",
		)
		cls.e = make_application(
			CHENGDONG,
			"2025-09-03 09:00:00",
			workflow_state="Terminated",
			decided_on="2025-09-04 09:00:00",
			assigned_on="2025-09-10 09:00:00",
			terminated_on="2025-09-15 09:00:00",
			termination_reason="Hired an Own Lawyer",
			current_due=None,
		)
		cls.f = make_application(
			CHENGZHONG,
			"2025-09-01 09:00:00",
			workflow_state="Refused",
			decided_on="2025-09-12 09:00:00",
			decision_reasons="不符合条件。",
			current_due=None,
		)
		cls.g = make_application(
			CHENGZHONG,
			"2025-09-02 09:00:00",
			workflow_state="Closed",
			decided_on="2025-09-03 09:00:00",
			assigned_on="2025-09-04 09:00:00",
			closed_on="2025-09-25 09:00:00",
			outcome="Settled or Mediated",
			closing_report="调解结案。",
			current_due=None,
		)
		frappe.get_doc(
			{
				"doctype": "Legal Aid Callback",
				"application": cls.d,
				"called_on": "2025-09-25",
				"satisfaction": "Satisfied",
				"quality_check": "Callback to the Aided Person",
				"division": CHENGDONG,
			}
		).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def run_as(self, user, report, **filters):
		frappe.set_user(user)
		return report.execute(frappe._dict({**PERIOD, **filters}))

	def by_division(self, data):
		return {row["division"]: row for row in data}

	def test_timeliness_for_the_county(self):
		_columns, data, _message, chart = self.run_as(COUNTY_USER, legal_aid_timeliness)
		rows = self.by_division(data)
		self.assertEqual(set(rows), {CHENGDONG, None})  # the county and the total row
		chengdong = rows[CHENGDONG]
		self.assertEqual(
			chengdong["division_name"],
			frappe.db.get_value("Administrative Division", CHENGDONG, "division_name"),
		)
		self.assertEqual((chengdong["applications"], chengdong["decided"]), (5, 4))
		self.assertEqual(chengdong["review_share"], 75.0)  # d was decided a day late
		self.assertEqual((chengdong["assigned"], chengdong["assign_share"]), (3, 66.7))  # e assigned late
		self.assertEqual(chengdong["decision_days"], 5.5)
		self.assertEqual(chengdong["assignment_days"], 2.7)
		self.assertEqual(chengdong["overdue"], 2)  # b and c; d is closed
		self.assertEqual(rows[None]["applications"], 5)
		self.assertEqual(chart["data"]["datasets"][0]["values"], [75.0])

	def test_timeliness_for_the_neighbour_sees_only_its_county(self):
		_columns, data, *_rest = self.run_as(NEIGHBOUR_USER, legal_aid_timeliness)
		rows = self.by_division(data)
		self.assertEqual(set(rows), {CHENGZHONG, None})
		self.assertEqual((rows[CHENGZHONG]["applications"], rows[CHENGZHONG]["review_share"]), (2, 50.0))

	def test_report_runs_for_a_county_user_through_the_desk(self):
		frappe.set_user(COUNTY_USER)
		result = run_report("Legal Aid Timeliness", filters={**PERIOD, "group_by": "Township"})
		rows = self.by_division(result["result"])
		township = frappe.db.get_value(
			"Administrative Division", BEIGUAN_COMMUNITY, "parent_administrative_division"
		)
		# c is in a village of the township; the others sit at the county, above township level.
		self.assertEqual(rows[township]["applications"], 1)
		self.assertEqual(sum(row["applications"] for row in result["result"][:-1]), 5)

	def test_volumes_by_special_group_and_division(self):
		_columns, data, *_rest = self.run_as(COUNTY_USER, legal_aid_volumes, dimension="Special Group")
		counts = {row["key"]: row["applications"] for row in data}
		self.assertEqual(counts[frappe._("Minor, without Fixed Income")], 1)
		self.assertEqual(counts[frappe._("None of These Groups")], 4)
		_columns, data, *_rest = self.run_as(COUNTY_USER, legal_aid_volumes, dimension="Division")
		self.assertEqual([(row["division"], row["applications"]) for row in data], [(CHENGDONG, 5)])
		_columns, data, *_rest = self.run_as(NEIGHBOUR_USER, legal_aid_volumes, dimension="Matter Type")
		self.assertEqual([row["applications"] for row in data], [2])

	def test_outcomes(self):
		columns, data, *_rest = self.run_as(COUNTY_USER, legal_aid_outcomes)
		chengdong = self.by_division(data)[CHENGDONG]
		labels = {column["fieldname"]: column["label"] for column in columns}
		won = next(field for field, label in labels.items() if label == frappe._("Won or Mostly Won"))
		own_lawyer = next(
			field for field, label in labels.items() if label == frappe._("Hired an Own Lawyer")
		)
		self.assertEqual((chengdong["applications"], chengdong["running"], chengdong["closed"]), (5, 3, 1))
		self.assertEqual((chengdong[won], chengdong["terminated"], chengdong[own_lawyer]), (1, 1, 1))
		self.assertEqual((chengdong["refused"], chengdong["withdrawn"]), (0, 0))
		_columns, data, *_rest = self.run_as(NEIGHBOUR_USER, legal_aid_outcomes)
		chengzhong = self.by_division(data)[CHENGZHONG]
		self.assertEqual((chengzhong["applications"], chengzhong["refused"], chengzhong["closed"]), (2, 1, 1))

	def test_callbacks(self):
		_columns, data, *_rest = self.run_as(COUNTY_USER, legal_aid_callbacks)
		rows = self.by_division(data)
		self.assertEqual(set(rows), {CHENGDONG, None})
		self.assertEqual((rows[CHENGDONG]["closed"], rows[CHENGDONG]["called_back"]), (1, 1))
		self.assertEqual(rows[CHENGDONG]["callback_share"], 100.0)
		self.assertEqual(rows[CHENGDONG]["satisfaction_1"], 1)  # Satisfied
		_columns, data = self.run_as(COUNTY_USER, legal_aid_callbacks, view="Closed Cases without a Callback")
		self.assertEqual(data, [])
		_columns, data = self.run_as(
			NEIGHBOUR_USER, legal_aid_callbacks, view="Closed Cases without a Callback"
		)
		self.assertEqual([row["application"] for row in data], [self.g])

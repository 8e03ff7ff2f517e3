"""The order flow: an order's transitions and trail, and who sees and acts on it from which area.

A consultation at Chengdong (the referring point) is referred to Chengzhong's legal aid centre (the
holder), which may hand it on to Yushu. Chengdong follows its order read-only and never reads the
application Chengzhong opened; a third county sees nothing.
"""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service import service_order as orders
from qh_legal_service.rules import service_orders as rules
from qh_legal_service.tests.http import SiteClient
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	XINING,
	YUSHU_CITY,
	delete_with_history,
	make_application,
	make_consultation,
	make_institution,
	make_staff,
)

ORIGIN = "so-origin-chengdong@test.qh"
SUPERVISOR = "so-supervisor-xining@test.qh"
TOWNSHIP = "so-township-dongguan@test.qh"
HOLDER = "so-holder-chengzhong@test.qh"
THIRD = "so-third-yushu@test.qh"
DOCTYPE = "Service Order"


class TestServiceOrder(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(ORIGIN, CHENGDONG, "County Justice Bureau")
		make_staff(HOLDER, CHENGZHONG, "County Justice Bureau")
		make_staff(THIRD, YUSHU_CITY, "County Justice Bureau")
		make_staff(TOWNSHIP, DONGGUAN_STREET, "Township Judicial Office")
		cls.origin_office = make_institution(institution_type="Judicial Office", division=CHENGDONG).name
		cls.centre = make_institution(division=CHENGZHONG).name
		cls.yushu_centre = make_institution(division=YUSHU_CITY).name
		cls.consultation = make_consultation(division=BEIGUAN_COMMUNITY)
		cls.target = make_application(division=CHENGZHONG)
		# One committed order, accepted and completed, for the visibility and HTTP tests.
		cls.done = cls.open().name
		orders.accept_order(cls.done, cls.target)
		orders.complete_order(cls.done, "已指派律师，案件办结。", "LAA-REF-1")
		frappe.db.commit()  # nosemgrep: HTTP requests run on their own connections

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for name in frappe.get_all(
			DOCTYPE, {"source_name": cls.consultation.name}, pluck="name", order_by="creation desc"
		):
			delete_with_history(DOCTYPE, name)
		frappe.db.set_value("Legal Aid Application", cls.target.name, "service_order", None)
		delete_with_history("Legal Aid Application", cls.target.name)
		delete_with_history("Legal Consultation", cls.consultation.name)
		for name in (cls.origin_office, cls.centre, cls.yushu_centre):
			delete_with_history("Legal Service Institution", name)
		frappe.db.commit()  # nosemgrep: remove what setUpClass committed
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	@classmethod
	def open(cls, to=None):
		return orders.open_order(
			cls.consultation,
			to or cls.centre,
			"申请人经济困难，转法律援助中心。",
			rules.LEGAL_AID,
			matter_summary="拖欠工资",
			requester_name=cls.consultation.citizen_name,
			from_institution=cls.origin_office,
		)

	# Transitions and trail ------------------------------------------------------------------------

	def test_open_accept_complete(self):
		order = self.open()
		self.assertEqual(order.status, rules.SENT)
		self.assertEqual(order.division, CHENGZHONG)
		self.assertEqual(order.county, CHENGZHONG)
		self.assertEqual(order.origin_division, CHENGDONG)
		self.assertEqual(order.origin_county, CHENGDONG)
		self.assertEqual(order.current_step, rules.ACCEPT_STEP)
		self.assertGreater(order.current_due, order.held_since)
		self.assertEqual(len(order.hand_overs), 1)

		order = orders.accept_order(order.name, self.target)
		self.assertEqual(order.status, rules.ACCEPTED)
		self.assertEqual(
			(order.target_doctype, order.target_name), ("Legal Aid Application", self.target.name)
		)
		self.assertEqual(order.hand_overs[0].outcome, rules.OUTCOME_ACCEPTED)
		self.assertEqual(order.hand_overs[0].decided_by, "Administrator")
		self.assertIsNone(order.current_due)

		order = orders.complete_order(order.name, "已办结", "REF-9")
		self.assertEqual(order.status, rules.DONE)
		self.assertEqual((order.result, order.result_reference), ("已办结", "REF-9"))
		self.assertIsNotNone(order.completed_on)
		last = order.hand_overs[-1]
		self.assertEqual(
			(last.from_institution, last.to_institution, last.outcome),
			(self.centre, self.origin_office, rules.OUTCOME_DONE),
		)
		with self.assertRaises(orders.OrderNotAllowed):
			orders.accept_order(order.name)

	def test_open_refuse(self):
		order = orders.refuse_order(self.open().name, "不属于本中心受理范围")
		self.assertEqual(order.status, rules.REFUSED)
		self.assertEqual(order.hand_overs[0].outcome, rules.OUTCOME_REFUSED)
		self.assertEqual(order.hand_overs[0].outcome_text, "不属于本中心受理范围")
		self.assertEqual(order.result, "不属于本中心受理范围")
		with self.assertRaises(orders.OrderNotAllowed):
			orders.complete_order(order.name, "x")

	def test_hand_on_keeps_the_full_trail(self):
		order = self.open()
		first_held = order.held_since
		order = orders.hand_on_order(order.name, self.yushu_centre, "申请人户籍在玉树")
		self.assertEqual(order.status, rules.SENT)
		self.assertEqual((order.holder_institution, order.division), (self.yushu_centre, YUSHU_CITY))
		self.assertEqual(order.origin_division, CHENGDONG)
		self.assertGreaterEqual(order.held_since, first_held)
		order = orders.accept_order(order.name)
		trail = [(r.from_institution, r.to_institution, r.outcome) for r in order.hand_overs]
		self.assertEqual(
			trail,
			[
				(self.origin_office, self.centre, rules.OUTCOME_HANDED_ON),
				(self.centre, self.yushu_centre, rules.OUTCOME_ACCEPTED),
			],
		)
		self.assertEqual(order.hand_overs[0].outcome_text, "申请人户籍在玉树")

	def test_the_source_record_lists_its_orders_with_their_trail(self):
		frappe.set_user(ORIGIN)
		listed = {o["name"]: o for o in orders.orders_of("Legal Consultation", self.consultation.name)}
		done = listed[self.done]
		self.assertEqual(done["status"], rules.DONE)
		self.assertEqual(done["result_reference"], "LAA-REF-1")
		self.assertEqual(
			[row["outcome"] for row in done["trail"]], [rules.OUTCOME_ACCEPTED, rules.OUTCOME_DONE]
		)
		# The referring point is not told the name of the record the holder opened.
		self.assertIsNone(done["target_name"])

	def test_an_order_not_accepted_in_time_is_escalated_and_a_hand_on_starts_a_new_step(self):
		from qh_legal_service.escalation import escalate_service
		from qh_legal_service.service_case import service_of

		make_staff(SUPERVISOR, XINING, "Prefecture Supervisor")
		order = self.open()
		# Received by its holder four days ago: the one working day to accept it has run out.
		self.assertEqual(len(order.step_log), 1)
		self.assertEqual(order.step_log[0].rule_code, rules.ACCEPT_RULE)
		held, due = (
			frappe.utils.add_days(order.held_since, -4),
			frappe.utils.add_days(order.current_due, -4),
		)
		frappe.db.set_value(DOCTYPE, order.name, {"held_since": held, "current_due": due})
		frappe.db.set_value("Service Case Step", order.step_log[0].name, {"started_on": held, "due_on": due})
		escalate_service(service_of(DOCTYPE), frappe.utils.now_datetime())
		order.reload()
		self.assertEqual(order.escalated_step, rules.ACCEPT_STEP)
		self.assertTrue(
			frappe.db.exists(
				"Notification Log",
				{"for_user": SUPERVISOR, "document_type": DOCTYPE, "document_name": order.name},
			)
		)
		order = orders.hand_on_order(order.name, self.yushu_centre, "转玉树")
		self.assertIsNone(order.escalated_step)
		self.assertEqual(len(order.step_log), 2)
		self.assertTrue(order.step_log[0].ended_on and order.step_log[0].late)
		self.assertIsNone(order.step_log[1].ended_on)
		order = orders.accept_order(order.name)
		self.assertTrue(order.step_log[1].ended_on)
		self.assertFalse(order.step_log[1].late)

	# Visibility ---------------------------------------------------------------------------------

	def listed(self, user):
		return set(frappe.get_list(DOCTYPE, pluck="name", user=user, limit_page_length=0))

	def test_holder_and_origin_see_the_order_a_third_county_does_not(self):
		self.assertIn(self.done, self.listed(HOLDER))
		self.assertIn(self.done, self.listed(ORIGIN))
		self.assertNotIn(self.done, self.listed(THIRD))
		self.assertTrue(frappe.has_permission(DOCTYPE, "read", self.done, user=ORIGIN))
		self.assertFalse(frappe.has_permission(DOCTYPE, "read", self.done, user=THIRD))
		frappe.set_user(THIRD)
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc(DOCTYPE, self.done).check_permission("read")

	def test_origin_reads_the_result_but_not_the_target_record(self):
		frappe.set_user(ORIGIN)
		order = frappe.get_doc(DOCTYPE, self.done)
		order.check_permission("read")
		self.assertEqual(order.result_reference, "LAA-REF-1")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Legal Aid Application", self.target.name).check_permission("read")
		frappe.set_user(HOLDER)
		frappe.get_doc("Legal Aid Application", self.target.name).check_permission("read")

	def test_only_the_holder_acts(self):
		order = self.open()
		frappe.set_user(ORIGIN)
		self.assertEqual(orders.order_actions(order.name), [])
		self.assertFalse(frappe.has_permission(DOCTYPE, "write", order.name, user=ORIGIN))
		for call in (
			lambda: orders.accept(order.name),
			lambda: orders.refuse(order.name, "x"),
			lambda: orders.hand_on(order.name, self.yushu_centre, "x"),
		):
			with self.assertRaises(frappe.PermissionError):
				call()
		frappe.set_user(THIRD)
		with self.assertRaises(frappe.PermissionError):
			orders.accept(order.name)
		frappe.set_user(HOLDER)
		self.assertEqual(orders.order_actions(order.name), [rules.ACCEPT, rules.REFUSE, rules.HAND_ON])
		self.assertEqual(orders.accept(order.name)["status"], rules.ACCEPTED)

	def test_over_http(self):
		# The requests run on connections of their own. Drop what earlier tests of this class left
		# uncommitted: a deleted record's cleanup clears its Activity Log references with a scan that
		# locks the table's rows, and a sign-in adds an Activity Log row (it waited 50 s on a CI run).
		frappe.db.rollback()
		path = f"/api/resource/{DOCTYPE}/{self.done}"
		origin, third = SiteClient(ORIGIN), SiteClient(THIRD)
		response = origin.get(path)
		self.assertEqual(response.status_code, 200)
		self.assertEqual(response.get_json()["data"]["status"], rules.DONE)
		self.assertEqual(third.get(path).status_code, 403)
		# The desk form loads for the referring county, and offers it no action.
		form = origin.get(
			"/api/method/frappe.desk.form.load.getdoc", query_string={"doctype": DOCTYPE, "name": self.done}
		)
		self.assertEqual(form.status_code, 200)
		self.assertEqual(form.get_json()["docs"][0]["result_reference"], "LAA-REF-1")
		actions = origin.get(
			"/api/method/qh_legal_service.service_order.order_actions", query_string={"order_name": self.done}
		)
		self.assertEqual(actions.get_json()["message"], [])
		self.assertEqual(
			origin.get(f"/api/resource/Legal Aid Application/{self.target.name}").status_code, 403
		)
		listed = origin.get(f"/api/resource/{DOCTYPE}", query_string={"limit_page_length": 0}).get_json()
		self.assertIn(self.done, {row["name"] for row in listed["data"]})
		listed = third.get(f"/api/resource/{DOCTYPE}", query_string={"limit_page_length": 0}).get_json()
		self.assertNotIn(self.done, {row["name"] for row in listed["data"]})
		response = origin.call("qh_legal_service.service_order.complete", order_name=self.done, result="x")
		self.assertEqual(response.status_code, 403)

	# Legal aid ------------------------------------------------------------------------------------

	def test_a_township_office_refers_a_consultation_to_the_county_legal_aid_centre(self):
		# The consultation's citizen lives in Beiguan Community, Chengdong: Chengdong's centre serves them.
		chengdong_centre = make_institution(division=CHENGDONG).name
		self.addCleanup(delete_with_history, "Legal Service Institution", chengdong_centre)
		self.assertEqual(orders.legal_aid_centre_for(BEIGUAN_COMMUNITY), chengdong_centre)
		frappe.set_user(TOWNSHIP)
		name = orders.refer_to_legal_aid(
			"Legal Consultation", self.consultation.name, "经济困难，申请法律援助"
		)
		frappe.set_user("Administrator")
		# Before its holder: Frappe gives a deleted last number to the next institution.
		self.addCleanup(delete_with_history, DOCTYPE, name)
		order = frappe.get_doc(DOCTYPE, name)
		self.assertEqual((order.service, order.holder_institution), (rules.LEGAL_AID, chengdong_centre))
		self.assertEqual(order.requester_name, self.consultation.citizen_name)
		self.assertEqual(order.matter_summary, self.consultation.question)
		self.assertEqual(order.sent_by, TOWNSHIP)
		application = make_application(division=BEIGUAN_COMMUNITY)
		self.addCleanup(delete_with_history, "Legal Aid Application", application.name)
		orders.accept_order(name, application)
		self.assertEqual(
			frappe.db.get_value("Legal Aid Application", application.name, "service_order"), name
		)

	def test_a_citizen_role_may_not_refer(self):
		frappe.set_user(HOLDER)
		# County bureau staff may refer; a user with none of the referring roles may not.
		frappe.set_user("Guest")
		with self.assertRaises(frappe.PermissionError):
			orders.refer_to_legal_aid("Legal Consultation", self.consultation.name, "x")

	# Report ---------------------------------------------------------------------------------------

	def report_row(self, user, holder, side=None):
		from qh_legal_service.legal_service_core.report.service_orders_open.service_orders_open import (
			open_orders,
		)

		rows = open_orders(frappe._dict(side=side), user)
		return next((row for row in rows if row["holder_institution"] == holder), None)

	def test_the_report_counts_open_orders_by_age_and_hand_overs_for_each_user(self):
		# A centre of its own, so that the other tests' orders are not counted.
		centre = make_institution(division=CHENGZHONG).name
		self.addCleanup(delete_with_history, "Legal Service Institution", centre)
		self.open(centre)
		orders.hand_on_order(self.open(centre).name, self.yushu_centre, "转玉树")
		old = self.open(centre)
		frappe.db.set_value(DOCTYPE, old.name, "held_since", frappe.utils.add_days(old.held_since, -4))
		orders.complete_order(orders.accept_order(self.open(centre).name).name, "已办结")
		holder = self.report_row(HOLDER, centre)
		self.assertEqual(holder["open_orders"], 2)
		self.assertEqual((holder["age_0"], holder["age_1"], holder["age_2"], holder["age_3"]), (1, 0, 1, 0))
		self.assertEqual(holder["hand_overs"], 0)
		# The referring county sees the same orders (it sent them), and the one handed on to Yushu.
		self.assertEqual(self.report_row(ORIGIN, centre)["open_orders"], 2)
		yushu = self.report_row(ORIGIN, self.yushu_centre)
		self.assertGreaterEqual(yushu["hand_overs"], 1)
		# Chengzhong sees nothing held by Yushu that it did not send; Yushu nothing held by Chengzhong.
		self.assertIsNone(self.report_row(HOLDER, self.yushu_centre))
		self.assertIsNone(self.report_row(THIRD, centre))
		self.assertGreaterEqual(self.report_row(THIRD, self.yushu_centre)["open_orders"], 1)
		# The Orders filter: the referring county's orders held elsewhere are "sent", not "held".
		self.assertEqual(self.report_row(ORIGIN, centre, side="Sent")["open_orders"], 2)
		self.assertIsNone(self.report_row(ORIGIN, centre, side="Held"))
		self.assertEqual(self.report_row(HOLDER, centre, side="Held")["open_orders"], 2)
		# An order sent from and held in the same county counts once.
		local = make_institution(division=CHENGDONG).name
		self.addCleanup(delete_with_history, "Legal Service Institution", local)
		self.addCleanup(delete_with_history, DOCTYPE, self.open(local).name)
		self.assertEqual(self.report_row(ORIGIN, local)["open_orders"], 1)
		self.assertEqual(self.report_row("Administrator", local)["open_orders"], 1)

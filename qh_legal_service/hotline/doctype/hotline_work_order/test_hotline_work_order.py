"""Hotline work orders on a real site: intake, the due dates (1 working day, 1 hour for an emergency, 5 or
15 working days for the reply), the transfer through a service order, the holder's completion or refusal,
the callback by the operator, the direct answer as a consultation, scoping by area, escalation and the
import of call records."""

import datetime as dt

import frappe
from frappe.model.workflow import apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from qh_legal_service import service_order
from qh_legal_service.escalation import escalate_service
from qh_legal_service.hotline.api import import_call_records
from qh_legal_service.hotline.desk import overdue
from qh_legal_service.hotline.doctype.hotline_work_order.hotline_work_order import CallTimesError
from qh_legal_service.hotline.report.hotline_service_levels import hotline_service_levels as report
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import matters
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.service_case import StepIncompleteError
from qh_legal_service.statutory_calendar import compute_rule_due
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	make_institution,
	make_staff,
)

OPERATOR = "hl-operator@test.qh"
HOLDER = "hl-chengdong@test.qh"
OTHER_COUNTY = "hl-chengzhong@test.qh"


def make_work_order(**overrides):
	"""A labour-pay call from Beiguan Community, answered after 10 seconds, unless told otherwise."""
	started = get_datetime("2026-11-26 09:00:00")
	values = {
		"doctype": hl.DOCTYPE,
		"caller_name": f"测试来电人 {frappe.generate_hash(length=6)}",
		"phone": "13900000001",
		"language": hl.CHINESE,
		"division": BEIGUAN_COMMUNITY,
		"matter_type": matters.LABOUR,
		"urgency": hl.NORMAL,
		"summary": "工地老板拖欠三个月工资，怎么办？",
		"call_started_at": started,
		"call_answered_at": started + dt.timedelta(seconds=10),
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


class HotlineWorkOrderCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(OPERATOR, "630000", "12348 Hotline Operator")
		make_staff(HOLDER, CHENGDONG, "County Justice Bureau")
		make_staff(OTHER_COUNTY, CHENGZHONG, "County Justice Bureau")
		frappe.db.commit()  # nosemgrep: the staff stay; each test rolls back what it did

	def setUp(self):
		frappe.set_user("Administrator")
		self.office = make_institution(
			institution_name=f"测试城东区司法所 {frappe.generate_hash(length=4)}",
			institution_type="Judicial Office",
			division=CHENGDONG,
		)
		frappe.set_user(OPERATOR)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def transfer(self, doc, **values):
		doc.update({"transfer_to": self.office.name, "transfer_reason": "请城东区核实处理", **values})
		doc.save()
		return apply_workflow(doc, hl.TRANSFER)

	def test_declared_and_hooked(self):
		self.assertIn(hl.DOCTYPE, SERVICES)
		self.assertIn(hl.DOCTYPE, frappe.get_hooks("service_cases"))

	def test_intake_is_due_within_one_working_day(self):
		doc = make_work_order()
		self.assertEqual(doc.workflow_state, hl.RECEIVED)
		self.assertEqual(doc.current_step, hl.TRANSFER_STEP)
		self.assertEqual(doc.wait_seconds, 10)
		self.assertEqual(doc.operator, OPERATOR)
		expected = compute_rule_due(hl.TRANSFER_RULE, get_datetime(doc.received_on)).due
		self.assertEqual(get_datetime(doc.current_due), expected)
		self.assertGreater(
			get_datetime(doc.current_due) - get_datetime(doc.received_on), dt.timedelta(hours=2)
		)
		self.assertEqual(doc.step_log[0].rule_code, hl.TRANSFER_RULE)

	def test_emergency_is_due_within_one_hour(self):
		doc = make_work_order(urgency=hl.EMERGENCY)
		self.assertEqual(get_datetime(doc.current_due) - get_datetime(doc.received_on), dt.timedelta(hours=1))
		self.assertEqual(doc.step_log[0].rule_code, hl.EMERGENCY_RULE)

	def test_call_answered_before_it_started_is_refused(self):
		started = get_datetime("2026-11-26 09:00:00")
		with self.assertRaises(CallTimesError):
			make_work_order(call_started_at=started, call_answered_at=started - dt.timedelta(seconds=5))

	def test_transfer_needs_an_institution(self):
		doc = make_work_order()
		with self.assertRaises(StepIncompleteError):
			apply_workflow(doc, hl.TRANSFER)

	def test_life_cycle_transfer_completion_callback(self):
		doc = self.transfer(make_work_order())
		self.assertEqual(doc.workflow_state, hl.TRANSFERRED)
		self.assertTrue(doc.service_order)
		order = frappe.get_doc("Service Order", doc.service_order)
		self.assertEqual(order.status, "Sent")
		self.assertEqual(order.holder_institution, self.office.name)
		self.assertEqual(order.service, "12348 Hotline")
		self.assertEqual((order.source_doctype, order.source_name), (hl.DOCTYPE, doc.name))
		# The reply is due within 5 working days of the transfer.
		self.assertEqual(doc.current_step, hl.REPLY_STEP)
		expected = compute_rule_due(hl.REPLY_RULE, get_datetime(doc.transferred_on)).due
		self.assertEqual(get_datetime(doc.current_due), expected)
		# The transfer step ended in time.
		transfer_row = next(row for row in doc.step_log if row.step == hl.TRANSFER_STEP)
		self.assertEqual((transfer_row.ended_in_state, transfer_row.late), (hl.TRANSFERRED, 0))

		# Staff of another county may not act on the order.
		frappe.set_user(OTHER_COUNTY)
		with self.assertRaises(frappe.PermissionError):
			service_order.accept(order.name)
		self.assertFalse(frappe.has_permission(hl.DOCTYPE, "read", doc.name, user=OTHER_COUNTY))

		# The holder's staff accept and complete through the order.
		frappe.set_user(HOLDER)
		service_order.accept(order.name)
		service_order.complete(order.name, "已协调用人单位支付拖欠工资")
		frappe.set_user(OPERATOR)
		doc.reload()
		self.assertEqual(doc.workflow_state, hl.COMPLETED)
		self.assertEqual(doc.reply, "已协调用人单位支付拖欠工资")
		self.assertTrue(doc.completed_on)
		self.assertFalse(doc.current_due)
		reply_row = next(row for row in doc.step_log if row.step == hl.REPLY_STEP)
		self.assertEqual(reply_row.ended_in_state, hl.COMPLETED)

		# The holder may not record the callback; the operator does.
		frappe.set_user(HOLDER)
		with self.assertRaises(frappe.ValidationError):
			apply_workflow(frappe.get_doc(hl.DOCTYPE, doc.name), hl.RECORD_CALLBACK)
		frappe.set_user(OPERATOR)
		doc.reload()
		with self.assertRaises(StepIncompleteError):
			apply_workflow(doc, hl.RECORD_CALLBACK)
		doc.reload()
		doc.callback_result = hl.RESOLVED
		doc.callback_note = "来电人表示工资已到账"
		doc.save()
		doc = apply_workflow(doc, hl.RECORD_CALLBACK)
		self.assertEqual(doc.workflow_state, hl.CALLED_BACK)
		self.assertEqual(doc.called_back_by, OPERATOR)
		self.assertTrue(doc.called_back_on)
		for state in hl.STATES:
			if state != hl.ANSWERED:
				self.assertIn(state, doc.states_passed)

	def test_complex_matter_reply_is_due_within_fifteen_working_days(self):
		doc = self.transfer(make_work_order(complex=1))
		expected = compute_rule_due(hl.COMPLEX_REPLY_RULE, get_datetime(doc.transferred_on)).due
		self.assertEqual(get_datetime(doc.current_due), expected)
		self.assertEqual(doc.step_log[-1].rule_code, hl.COMPLEX_REPLY_RULE)

	def test_refused_order_returns_to_the_operator(self):
		doc = self.transfer(make_work_order())
		frappe.set_user(HOLDER)
		service_order.refuse(doc.service_order, "不属于本所职责范围")
		frappe.set_user(OPERATOR)
		doc.reload()
		self.assertEqual(doc.workflow_state, hl.RECEIVED)
		self.assertFalse(doc.service_order)
		self.assertEqual(doc.current_step, hl.TRANSFER_STEP)

	def test_direct_answer_is_recorded_as_a_hotline_consultation(self):
		doc = make_work_order(language=hl.TIBETAN)
		doc.answer = "可以向劳动保障监察部门投诉，也可以申请劳动仲裁。"
		doc.save()
		doc = apply_workflow(doc, hl.ANSWER)
		self.assertEqual(doc.workflow_state, hl.ANSWERED)
		self.assertFalse(doc.current_due)
		consultation = frappe.get_doc("Legal Consultation", doc.consultation)
		self.assertEqual(consultation.channel, matters.HOTLINE)
		self.assertEqual(consultation.hotline_work_order, doc.name)
		self.assertEqual(consultation.status, matters.ANSWERED)
		self.assertEqual(consultation.answer, doc.answer)
		self.assertEqual(consultation.answered_by, OPERATOR)
		self.assertEqual(consultation.language, "bo")
		self.assertEqual(consultation.matter_type, matters.LABOUR)
		self.assertEqual(consultation.division, BEIGUAN_COMMUNITY)

	def test_orders_are_scoped_by_area(self):
		ours = make_work_order()
		theirs = make_work_order(division=CHENGZHONG)
		frappe.set_user(HOLDER)
		names = frappe.get_list(hl.DOCTYPE, pluck="name")
		self.assertIn(ours.name, names)
		self.assertNotIn(theirs.name, names)
		self.assertFalse(frappe.has_permission(hl.DOCTYPE, "read", theirs.name, user=HOLDER))
		self.assertFalse(frappe.has_permission(hl.DOCTYPE, "create", user=HOLDER))

	def test_overdue_step_is_escalated(self):
		overdue_before = overdue()["value"]
		doc = make_work_order()
		past = get_datetime("2026-11-20 09:00:00")
		frappe.db.set_value(hl.DOCTYPE, doc.name, "current_due", past, update_modified=False)
		answered = make_work_order()
		answered.answer = "已当场解答。"
		answered.save()
		answered = apply_workflow(answered, hl.ANSWER)
		self.assertFalse(answered.current_due)
		frappe.set_user("Administrator")
		escalate_service(SERVICES[hl.DOCTYPE], get_datetime("2026-11-26 12:00:00"))
		self.assertEqual(frappe.db.get_value(hl.DOCTYPE, doc.name, "escalated_step"), hl.TRANSFER_STEP)
		# A work order with no running step is never overdue (Frappe reads an empty due as the year 1).
		self.assertEqual(
			frappe.db.get_value(hl.DOCTYPE, answered.name, ["escalated_step", "escalated_on"]), (None, None)
		)
		# The desk's card counts the overdue one, not the answered one.
		self.assertEqual(overdue()["value"], overdue_before + 1)

	def test_import_of_call_records(self):
		content = (
			"call_id,caller,started_at,answered_at\n"
			"T-HL-1,13900000011,2026-11-26 08:00:00,2026-11-26 08:00:12\n"
			"T-HL-2,13900000012,2026-11-26 08:05:00,\n"
			"T-HL-3,13900000013,yesterday,\n"
		)
		result = import_call_records(content, BEIGUAN_COMMUNITY)
		self.assertEqual((result["created"], result["updated"]), (2, 0))
		self.assertEqual(len(result["problems"]), 1)
		self.assertIn("4", result["problems"][0])
		answered = frappe.get_doc(hl.DOCTYPE, {"call_id": "T-HL-1"})
		self.assertEqual(answered.wait_seconds, 12)
		missed = frappe.get_doc(hl.DOCTYPE, {"call_id": "T-HL-2"})
		self.assertFalse(missed.call_answered_at)
		# The same file again creates nothing.
		again = import_call_records(content, BEIGUAN_COMMUNITY)
		self.assertEqual((again["created"], again["updated"]), (0, 0))
		frappe.set_user(HOLDER)
		with self.assertRaises(frappe.PermissionError):
			import_call_records(content, BEIGUAN_COMMUNITY)

	def test_service_levels_report_counts_in_the_database(self):
		started = get_datetime("2031-03-03 09:00:00")
		make_work_order(call_started_at=started, call_answered_at=started + dt.timedelta(seconds=8))
		make_work_order(call_started_at=started, call_answered_at=started + dt.timedelta(seconds=40))
		make_work_order(call_started_at=started, call_answered_at=None, division=CHENGZHONG)
		make_work_order(call_started_at=started, call_answered_at=None, language=hl.TIBETAN)
		# The month's last call, answered 12 s later in the next month: counted in March, in time.
		last = get_datetime("2031-03-31 23:59:53")
		make_work_order(call_started_at=last, call_answered_at=last + dt.timedelta(seconds=12))
		# April's call is not March's.
		make_work_order(call_started_at=get_datetime("2031-04-01 00:00:10"), call_answered_at=None)
		# The figures count whole months: the 3rd of March reads all of March.
		filters = frappe._dict(from_date="2031-03-03", to_date="2031-03-03")
		rows = report.execute(filters)[1]
		total = rows[-1]
		self.assertEqual((total["calls"], total["answered"], total["within_15s"]), (5, 3, 2))
		self.assertEqual(total["connection_rate"], 60.0)
		self.assertEqual(total["within_15s_rate"], 40.0)
		by_language = {row["language"]: row for row in rows if row["indent"] == 1}
		self.assertEqual(by_language[frappe._(hl.TIBETAN)]["calls"], 1)
		self.assertEqual(
			sum(row["calls"] for row in rows if row["indent"] == 0 and row is not total), total["calls"]
		)
		# A county's staff count their own county only.
		frappe.set_user(HOLDER)
		rows = report.execute(filters)[1]
		self.assertEqual((rows[-1]["calls"], rows[-1]["answered"], rows[-1]["within_15s"]), (4, 3, 2))

"""The legal aid workflow on a real site: each transition by role and tier, deadlines, escalation."""

import datetime as dt
import json

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from qh_legal_service.escalation import escalate_overdue_steps
from qh_legal_service.legal_aid.doctype.legal_aid_application.legal_aid_application import (
	Art32ClaimError,
	MissingPledgeError,
	UrgentAidReasonError,
)
from qh_legal_service.resident_id import InvalidResidentIDError
from qh_legal_service.service_case import StepIncompleteError
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	XINING,
	make_application,
	make_staff,
	make_worker,
)

REVIEWER = "la-reviewer@test.qh"
OTHER_REVIEWER = "la-reviewer-chengzhong@test.qh"
BUREAU = "la-bureau@test.qh"
SUPERVISOR = "la-supervisor@test.qh"
# Resident ID numbers (valid check digits) of people born on 1 May 2012 and 10 March 2008.
CHILD_ID = "110105201205010020"
TEENAGER_ID = "110105200803100021"
END_OF_DAY = dt.time.max  # 24:00 (民法典 Art 203)
NOTICE = "Notice from Court, Procuratorate or Police"


class LegalAidCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(OTHER_REVIEWER, CHENGZHONG, "Legal Aid Reviewer")
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		make_staff(SUPERVISOR, XINING, "Prefecture Supervisor")

	def tearDown(self):
		frappe.set_user("Administrator")

	def act(self, user, name, action, **values):
		"""Apply a workflow action as `user`, after saving `values` on the application as the desk does."""
		frappe.set_user(user)
		try:
			doc = frappe.get_doc("Legal Aid Application", name)
			if values:
				doc.update(values)
				doc.save()
			return apply_workflow(doc, action)
		finally:
			frappe.set_user("Administrator")


class TestApplication(LegalAidCase):
	def test_received_with_eligibility_and_review_deadline(self):
		doc = make_application(received_on="2025-09-28 10:00:00")
		self.assertEqual(doc.workflow_state, "Received")
		self.assertEqual(doc.eligibility, "Hardship Check Needed")
		self.assertEqual(doc.date_of_birth, dt.date(1949, 12, 31))
		self.assertEqual(doc.current_step, "Review and decide")
		# Seven days end on 2025-10-05, inside the National Day holiday: the period runs to 2025-10-09, 24:00.
		self.assertEqual(get_datetime(doc.current_due), dt.datetime(2025, 10, 9, 23, 59, 59, 999999))
		stored = frappe.db.get_value("Legal Aid Application", doc.name, "current_due")
		self.assertEqual(get_datetime(stored), dt.datetime(2025, 10, 9, 23, 59, 59, 999999))
		self.assertIn("Art 43", doc.deadline_lines)

	def test_special_groups_and_statutes(self):
		self.assertEqual(make_application(migrant_worker_pay_claim=1).eligibility, "Hardship Proof Waived")
		abuse = "A Victim of Abuse, Abandonment or Domestic Violence Claiming Their Rights"
		self.assertEqual(make_application(art32_claim=abuse).eligibility, "Hardship Test Not Applied")
		self.assertEqual(make_application(matter_type="Other Matter").eligibility, "Not a Covered Matter")
		self.assertIn("Art 42", make_application(minor=1, id_number=CHILD_ID).eligibility_article)

	def test_art32_a_heros_name_is_no_art31_matter_yet_needs_no_hardship_test(self):
		hero = "A Close Relative Protecting a Hero's or Martyr's Personality Rights"
		doc = make_application(matter_type="Other Matter", art32_claim=hero)
		self.assertEqual((doc.eligibility, doc.eligibility_article), ("Hardship Test Not Applied", "Art 32"))
		# The same relative's own unpaid wages: no Art 32 claim, the hardship check applies.
		wages = make_application(household_size=1, monthly_household_income=90000, honesty_pledge=1)
		self.assertEqual(wages.eligibility, "Hardship Check Needed")
		with self.assertRaises(Art32ClaimError):
			make_application(art32_claim="State Compensation after Acquittal on Retrial")

	def test_art42_a_minor_tick_is_read_against_the_resident_id(self):
		adult = make_application(minor=1)
		self.assertEqual(adult.eligibility, "Hardship Check Needed")
		self.assertIn(frappe._("Minor, without Fixed Income"), adult.eligibility_reason)
		self.assertEqual(make_application(minor=1, id_number=CHILD_ID).eligibility, "Hardship Proof Waived")
		alimony = make_application(
			migrant_worker_pay_claim=1, matter_type="Maintenance (Support, Child Support, Alimony)"
		)
		self.assertEqual(alimony.eligibility, "Hardship Check Needed")

	def test_art25_a_detained_minor_is_recognised_as_notified_defence(self):
		doc = make_application(
			matter_type="Criminal Matter",
			channel="Forwarded from Detention",
			detained_request_at="2026-03-10 09:00:00",
			received_on="2026-03-10 15:00:00",
			id_number=TEENAGER_ID,
			art25_category="Minor",
		)
		self.assertEqual((doc.eligibility, doc.current_step), ("Notified Defence", "Assign a defence lawyer"))
		# Asked the day after the 18th birthday: an adult, so the ordinary path and a flagged category.
		grown = make_application(
			matter_type="Criminal Matter",
			channel="Forwarded from Detention",
			detained_request_at="2026-03-11 09:00:00",
			received_on="2026-03-11 15:00:00",
			id_number=TEENAGER_ID,
			art25_category="Minor",
		)
		self.assertEqual(grown.eligibility, "Hardship Check Needed")
		self.assertIn(frappe._("Notified-Defence Situation (Art 25, 28)"), grown.eligibility_reason)

	def test_art36_the_notice_and_the_assignment_are_checked_for_lateness(self):
		# Found Sunday 28 September 2025, the person in custody: the notice was due by 1 October, 24:00.
		late = make_application(
			matter_type="Criminal Matter",
			channel=NOTICE,
			notifying_authority="城东区人民法院",
			art25_category="Possible Life Imprisonment or Death Penalty",
			in_custody=1,
			situation_found_on="2025-09-28 15:00:00",
			received_on="2025-10-02 09:00:00",
		)
		self.assertEqual((late.eligibility, late.notice_late), ("Notified Defence", 1))
		posted = make_application(
			matter_type="Criminal Matter",
			channel=NOTICE,
			notifying_authority="城东区人民法院",
			in_custody=1,
			situation_found_on="2025-09-28 15:00:00",
			notice_sent_on="2025-09-30 16:00:00",
			received_on="2025-10-02 09:00:00",
		)
		self.assertEqual(posted.notice_late, 0)
		# The centre then has 3 days from receipt, moved past the holiday: 9 October, 24:00.
		worker = make_worker(worker_type="Lawyer", served_divisions=[], licence_number="16301202110000011")
		assigned = self.act(REVIEWER, late.name, "Assign", assigned_worker=worker.name)
		self.assertEqual(assigned.assignment_late, 1)  # assigned today, long after 9 October 2025
		on_time = make_application(
			matter_type="Criminal Matter", channel=NOTICE, notifying_authority="城东区人民法院"
		)
		self.assertEqual(
			self.act(REVIEWER, on_time.name, "Assign", assigned_worker=worker.name).assignment_late, 0
		)

	def test_a_detainees_application_forwarded_after_24_hours_is_flagged(self):
		on_time = make_application(
			channel="Forwarded from Detention",
			detained_request_at="2025-03-03 09:00:00",
			received_on="2025-03-04 08:00:00",
		)
		# 刑事诉讼法 Art 105: the starting hour is not counted, so the 24 hours run from 10:00 to 10:00.
		last_minute = make_application(
			channel="Forwarded from Detention",
			detained_request_at="2025-03-03 09:00:00",
			received_on="2025-03-04 10:00:00",
		)
		late = make_application(
			channel="Forwarded from Detention",
			detained_request_at="2025-03-03 09:00:00",
			received_on="2025-03-04 10:01:00",
		)
		self.assertEqual((on_time.forwarded_late, last_minute.forwarded_late, late.forwarded_late), (0, 0, 1))

	def test_art39_a_person_in_compulsory_isolation_has_24_hours_from_the_moment_they_asked(self):
		def forwarded(received_on, isolation=1):
			return make_application(
				channel="Forwarded from Detention",
				detained_request_at="2025-03-03 09:17:00",
				received_on=received_on,
				compulsory_isolation=isolation,
			).forwarded_late

		# Not criminal proceedings: the Civil Code counts the hours from the moment itself.
		self.assertEqual((forwarded("2025-03-04 09:17:00"), forwarded("2025-03-04 09:18:00")), (0, 1))
		# In criminal custody the starting hour is not counted: 10:00 is still in time.
		self.assertEqual(forwarded("2025-03-04 10:00:00", isolation=0), 0)

	def test_art42_a_migrant_workers_waiver_needs_a_work_injury_and_a_catch_all_its_law(self):
		injury = "Personal Injury (Work, Traffic, Food or Drug, Medical)"
		traffic = make_application(migrant_worker_pay_claim=1, matter_type=injury)
		work = make_application(migrant_worker_pay_claim=1, matter_type=injury, work_injury=1)
		self.assertEqual(
			(traffic.eligibility, work.eligibility), ("Hardship Check Needed", "Hardship Proof Waived")
		)
		unnamed = make_application(other_waived_by_law=1)
		named = make_application(other_waived_by_law=1, basis_by_law="《青海省法律援助条例》第二十条")
		self.assertEqual(
			(unnamed.eligibility, named.eligibility), ("Hardship Check Needed", "Hardship Proof Waived")
		)
		self.assertIn(frappe._("The Law or Regulation Providing It"), unnamed.eligibility_reason)

	def test_bad_input_is_refused_with_a_clear_error(self):
		with self.assertRaises(InvalidResidentIDError):
			make_application(id_number="110105194912310021")
		with self.assertRaises(MissingPledgeError):
			make_application(household_size=3, monthly_household_income=2000)


class TestTransitions(LegalAidCase):
	def test_review_approve_assign_handle_close_archive(self):
		name = make_application().name
		with self.assertRaises(WorkflowTransitionError):
			self.act(BUREAU, name, "Start Review")
		with self.assertRaises(frappe.PermissionError):
			self.act(OTHER_REVIEWER, name, "Start Review")
		self.assertEqual(self.act(REVIEWER, name, "Start Review").workflow_state, "Under Review")
		approved = self.act(REVIEWER, name, "Approve")
		self.assertEqual((approved.workflow_state, approved.current_step), ("Approved", "Assign a lawyer"))
		decided = get_datetime(approved.decided_on)
		self.assertGreater(get_datetime(approved.current_due), decided + dt.timedelta(days=3))
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Assign")
		worker = make_worker(worker_type="Lawyer", served_divisions=[], licence_number="16301202110000001")
		assigned = self.act(REVIEWER, name, "Assign", assigned_worker=worker.name)
		self.assertEqual(assigned.workflow_state, "Assigned")
		self.assertTrue(assigned.assigned_on)
		self.assertIsNone(assigned.current_due)
		self.act(REVIEWER, name, "Start Handling")
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Close")
		closed = self.act(REVIEWER, name, "Close", outcome="Won or Mostly Won", closing_report="已结案。")
		self.assertEqual(closed.workflow_state, "Closed")
		with self.assertRaises(WorkflowTransitionError):
			self.act(REVIEWER, name, "Archive")
		self.assertEqual(self.act(BUREAU, name, "Archive").workflow_state, "Archived")

	def test_materials_notice_pauses_the_review(self):
		name = make_application().name
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Request Materials")
		due_day = getdate() + dt.timedelta(days=10)
		waiting = self.act(
			REVIEWER,
			name,
			"Request Materials",
			materials_notice="身份证复印件; 工资欠条",
			materials_due=due_day,
		)
		self.assertEqual(waiting.workflow_state, "Materials Requested")
		self.assertEqual(get_datetime(waiting.current_due), dt.datetime.combine(due_day, END_OF_DAY))
		back = self.act(REVIEWER, name, "Materials Supplied")
		self.assertEqual((back.workflow_state, back.current_step), ("Under Review", "Review and decide"))
		self.assertTrue(back.materials_supplied_on)

	def test_art43_every_materials_request_is_recorded_and_pauses_the_review(self):
		name = make_application(received_on="2025-09-01 09:00:00").name
		due_day = getdate() + dt.timedelta(days=10)
		self.act(REVIEWER, name, "Request Materials", materials_notice="工资欠条", materials_due=due_day)
		self.act(REVIEWER, name, "Materials Supplied")
		self.act(REVIEWER, name, "Request Materials", materials_notice="劳动合同", materials_due=due_day)
		back = self.act(REVIEWER, name, "Materials Supplied")
		requests = back.materials_requests
		self.assertEqual([row.notice for row in requests], ["工资欠条", "劳动合同"])
		self.assertTrue(all(row.requested_on and row.supplied_on for row in requests))
		self.assertEqual(back.materials_notice, "劳动合同")  # the latest, where the documents read it
		# Put the two waits where the pure test has them: 2–3 and 5–8 September 2025.
		waits = [
			("2025-09-02 10:00:00", "2025-09-03 15:00:00"),
			("2025-09-05 10:00:00", "2025-09-08 11:00:00"),
		]
		for row, (requested, supplied) in zip(requests, waits, strict=True):
			frappe.db.set_value(row.doctype, row.name, {"requested_on": requested, "supplied_on": supplied})
		doc = frappe.get_doc("Legal Aid Application", name)
		doc.save()
		# Seven counted days: 4, 9–14 September; Sunday 14 moves to Monday 15, 24:00.
		self.assertEqual(get_datetime(doc.current_due), dt.datetime(2025, 9, 15, 23, 59, 59, 999999))
		pauses = [values for key, values in json.loads(doc.deadline_lines) if key.startswith("pause")]
		self.assertEqual(len(pauses), 2)

	def test_art44_the_limitation_date_gives_and_checks_the_urgent_reason(self):
		name = make_application().name
		with self.assertRaises(UrgentAidReasonError):
			self.act(
				REVIEWER,
				name,
				"Provide Urgent Aid",
				urgent_reason="Limitation Period Ends within 7 Days",
				limitation_ends_on=getdate() + dt.timedelta(days=7),
			)
		urgent = self.act(
			REVIEWER,
			name,
			"Provide Urgent Aid",
			urgent_reason=None,
			limitation_ends_on=getdate() + dt.timedelta(days=6),
		)
		self.assertEqual(
			(urgent.workflow_state, urgent.urgent_reason),
			("Urgent Aid", "Limitation Period Ends within 7 Days"),
		)
		self.assertTrue(urgent.urgent_aid_on)

	def test_art49_the_re_review_after_a_correction_has_its_own_period(self):
		name = make_application(received_on="2025-09-01 09:00:00").name
		self.act(REVIEWER, name, "Start Review")
		self.act(REVIEWER, name, "Refuse", decision_reasons="不属于经济困难。")
		self.act(BUREAU, name, "Record Objection", objection_reason="我确实困难。")
		corrected = self.act(BUREAU, name, "Order Correction")
		self.assertEqual(corrected.current_step, "Review again as ordered")
		self.assertTrue(corrected.correction_ordered_on)
		self.assertGreater(get_datetime(corrected.current_due), now_datetime() + dt.timedelta(days=6))
		self.assertIn("LA-REREVIEW", corrected.deadline_lines)

	def test_refusal_objection_and_correction(self):
		name = make_application().name
		self.act(REVIEWER, name, "Start Review")
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Refuse")
		refused = self.act(REVIEWER, name, "Refuse", decision_reasons="不属于经济困难。")
		self.assertEqual(refused.workflow_state, "Refused")
		with self.assertRaises(WorkflowTransitionError):
			self.act(REVIEWER, name, "Record Objection", objection_reason="我确实困难。")
		objected = self.act(BUREAU, name, "Record Objection", objection_reason="我确实困难。")
		self.assertEqual(
			(objected.workflow_state, objected.objected_decision), ("Objection Filed", "Refused")
		)
		self.assertEqual(objected.current_step, "Decide the objection")
		with self.assertRaises(WorkflowTransitionError):
			self.act(BUREAU, name, "Uphold Termination")
		corrected = self.act(BUREAU, name, "Order Correction")
		self.assertEqual(
			(corrected.workflow_state, corrected.objection_decision), ("Under Review", "Ordered Corrected")
		)

	def test_urgent_aid_and_termination(self):
		name = make_application().name
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Provide Urgent Aid")
		# Art 44: the limitation ground needs the day the limitation period ends, fewer than 7 days away.
		urgent = self.act(
			REVIEWER,
			name,
			"Provide Urgent Aid",
			urgent_reason="Limitation Period Ends within 7 Days",
			limitation_ends_on=getdate() + dt.timedelta(days=3),
		)
		self.assertEqual(urgent.current_step, "Review and decide")
		with self.assertRaises(StepIncompleteError):
			self.act(REVIEWER, name, "Terminate")
		terminated = self.act(REVIEWER, name, "Terminate", termination_reason="Hired an Own Lawyer")
		self.assertEqual(terminated.workflow_state, "Terminated")
		self.assertIn(
			"Used Legal Aid for Illegal Activity", terminated.meta.get_options("termination_reason")
		)
		upheld = self.act(BUREAU, name, "Record Objection", objection_reason="不同意终止。")
		self.assertEqual(self.act(BUREAU, upheld.name, "Uphold Termination").objection_decision, "Upheld")

	def test_notified_defence_goes_straight_to_assignment(self):
		doc = make_application(
			matter_type="Criminal Matter",
			channel="Notice from Court, Procuratorate or Police",
			notifying_authority="城东区人民法院",
		)
		self.assertEqual((doc.eligibility, doc.current_step), ("Notified Defence", "Assign a defence lawyer"))
		with self.assertRaises(WorkflowTransitionError):
			self.act(REVIEWER, doc.name, "Start Review")
		worker = make_worker(worker_type="Lawyer", served_divisions=[], licence_number="16301202110000002")
		self.assertEqual(
			self.act(REVIEWER, doc.name, "Assign", assigned_worker=worker.name).workflow_state, "Assigned"
		)


class TestDecidedEligibility(LegalAidCase):
	def test_eligibility_is_fixed_once_decided_and_read_in_the_readers_language(self):
		name = make_application(migrant_worker_pay_claim=1).name
		frappe.local.lang = "bo"
		try:
			doc = frappe.get_doc("Legal Aid Application", name)
			doc.run_method("onload")
			self.assertRegex(doc.eligibility_reason, "[\u0f00-\u0fff]")
		finally:
			frappe.local.lang = "en"
		self.act(REVIEWER, name, "Start Review")
		self.act(REVIEWER, name, "Approve")
		doc = frappe.get_doc("Legal Aid Application", name)
		doc.migrant_worker_pay_claim = 0
		doc.save()
		self.assertEqual(doc.eligibility, "Hardship Proof Waived")
		frappe.local.lang = "bo"
		try:
			doc = frappe.get_doc("Legal Aid Application", name)
			doc.run_method("onload")
			# The facts changed after the decision: the stored reason stands, not one for a new answer.
			self.assertNotRegex(doc.eligibility_reason, "[\u0f00-\u0fff]")
		finally:
			frappe.local.lang = "en"


class TestEscalation(LegalAidCase):
	def test_overdue_step_goes_to_the_prefecture_once(self):
		name = make_application().name
		frappe.db.set_value(
			"Legal Aid Application", name, "current_due", add_to_date(now_datetime(), days=-1)
		)
		before = frappe.db.count("Notification Log", {"for_user": SUPERVISOR, "document_name": name})
		escalate_overdue_steps()
		escalate_overdue_steps()
		after = frappe.db.count("Notification Log", {"for_user": SUPERVISOR, "document_name": name})
		self.assertEqual(after - before, 1)
		self.assertEqual(
			frappe.db.get_value("Legal Aid Application", name, "escalated_step"), "Review and decide"
		)

	def test_unanswered_materials_request_is_deemed_withdrawn(self):
		name = make_application().name
		self.act(
			REVIEWER,
			name,
			"Request Materials",
			materials_notice="身份证复印件",
			materials_due=getdate(),
		)
		frappe.db.set_value(
			"Legal Aid Application", name, "current_due", add_to_date(now_datetime(), days=-1)
		)
		escalate_overdue_steps()
		self.assertEqual(frappe.db.get_value("Legal Aid Application", name, "workflow_state"), "Withdrawn")

	def test_every_step_is_named_in_the_supervisors_language(self):
		from qh_legal_service.escalation import step_labels
		from qh_legal_service.rules.legal_aid import STEP_NAMES

		self.assertEqual(set(step_labels("Legal Aid Application")), set(STEP_NAMES))
		self.assertEqual(
			step_labels("Legal Aid Application", "zh")["Review again as ordered"], "按责令改正重新审查"
		)


class TestSuggestedWorkers(LegalAidCase):
	def test_lawyers_of_the_county_who_speak_tibetan_come_for_a_tibetan_applicant(self):
		from qh_legal_service.legal_aid.api import suggest_workers

		tibetan = make_worker(
			worker_type="Lawyer",
			division=CHENGDONG,
			served_divisions=[],
			licence_number="16301202110000003",
			languages=[{"language": "bo"}, {"language": "zh"}],
		)
		chinese = make_worker(
			worker_type="Lawyer",
			division=CHENGDONG,
			served_divisions=[],
			licence_number="16301202110000004",
			languages=[{"language": "zh"}],
		)
		elsewhere = make_worker(
			worker_type="Lawyer",
			division=CHENGZHONG,
			served_divisions=[],
			licence_number="16301202110000005",
			languages=[{"language": "bo"}],
		)
		name = make_application(preferred_language="bo").name
		frappe.set_user(REVIEWER)
		suggested = {w["name"] for w in suggest_workers(name)}
		self.assertIn(tibetan.name, suggested)
		self.assertNotIn(chinese.name, suggested)
		self.assertNotIn(elsewhere.name, suggested)

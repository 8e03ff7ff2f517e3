"""People's mediation on a real site: each transition by role and tier, requirements, the calendar month,
the stored outcome, the Art 33 reminder and the agreement document."""

import datetime as dt

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from qh_legal_service.mediation.doctype.mediation_case.mediation_case import (
	CommitteeError,
	PartiesError,
)
from qh_legal_service.resident_id import InvalidResidentIDError
from qh_legal_service.rules import mediation as m
from qh_legal_service.service_case import StepIncompleteError
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	VALID_ID,
	make_institution,
	make_staff,
	make_worker,
)

DOCTYPE = "Mediation Case"
MEDIATOR = "med-mediator@test.qh"
OTHER_MEDIATOR = "med-mediator-chengzhong@test.qh"
TOWNSHIP = "med-township@test.qh"
BUREAU = "med-bureau@test.qh"
END_OF_DAY = dt.time.max
# The agreement's print format, whose name is its title in the catalogues.
AGREEMENT_TITLE = m.DOCUMENTS[m.AGREEMENT].print_format


def make_case(**overrides):
	"""A neighbours' dispute in Beiguan Community, requested at a walk-in window, unless told otherwise."""
	values = {
		"doctype": DOCTYPE,
		"applicant_name": "测试申请人",
		"division": BEIGUAN_COMMUNITY,
		"dispute_type": "Neighbours",
		"dispute_summary": "邻居加盖房屋挡住通道。",
		"parties": [
			{"party_name": "测试申请人", "role": m.APPLICANT, "id_number": VALID_ID, "language": "bo"},
			{"party_name": "测试被申请人", "role": m.RESPONDENT, "language": "zh"},
		],
	}
	values.update(overrides)
	return frappe.get_doc(values).insert(ignore_permissions=True)


WRITTEN_AGREEMENT = {
	"agreement_form": m.WRITTEN,
	"facts_and_dispute": "被申请人加盖房屋挡住申请人的通道。",
	"responsibility": "被申请人承担主要责任。",
	"agreement_terms": "被申请人于十五日内拆除加盖部分。",
	"performance_method": "被申请人自行拆除。",
	"performance_deadline": "2026-12-15",
	"agreement_effective_on": "2026-11-26",
	"signed_by_parties": 1,
	"signed_by_mediator": 1,
	"committee_seal": 1,
}


class MediationCaseTest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(MEDIATOR, DONGGUAN_STREET, "Mediator")
		make_staff(OTHER_MEDIATOR, CHENGZHONG, "Mediator")
		make_staff(TOWNSHIP, DONGGUAN_STREET, "Township Judicial Office")
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		cls.committee = make_institution(
			institution_name=f"测试人民调解委员会 {frappe.generate_hash(length=6)}",
			institution_type="People's Mediation Committee",
			division=DONGGUAN_STREET,
		).name
		cls.mediator = make_worker(
			worker_type="Mediator", division=DONGGUAN_STREET, institution=cls.committee, user=MEDIATOR
		).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def act(self, user, name, action, **values):
		"""Apply a workflow action as `user`, after saving `values` on the case as the desk does."""
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(DOCTYPE, name)
			if values:
				doc.update(values)
				doc.save()
			return apply_workflow(doc, action)
		finally:
			frappe.set_user("Administrator")

	def save_as(self, user, name, **values):
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(DOCTYPE, name)
			doc.update(values)
			return doc.save()
		finally:
			frappe.set_user("Administrator")

	def accepted(self, **overrides):
		return self.act(MEDIATOR, make_case(**overrides).name, m.ACCEPT, committee=self.committee)

	def in_mediation(self, **overrides):
		doc = self.accepted(**overrides)
		return self.act(MEDIATOR, doc.name, m.START, mediators=[{"mediator": self.mediator}])


class TestTransitions(MediationCaseTest):
	def test_a_request_goes_to_agreement_and_closes_after_the_follow_up(self):
		doc = make_case()
		self.assertEqual(doc.workflow_state, m.REQUESTED)
		self.assertIsNone(doc.current_step)
		doc = self.act(MEDIATOR, doc.name, m.ACCEPT, committee=self.committee)
		self.assertEqual((doc.workflow_state, doc.current_step), (m.ACCEPTED, m.MEDIATE_STEP))
		self.assertTrue(doc.accepted_on)
		doc = self.act(MEDIATOR, doc.name, m.START, mediators=[{"mediator": self.mediator}])
		self.assertEqual((doc.workflow_state, doc.current_step), (m.IN_MEDIATION, m.MEDIATE_STEP))
		doc = self.act(MEDIATOR, doc.name, m.RECORD_AGREEMENT, **WRITTEN_AGREEMENT)
		self.assertEqual(doc.outcome, m.AGREEMENT_REACHED)
		self.assertEqual(doc.duration_days, 0)
		self.assertEqual(doc.current_step, m.CONFIRM_STEP)
		# 30 days from the agreement taking effect on 26 November 2026 end on 26 December, a Saturday:
		# the period runs to the next working day, Monday 28 December, 24:00 (民法典 Art 203).
		self.assertEqual(get_datetime(doc.current_due), dt.datetime(2026, 12, 28, 23, 59, 59, 999999))
		mediate = [row for row in doc.step_log if row.step == m.MEDIATE_STEP]
		self.assertEqual(len(mediate), 1)
		self.assertTrue(mediate[0].ended_on)
		self.assertEqual(mediate[0].ended_in_state, m.AGREEMENT_REACHED)
		self.assertEqual(mediate[0].late, 0)
		doc = self.save_as(MEDIATOR, doc.name, judicial_confirmation_applied_on="2026-11-30")
		self.assertEqual((doc.workflow_state, doc.current_step), (m.AGREEMENT_REACHED, m.FOLLOW_UP_STEP))
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, doc.name, m.CLOSE)
		doc = self.act(
			MEDIATOR, doc.name, m.CLOSE, followed_up_on="2026-12-20", performance=m.PERFORMED_FULLY
		)
		self.assertEqual(doc.workflow_state, m.CLOSED)
		self.assertTrue(doc.closed_on)
		self.assertIsNone(doc.current_step)
		self.assertEqual(
			doc.states_passed.splitlines(),
			[m.REQUESTED, m.ACCEPTED, m.IN_MEDIATION, m.AGREEMENT_REACHED, m.CLOSED],
		)

	def test_no_agreement_withdrawal_and_refusal_record_their_reasons(self):
		doc = self.in_mediation()
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, doc.name, m.RECORD_NO_AGREEMENT)
		doc = self.act(MEDIATOR, doc.name, m.RECORD_NO_AGREEMENT, no_agreement_reason="分歧太大。")
		self.assertEqual((doc.outcome, doc.current_step), (m.AGREEMENT_NOT_REACHED, None))
		self.assertEqual(self.act(MEDIATOR, doc.name, m.CLOSE).workflow_state, m.CLOSED)

		doc = self.accepted()
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, doc.name, m.RECORD_WITHDRAWAL)
		doc = self.act(MEDIATOR, doc.name, m.RECORD_WITHDRAWAL, withdrawal_reason="申请人撤回。")
		self.assertEqual(doc.outcome, m.WITHDRAWN)

		name = make_case().name
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, name, m.DECLINE)
		doc = self.act(MEDIATOR, name, m.DECLINE, not_accepted_reason="被申请人明确拒绝调解。")
		self.assertEqual(doc.workflow_state, m.NOT_ACCEPTED)
		self.assertTrue(doc.not_accepted_on)

	def test_each_state_requires_its_fields(self):
		name = make_case().name
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, name, m.ACCEPT)
		doc = self.act(MEDIATOR, name, m.ACCEPT, committee=self.committee)
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, doc.name, m.START)
		doc = self.act(MEDIATOR, doc.name, m.START, mediators=[{"mediator": self.mediator}])
		# A written agreement needs every Art 29 part; a verbal one only its terms and when it took effect.
		with self.assertRaises(StepIncompleteError):
			self.act(MEDIATOR, doc.name, m.RECORD_AGREEMENT, **{**WRITTEN_AGREEMENT, "committee_seal": 0})
		doc = self.act(
			MEDIATOR,
			doc.name,
			m.RECORD_AGREEMENT,
			agreement_form=m.VERBAL,
			agreement_terms="被申请人当场道歉。",
			agreement_effective_on="2026-11-26",
		)
		self.assertEqual(doc.workflow_state, m.AGREEMENT_REACHED)
		# No judicial confirmation is awaited for a verbal agreement: the follow-up runs.
		self.assertEqual(doc.current_step, m.FOLLOW_UP_STEP)

	def test_a_mediator_of_another_county_cannot_act(self):
		name = make_case().name
		with self.assertRaises(frappe.PermissionError):
			self.act(OTHER_MEDIATOR, name, m.ACCEPT, committee=self.committee)
		frappe.set_user(OTHER_MEDIATOR)
		self.assertFalse(frappe.has_permission(DOCTYPE, "read", doc=name))
		self.assertNotIn(name, frappe.get_list(DOCTYPE, pluck="name"))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "workflow_state"), m.REQUESTED)

	def test_the_township_office_and_the_bureau_read_but_do_not_act(self):
		name = make_case().name
		for user in (TOWNSHIP, BUREAU):
			frappe.set_user(user)
			self.assertTrue(frappe.has_permission(DOCTYPE, "read", doc=name), user)
			self.assertIn(name, frappe.get_list(DOCTYPE, pluck="name"), user)
			self.assertFalse(frappe.has_permission(DOCTYPE, "write", doc=name), user)
			frappe.set_user("Administrator")
			with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
				self.act(user, name, m.ACCEPT)
		self.assertEqual(frappe.db.get_value(DOCTYPE, name, "workflow_state"), m.REQUESTED)

	def test_parties_committee_and_resident_ids_are_checked(self):
		with self.assertRaises(PartiesError):
			make_case(parties=[{"party_name": "乙", "role": m.RESPONDENT, "language": "zh"}])
		# A request may lack the other party; the committee needs it before accepting.
		alone = make_case(parties=[{"party_name": "甲", "role": m.APPLICANT, "language": "zh"}])
		with self.assertRaises(PartiesError):
			self.act(MEDIATOR, alone.name, m.ACCEPT, committee=self.committee)
		with self.assertRaises(InvalidResidentIDError):
			make_case(
				parties=[
					{
						"party_name": "甲",
						"role": m.APPLICANT,
						"id_number": "110105194912310021",
						"language": "zh",
					},
					{"party_name": "乙", "role": m.RESPONDENT, "language": "zh"},
				]
			)
		centre = make_institution().name
		with self.assertRaises(CommitteeError):
			self.act(MEDIATOR, make_case().name, m.ACCEPT, committee=centre)


class TestDeadlinesAndReminders(MediationCaseTest):
	def due_after_acceptance_on(self, accepted_on: str):
		"""The stored due moment of the mediation step of a case accepted at `accepted_on`."""
		doc = self.accepted()
		frappe.db.set_value(DOCTYPE, doc.name, "accepted_on", accepted_on, update_modified=False)
		doc = frappe.get_doc(DOCTYPE, doc.name)
		doc.save(ignore_permissions=True)
		return get_datetime(frappe.db.get_value(DOCTYPE, doc.name, "current_due")), doc

	def test_one_calendar_month_from_31_january_ends_on_the_last_day_of_february(self):
		# 民法典 Art 202: a month from 31 January ends on the last day of February (29 in a leap year).
		due, doc = self.due_after_acceptance_on("2024-01-31 10:00:00")
		self.assertEqual(due, dt.datetime.combine(dt.date(2024, 2, 29), END_OF_DAY))
		self.assertEqual(doc.current_step, m.MEDIATE_STEP)
		self.assertIn("MED-DURATION", doc.deadline_lines)
		due, _doc = self.due_after_acceptance_on("2025-01-31 10:00:00")
		self.assertEqual(due, dt.datetime.combine(dt.date(2025, 2, 28), END_OF_DAY))

	def test_a_case_open_past_the_month_is_escalated_to_the_township_office(self):
		from qh_legal_service.escalation import escalate_overdue_steps

		due, doc = self.due_after_acceptance_on("2026-01-05 10:00:00")
		self.assertLess(due, now_datetime())
		before = frappe.db.count("Notification Log", {"for_user": TOWNSHIP, "document_name": doc.name})
		escalate_overdue_steps()
		self.assertEqual(frappe.db.get_value(DOCTYPE, doc.name, "escalated_step"), m.MEDIATE_STEP)
		after = frappe.db.count("Notification Log", {"for_user": TOWNSHIP, "document_name": doc.name})
		self.assertEqual(after, before + 1)
		# Once per step: a second run tells nobody again.
		escalate_overdue_steps()
		self.assertEqual(
			frappe.db.count("Notification Log", {"for_user": TOWNSHIP, "document_name": doc.name}), after
		)

	def test_an_agreement_reminds_the_mediator_and_the_applicant_of_the_confirmation_window(self):
		doc = self.in_mediation()
		before = frappe.db.count("Notification Log", {"for_user": MEDIATOR, "document_name": doc.name})
		doc = self.act(MEDIATOR, doc.name, m.RECORD_AGREEMENT, **WRITTEN_AGREEMENT)
		logs = frappe.get_all(
			"Notification Log",
			filters={"for_user": MEDIATOR, "document_name": doc.name},
			pluck="subject",
		)
		self.assertEqual(len(logs), before + 1)
		self.assertIn(doc.name, logs[0])
		self.assertTrue(frappe.db.get_value(DOCTYPE, doc.name, "confirmation_reminded_on"))

	def test_a_window_already_past_is_ended_on_save(self):
		doc = self.in_mediation()
		past = {**WRITTEN_AGREEMENT, "agreement_effective_on": "2025-01-02"}
		doc = self.act(MEDIATOR, doc.name, m.RECORD_AGREEMENT, **past)
		self.assertEqual((doc.confirmation_window_closed, doc.current_step), (1, m.FOLLOW_UP_STEP))
		confirm = [row for row in doc.step_log if row.step == m.CONFIRM_STEP]
		self.assertEqual(len(confirm), 1)
		self.assertTrue(confirm[0].ended_on)

	def test_a_window_that_ends_unused_moves_to_the_follow_up_and_escalates_nobody(self):
		from qh_legal_service.escalation import escalate_overdue_steps

		doc = self.act(MEDIATOR, self.in_mediation().name, m.RECORD_AGREEMENT, **WRITTEN_AGREEMENT)
		self.assertEqual(doc.current_step, m.CONFIRM_STEP)
		# Time passes: the window's due moment is behind us when the hourly job runs.
		frappe.db.set_value(DOCTYPE, doc.name, "agreement_effective_on", "2025-01-02", update_modified=False)
		frappe.db.set_value(DOCTYPE, doc.name, "current_due", "2025-02-08 23:59:59", update_modified=False)
		escalate_overdue_steps()
		doc.reload()
		self.assertEqual((doc.workflow_state, doc.current_step), (m.AGREEMENT_REACHED, m.FOLLOW_UP_STEP))
		self.assertEqual(doc.confirmation_window_closed, 1)
		self.assertFalse(doc.escalated_step)
		self.assertFalse(
			frappe.db.exists("Notification Log", {"for_user": TOWNSHIP, "document_name": doc.name})
		)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": doc.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertIn(frappe._(m.CONFIRMATION_LAPSED_NOTE), comments)

	def test_the_daily_job_reminds_again_before_the_window_ends(self):
		from qh_legal_service.mediation.reminders import remind_before_window_ends

		doc = self.act(MEDIATOR, self.in_mediation().name, m.RECORD_AGREEMENT, **WRITTEN_AGREEMENT)
		told = frappe.db.count("Notification Log", {"for_user": MEDIATOR, "document_name": doc.name})
		# Three days before the end, the last reminder a month ago: the job reminds again, once.
		soon = add_to_date(now_datetime(), days=3)
		frappe.db.set_value(
			DOCTYPE, doc.name, {"current_due": soon, "confirmation_reminded_on": "2026-10-01"}
		)
		remind_before_window_ends()
		remind_before_window_ends()
		self.assertEqual(
			frappe.db.count("Notification Log", {"for_user": MEDIATOR, "document_name": doc.name}), told + 1
		)


class TestAgreementDocument(MediationCaseTest):
	def agreed(self, **agreement):
		doc = self.in_mediation()
		return self.act(MEDIATOR, doc.name, m.RECORD_AGREEMENT, **(agreement or WRITTEN_AGREEMENT))

	def test_a_written_agreement_prints_bilingually_in_three_marked_copies(self):
		from qh_legal_service.service_documents import service_document

		doc = self.agreed()
		content = service_document(doc, m.AGREEMENT)
		self.assertEqual(content["title"]["zh"], frappe._(AGREEMENT_TITLE, lang="zh"))
		self.assertEqual(content["title"]["bo"], frappe._(AGREEMENT_TITLE, lang="bo").rstrip("།"))
		self.assertEqual(len(content["copies"]), 3)
		self.assertIn("3", content["copies"][2]["zh"])
		text = json_text(content["blocks"])
		for expected in (
			"测试申请人",
			"测试被申请人",
			VALID_ID,
			WRITTEN_AGREEMENT["agreement_terms"],
			"第三十三条",
		):
			self.assertIn(expected, text)
		self.assertRegex(text, "[\u0f00-\u0fff]")
		html = frappe.get_print(DOCTYPE, doc.name, "Mediation Agreement")
		self.assertEqual(html.count('class="qhla-doc qhla-next-copy"'), 2)
		self.assertIn("一式3份，第3份", html)

	def test_the_word_file_holds_both_scripts_and_every_copy(self):
		from io import BytesIO

		from docx import Document as WordDocument

		from qh_legal_service.service_documents import word_bytes

		doc = self.agreed()
		word = WordDocument(BytesIO(word_bytes(doc, m.AGREEMENT)))
		text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
			cell.text for table in word.tables for row in table.rows for cell in row.cells
		)
		self.assertRegex(text, "[\u0f00-\u0fff]")
		for copy in (1, 2, 3):
			self.assertIn(f"一式3份，第{copy}份", text)
		self.assertIn(WRITTEN_AGREEMENT["agreement_terms"], text)

	def test_refused_before_an_agreement_and_for_a_verbal_one(self):
		from qh_legal_service.service_documents import DocumentNotAvailableError, ensure_document_allowed

		doc = self.in_mediation()
		with self.assertRaises(DocumentNotAvailableError):
			ensure_document_allowed(doc, m.AGREEMENT)
		verbal = self.act(
			MEDIATOR,
			doc.name,
			m.RECORD_AGREEMENT,
			agreement_form=m.VERBAL,
			agreement_terms="被申请人当场道歉。",
			agreement_effective_on="2026-11-26",
		)
		with self.assertRaises(DocumentNotAvailableError) as refused:
			ensure_document_allowed(verbal, m.AGREEMENT)
		self.assertIn(frappe._("Form of Agreement"), str(refused.exception))
		with self.assertRaises(DocumentNotAvailableError):
			frappe.get_print(DOCTYPE, verbal.name, "Mediation Agreement")


def json_text(blocks) -> str:
	import json

	return json.dumps(blocks, ensure_ascii=False)


class TestServiceOrder(MediationCaseTest):
	def test_a_hotline_order_becomes_a_case_and_learns_its_acceptance_and_result(self):
		from qh_legal_service import service_order
		from qh_legal_service.mediation.orders import make_case_from_order
		from qh_legal_service.tests.utils import make_consultation

		call = make_consultation(division=BEIGUAN_COMMUNITY, channel="12348 Hotline")
		order = service_order.open_order(
			call,
			to_institution=self.committee,
			reason="来电人请求调解邻里纠纷。",
			service="People's Mediation",
			matter_summary="邻居占用通道。",
			requester_name="来电群众",
		)
		frappe.set_user(OTHER_MEDIATOR)
		with self.assertRaises(frappe.PermissionError):
			make_case_from_order(order.name)
		frappe.set_user(MEDIATOR)
		name = make_case_from_order(order.name)
		self.assertEqual(make_case_from_order(order.name), name)
		frappe.set_user("Administrator")
		case = frappe.get_doc(DOCTYPE, name)
		self.assertEqual(
			(case.service_order, case.source, case.committee),
			(order.name, m.HOTLINE_TRANSFER, self.committee),
		)
		self.assertEqual(case.dispute_summary, "邻居占用通道。")
		# The caller named no other party: the mediator adds it before accepting.
		parties = [row.as_dict() for row in case.parties]
		parties.append({"party_name": "邻居", "role": m.RESPONDENT, "language": "zh"})
		self.act(MEDIATOR, name, m.ACCEPT, parties=parties)
		order.reload()
		self.assertEqual((order.status, order.target_doctype, order.target_name), ("Accepted", DOCTYPE, name))
		self.act(MEDIATOR, name, m.START, mediators=[{"mediator": self.mediator}])
		self.act(MEDIATOR, name, m.RECORD_NO_AGREEMENT, no_agreement_reason="分歧大。")
		self.act(MEDIATOR, name, m.CLOSE)
		order.reload()
		self.assertEqual(order.status, "Done")
		self.assertEqual(order.result_reference, name)
		self.assertEqual(order.result, frappe._(m.AGREEMENT_NOT_REACHED))

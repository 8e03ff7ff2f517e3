"""Notarization referrals on a real site: transitions by role and tier, the certificate's due date over a
holiday with a pause, fee relief, the referral from a legal aid case and the order's result."""

import datetime as dt
import json

import frappe
from frappe.model.workflow import WorkflowTransitionError, apply_workflow
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from qh_legal_service.deadline_wording import word_lines
from qh_legal_service.escalation import escalate_service
from qh_legal_service.notarization.api import refer_legal_aid_application
from qh_legal_service.notarization.doctype.notarization_referral.notarization_referral import (
	CertificateLanguageError,
	NotANotaryOfficeError,
)
from qh_legal_service.notarization.report.notarization_referrals import notarization_referrals as report
from qh_legal_service.resident_id import InvalidResidentIDError
from qh_legal_service.rules import notarization as nt
from qh_legal_service.rules.deadlines import Pause
from qh_legal_service.service_case import StepIncompleteError, service_of
from qh_legal_service.service_case import fields_for_action as case_fields_for_action
from qh_legal_service.service_case import save_action_fields as case_save_action_fields
from qh_legal_service.service_documents import allowed_documents, service_document, word_bytes
from qh_legal_service.statutory_calendar import compute_rule_due
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.test_statutory_calendar import FUTURE_YEAR, make_notice
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	DONGGUAN_STREET,
	VALID_ID,
	XINING,
	YUSHU_CITY,
	YUSHU_PREFECTURE,
	make_application,
	make_institution,
	make_staff,
)

REFERRER = "nt-township@test.qh"
NOTARY = "nt-notary@test.qh"
FAR_NOTARY = "nt-notary-yushu@test.qh"
REVIEWER = "nt-reviewer@test.qh"
SUPERVISOR = "nt-supervisor@test.qh"


def make_referral(**overrides):
	"""A referral of an inheritance matter from Beiguan Community, unless told otherwise."""
	values = {
		"doctype": nt.DOCTYPE,
		"applicant_name": f"测试当事人 {frappe.generate_hash(length=6)}",
		"id_number": VALID_ID,
		"phone": "13800000001",
		"division": BEIGUAN_COMMUNITY,
		"matter_type": "Inheritance",
		"matter_description": "父亲去世，办理房产继承公证。",
		"certificate_language": nt.BOTH,
		"source": nt.SERVICE_POINT,
	}
	values.update(overrides)
	return frappe.get_doc(values).insert()


def fields_for_action(name: str, action: str) -> list[str]:
	return case_fields_for_action(nt.DOCTYPE, name, action)


def save_action_fields(name: str, action: str, values: dict) -> None:
	case_save_action_fields(nt.DOCTYPE, name, action, values)


class NotarizationCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(REFERRER, DONGGUAN_STREET, "Township Judicial Office")
		make_staff(NOTARY, XINING, "Notary")
		make_staff(FAR_NOTARY, YUSHU_PREFECTURE, "Notary")
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(SUPERVISOR, XINING, "Prefecture Supervisor")
		# Each test rolls back what it did; the staff stay for the next one.
		frappe.db.commit()  # nosemgrep

	def setUp(self):
		self.office = make_institution(
			institution_name="测试公证处", institution_type="Notary Office", division=XINING
		)

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def act(self, user, name, action, **values):
		"""Apply a workflow action as `user`, after saving `values` as the desk does."""
		frappe.set_user(user)
		try:
			doc = frappe.get_doc(nt.DOCTYPE, name)
			if values:
				doc.update(values)
				doc.save()
			return apply_workflow(doc, action)
		finally:
			frappe.set_user("Administrator")

	def referral_by_referrer(self, **overrides):
		frappe.set_user(REFERRER)
		try:
			return make_referral(notary_office=self.office.name, **overrides)
		finally:
			frappe.set_user("Administrator")


class TestTransitions(NotarizationCase):
	def test_a_referral_goes_to_its_end_and_the_order_carries_the_certificate_number_back(self):
		doc = self.referral_by_referrer()
		self.assertEqual(doc.workflow_state, nt.REFERRED)
		self.assertEqual(doc.current_step, nt.ACCEPT_STEP)
		self.assertTrue(doc.referred_on and doc.current_due)
		order = frappe.get_doc("Service Order", doc.service_order)
		self.assertEqual(
			(order.status, order.holder_institution, order.service),
			("Sent", self.office.name, "Notarization"),
		)
		self.assertEqual((order.source_doctype, order.source_name), (nt.DOCTYPE, doc.name))

		doc = self.act(NOTARY, doc.name, "Accept Referral")
		self.assertEqual(doc.workflow_state, nt.ACCEPTED)
		self.assertEqual(doc.current_step, nt.ISSUE_STEP)
		self.assertEqual(frappe.db.get_value("Service Order", doc.service_order, "status"), "Accepted")

		doc = self.act(NOTARY, doc.name, "Pause", pause_reason=nt.VERIFICATION)
		self.assertEqual(doc.workflow_state, nt.PAUSED)
		self.assertEqual(
			[(row.reason, bool(row.paused_to)) for row in doc.pauses], [(nt.VERIFICATION, False)]
		)
		doc = self.act(NOTARY, doc.name, "Resume")
		self.assertTrue(doc.pauses[0].paused_to)
		self.assertFalse(doc.pause_reason)

		with self.assertRaises(StepIncompleteError):
			self.act(NOTARY, doc.name, "Issue Certificate")
		doc = self.act(NOTARY, doc.name, "Issue Certificate", certificate_number="(2026)青西证字第101号")
		self.assertEqual(doc.workflow_state, nt.ISSUED)
		self.assertEqual(doc.finished_in_time, 1)
		self.assertIsNone(doc.current_step)
		order = frappe.get_doc("Service Order", doc.service_order)
		self.assertEqual(order.status, "Done")
		self.assertEqual(order.result_reference, "(2026)青西证字第101号")
		self.assertEqual(order.target_name, doc.name)
		doc = self.act(NOTARY, doc.name, "Return Result")
		self.assertEqual(doc.workflow_state, nt.CLOSED)
		self.assertTrue(doc.closed_on)
		# Both steps are in the log, ended in time.
		steps = [(row.step, row.late) for row in doc.step_log]
		self.assertEqual(steps, [(nt.ACCEPT_STEP, 0), (nt.ISSUE_STEP, 0)])

	def test_a_refusal_needs_its_reason_and_refuses_the_order(self):
		doc = self.referral_by_referrer()
		with self.assertRaises(StepIncompleteError):
			self.act(NOTARY, doc.name, "Refuse Referral")
		# Art 31: the words alone are not enough, the refusal names its ground.
		with self.assertRaises(StepIncompleteError):
			self.act(NOTARY, doc.name, "Refuse Referral", refusal_reason="不属于本公证处执业区域。")
		doc = self.act(
			NOTARY,
			doc.name,
			"Refuse Referral",
			refusal_ground=nt.REFUSAL_GROUNDS[-1],
			refusal_reason="不属于本公证处执业区域。",
		)
		self.assertEqual(doc.workflow_state, nt.REFUSED)
		self.assertTrue(doc.refused_on)
		order = frappe.get_doc("Service Order", doc.service_order)
		self.assertEqual((order.status, order.result), ("Refused", "不属于本公证处执业区域。"))

	def test_the_referrer_cannot_accept(self):
		doc = self.referral_by_referrer()
		with self.assertRaises(WorkflowTransitionError):
			self.act(REFERRER, doc.name, "Accept Referral")
		self.assertEqual(frappe.db.get_value(nt.DOCTYPE, doc.name, "workflow_state"), nt.REFERRED)

	def test_a_notary_of_another_prefecture_can_neither_see_nor_act(self):
		doc = self.referral_by_referrer()
		frappe.set_user(FAR_NOTARY)
		self.assertFalse(frappe.has_permission(nt.DOCTYPE, "read", doc.name))
		self.assertNotIn(doc.name, frappe.get_list(nt.DOCTYPE, pluck="name"))
		frappe.set_user("Administrator")
		with self.assertRaises(frappe.PermissionError):
			self.act(FAR_NOTARY, doc.name, "Accept Referral")
		self.assertEqual(frappe.db.get_value(nt.DOCTYPE, doc.name, "workflow_state"), nt.REFERRED)

	def test_the_referrer_cannot_set_what_the_notary_or_the_server_decides(self):
		doc = self.referral_by_referrer()
		frappe.set_user(REFERRER)
		doc = frappe.get_doc(nt.DOCTYPE, doc.name)
		doc.certificate_number = "FORGED"
		doc.fee_relief = 1
		doc.save()
		frappe.set_user("Administrator")
		stored = frappe.db.get_value(nt.DOCTYPE, doc.name, ["certificate_number", "fee_relief"])
		self.assertEqual(stored, (None, 0))

	def test_the_desk_dialog_saves_only_what_the_action_needs_for_whoever_may_take_it(self):
		doc = self.referral_by_referrer()
		self.act(NOTARY, doc.name, "Accept Referral")
		frappe.set_user(NOTARY)
		self.assertEqual(fields_for_action(doc.name, "Pause"), ["pause_reason"])
		self.assertEqual(fields_for_action(doc.name, "Issue Certificate"), ["certificate_number"])
		save_action_fields(doc.name, "Pause", {"pause_reason": nt.FORCE_MAJEURE, "certificate_number": "X"})
		frappe.set_user("Administrator")
		stored = frappe.get_doc(nt.DOCTYPE, doc.name)
		self.assertEqual((stored.pause_reason, stored.certificate_number), (nt.FORCE_MAJEURE, None))
		frappe.set_user(REFERRER)
		self.assertEqual(fields_for_action(doc.name, "Pause"), [])
		with self.assertRaises(frappe.PermissionError):
			save_action_fields(doc.name, "Issue Certificate", {"certificate_number": "FORGED"})
		frappe.set_user("Administrator")
		self.assertFalse(frappe.db.get_value(nt.DOCTYPE, doc.name, "certificate_number"))

	def test_checks_on_save(self):
		far = make_application(division=YUSHU_CITY)
		frappe.set_user(REFERRER)
		with self.assertRaises(frappe.PermissionError):
			make_referral(notary_office=self.office.name, legal_aid_application=far.name)
		frappe.set_user("Administrator")
		with self.assertRaises(InvalidResidentIDError):
			make_referral(id_number="110105194912310021")
		centre = make_institution()
		with self.assertRaises(NotANotaryOfficeError):
			make_referral(notary_office=centre.name)


class TestCertificateDeadline(NotarizationCase):
	def test_fifteen_working_days_over_a_holiday_with_a_pause_shown_in_the_explanation(self):
		# An invented notice for a year the package does not know: 1 and 2 October are holidays.
		make_notice(complete=1)
		doc = self.referral_by_referrer()
		doc = self.act(NOTARY, doc.name, "Accept Referral")
		accepted = dt.datetime(FUTURE_YEAR, 9, 28, 10, 0)
		pause = (dt.datetime(FUTURE_YEAR, 10, 5, 9, 0), dt.datetime(FUTURE_YEAR, 10, 6, 17, 0))
		doc.db_set("accepted_on", accepted)
		doc.reload()
		doc.append("pauses", {"reason": nt.FORCE_MAJEURE, "paused_from": pause[0], "paused_to": pause[1]})
		doc.save()
		plain = compute_rule_due(nt.ISSUE_RULE, accepted).due
		expected = compute_rule_due(
			nt.ISSUE_RULE,
			accepted,
			nt.pauses([{"reason": nt.FORCE_MAJEURE, "paused_from": pause[0], "paused_to": pause[1]}]),
		).due
		self.assertEqual(get_datetime(doc.current_due), expected)
		self.assertGreater(expected, plain)
		# Two holidays and two paused working days: 15 + 4 working days after the Tuesday.
		self.assertNotIn(expected.date(), {dt.date(FUTURE_YEAR, 10, 1), dt.date(FUTURE_YEAR, 10, 2)})
		english = word_lines(doc.deadline_lines, "en")
		self.assertIn("Force Majeure", english)
		# Each reader gets the pause's reason in their language.
		chinese = word_lines(doc.deadline_lines, "zh")
		self.assertIn("不可抗力", chinese)
		self.assertNotIn("Force Majeure", chinese)
		self.assertIn("Art 30", english)
		kinds = [kind for kind, _values in json.loads(doc.deadline_lines)]
		self.assertIn("pause_days", kinds)
		self.assertIn("not_counted", kinds)


class TestFeeRelief(NotarizationCase):
	def test_fee_relief_from_an_approved_legal_aid_application(self):
		application = make_application()
		application.db_set("workflow_state", "Approved")
		doc = make_referral(legal_aid_application=application.name)
		self.assertEqual((doc.fee_relief, doc.fee_relief_basis), (1, nt.LEGAL_AID_GRANTED))
		self.assertEqual(doc.source, nt.LEGAL_AID_CASE)

	def test_no_fee_relief_from_a_refused_application_and_none_without_a_group(self):
		application = make_application()
		application.db_set("workflow_state", "Refused")
		doc = make_referral(legal_aid_application=application.name)
		self.assertEqual((doc.fee_relief, doc.fee_relief_basis), (0, None))
		doc = make_referral(elderly_without_income=1)
		self.assertEqual((doc.fee_relief, doc.fee_relief_basis), (1, nt.WAIVER_GROUP))


class TestReferFromLegalAid(NotarizationCase):
	def test_one_action_carries_the_applicant_over_and_opens_the_order(self):
		application = make_application(preferred_language="bo", phone="13900000009")
		frappe.set_user(REVIEWER)
		name = refer_legal_aid_application(
			application.name, self.office.name, "Power of Attorney", "委托办理工资追讨。", nt.BOTH
		)
		frappe.set_user("Administrator")
		doc = frappe.get_doc(nt.DOCTYPE, name)
		for field in ("applicant_name", "id_number", "phone", "preferred_language", "division"):
			self.assertEqual(doc.get(field), application.get(field), field)
		self.assertEqual(doc.legal_aid_application, application.name)
		self.assertEqual(doc.source, nt.LEGAL_AID_CASE)
		self.assertEqual(doc.owner, REVIEWER)
		order = frappe.get_doc("Service Order", doc.service_order)
		self.assertEqual(
			(order.source_doctype, order.source_name), ("Legal Aid Application", application.name)
		)
		self.assertEqual((order.target_doctype, order.target_name), (nt.DOCTYPE, name))
		self.assertEqual(order.holder_institution, self.office.name)

	def test_the_applicant_follows_a_referral_made_for_them_on_the_portal(self):
		citizen = make_citizen("nt-refer-citizen@test.qh")
		application = make_application(applicant_user=citizen)
		frappe.set_user(REVIEWER)
		name = refer_legal_aid_application(application.name, self.office.name, "Will", "遗嘱公证。")
		frappe.set_user(citizen)
		self.assertTrue(frappe.has_permission(nt.DOCTYPE, "read", name))
		self.assertIn(name, frappe.get_list(nt.DOCTYPE, pluck="name"))
		frappe.set_user("Administrator")

	def test_a_reviewer_of_another_area_cannot_refer(self):
		application = make_application(division=YUSHU_CITY)
		frappe.set_user(REVIEWER)
		with self.assertRaises(frappe.PermissionError):
			refer_legal_aid_application(application.name, self.office.name, "Will", "遗嘱公证。")


class TestReport(NotarizationCase):
	def test_counts_by_notary_office_in_the_database(self):
		first = self.referral_by_referrer(elderly_without_income=1)
		self.referral_by_referrer()
		self.act(NOTARY, first.name, "Accept Referral")
		self.act(NOTARY, first.name, "Issue Certificate", certificate_number="(2026)青西证字第7号")
		frappe.set_user(NOTARY)
		_columns, data, _message = report.execute({"group_by": "Notary Office"})
		frappe.set_user("Administrator")
		row = next(row for row in data if row["group"] == self.office.name)
		self.assertEqual(
			(row["referrals"], row["accepted"], row["issued"], row["in_time"], row["fee_relief"]),
			(2, 1, 1, 1, 1),
		)
		self.assertEqual(row["acceptance_share"], 50.0)
		self.assertEqual(row["in_time_share"], 100.0)
		_columns, data, _message = report.execute({"group_by": "County"})
		county = next(row for row in data if row["group"] == CHENGDONG)
		self.assertGreaterEqual(county["referrals"], 2)
		self.assertEqual(data[-1]["group_name"], frappe._("Total"))
		frappe.set_user(FAR_NOTARY)
		_columns, data, _message = report.execute({"group_by": "Notary Office"})
		frappe.set_user("Administrator")
		self.assertFalse([row for row in data if row["group"] == self.office.name])


class TestCertificateLanguage(NotarizationCase):
	def test_the_certificate_is_always_in_chinese_and_mongolian_only_where_it_is_a_local_script(self):
		with self.assertRaises(frappe.ValidationError):
			self.referral_by_referrer(certificate_language="Tibetan")
		with self.assertRaises(CertificateLanguageError):
			self.referral_by_referrer(certificate_language=nt.WITH_MONGOLIAN)
		self.assertEqual(
			self.referral_by_referrer(certificate_language=nt.BOTH).certificate_language, nt.BOTH
		)


class TestAcceptanceNotice(NotarizationCase):
	def test_the_notice_prints_once_accepted_bilingually_with_the_due_date_and_fee_relief(self):
		doc = self.referral_by_referrer(elderly_without_income=1)
		self.assertEqual(allowed_documents(doc), [])
		doc = self.act(NOTARY, doc.name, "Accept Referral")
		self.assertEqual(allowed_documents(doc), [nt.ACCEPTANCE_NOTICE])
		content = service_document(doc, nt.ACCEPTANCE_NOTICE)
		self.assertEqual(content["issuer"]["zh"], "测试公证处")
		text = json.dumps(content["blocks"], ensure_ascii=False, default=str)
		due = get_datetime(doc.current_due)
		self.assertIn(f"{due.year}年{due.month}月{due.day}日前出具", text)
		self.assertIn("第三十四条", text)
		self.assertIn("ཁྲིམས་ཐོའི་གླ་ཕོགས", text)
		self.assertIn(doc.name, text)
		self.assertTrue(word_bytes(doc, nt.ACCEPTANCE_NOTICE).startswith(b"PK"))
		# Still printable once the certificate is issued; the step log keeps the due date it stated.
		doc = self.act(NOTARY, doc.name, "Issue Certificate", certificate_number="(2026)青西证字第5号")
		self.assertEqual(allowed_documents(doc), [nt.ACCEPTANCE_NOTICE])
		text = json.dumps(
			service_document(doc, nt.ACCEPTANCE_NOTICE)["blocks"], ensure_ascii=False, default=str
		)
		self.assertIn(f"{due.year}年{due.month}月{due.day}日前出具", text)

	def test_a_refused_referral_has_no_notice(self):
		doc = self.referral_by_referrer()
		doc = self.act(
			NOTARY,
			doc.name,
			"Refuse Referral",
			refusal_ground=nt.REFUSAL_GROUNDS[-1],
			refusal_reason="不属于本处执业区域。",
		)
		self.assertEqual(allowed_documents(doc), [])


class TestEscalation(NotarizationCase):
	def test_a_referral_waiting_for_materials_is_not_escalated_and_its_pause_is_left_out_on_resuming(self):
		doc = self.act(NOTARY, self.referral_by_referrer().name, "Accept Referral")
		doc = self.act(NOTARY, doc.name, "Pause", pause_reason=nt.SUPPLEMENTARY_MATERIALS)
		# 公证法 Art 30: the clock is stopped while the materials are awaited, however long.
		self.assertEqual((doc.current_step, doc.current_due), (nt.ISSUE_STEP, None))
		self.assertEqual(json.loads(doc.deadline_lines)[0][0], "clock_stopped")
		escalate_service(service_of(nt.DOCTYPE), dt.datetime.now() + dt.timedelta(days=90))
		self.assertFalse(frappe.db.get_value(nt.DOCTYPE, doc.name, "escalated_step"))
		# Accepted twenty days ago, waiting for ten: on resuming, the ten days are not counted.
		accepted = dt.datetime.now().replace(microsecond=0) - dt.timedelta(days=20)
		doc.db_set("accepted_on", accepted, update_modified=False)
		doc.pauses[0].db_set("paused_from", accepted + dt.timedelta(days=10), update_modified=False)
		doc = self.act(NOTARY, doc.name, "Resume")
		pause = doc.pauses[0]
		expected = compute_rule_due(
			nt.ISSUE_RULE,
			accepted,
			[
				Pause(
					get_datetime(pause.paused_from), get_datetime(pause.paused_to), nt.SUPPLEMENTARY_MATERIALS
				)
			],
		).due
		self.assertEqual(get_datetime(doc.current_due), expected)
		self.assertGreater(expected, compute_rule_due(nt.ISSUE_RULE, accepted).due)

	def test_an_unanswered_referral_is_escalated_once_and_acceptance_clears_it(self):
		doc = self.referral_by_referrer()
		doc.db_set("current_due", "2026-01-05 23:59:59")
		escalate_service(service_of(nt.DOCTYPE), get_datetime("2026-11-26 10:00:00"))
		stored = frappe.get_doc(nt.DOCTYPE, doc.name)
		self.assertEqual(stored.escalated_step, nt.ACCEPT_STEP)
		alerts = frappe.get_all(
			"Notification Log", filters={"document_name": doc.name, "for_user": SUPERVISOR}, pluck="subject"
		)
		self.assertEqual(len(alerts), 1)
		escalate_service(service_of(nt.DOCTYPE), get_datetime("2026-11-26 11:00:00"))
		self.assertEqual(
			frappe.db.count("Notification Log", {"document_name": doc.name, "for_user": SUPERVISOR}), 1
		)
		doc = self.act(NOTARY, doc.name, "Accept Referral")
		self.assertFalse(doc.escalated_step)
		self.assertEqual(doc.current_step, nt.ISSUE_STEP)

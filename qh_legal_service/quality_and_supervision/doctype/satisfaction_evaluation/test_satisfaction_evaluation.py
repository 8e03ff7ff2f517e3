"""好差评 on a real site: the bad review's rectification and callback, one evaluation per person, the
scope of evaluations, the survey link over HTTP as a guest (once, expiring, unforgeable, bound to its
record), the portal for a citizen's own records, the link sent when a service closes, and the reports."""

import datetime as dt
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, now_datetime

from qh_legal_service.escalation import escalate_overdue_steps
from qh_legal_service.hotline.doctype.hotline_work_order.test_hotline_work_order import make_work_order
from qh_legal_service.quality_and_supervision import satisfaction as site
from qh_legal_service.quality_and_supervision.report.bad_reviews_open_and_overdue import (
	bad_reviews_open_and_overdue,
)
from qh_legal_service.quality_and_supervision.report.poorly_rated_regions import poorly_rated_regions
from qh_legal_service.quality_and_supervision.report.satisfaction_by_institution_and_division import (
	satisfaction_by_institution_and_division,
)
from qh_legal_service.rules import hotline as hl
from qh_legal_service.rules import satisfaction as sat
from qh_legal_service.service_case import StepIncompleteError
from qh_legal_service.tests.http import SiteClient, exception_type, message, server_messages
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	delete_with_history,
	make_application,
	make_consultation,
	make_institution,
	make_staff,
)

EVALUATION = sat.EVALUATION_DOCTYPE
LINK = sat.LINK_DOCTYPE
CHENGDONG_BUREAU = "sat-chengdong@test.qh"
CHENGZHONG_BUREAU = "sat-chengzhong@test.qh"
CITIZEN = "sat-citizen@test.qh"
SUBMIT = "qh_legal_service.quality_and_supervision.satisfaction.submit_survey"
EVALUATE_OWN = "qh_legal_service.quality_and_supervision.satisfaction.evaluate_own"


def evaluate(record, level, person: dict | None = None):
	"""An answer taken by phone for the record's person (or for `person`)."""
	return site.make_evaluation(record.doctype, record.name, level, "电话回访", sat.PHONE, person)


def survey_part(response) -> str:
	"""The survey's own part of a page (the rest is Frappe's frame), for short failure messages."""
	text = response.get_data(as_text=True)
	start = text.find('<div class="qh-survey"')
	return text[start : text.find("<style>", start)] if start >= 0 else text[:500]


def token_of(url: str) -> str:
	return url.split("t=", 1)[1]


class SatisfactionTest(FrappeTestCase):
	"""Tests that commit (HTTP requests read from their own connections) and clean up after."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(CHENGDONG_BUREAU, CHENGDONG, "County Justice Bureau")
		make_staff(CHENGZHONG_BUREAU, CHENGZHONG, "County Justice Bureau")
		make_citizen(CITIZEN)
		settings = frappe.get_single(sat.SETTINGS_DOCTYPE)
		settings.update(
			{
				"rectification_working_days": sat.DEFAULT_RECTIFICATION_DAYS,
				"link_valid_days": sat.DEFAULT_LINK_VALID_DAYS,
				"send_link_on_close": 1,
			}
		)
		settings.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections

	def setUp(self):
		self.made = []

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.db.rollback()
		for doctype, name in reversed(self.made):
			if doctype in (EVALUATION, LINK):
				for link in frappe.get_all(LINK, {"reference_name": name}, pluck="name"):
					frappe.delete_doc(LINK, link, force=True, ignore_permissions=True)
				for evaluation in frappe.get_all(EVALUATION, {"reference_name": name}, pluck="name"):
					delete_with_history(EVALUATION, evaluation)
				continue
			for link in frappe.get_all(LINK, {"reference_name": name}, pluck="name"):
				frappe.delete_doc(LINK, link, force=True, ignore_permissions=True)
			for evaluation in frappe.get_all(EVALUATION, {"reference_name": name}, pluck="name"):
				delete_with_history(EVALUATION, evaluation)
			delete_with_history(doctype, name)
		frappe.db.commit()  # nosemgrep: undo what this test committed

	def keep(self, doc):
		self.made.append((doc.doctype, doc.name))
		return doc

	def consultation(self, **values):
		return self.keep(make_consultation(citizen_phone="13907710001", **values))


class TestRectification(SatisfactionTest):
	def test_a_bad_review_is_rectified_and_called_back_before_it_closes(self):
		centre = self.keep(make_institution())
		application = self.keep(make_application())
		frappe.db.set_value(application.doctype, application.name, "assigned_institution", centre.name)
		review = evaluate(application, sat.VERY_DISSATISFIED)
		self.assertEqual(review.status, sat.RECTIFYING)
		self.assertEqual((review.division, review.institution), (application.division, centre.name))
		self.assertEqual(review.county, CHENGDONG)
		self.assertEqual(review.current_step, sat.RECTIFY)
		self.assertEqual(review.step_log[0].rule_code, sat.BAD_REVIEW_RULE)
		self.assertGreater(get_datetime(review.current_due), get_datetime(review.evaluated_on))
		due_rectify = get_datetime(review.current_due)

		# A callback without the measures is refused: the review is rectified first.
		review.update({"called_back_on": now_datetime(), "callback_result": sat.RESOLVED})
		self.assertRaises(StepIncompleteError, review.save, ignore_permissions=True)
		review.reload()

		review.rectification_measures = "窗口调整为九点开门，已向当事人道歉。"
		review.save(ignore_permissions=True)
		self.assertEqual(review.status, sat.AWAITING_CALLBACK)
		self.assertTrue(review.rectified_on)
		self.assertEqual(review.current_step, sat.CALL_BACK)
		# Both steps are due within the same working days of the review.
		self.assertEqual(get_datetime(review.current_due), due_rectify)

		review.called_back_on = now_datetime()
		self.assertRaises(StepIncompleteError, review.save, ignore_permissions=True)
		review.reload()
		review.update({"called_back_on": now_datetime(), "callback_result": sat.PARTLY_RESOLVED})
		review.save(ignore_permissions=True)
		self.assertEqual(review.status, sat.CLOSED)
		self.assertTrue(review.closed_on)
		self.assertFalse(review.current_step)
		self.assertEqual([row.step for row in review.step_log], [sat.RECTIFY, sat.CALL_BACK])
		self.assertTrue(all(row.ended_on for row in review.step_log))

	def test_an_overdue_rectification_is_escalated_by_the_shared_job(self):
		record = self.consultation()
		review = frappe.get_doc(
			{
				"doctype": EVALUATION,
				"reference_doctype": record.doctype,
				"reference_name": record.name,
				"level": sat.DISSATISFIED,
				"evaluated_on": add_days(now_datetime(), -30),
			}
		)
		review.flags.keep_evaluated_on = True
		review.insert(ignore_permissions=True)
		fresh = evaluate(self.consultation(), sat.VERY_DISSATISFIED)
		self.assertLess(get_datetime(review.current_due), now_datetime())
		escalate_overdue_steps()
		self.assertEqual(frappe.db.get_value(EVALUATION, review.name, "escalated_step"), sat.RECTIFY)
		self.assertFalse(frappe.db.get_value(EVALUATION, fresh.name, "escalated_step"))

	def test_a_good_review_has_no_step_and_the_same_person_evaluates_once(self):
		record = self.consultation()
		review = evaluate(record, sat.BASICALLY_SATISFIED)
		self.assertEqual(review.status, sat.RECORDED)
		self.assertFalse(review.current_step)
		self.assertEqual(review.evaluator_key, "phone:13907710001")
		with self.assertRaises(site.AlreadyEvaluatedError):
			evaluate(record, sat.DISSATISFIED)
		# Another person (another account) may evaluate the same record.
		other = evaluate(record, sat.SATISFIED, {"user": CITIZEN, "name": "另一位群众"})
		self.assertEqual(other.evaluator_key, f"user:{CITIZEN}")

	def test_the_working_days_setting_times_the_rectification(self):
		record = self.consultation()
		settings = frappe.get_single(sat.SETTINGS_DOCTYPE)
		settings.rectification_working_days = 15
		settings.save(ignore_permissions=True)
		try:
			self.assertEqual(frappe.db.get_value("Deadline Rule", sat.BAD_REVIEW_RULE, "count"), 15)
			review = evaluate(record, sat.DISSATISFIED)
			# 15 working days are three weeks at least.
			self.assertGreaterEqual(
				get_datetime(review.current_due) - get_datetime(review.evaluated_on), dt.timedelta(days=20)
			)
			settings.rectification_working_days = 3
			self.assertRaises(frappe.ValidationError, settings.save, ignore_permissions=True)
		finally:
			settings.reload()
			settings.rectification_working_days = sat.DEFAULT_RECTIFICATION_DAYS
			settings.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Deadline Rule", sat.BAD_REVIEW_RULE, "count"), 5)

	def test_staff_record_a_phone_answer_only_for_records_of_their_area(self):
		record = self.consultation()
		answer = {
			"doctype": EVALUATION,
			"reference_doctype": record.doctype,
			"reference_name": record.name,
			"level": sat.SATISFIED,
			# Whatever the form sends, the server sets the channel from how the answer came.
			"channel": sat.LINK,
		}
		frappe.set_user(CHENGZHONG_BUREAU)
		try:
			# Naming their own county does not let a neighbour evaluate a Chengdong record.
			neighbour = frappe.get_doc({**answer, "division": CHENGZHONG})
			self.assertRaises(frappe.PermissionError, neighbour.insert)
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(CHENGDONG_BUREAU)
		try:
			evaluation = frappe.get_doc(dict(answer)).insert()
		finally:
			frappe.set_user("Administrator")
		self.assertEqual((evaluation.division, evaluation.channel), (CHENGDONG, sat.PHONE))
		self.assertEqual(evaluation.evaluator_key, "phone:13907710001")

	def test_evaluations_are_seen_in_the_evaluated_records_area_only(self):
		here = evaluate(self.consultation(), sat.DISSATISFIED)
		there = evaluate(self.consultation(division=CHENGZHONG), sat.SATISFIED)
		frappe.set_user(CHENGDONG_BUREAU)
		try:
			names = frappe.get_list(EVALUATION, pluck="name", limit_page_length=0)
			self.assertIn(here.name, names)
			self.assertNotIn(there.name, names)
			self.assertTrue(frappe.has_permission(EVALUATION, "read", here.name))
			self.assertFalse(frappe.has_permission(EVALUATION, "read", there.name))
		finally:
			frappe.set_user("Administrator")


class TestSurveyLink(SatisfactionTest):
	def test_a_guest_answers_once_through_the_link_in_the_persons_language(self):
		record = self.consultation(language="bo")
		url, link = site.issue_link(record.doctype, record.name)
		self.assertEqual(link.language, "bo")
		self.assertNotIn(token_of(url), str(frappe.db.get_value(LINK, link.name, "token_hash")))
		frappe.db.commit()  # nosemgrep: the requests read it from their own connections
		guest = SiteClient()
		page = guest.get(f"/survey?t={token_of(url)}")
		self.assertEqual(page.status_code, 200)
		self.assertIn(record.name, survey_part(page))
		self.assertIn(frappe._(sat.VERY_DISSATISFIED, lang="bo"), survey_part(page))
		self.assertNotEqual(frappe._(sat.VERY_DISSATISFIED, lang="bo"), sat.VERY_DISSATISFIED)

		answer = guest.call(SUBMIT, token=token_of(url), level=sat.DISSATISFIED, comment="等了很久")
		self.assertEqual(answer.status_code, 200, server_messages(answer))
		frappe.db.rollback()
		evaluation = frappe.get_doc(EVALUATION, message(answer)["evaluation"])
		self.assertEqual(
			(evaluation.reference_name, evaluation.channel, evaluation.level, evaluation.status),
			(record.name, sat.LINK, sat.DISSATISFIED, sat.RECTIFYING),
		)
		self.assertEqual(frappe.db.get_value(LINK, link.name, "evaluation"), evaluation.name)

		again = guest.call(SUBMIT, token=token_of(url), level=sat.VERY_SATISFIED)
		self.assertEqual(exception_type(again), "SurveyLinkError")
		self.assertEqual(frappe.db.count(EVALUATION, {"reference_name": record.name}), 1)
		used, chinese = site.LINK_MESSAGES["used"], "zh"
		self.assertIn(
			frappe._(used, lang=chinese),
			survey_part(guest.get(f"/survey?t={token_of(url)}&_lang=zh")),
		)

	def test_a_tibetan_callers_work_order_is_evaluated_for_the_institution_it_went_to(self):
		office = self.keep(make_institution(institution_type="Judicial Office"))
		order = self.keep(make_work_order(language=hl.TIBETAN))
		frappe.db.set_value(order.doctype, order.name, "transfer_to", office.name)
		url, link = site.issue_link(order.doctype, order.name)
		self.assertEqual((link.language, link.recipient_name), ("bo", order.caller_name))
		answer = site.make_evaluation(
			order.doctype,
			order.name,
			sat.VERY_SATISFIED,
			None,
			sat.LINK,
			{"name": link.recipient_name, "key": link.recipient_key, "survey_link": link.name},
		)
		self.assertEqual((answer.institution, answer.division), (office.name, order.division))
		self.assertEqual(answer.evaluator_key, "phone:13900000001")
		self.assertIn("/survey?t=", url)

	def test_an_expired_link_is_refused(self):
		record = self.consultation()
		# A token whose own expiry has passed ...
		url, _link = site.issue_link(record.doctype, record.name, now=add_days(now_datetime(), -30))
		# ... and a genuine one whose stored link was cut short.
		url2, link2 = site.issue_link(record.doctype, record.name)
		frappe.db.set_value(LINK, link2.name, "expires_on", add_days(now_datetime(), -1))
		frappe.db.commit()  # nosemgrep: the requests read them from their own connections
		guest = SiteClient()
		for token in (token_of(url), token_of(url2)):
			response = guest.call(SUBMIT, token=token, level=sat.SATISFIED)
			self.assertEqual(exception_type(response), "SurveyLinkError")
			self.assertIn(frappe._(site.LINK_MESSAGES[sat.EXPIRED]), server_messages(response))
		self.assertFalse(frappe.db.exists(EVALUATION, {"reference_name": record.name}))

	def test_a_forged_or_redirected_token_is_refused(self):
		record, other = self.consultation(), self.consultation()
		url, _link = site.issue_link(record.doctype, record.name)
		frappe.db.commit()  # nosemgrep: the requests read it from their own connections
		token = token_of(url)
		payload, signature = token.split(".")
		altered = sat._b64(sat._unb64(payload).replace(record.name.encode(), other.name.encode()))
		forged_key = sat.make_token(
			b"not the site key", record.doctype, other.name, add_days(now_datetime(), 5), "x"
		)
		guest = SiteClient()
		for bad in (f"{altered}.{signature}", forged_key, token[:-2] + "AA", "garbage"):
			response = guest.call(SUBMIT, token=bad, level=sat.VERY_SATISFIED)
			self.assertEqual(exception_type(response), "SurveyLinkError", bad)
			page = guest.get(f"/survey?t={bad}")
			self.assertIn(frappe._(site.LINK_MESSAGES[sat.FORGED]), survey_part(page))
		# A genuine token sent with another record's name is refused too.
		response = guest.call(SUBMIT, token=token, level=sat.VERY_SATISFIED, reference_name=other.name)
		self.assertEqual(exception_type(response), "SurveyLinkError")
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists(EVALUATION, {"reference_name": ["in", [record.name, other.name]]}))
		self.assertFalse(frappe.db.get_value(LINK, {"reference_name": record.name}, "used_on"))

	def test_a_service_that_closes_sends_its_link_once_where_it_reaches_the_person(self):
		record = self.consultation()
		self.assertFalse(frappe.db.exists(LINK, {"reference_name": record.name}))
		# No e-mail and no SMS gateway: no link nobody could deliver, a note to send one by hand.
		record.update({"status": "Answered", "answer": "可以申请劳动仲裁。"})
		record.save(ignore_permissions=True)
		self.assertFalse(frappe.db.exists(LINK, {"reference_name": record.name}))
		self.assertTrue(frappe.db.exists("Comment", {"reference_name": record.name, "comment_type": "Info"}))
		# With a gateway, a text message carries the link to the person's phone, once.
		other = self.consultation()
		sent = []
		with (
			patch.object(site, "sms_configured", return_value=True),
			patch(
				"frappe.core.doctype.sms_settings.sms_settings.send_sms",
				lambda numbers, message, **kwargs: sent.append((numbers, message)),
			),
		):
			other.update({"status": "Answered", "answer": "可以申请劳动仲裁。"})
			other.save(ignore_permissions=True)
			other.status = "Closed"
			other.save(ignore_permissions=True)
		self.assertEqual(frappe.db.count(LINK, {"reference_name": other.name}), 1)
		self.assertEqual(len(sent), 1)
		self.assertEqual(sent[0][0], ["13907710001"])
		self.assertIn("/survey?t=", sent[0][1])

	def test_staff_send_a_link_only_for_records_they_may_read(self):
		here, there = self.consultation(), self.consultation(division=CHENGZHONG)
		frappe.set_user(CHENGDONG_BUREAU)
		try:
			sent = site.send_survey_link(here.doctype, here.name)
			self.assertIn("/survey?t=", sent["url"])
			self.assertRaises(frappe.PermissionError, site.send_survey_link, there.doctype, there.name)
			self.assertRaises(site.NotSurveyedError, site.send_survey_link, "User", CITIZEN)
		finally:
			frappe.set_user("Administrator")


class TestPortalEvaluation(SatisfactionTest):
	def test_a_citizen_evaluates_their_own_record_and_no_one_elses(self):
		own = self.keep(make_application(applicant_user=CITIZEN))
		other = self.keep(make_application())
		frappe.db.commit()  # nosemgrep: the requests read them from their own connections
		citizen = SiteClient(CITIZEN)
		listing = citizen.get("/survey")
		self.assertEqual(listing.status_code, 200)
		self.assertIn(own.name, survey_part(listing))
		self.assertNotIn(other.name, survey_part(listing))
		refused = citizen.call(EVALUATE_OWN, doctype=other.doctype, name=other.name, level=sat.SATISFIED)
		self.assertEqual(refused.status_code, 403)
		answer = citizen.call(EVALUATE_OWN, doctype=own.doctype, name=own.name, level=sat.SATISFIED)
		self.assertEqual(answer.status_code, 200, server_messages(answer))
		frappe.db.rollback()
		evaluation = frappe.get_doc(EVALUATION, message(answer)["evaluation"])
		self.assertEqual((evaluation.channel, evaluation.evaluator_user), (sat.PORTAL, CITIZEN))
		self.assertEqual(evaluation.owner, CITIZEN)
		twice = citizen.call(EVALUATE_OWN, doctype=own.doctype, name=own.name, level=sat.DISSATISFIED)
		self.assertEqual(exception_type(twice), "AlreadyEvaluatedError")


class TestSatisfactionReports(SatisfactionTest):
	def county_rates(self, filters) -> tuple[dict, list]:
		"""Chengdong's row of Satisfaction by Institution and Division as its bureau reads it (zeros if none)."""
		frappe.set_user(CHENGDONG_BUREAU)
		try:
			_columns, rates, _message, _chart = satisfaction_by_institution_and_division.execute(filters)
		finally:
			frappe.set_user("Administrator")
		county = next((row for row in rates if row["division"] == CHENGDONG and row["indent"] == 0), {})
		return county, rates

	def test_the_reports_count_in_the_readers_area_and_name_the_poor_regions(self):
		filters = {"group_by": "County"}
		counted = ("evaluations", "satisfied", "dissatisfied", "very_dissatisfied", "satisfied_count", "bad")
		consultations = {**filters, "reference_doctype": "Legal Consultation"}
		legal_aid_only = {**filters, "reference_doctype": "Legal Aid Application"}
		before, _rates = self.county_rates(filters)
		before_consultations = self.county_rates(consultations)[0]
		before_legal_aid = self.county_rates(legal_aid_only)[0]
		for level in (sat.SATISFIED, sat.DISSATISFIED, sat.VERY_DISSATISFIED, sat.DISSATISFIED):
			evaluate(self.consultation(), level)
		evaluate(self.consultation(division=CHENGZHONG), sat.VERY_DISSATISFIED)
		county, rates = self.county_rates(filters)
		# Counted in the figures as each evaluation was saved: exactly this test's four in Chengdong.
		self.assertEqual(
			[county[key] - before.get(key, 0) for key in (*counted, "bad_open")], [4, 1, 2, 1, 1, 3, 3]
		)
		self.assertEqual(
			county["satisfaction_rate"],
			sat.satisfaction_rate(county["satisfied_count"], county["evaluations"]),
		)
		self.assertFalse([row for row in rates if row["division"] == CHENGZHONG])
		self.assertEqual(rates[-1]["evaluations"], county["evaluations"])
		# The service filter: this test's four are all consultations', none legal aid's.
		only = self.county_rates(consultations)[0]
		self.assertEqual(
			[only[key] - before_consultations.get(key, 0) for key in counted], [4, 1, 2, 1, 1, 3]
		)
		legal_aid = self.county_rates(legal_aid_only)[0]
		self.assertEqual(legal_aid.get("evaluations", 0), before_legal_aid.get("evaluations", 0))
		frappe.set_user(CHENGDONG_BUREAU)
		try:
			_columns, bad, _message = bad_reviews_open_and_overdue.execute(filters)
			bad_county = next(row for row in bad if row.get("division") == CHENGDONG)
			self.assertGreaterEqual(bad_county["bad_open"], 3)
			listed = [row for row in bad if row["indent"] == 1]
			self.assertGreaterEqual(len(listed), 3)

			_columns, poor, _message = poorly_rated_regions.execute({**filters, "threshold": 101})
			self.assertEqual([row["division"] for row in poor], [CHENGDONG])
			self.assertTrue(poor[0]["division_name"])
			self.assertEqual(
				[poor[0][key] for key in ("evaluations", "satisfied_count", "bad", "bad_open")],
				[county[key] for key in ("evaluations", "satisfied_count", "bad", "bad_open")],
			)
			_columns, none, _message = poorly_rated_regions.execute({**filters, "threshold": 0})
			self.assertEqual(none, [])
		finally:
			frappe.set_user("Administrator")

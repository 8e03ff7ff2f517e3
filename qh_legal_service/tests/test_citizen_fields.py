"""Through HTTP, as each person: what a citizen may set, what each staff role may set, receipt times.

Every request goes through the whole web application (`tests.http.SiteClient`), signed in as the
citizen, the reviewer or the bureau, on the paths a browser or a script would take: the REST API,
`frappe.client` and the web form's own save.
"""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, get_datetime, now_datetime

from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.tests.http import (
	SiteClient,
	exception_type,
	message,
	message_fragments,
	server_messages,
)
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	VALID_ID,
	delete_with_history,
	make_staff,
)

DOCTYPE = "Legal Aid Application"
CITIZEN = "allowlist-citizen@test.qh"
OTHER_CITIZEN = "allowlist-other@test.qh"
REVIEWER = "allowlist-reviewer@test.qh"
BUREAU = "allowlist-bureau@test.qh"
TWO_YEARS_AGO = "2024-11-20 09:00:00"
FUTURE_MESSAGE = "The receipt time {0} is in the future."
LATE_MESSAGE = (
	"The receipt time {0} is earlier than this record's entry: write down why in {1}"
	" (for example, a paper application entered later)."
)

# Everything a citizen sent beyond the applicant's part, and what it must not become.
STAFF_ONLY_VALUES = {
	"received_on": TWO_YEARS_AGO,
	"late_entry_reason": "我自己说的",
	"decided_on": "2024-11-21 09:00:00",
	"decision_reasons": "同意",
	"eligibility": "Hardship Proof Waived",
	"workflow_state": "Approved",
	"channel": "12348 Hotline",
	"materials_notice": "无",
	"outcome": "Won or Mostly Won",
	"termination_reason": "Hired an Own Lawyer",
	"objection_decision": "Ordered Corrected",
	"objection_reason": "不服",
	"archive_reference": "QH-2024-1",
	"escalated_on": "2024-12-01 09:00:00",
	"escalated_step": "Review and decide",
	"county": CHENGZHONG,
	"prefecture": "632700",
	"applicant_user": OTHER_CITIZEN,
	"current_due": "2030-01-01 00:00:00",
	"owner": OTHER_CITIZEN,
}


def applicant_values(**overrides) -> dict:
	"""What an applicant fills in."""
	values = {
		"applicant_name": "卓玛",
		"id_number": VALID_ID,
		"phone": "13900000001",
		"preferred_language": "bo",
		"division": BEIGUAN_COMMUNITY,
		"matter_type": "Labour Relations or Unpaid Pay",
		"aid_requested": "Labour Arbitration Representation",
		"facts": "雇主拖欠工资。",
	}
	values.update(overrides)
	return values


class TestWhatEachPersonMaySet(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(BUREAU, CHENGDONG, "County Justice Bureau")
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.citizen = SiteClient(CITIZEN)
		cls.reviewer = SiteClient(REVIEWER)
		cls.bureau = SiteClient(BUREAU)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all(
			DOCTYPE, filters={"owner": ["in", [CITIZEN, REVIEWER, BUREAU]]}, pluck="name"
		):
			delete_with_history(DOCTYPE, name)
		frappe.db.commit()  # nosemgrep: undo what the requests committed
		super().tearDownClass()

	def stored(self, name: str):
		"""The record as the database holds it now, after another connection's commit."""
		frappe.db.rollback()
		return frappe.get_doc(DOCTYPE, name)

	def assert_only_applicant_values_kept(self, name: str, before=None):
		doc = self.stored(name)
		self.assertEqual(doc.owner, CITIZEN)
		self.assertEqual(doc.applicant_user, CITIZEN)
		self.assertEqual(doc.channel, "Portal")
		self.assertEqual(doc.workflow_state, "Received")
		self.assertEqual(doc.county, CHENGDONG)
		self.assertEqual(doc.prefecture, "630100")
		self.assertLess(abs((get_datetime(doc.received_on) - now_datetime()).total_seconds()), 600)
		for field in (
			"late_entry_reason",
			"decided_on",
			"decision_reasons",
			"materials_notice",
			"outcome",
			"termination_reason",
			"objection_decision",
			"objection_reason",
			"archive_reference",
			"escalated_on",
			"escalated_step",
		):
			self.assertFalse(doc.get(field), field)
		self.assertEqual(doc.eligibility, "Hardship Check Needed")
		self.assertNotEqual(str(doc.current_due), STAFF_ONLY_VALUES["current_due"])
		self.assertEqual(doc.facts, "雇主拖欠工资。")
		return doc

	def test_rest_insert_keeps_only_what_an_applicant_fills_in(self):
		response = self.citizen.post(
			f"/api/resource/{DOCTYPE}",
			json={**applicant_values(), **STAFF_ONLY_VALUES, "name": "LAA-FORGED-1"},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		name = message(response)["name"]
		self.assertNotEqual(name, "LAA-FORGED-1")
		self.assert_only_applicant_values_kept(name)

	def test_frappe_client_insert_keeps_only_what_an_applicant_fills_in(self):
		doc = {"doctype": DOCTYPE, **applicant_values(), **STAFF_ONLY_VALUES}
		response = self.citizen.post("/api/method/frappe.client.insert", data={"doc": json.dumps(doc)})
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assert_only_applicant_values_kept(message(response)["name"])

	def test_web_form_save_keeps_only_what_an_applicant_fills_in(self):
		data = {"doctype": DOCTYPE, "web_form_name": "legal-aid-application", **applicant_values()}
		data.update(STAFF_ONLY_VALUES)
		response = self.citizen.post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "legal-aid-application", "data": json.dumps(data)},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assert_only_applicant_values_kept(message(response)["name"])

	def test_an_attach_field_takes_only_a_file_the_citizen_uploaded_on_every_path(self):
		from qh_legal_service.tests.test_attachments import PNG, upload

		other_file = message(upload(SiteClient(OTHER_CITIZEN), "他人.png", PNG + b"other", is_private="1"))
		own_file = message(upload(self.citizen, "身份证.png", PNG + frappe.generate_hash().encode()))
		paths = {
			"REST": lambda values: self.citizen.post(f"/api/resource/{DOCTYPE}", json=values),
			"frappe.client": lambda values: self.citizen.post(
				"/api/method/frappe.client.insert", data={"doc": json.dumps({"doctype": DOCTYPE, **values})}
			),
			"web form": lambda values: self.citizen.post(
				"/api/method/frappe.website.doctype.web_form.web_form.accept",
				data={
					"web_form": "legal-aid-application",
					"data": json.dumps({"doctype": DOCTYPE, **values}),
				},
			),
		}
		before = frappe.db.count(DOCTYPE, {"owner": CITIZEN})
		for forged in (
			"<img src=x onerror=alert(1)>",
			"javascript:alert(document.cookie)",
			"https://evil.example/id.pdf",
			other_file["file_url"],
			"/private/files/nobody-uploaded-this.png",
		):
			for path, send in paths.items():
				response = send(applicant_values(id_document=forged))
				self.assertEqual(response.status_code, 417, f"{path} {forged}: {response.text[:300]}")
				self.assertEqual(exception_type(response), "NotYourFileError", path)
		self.assertEqual(frappe.db.count(DOCTYPE, {"owner": CITIZEN}), before)
		# The citizen's own upload is taken, on the web form as on REST.
		response = paths["web form"](applicant_values(id_document=own_file["file_url"]))
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertEqual(self.stored(message(response)["name"]).id_document, own_file["file_url"])

	def test_a_citizen_changes_nothing_once_sent(self):
		response = self.citizen.post(f"/api/resource/{DOCTYPE}", json=applicant_values())
		name = message(response)["name"]
		for attempt in (
			lambda: self.citizen.put(f"/api/resource/{DOCTYPE}/{name}", json={"decision_reasons": "x"}),
			lambda: self.citizen.post(
				"/api/method/frappe.client.set_value",
				data={"doctype": DOCTYPE, "name": name, "fieldname": "workflow_state", "value": "Approved"},
			),
			lambda: self.citizen.post(
				"/api/method/frappe.client.save",
				data={"doc": json.dumps({"doctype": DOCTYPE, "name": name, "received_on": TWO_YEARS_AGO})},
			),
		):
			self.assertEqual(attempt().status_code, 403)
		doc = self.stored(name)
		self.assertEqual(doc.workflow_state, "Received")
		self.assertFalse(doc.decision_reasons)

	def test_a_reviewer_cannot_set_what_the_bureau_or_the_server_decides(self):
		name = make_received(self.reviewer)
		response = self.reviewer.put(
			f"/api/resource/{DOCTYPE}/{name}",
			json={
				"objection_decision": "Upheld",
				"archive_reference": "QH-2026-9",
				"decided_on": "2026-01-01 00:00:00",
				"escalated_on": "2026-01-01 00:00:00",
				"eligibility": "Hardship Proof Waived",
				"materials_notice": "户口簿",
			},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		doc = self.stored(name)
		self.assertFalse(doc.objection_decision)
		self.assertFalse(doc.archive_reference)
		self.assertFalse(doc.decided_on)
		self.assertFalse(doc.escalated_on)
		self.assertEqual(doc.eligibility, "Hardship Check Needed")
		self.assertEqual(doc.materials_notice, "户口簿")

	def test_the_bureau_sets_its_archive_reference(self):
		name = make_received(self.reviewer)
		frappe.db.set_value(DOCTYPE, name, "workflow_state", "Archived")
		frappe.db.commit()  # nosemgrep: an archived case, as the bureau's own transition leaves it
		response = self.bureau.put(
			f"/api/resource/{DOCTYPE}/{name}", json={"archive_reference": "QH-2026-10"}
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assertEqual(self.stored(name).archive_reference, "QH-2026-10")

	def assert_refused(self, response, exc: str, msgid: str):
		"""Refused with `exc`, and told why in the reviewer's own language (Chinese)."""
		self.assertEqual(response.status_code, 417)
		self.assertEqual(exception_type(response), exc)
		fragments = message_fragments(msgid, "zh")
		self.assertRegex(fragments[0], "[\u4e00-\u9fff]", "the message has no Chinese translation")
		for fragment in fragments:
			self.assertIn(fragment, server_messages(response))

	def test_a_back_dated_receipt_needs_its_reason_and_a_future_one_is_refused(self):
		late = self.reviewer.post(
			f"/api/resource/{DOCTYPE}",
			json=applicant_values(channel="Walk-in at a Service Point", received_on=TWO_YEARS_AGO),
		)
		self.assertEqual(late.status_code, 417)
		self.assert_refused(late, "ReceiptTimeError", LATE_MESSAGE)

		future = self.reviewer.post(
			f"/api/resource/{DOCTYPE}",
			json=applicant_values(
				channel="Walk-in at a Service Point",
				received_on=str(add_days(now_datetime(), 2)),
				late_entry_reason="补录",
			),
		)
		self.assertEqual(future.status_code, 417)
		self.assert_refused(future, "ReceiptTimeError", FUTURE_MESSAGE)

		explained = self.reviewer.post(
			f"/api/resource/{DOCTYPE}",
			json=applicant_values(
				channel="Walk-in at a Service Point",
				received_on=TWO_YEARS_AGO,
				late_entry_reason="纸质申请，窗口补录",
			),
		)
		self.assertEqual(explained.status_code, 200, explained.text[:500])
		doc = self.stored(message(explained)["name"])
		self.assertEqual(get_datetime(doc.received_on), get_datetime(TWO_YEARS_AGO))
		self.assertEqual(doc.late_entry_reason, "纸质申请，窗口补录")
		self.assertEqual(doc.channel, "Walk-in at a Service Point")


def make_received(client: SiteClient) -> str:
	"""An application entered at the window by the reviewer, received now."""
	response = client.post(
		f"/api/resource/{DOCTYPE}", json=applicant_values(channel="Walk-in at a Service Point")
	)
	if response.status_code != 200:
		raise AssertionError(response.text[:500])
	return message(response)["name"]

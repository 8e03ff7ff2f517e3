"""Through HTTP, as a citizen: a mediation request keeps only what the citizen may set, on every path, and
the portal shows the citizen's own requests with their status and history."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.rules import mediation as m
from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	VALID_ID,
	delete_with_history,
	make_institution,
)

DOCTYPE = "Mediation Case"
CITIZEN = "med-citizen@test.qh"
OTHER_CITIZEN = "med-other-citizen@test.qh"
# The first line of a request's history (mediation_request.py).
RECEIVED_EVENT = "Your request for mediation was received."

# Everything a citizen sent beyond the request, and what it must not become.
STAFF_ONLY_VALUES = {
	"source": m.COURT_REFERRAL,
	"linked_kind": m.JUDICIAL_MEDIATION,
	"referring_body": "某法院",
	"workflow_state": m.AGREEMENT_REACHED,
	"outcome": m.AGREEMENT_REACHED,
	"agreement_form": m.WRITTEN,
	"agreement_terms": "对方赔偿一百万元",
	"committee_seal": 1,
	"accepted_on": "2024-01-01 09:00:00",
	"current_due": "2030-01-01 00:00:00",
	"applicant_user": OTHER_CITIZEN,
	"county": "632701",
	"duration_days": 3,
	"owner": OTHER_CITIZEN,
}


def request_values(**overrides) -> dict:
	"""What a citizen types into the mediation request."""
	values = {
		"applicant_name": "卓玛",
		"applicant_id_number": VALID_ID,
		"applicant_phone": "13900000002",
		"preferred_language": "bo",
		"division": BEIGUAN_COMMUNITY,
		"other_party_name": "扎西",
		"other_party_phone": "13900000003",
		"dispute_type": "Grassland and Pasture Boundaries",
		"dispute_summary": "两家冬季草场的边界有争议。",
	}
	values.update(overrides)
	return values


class TestMediationPortal(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.citizen = SiteClient(CITIZEN)
		cls.other = SiteClient(OTHER_CITIZEN)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all(
			DOCTYPE, filters={"owner": ["in", [CITIZEN, OTHER_CITIZEN]]}, pluck="name"
		):
			delete_with_history(DOCTYPE, name)
		frappe.db.commit()  # nosemgrep: undo what the requests committed
		super().tearDownClass()

	def stored(self, name: str):
		frappe.db.rollback()
		return frappe.get_doc(DOCTYPE, name)

	def assert_only_the_request_kept(self, name: str):
		doc = self.stored(name)
		self.assertEqual((doc.owner, doc.applicant_user), (CITIZEN, CITIZEN))
		self.assertEqual((doc.source, doc.linked_kind), (m.PORTAL, m.PEOPLES_MEDIATION))
		self.assertEqual(doc.workflow_state, m.REQUESTED)
		self.assertEqual(doc.county, CHENGDONG)
		for field in ("referring_body", "outcome", "agreement_form", "agreement_terms", "accepted_on"):
			self.assertFalse(doc.get(field), field)
		self.assertFalse(doc.committee_seal)
		self.assertFalse(doc.duration_days)
		self.assertIsNone(doc.current_due)
		self.assertEqual(doc.dispute_summary, "两家冬季草场的边界有争议。")
		# The two sides are filled from what the citizen wrote about them.
		parties = [(p.party_name, p.role, p.id_number, p.language) for p in doc.parties]
		self.assertEqual(parties, [("卓玛", m.APPLICANT, VALID_ID, "bo"), ("扎西", m.RESPONDENT, None, "zh")])
		return doc

	def test_rest_insert_keeps_only_the_request(self):
		response = self.citizen.post(
			f"/api/resource/{DOCTYPE}", json={**request_values(), **STAFF_ONLY_VALUES}
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assert_only_the_request_kept(message(response)["name"])

	def test_web_form_save_keeps_only_the_request(self):
		data = {
			"doctype": DOCTYPE,
			"web_form_name": "mediation-request",
			**request_values(),
			**STAFF_ONLY_VALUES,
		}
		response = self.citizen.post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "mediation-request", "data": json.dumps(data)},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assert_only_the_request_kept(message(response)["name"])

	def test_a_citizen_changes_nothing_once_sent_and_sees_only_their_own(self):
		name = message(self.citizen.post(f"/api/resource/{DOCTYPE}", json=request_values()))["name"]
		committee = make_institution(institution_type="People's Mediation Committee").name
		frappe.db.commit()  # nosemgrep: the requests read it from their own connections
		try:
			for attempt in (
				lambda: self.citizen.put(f"/api/resource/{DOCTYPE}/{name}", json={"committee": committee}),
				lambda: self.citizen.post(
					"/api/method/frappe.client.set_value",
					data={
						"doctype": DOCTYPE,
						"name": name,
						"fieldname": "workflow_state",
						"value": m.ACCEPTED,
					},
				),
			):
				self.assertEqual(attempt().status_code, 403)
			self.assertEqual(self.stored(name).workflow_state, m.REQUESTED)
			self.assertEqual(self.other.get(f"/api/resource/{DOCTYPE}/{name}").status_code, 403)
			listed = message(self.other.get(f"/api/resource/{DOCTYPE}")) or []
			self.assertNotIn(name, [row["name"] for row in listed])
		finally:
			frappe.delete_doc("Legal Service Institution", committee, force=True, ignore_permissions=True)
			frappe.db.commit()  # nosemgrep: undo what this test committed

	def test_the_record_page_shows_status_and_history_in_tibetan(self):
		name = message(self.citizen.post(f"/api/resource/{DOCTYPE}", json=request_values()))["name"]
		response = self.citizen.get(f"/mediation-request/{name}", query_string={"_lang": "bo"})
		self.assertEqual(response.status_code, 200, response.text[:500])
		page = response.get_data(as_text=True)
		# The page's script carries the status and the history as JSON, Tibetan escaped.
		for text in (frappe._(m.REQUESTED, lang="bo"), frappe._(RECEIVED_EVENT, lang="bo")):
			self.assertTrue(json.dumps(text)[1:-1] in page, text)
		listing = self.citizen.get("/mediation-request/list", query_string={"_lang": "bo"})
		self.assertEqual(listing.status_code, 200, listing.text[:500])

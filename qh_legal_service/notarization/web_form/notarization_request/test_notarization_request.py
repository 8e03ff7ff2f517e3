"""A citizen asks for a notarization referral on the portal, over HTTP: only the allow-listed fields are
kept on every path, the request is the citizen's alone, and the page shows its status and history."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.rules import notarization as nt
from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	VALID_ID,
	XINING,
	delete_with_history,
	make_institution,
)

WEB_FORM = "notarization-request"
CITIZEN = "nt-citizen@test.qh"
OTHER_CITIZEN = "nt-other-citizen@test.qh"

# What a citizen must not set, whatever they send.
FORGED = {
	"source": nt.SERVICE_POINT,
	"workflow_state": nt.ISSUED,
	"certificate_number": "(2026)伪造第1号",
	"issued_on": "2026-01-01 00:00:00",
	"fee_relief": 1,
	"fee_relief_basis": nt.LEGAL_AID_GRANTED,
	"refusal_reason": "x",
	"accepted_on": "2026-01-01 00:00:00",
	"applicant_user": OTHER_CITIZEN,
	"finished_in_time": 1,
	"current_due": "2030-01-01 00:00:00",
}


def request_values(**overrides) -> dict:
	"""What a citizen fills in."""
	values = {
		"applicant_name": "卓玛",
		"id_number": VALID_ID,
		"phone": "13900000002",
		"preferred_language": "bo",
		"division": BEIGUAN_COMMUNITY,
		"matter_type": "Kinship",
		"certificate_language": nt.BOTH,
		"matter_description": "出国探亲需要亲属关系公证。",
	}
	values.update(overrides)
	return values


class TestNotarizationRequest(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		cls.office = make_institution(
			institution_name="测试公证处 portal", institution_type="Notary Office", division=XINING
		)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.citizen = SiteClient(CITIZEN)
		cls.other = SiteClient(OTHER_CITIZEN)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all(
			nt.DOCTYPE, filters={"owner": ["in", [CITIZEN, OTHER_CITIZEN]]}, pluck="name"
		):
			delete_with_history(nt.DOCTYPE, name)
		frappe.delete_doc("Legal Service Institution", cls.office.name, force=True, ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: undo what the requests committed
		super().tearDownClass()

	def stored(self, name: str):
		frappe.db.rollback()
		return frappe.get_doc(nt.DOCTYPE, name)

	def assert_only_request_values_kept(self, name: str):
		doc = self.stored(name)
		self.assertEqual((doc.owner, doc.applicant_user, doc.source), (CITIZEN, CITIZEN, nt.PORTAL))
		self.assertEqual(doc.workflow_state, nt.REFERRED)
		self.assertEqual(doc.current_step, nt.ACCEPT_STEP)
		for field in ("certificate_number", "issued_on", "refusal_reason", "accepted_on", "fee_relief_basis"):
			self.assertFalse(doc.get(field), field)
		self.assertEqual((doc.fee_relief, doc.finished_in_time), (0, 0))
		self.assertEqual((doc.matter_type, doc.certificate_language), ("Kinship", nt.BOTH))
		self.assertEqual(doc.prefecture, XINING)
		return doc

	def test_web_form_keeps_only_what_a_citizen_may_set(self):
		data = {"doctype": nt.DOCTYPE, "web_form_name": WEB_FORM, **request_values(), **FORGED}
		response = self.citizen.post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": WEB_FORM, "data": json.dumps(data)},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		self.assert_only_request_values_kept(message(response)["name"])

	def test_rest_keeps_only_what_a_citizen_may_set_and_a_declared_group_flags_fee_relief(self):
		response = self.citizen.post(
			f"/api/resource/{nt.DOCTYPE}",
			json={**request_values(elderly_without_income=1), **FORGED, "notary_office": self.office.name},
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		doc = self.stored(message(response)["name"])
		self.assertEqual((doc.fee_relief, doc.fee_relief_basis), (1, nt.WAIVER_GROUP))
		self.assertEqual((doc.source, doc.workflow_state), (nt.PORTAL, nt.REFERRED))
		self.assertFalse(doc.notary_office)
		self.assertFalse(doc.certificate_number)

	def test_a_citizen_changes_nothing_once_sent_and_others_do_not_see_it(self):
		response = self.citizen.post(f"/api/resource/{nt.DOCTYPE}", json=request_values())
		name = message(response)["name"]
		forged = self.citizen.put(f"/api/resource/{nt.DOCTYPE}/{name}", json={"certificate_number": "x"})
		self.assertEqual(forged.status_code, 403)
		self.assertEqual(self.other.get(f"/api/resource/{nt.DOCTYPE}/{name}").status_code, 403)
		self.assertFalse(self.stored(name).certificate_number)

	def test_the_page_shows_the_status_history_and_certificate_number(self):
		response = self.citizen.post(f"/api/resource/{nt.DOCTYPE}", json=request_values())
		name = message(response)["name"]
		frappe.db.rollback()
		frappe.db.set_value(
			nt.DOCTYPE,
			name,
			{
				"workflow_state": nt.ISSUED,
				"accepted_on": "2026-11-02 10:00:00",
				"issued_on": "2026-11-10 10:00:00",
				"certificate_number": "(2026)青西证字第88号",
			},
		)
		frappe.db.commit()  # nosemgrep: the page is read by the request's own connection
		portal = portal_of(self.citizen.get(f"/{WEB_FORM}/{name}?_lang=zh"))
		status = {line["label"]: line["value"] for line in portal["status"]}
		self.assertEqual(status[in_chinese("Certificate Number")], "(2026)青西证字第88号")
		self.assertEqual(status[in_chinese("Status")], in_chinese(nt.ISSUED))
		history = [(line["text"], line["details"]) for line in portal["history"]["lines"]]
		self.assertIn((in_chinese("The notarial certificate was issued"), ["(2026)青西证字第88号"]), history)
		# The same page in Tibetan: the labels, the state and the history's lines in Tibetan.
		tibetan = portal_of(self.citizen.get(f"/{WEB_FORM}/{name}?_lang=bo"))
		status = {line["label"]: line["value"] for line in tibetan["status"]}
		self.assertEqual(status[in_tibetan("Certificate Number")], "(2026)青西证字第88号")
		self.assertEqual(status[in_tibetan("Status")], in_tibetan(nt.ISSUED))
		self.assertIn("ཁྲིམས་ཐོ", in_tibetan(nt.ISSUED))
		self.assertEqual(tibetan["history"]["heading"], in_tibetan("History"))
		other = self.other.get(f"/{WEB_FORM}/{name}")
		self.assertEqual(other.status_code, 403)
		self.assertNotIn("88\\u53f7", other.get_data(as_text=True))


def in_chinese(msgid: str) -> str:
	"""How the Chinese catalogue words a message (a variable msgid, so no extractor reads the test)."""
	return frappe._(msgid, lang="zh")


def in_tibetan(msgid: str) -> str:
	"""How the Tibetan catalogue words a message."""
	return frappe._(msgid, lang="bo")


def portal_of(response) -> dict:
	"""The status and history the page's script renders, as the server put them into it."""
	text = response.get_data(as_text=True)
	start = text.index("const portal = ") + len("const portal = ")
	return json.JSONDecoder().raw_decode(text[start:])[0]

"""Abusive traffic over loopback, through the whole web application: bursts, spoofed headers, oversized
and scripted input, wrong uploads. Each is refused (or neutralised) with nothing lost and nothing run."""

import html
import io
import json
import time
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service import portal_protection
from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.mediation.doctype.mediation_case.test_mediation_portal import request_values
from qh_legal_service.tests.http import (
	SiteClient,
	exception_type,
	message,
	message_fragments,
	server_messages,
)
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import delete_with_history

ACCEPT = "/api/method/frappe.website.doctype.web_form.web_form.accept"
GUEST_FORM = "qhls-abuse-test-note"
CITIZEN = "abuse-citizen@test.qh"
OTHER_CITIZEN = "abuse-other-citizen@test.qh"
MEDIATION = "Mediation Case"
UNTRUSTED_PEER = "203.0.113.10"
# The refusals' wording (portal_protection.count_write), read for the assertions in Chinese.
PLACE_REFUSAL = (
	"Too much has been sent from this place in a short time. Please wait {0} minute(s) and send again: "
	"what you typed is still in the form."
)
ACCOUNT_REFUSAL = (
	"You have sent too much in a short time. Please wait {0} minute(s) and send again: what you typed is "
	"still in the form."
)
LIMIT_FIELDS = (
	"guest_per_address_per_minute",
	"guest_per_address_per_hour",
	"citizen_per_account_per_minute",
	"citizen_per_account_per_hour",
	"citizen_per_address_per_minute",
	"citizen_per_address_per_hour",
)
CONSULTATION = "Legal Consultation"
QUESTION_PHONE = "13900000977"
SCRIPTED = "<script>alert('x')</script><img src=x onerror=alert(1)> 草场 & 边界</textarea>"


def note_count() -> int:
	frappe.db.rollback()
	return frappe.db.count("Note", {"title": ["like", "abuse-test-%"]})


def mediation_count() -> int:
	frappe.db.rollback()
	return frappe.db.count(MEDIATION, {"owner": ["in", [CITIZEN, OTHER_CITIZEN]]})


class TestPortalAbuse(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_citizen(OTHER_CITIZEN)
		if not frappe.db.exists("Web Form", GUEST_FORM):
			frappe.get_doc(
				{
					"doctype": "Web Form",
					"name": GUEST_FORM,
					"title": GUEST_FORM,
					"route": GUEST_FORM,
					"doc_type": "Note",
					"module": "Legal Service Core",
					"published": 1,
					"login_required": 0,
					"web_form_fields": [
						{"fieldname": "title", "fieldtype": "Data", "label": "Title", "reqd": 1},
						{"fieldname": "content", "fieldtype": "Text Editor", "label": "Content"},
					],
				}
			).insert(ignore_permissions=True)
		settings = frappe.get_single(portal_protection.SETTINGS)
		cls.saved_settings = {field: settings.get(field) for field in (*LIMIT_FIELDS, "enabled")}
		cls.saved_settings.update(
			{
				field: settings.get(field)
				for field in ("max_text_length", "upload_max_mb", "upload_extensions")
			}
		)
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.citizen = SiteClient(CITIZEN)
		cls.other = SiteClient(OTHER_CITIZEN)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		cls.set_settings(**cls.saved_settings)
		for name in frappe.get_all("Note", filters={"title": ["like", "abuse-test-%"]}, pluck="name"):
			frappe.delete_doc("Note", name, ignore_permissions=True, force=True)
		for name in frappe.get_all(
			MEDIATION, filters={"owner": ["in", [CITIZEN, OTHER_CITIZEN]]}, pluck="name"
		):
			delete_with_history(MEDIATION, name)
		for name in frappe.get_all("File", filters={"owner": ["in", [CITIZEN, OTHER_CITIZEN]]}, pluck="name"):
			frappe.delete_doc("File", name, ignore_permissions=True, force=True)
		for name in frappe.get_all(CONSULTATION, filters={"citizen_phone": QUESTION_PHONE}, pluck="name"):
			delete_with_history(CONSULTATION, name)
		frappe.delete_doc("Web Form", GUEST_FORM, ignore_permissions=True, force=True)
		frappe.db.commit()  # nosemgrep: undo what the requests committed
		portal_protection.clear_counts()
		super().tearDownClass()

	@staticmethod
	def set_settings(**values):
		settings = frappe.get_single(portal_protection.SETTINGS)
		settings.update(values)
		settings.save(ignore_permissions=True)
		frappe.db.commit()  # nosemgrep: the requests read the settings from their own connections

	def setUp(self):
		# Hourly windows only, so a burst never straddles a minute's boundary; never near the hour's.
		if 3600 - time.time() % 3600 < 20:
			time.sleep(21)
		self.set_settings(
			enabled=1,
			guest_per_address_per_minute=0,
			guest_per_address_per_hour=3,
			citizen_per_account_per_minute=0,
			citizen_per_account_per_hour=2,
			citizen_per_address_per_minute=0,
			citizen_per_address_per_hour=100,
			max_text_length=1000,
			upload_max_mb=1,
			upload_extensions="jpg, jpeg, png, pdf",
		)
		portal_protection.clear_counts()

	def guest_note(self, client: SiteClient, title: str, **request_kwargs):
		data = {"doctype": "Note", "web_form_name": GUEST_FORM, "title": f"abuse-test-{title}"}
		return client.post(
			f"{ACCEPT}?_lang=zh",
			data={"web_form": GUEST_FORM, "data": json.dumps(data)},
			**request_kwargs,
		)

	def assert_refused_for_place(self, response):
		self.assertEqual(response.status_code, 429, response.text[:300])
		self.assertEqual(exception_type(response), "PortalLimitError")
		for fragment in message_fragments(PLACE_REFUSAL, "zh"):
			self.assertIn(fragment, server_messages(response))

	def test_a_guest_burst_beyond_the_limit_is_refused_and_nothing_more_is_written(self):
		guest = SiteClient()
		before = note_count()
		answers = [
			self.guest_note(guest, f"burst-{i}", environ_base={"REMOTE_ADDR": UNTRUSTED_PEER}).status_code
			for i in range(5)
		]
		self.assertEqual(answers, [200, 200, 200, 429, 429])
		self.assertEqual(note_count(), before + 3)
		refused = self.guest_note(guest, "burst-6", environ_base={"REMOTE_ADDR": UNTRUSTED_PEER})
		self.assert_refused_for_place(refused)
		self.assertGreater(int(refused.headers["Retry-After"]), 0)
		self.assertEqual(note_count(), before + 3)

	def test_a_spoofed_forwarded_for_from_an_untrusted_peer_does_not_escape_the_limit(self):
		guest = SiteClient()
		before = note_count()
		answers = [
			self.guest_note(
				guest,
				f"spoof-{i}",
				environ_base={"REMOTE_ADDR": UNTRUSTED_PEER},
				headers={"X-Forwarded-For": f"198.51.100.{i}"},
			).status_code
			for i in range(5)
		]
		self.assertEqual(answers, [200, 200, 200, 429, 429])
		self.assertEqual(note_count(), before + 3)

	def test_a_trusted_proxy_names_each_client(self):
		guest = SiteClient()
		before = note_count()
		# Loopback is a trusted proxy by default (nginx on the machine): each client is counted alone.
		answers = [
			self.guest_note(
				guest,
				f"proxied-{i}",
				environ_base={"REMOTE_ADDR": "127.0.0.1"},
				headers={"X-Forwarded-For": f"6.6.6.6, 198.51.100.{i}"},
			).status_code
			for i in range(5)
		]
		self.assertEqual(answers, [200] * 5)
		# ... and one client behind it is limited, whatever it writes into the header itself.
		answers = [
			self.guest_note(
				guest,
				f"proxied-same-{i}",
				environ_base={"REMOTE_ADDR": "127.0.0.1"},
				headers={"X-Forwarded-For": f"10.{i}.0.1, 198.51.100.77"},
			).status_code
			for i in range(5)
		]
		self.assertEqual(answers, [200, 200, 200, 429, 429])
		self.assertEqual(note_count(), before + 8)

	def test_frappes_ten_a_minute_no_longer_applies(self):
		self.set_settings(guest_per_address_per_minute=30, guest_per_address_per_hour=0)
		guest = SiteClient()
		before = note_count()
		answers = [self.guest_note(guest, f"room-{i}").status_code for i in range(12)]
		self.assertEqual(answers, [200] * 12)
		self.assertEqual(note_count(), before + 12)

	def test_a_citizen_is_limited_per_account_on_every_write_path(self):
		before = mediation_count()
		data = {"doctype": MEDIATION, "web_form_name": "mediation-request", **request_values()}
		form = self.citizen.post(
			f"{ACCEPT}?_lang=zh", data={"web_form": "mediation-request", "data": json.dumps(data)}
		)
		rest = self.citizen.post(f"/api/resource/{MEDIATION}", json=request_values())
		self.assertEqual((form.status_code, rest.status_code), (200, 200), form.text[:300] + rest.text[:300])
		refused_rest = self.citizen.post(f"/api/resource/{MEDIATION}?_lang=zh", json=request_values())
		refused_form = self.citizen.post(
			f"{ACCEPT}?_lang=zh", data={"web_form": "mediation-request", "data": json.dumps(data)}
		)
		refused_upload = self.citizen.post(
			"/api/method/upload_file",
			data={"file": (_stream(_pdf()), "scan.pdf"), "is_private": "1"},
			content_type="multipart/form-data",
		)
		for refused in (refused_rest, refused_form, refused_upload):
			self.assertEqual(refused.status_code, 429, refused.text[:300])
		for fragment in message_fragments(ACCOUNT_REFUSAL, "zh"):
			self.assertIn(fragment, server_messages(refused_form))
		self.assertEqual(mediation_count(), before + 2)
		# Another citizen in the same room (the same address) is not held up by the first.
		other = self.other.post(f"/api/resource/{MEDIATION}", json=request_values())
		self.assertEqual(other.status_code, 200, other.text[:300])
		self.assertEqual(mediation_count(), before + 3)

	def test_oversized_text_is_refused_and_nothing_is_written(self):
		before = mediation_count()
		data = {
			"doctype": MEDIATION,
			"web_form_name": "mediation-request",
			**request_values(dispute_summary="草" * 1001),
		}
		response = self.citizen.post(ACCEPT, data={"web_form": "mediation-request", "data": json.dumps(data)})
		self.assertEqual(response.status_code, 417, response.text[:300])
		self.assertEqual(exception_type(response), "PortalTextTooLongError")
		self.assertIn("1001", server_messages(response))
		rest = self.citizen.post(
			f"/api/resource/{MEDIATION}", json=request_values(applicant_address="路" * 1001)
		)
		self.assertEqual(exception_type(rest), "PortalTextTooLongError")
		self.assertEqual(mediation_count(), before)

	def test_scripted_text_is_kept_as_text_and_never_runs(self):
		data = {
			"doctype": MEDIATION,
			"web_form_name": "mediation-request",
			**request_values(dispute_summary=SCRIPTED, other_party_name="<b>扎西</b>"),
		}
		response = self.citizen.post(ACCEPT, data={"web_form": "mediation-request", "data": json.dumps(data)})
		self.assertEqual(response.status_code, 200, response.text[:300])
		name = message(response)["name"]
		frappe.db.rollback()
		stored = frappe.db.get_value(MEDIATION, name, ["dispute_summary", "other_party_name"], as_dict=True)
		# Every character the citizen typed is kept, as text: escaped once, so no page reads it as markup.
		self.assertEqual(stored.dispute_summary, html.escape(SCRIPTED, quote=False))
		self.assertEqual(html.unescape(stored.dispute_summary), SCRIPTED)
		self.assertEqual(stored.other_party_name, "&lt;b&gt;扎西&lt;/b&gt;")
		# The citizen's record page carries it as text, never as a tag or a script.
		page = self.citizen.get(f"/mediation-request/{name}")
		self.assertEqual(page.status_code, 200)
		self.assertNotIn("<script>alert", page.text)
		self.assertNotIn("<img src=x", page.text)
		# The desk's formatter puts the value into the page as HTML: escaped, that shows the text typed.
		self.assertNotIn("<", stored.dispute_summary)

	def test_a_guests_question_with_markup_is_kept_as_text_and_read_back_as_text(self):
		guest = SiteClient()
		question = "<script>alert('x')</script> ང་ཚོའི་ཞིང་ས་ <b>土地</b> 怎么办？"
		data = {
			"doctype": CONSULTATION,
			"web_form_name": "legal-question",
			"citizen_name": "<img src=x onerror=alert(1)>",
			"citizen_phone": QUESTION_PHONE,
			"question": question,
		}
		response = guest.post(ACCEPT, data={"web_form": "legal-question", "data": json.dumps(data)})
		self.assertEqual(response.status_code, 200, response.text[:300])
		name = message(response)["name"]
		frappe.db.rollback()
		stored = frappe.db.get_value(CONSULTATION, name, ["question", "citizen_name"], as_dict=True)
		self.assertEqual(stored.question, html.escape(question, quote=False))
		self.assertEqual(stored.citizen_name, "&lt;img src=x onerror=alert(1)&gt;")
		# What the answer page's lookup gives back holds no markup either.
		answer = message(
			guest.call("qh_legal_service.hotline.portal.lookup_answer", reference=name, phone=QUESTION_PHONE)
		)
		self.assertEqual(html.unescape(answer["question"]), question)
		self.assertNotIn("<", json.dumps(answer, ensure_ascii=False))

	def test_guessing_answers_by_reference_and_phone_is_limited(self):
		guest = SiteClient()
		answers = [
			guest.call(
				"qh_legal_service.hotline.portal.lookup_answer", reference=f"GUESS-{i}", phone="13900000000"
			).status_code
			for i in range(5)
		]
		self.assertEqual(answers, [200, 200, 200, 429, 429])

	def test_uploads_of_the_wrong_type_or_size_are_refused(self):
		self.set_settings(citizen_per_account_per_hour=100)
		before = frappe.db.count("File", {"owner": CITIZEN})
		cases = {
			"program.exe": b"MZ\x90\x00" + b"\x00" * 100,
			"page.pdf": b"<html><script>alert(1)</script></html>",
			"photo.jpg": b"<svg onload=alert(1)>",
			"big.pdf": _pdf(1024 * 1024 + 10),
		}
		for file_name, content in cases.items():
			response = self.citizen.post(
				"/api/method/upload_file",
				data={"file": (_stream(content), file_name), "is_private": "1"},
				content_type="multipart/form-data",
			)
			# Frappe itself refuses a visitor's program before ours is asked; ours refuses the rest.
			expected = "ValidationError" if file_name.endswith(".exe") else "UploadNotAllowedError"
			self.assertEqual(exception_type(response), expected, f"{file_name}: {response.text[:300]}")
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("File", {"owner": CITIZEN}), before)
		good = self.citizen.post(
			"/api/method/upload_file",
			data={"file": (_stream(_pdf()), "scan.pdf"), "is_private": "1"},
			content_type="multipart/form-data",
		)
		self.assertEqual(good.status_code, 200, good.text[:300])
		frappe.db.rollback()
		self.assertEqual(frappe.db.count("File", {"owner": CITIZEN}), before + 1)

	def test_no_traceback_reaches_a_guest_outside_developer_mode(self):
		self.set_settings(guest_per_address_per_hour=100)
		guest = SiteClient()
		broken = {"web_form": GUEST_FORM, "data": "{not json"}
		original = frappe.get_site_config

		def config_with(developer_mode: int):
			def site_config(*args, **kwargs):
				config = original(*args, **kwargs)
				config["developer_mode"] = developer_mode
				return config

			return site_config

		# In developer mode the guest does see the traceback (whatever this test site's own setting) ...
		with patch("frappe.get_site_config", config_with(1)):
			shown = guest.post(ACCEPT, data=broken)
		self.assertGreaterEqual(shown.status_code, 400)
		self.assertIn("Traceback", shown.get_json().get("exc", ""))
		# ... and on a production site (developer_mode off) the guest does not.
		with patch("frappe.get_site_config", config_with(0)):
			hidden = guest.post(ACCEPT, data=broken)
		self.assertGreaterEqual(hidden.status_code, 400)
		self.assertNotIn("exc", hidden.get_json())
		self.assertNotIn("Traceback", hidden.text)


def _stream(content: bytes):
	return io.BytesIO(content)


def _pdf(size: int = 200):
	return b"%PDF-1.4\n" + b"0" * max(0, size - 9)

"""Through HTTP: an application's files are private, served only to the applicant and the area's staff."""

import json
import os
from io import BytesIO

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.legal_aid.portal import setup_portal
from qh_legal_service.rules.uploads import PORTAL_UPLOAD_MAX_BYTES
from qh_legal_service.tests.http import (
	SiteClient,
	exception_type,
	message,
	message_fragments,
	server_messages,
)
from qh_legal_service.tests.test_citizen_fields import applicant_values
from qh_legal_service.tests.test_portal import make_citizen
from qh_legal_service.tests.utils import CHENGDONG, CHENGZHONG, delete_with_history, make_staff

DOCTYPE = "Legal Aid Application"
CITIZEN = "files-citizen@test.qh"
REVIEWER = "files-reviewer@test.qh"
NEIGHBOUR = "files-neighbour@test.qh"
# The smallest valid PNG: one transparent pixel.
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
	"0000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082"
)


def upload(client: SiteClient, name: str, content: bytes, lang: str = "zh", **fields):
	"""Upload a file as the upload dialog does, asking for a public file unless told otherwise."""
	data = {"is_private": "0", "file": (BytesIO(content), name), **fields}
	return client.post(f"/api/method/upload_file?_lang={lang}", data=data, content_type="multipart/form-data")


class TestApplicationFiles(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		setup_portal()
		make_citizen(CITIZEN)
		make_staff(REVIEWER, CHENGDONG, "Legal Aid Reviewer")
		make_staff(NEIGHBOUR, CHENGZHONG, "County Justice Bureau")
		frappe.db.commit()  # nosemgrep: the requests below read these from their own connections
		cls.citizen = SiteClient(CITIZEN)
		cls.reviewer = SiteClient(REVIEWER)
		cls.neighbour = SiteClient(NEIGHBOUR)
		cls.guest = SiteClient()

		# The citizen uploads an ID photo asking for a public file, then applies with it.
		uploaded = upload(cls.citizen, "身份证.png", PNG + frappe.generate_hash().encode())
		if uploaded.status_code != 200:
			raise AssertionError(uploaded.text[:500])
		cls.file_url = message(uploaded)["file_url"]
		data = {"doctype": DOCTYPE, "web_form_name": "legal-aid-application", **applicant_values()}
		data["id_document"] = cls.file_url
		applied = cls.citizen.post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={"web_form": "legal-aid-application", "data": json.dumps(data)},
		)
		if applied.status_code != 200:
			raise AssertionError(applied.text[:500])
		cls.application = message(applied)["name"]

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		for name in frappe.get_all(
			"File", filters={"owner": ["in", [CITIZEN, REVIEWER, NEIGHBOUR]]}, pluck="name"
		):
			frappe.delete_doc("File", name, force=True, ignore_permissions=True)
		for name in frappe.get_all(DOCTYPE, filters={"owner": CITIZEN}, pluck="name"):
			delete_with_history(DOCTYPE, name)
		frappe.db.commit()  # nosemgrep: undo what the requests committed
		super().tearDownClass()

	def test_the_citizens_upload_is_private_and_attached_to_the_application(self):
		self.assertTrue(self.file_url.startswith("/private/files/"), self.file_url)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_value(DOCTYPE, self.application, "id_document"), self.file_url)
		attached = frappe.get_all(
			"File",
			filters={
				"attached_to_doctype": DOCTYPE,
				"attached_to_name": self.application,
				"attached_to_field": "id_document",
			},
			fields=["file_url", "is_private"],
		)
		self.assertEqual([(row.file_url, row.is_private) for row in attached], [(self.file_url, 1)])

	def test_the_file_is_served_to_the_applicant_and_the_areas_staff_only(self):
		self.assertEqual(self.citizen.get(self.file_url).status_code, 200)
		served = self.reviewer.get(self.file_url)
		self.assertEqual(served.status_code, 200)
		self.assertTrue(served.data.startswith(PNG))
		self.assertEqual(self.neighbour.get(self.file_url).status_code, 403)
		self.assertEqual(self.guest.get(self.file_url).status_code, 403)
		# Nor does a copy lie in the public folder, which the web server hands to anyone.
		file_name = self.file_url.rsplit("/", 1)[-1]
		self.assertTrue(os.path.exists(frappe.get_site_path("private", "files", file_name)))
		self.assertFalse(os.path.exists(frappe.get_site_path("public", "files", file_name)))

	def test_a_private_file_downloads_and_is_never_read_as_another_type(self):
		served = self.citizen.get(self.file_url)
		self.assertEqual(served.status_code, 200)
		self.assertEqual(served.headers.get("X-Content-Type-Options"), "nosniff")
		self.assertTrue(served.headers.get("Content-Disposition", "").startswith("attachment"))
		# A refusal is an answer, not a file to save.
		refused = self.neighbour.get(self.file_url)
		self.assertEqual(refused.status_code, 403)
		self.assertNotIn("attachment", refused.headers.get("Content-Disposition", ""))

	def test_staff_may_point_a_new_file_only_at_a_private_file_they_may_open(self):
		pointer = {"file_url": self.file_url, "file_name": "指针.png", "is_private": 1}
		for attempt in (
			lambda: self.neighbour.post("/api/resource/File", json=pointer),
			lambda: self.neighbour.post(
				"/api/method/upload_file", data={"file_url": self.file_url, "is_private": "1"}
			),
		):
			response = attempt()
			self.assertEqual(response.status_code, 403, response.text[:300])
		self.assertEqual(self.neighbour.get(self.file_url).status_code, 403)
		# The application's own county may.
		allowed = self.reviewer.post("/api/resource/File", json=pointer)
		self.assertEqual(allowed.status_code, 200, allowed.text[:300])

	def test_the_file_is_listed_to_the_areas_staff_only(self):
		def listed(client):
			response = client.post(
				"/api/method/frappe.client.get_list",
				data={
					"doctype": "File",
					"filters": json.dumps(
						{"attached_to_name": self.application, "attached_to_field": "id_document"}
					),
					"fields": json.dumps(["file_url"]),
				},
			)
			self.assertEqual(response.status_code, 200, response.text[:300])
			return [row["file_url"] for row in message(response)]

		self.assertEqual(listed(self.reviewer), [self.file_url])
		self.assertEqual(listed(self.neighbour), [])

	def test_staff_attachments_to_an_application_are_private_too(self):
		response = upload(
			self.reviewer, "收入证明.png", PNG + b"staff", doctype=DOCTYPE, docname=self.application
		)
		self.assertEqual(response.status_code, 200, response.text[:500])
		url = message(response)["file_url"]
		self.assertTrue(url.startswith("/private/files/"), url)
		self.assertEqual(self.neighbour.get(url).status_code, 403)
		self.assertEqual(self.citizen.get(url).status_code, 200)

	def test_a_citizen_uploads_only_pictures_and_pdfs_within_the_limit(self):
		page = upload(self.citizen, "evil.html", b"<script>alert(1)</script>", lang="bo")
		self.assertEqual(page.status_code, 417)
		large = upload(self.citizen, "big.pdf", b"%PDF-1.4\n" + b"0" * PORTAL_UPLOAD_MAX_BYTES, lang="bo")
		self.assertEqual(large.status_code, 417)
		self.assertEqual(exception_type(large), "UploadNotAllowedError")
		# Told in Tibetan, the language the citizen chose, with the file's name and the limit.
		fragments = message_fragments("{0} is larger than {1} MB: please send a smaller photo or scan.", "bo")
		self.assertRegex(fragments[0], "[\u0f00-\u0fff]", "the message has no Tibetan translation")
		self.assertIn("big.pdf", server_messages(large))
		for fragment in fragments:
			self.assertIn(fragment, server_messages(large))
		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("File", {"file_name": ["in", ["evil.html", "big.pdf"]]}))

	def test_a_citizen_cannot_claim_someone_elses_file(self):
		staff_file = message(upload(self.reviewer, "内部.png", PNG + b"internal", is_private="1"))["file_url"]
		response = self.citizen.post(
			"/api/method/upload_file", data={"file_url": staff_file, "is_private": "1"}
		)
		self.assertEqual(response.status_code, 403)
		self.assertEqual(self.citizen.get(staff_file).status_code, 403)

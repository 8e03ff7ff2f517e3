"""Legal aid applications and their attachments are seen only within the area they belong to."""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	XINING,
	YUSHU_CITY,
	make_application,
	make_staff,
)

OWN = "la-scope-chengdong@test.qh"
NEIGHBOUR = "la-scope-chengzhong@test.qh"
PREFECTURE = "la-scope-xining@test.qh"


class TestLegalAidScoping(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(OWN, CHENGDONG, "Legal Aid Reviewer")
		make_staff(NEIGHBOUR, CHENGZHONG, "Legal Aid Reviewer")
		make_staff(PREFECTURE, XINING, "Prefecture Supervisor")
		cls.chengdong = make_application(division=BEIGUAN_COMMUNITY).name
		cls.yushu = make_application(division=YUSHU_CITY).name
		cls.file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "id-card.txt",
				"content": b"resident id copy",
				"is_private": 1,
				"attached_to_doctype": "Legal Aid Application",
				"attached_to_name": cls.chengdong,
			}
		).insert(ignore_permissions=True)

	def tearDown(self):
		frappe.set_user("Administrator")

	def listed(self, user):
		names = frappe.get_list("Legal Aid Application", pluck="name", user=user, limit_page_length=0)
		return {self.chengdong, self.yushu} & set(names)

	def test_applications_by_tier(self):
		self.assertEqual(self.listed(OWN), {self.chengdong})
		self.assertEqual(self.listed(NEIGHBOUR), set())
		self.assertEqual(self.listed(PREFECTURE), {self.chengdong})
		self.assertFalse(
			frappe.has_permission("Legal Aid Application", "read", self.chengdong, user=NEIGHBOUR)
		)

	def test_attachments_follow_their_application(self):
		self.assertTrue(frappe.has_permission("File", "read", self.file, user=OWN))
		self.assertFalse(frappe.has_permission("File", "read", self.file, user=NEIGHBOUR))
		frappe.set_user(NEIGHBOUR)
		attached = frappe.get_list(
			"File", filters={"attached_to_name": self.chengdong}, pluck="name", limit_page_length=0
		)
		self.assertNotIn(self.file.name, attached)

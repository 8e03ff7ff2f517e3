"""Over HTTP: a record's title, its existence and counts are told only to those who may read it."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.tests.http import SiteClient, message
from qh_legal_service.tests.utils import (
	CHENGDONG,
	CHENGZHONG,
	delete_with_history,
	make_application,
	make_staff,
)

DOCTYPE = "Legal Aid Application"
OWN_AREA = "access-chengdong@test.qh"
OTHER_AREA = "access-chengzhong@test.qh"


class TestWhatIsToldOfARecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(OWN_AREA, CHENGDONG, "County Justice Bureau")
		make_staff(OTHER_AREA, CHENGZHONG, "County Justice Bureau")
		application = make_application(applicant_name="访问测试申请人")
		cls.application, cls.applicant = application.name, application.applicant_name
		frappe.db.commit()  # nosemgrep: the requests read it from their own connections
		cls.own, cls.other = SiteClient(OWN_AREA), SiteClient(OTHER_AREA)

	@classmethod
	def tearDownClass(cls):
		frappe.db.rollback()
		delete_with_history(DOCTYPE, cls.application)
		frappe.db.commit()  # nosemgrep: undo what setUpClass committed
		super().tearDownClass()

	def told(self, client: SiteClient) -> tuple:
		title = client.call("frappe.desk.search.get_link_title", doctype=DOCTYPE, docname=self.application)
		link = client.call("frappe.client.validate_link", doctype=DOCTYPE, docname=self.application)
		count = client.call(
			"frappe.client.get_count", doctype=DOCTYPE, filters=json.dumps({"name": self.application})
		)
		for response in (title, link, count):
			self.assertEqual(response.status_code, 200, response.text[:300])
		return message(title), message(link).get("name"), message(count)

	def test_the_records_own_county_is_told_its_title_existence_and_count(self):
		self.assertEqual(self.told(self.own), (self.applicant, self.application, 1))

	def test_another_county_is_told_nothing_of_it(self):
		self.assertEqual(self.told(self.other), (self.application, None, 0))

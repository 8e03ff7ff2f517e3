"""Tier scoping on a real site: each user sees their own area's records and nothing else."""

import frappe
from frappe.desk.reportview import get as reportview_get
from frappe.desk.reportview import get_count
from frappe.desk.search import search_link
from frappe.tests.test_api import make_request
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_test_client

from qh_legal_service.scoping import area_query_conditions
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	TEST_PASSWORD,
	XINING,
	YUSHU_CITY,
	make_consultation,
	make_institution,
	make_staff,
)

COUNTY_USER = "scope-county@test.qh"
NEIGHBOUR_USER = "scope-neighbour@test.qh"
PREFECTURE_USER = "scope-prefecture@test.qh"
PROVINCE_USER = "scope-province@test.qh"
VILLAGE_USER = "scope-village@test.qh"
TOWNSHIP_USER = "scope-township@test.qh"
NOWHERE_USER = "scope-nowhere@test.qh"


class TestTierScoping(FrappeTestCase):
	"""Records in Chengdong (its county, a township, a village), Chengzhong and Yushu."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(COUNTY_USER, CHENGDONG, "County Justice Bureau")
		make_staff(NEIGHBOUR_USER, CHENGZHONG, "County Justice Bureau")
		make_staff(PREFECTURE_USER, XINING, "Prefecture Supervisor")
		make_staff(PROVINCE_USER, "630000", "Province Supervisor")
		make_staff(TOWNSHIP_USER, DONGGUAN_STREET, "Township Judicial Office")
		make_staff(VILLAGE_USER, BEIGUAN_COMMUNITY, "Village Legal Adviser")
		make_staff(NOWHERE_USER, CHENGDONG, "County Justice Bureau")
		frappe.db.delete("User Permission", {"user": NOWHERE_USER})
		cls.chengdong_county = make_consultation(division=CHENGDONG).name
		cls.chengdong_village = make_consultation(division=BEIGUAN_COMMUNITY).name
		cls.chengzhong = make_consultation(division=CHENGZHONG).name
		cls.yushu = make_consultation(division=YUSHU_CITY).name
		cls.chengdong_centre = make_institution(division=CHENGDONG).name
		cls.chengzhong_centre = make_institution(division=CHENGZHONG).name
		# The REST API answers from other threads with their own connections: they need committed rows.
		frappe.db.commit()  # nosemgrep

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		for doctype, names in (
			("Legal Consultation", (cls.chengdong_county, cls.chengdong_village, cls.chengzhong, cls.yushu)),
			("Legal Service Institution", (cls.chengdong_centre, cls.chengzhong_centre)),
		):
			for name in names:
				frappe.delete_doc(doctype, name, force=True)
		frappe.db.commit()  # nosemgrep
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def visible(self, user, doctype="Legal Consultation"):
		ours = {
			self.chengdong_county,
			self.chengdong_village,
			self.chengzhong,
			self.yushu,
			self.chengdong_centre,
			self.chengzhong_centre,
		}
		return set(frappe.get_list(doctype, pluck="name", user=user, limit_page_length=0)) & ours

	def test_area_columns_are_filled_on_save(self):
		doc = frappe.get_doc("Legal Consultation", self.chengdong_village)
		self.assertEqual((doc.prefecture, doc.county, doc.township), (XINING, CHENGDONG, DONGGUAN_STREET))

	def test_county_user_list_view_shows_own_county_only(self):
		self.assertEqual(self.visible(COUNTY_USER), {self.chengdong_county, self.chengdong_village})
		self.assertEqual(self.visible(NEIGHBOUR_USER), {self.chengzhong})
		self.assertEqual(self.visible(COUNTY_USER, "Legal Service Institution"), {self.chengdong_centre})

	def test_prefecture_user_sees_all_its_counties(self):
		self.assertEqual(
			self.visible(PREFECTURE_USER), {self.chengdong_county, self.chengdong_village, self.chengzhong}
		)

	def test_province_user_sees_all(self):
		self.assertEqual(
			self.visible(PROVINCE_USER),
			{self.chengdong_county, self.chengdong_village, self.chengzhong, self.yushu},
		)

	def test_township_and_village_users(self):
		self.assertEqual(self.visible(TOWNSHIP_USER), {self.chengdong_village})
		self.assertEqual(self.visible(VILLAGE_USER), {self.chengdong_village})

	def test_user_without_division_sees_nothing(self):
		self.assertEqual(self.visible(NOWHERE_USER), set())
		self.assertEqual(area_query_conditions(NOWHERE_USER, "Legal Consultation"), "1=0")

	def test_get_doc_is_denied_outside_the_area(self):
		frappe.set_user(COUNTY_USER)
		frappe.get_doc("Legal Consultation", self.chengdong_village).check_permission("read")
		with self.assertRaises(frappe.PermissionError):
			frappe.get_doc("Legal Consultation", self.chengzhong).check_permission("read")
		self.assertFalse(frappe.has_permission("Legal Consultation", "read", self.yushu, user=COUNTY_USER))
		self.assertTrue(frappe.has_permission("Legal Consultation", "read", self.yushu, user=PROVINCE_USER))

	def test_cannot_create_or_move_a_record_into_another_area(self):
		frappe.set_user(COUNTY_USER)
		elsewhere = frappe.get_doc(
			{
				"doctype": "Legal Consultation",
				"channel": "Service Window",
				"division": CHENGZHONG,
				"question": "?",
			}
		)
		with self.assertRaises(frappe.PermissionError):
			elsewhere.insert()
		doc = frappe.get_doc("Legal Consultation", self.chengdong_county)
		doc.division = CHENGZHONG
		with self.assertRaises(frappe.PermissionError):
			doc.save()

	def test_report_view_and_count(self):
		frappe.set_user(COUNTY_USER)
		frappe.local.form_dict = frappe._dict(
			doctype="Legal Consultation", fields=["name"], filters=[], limit_page_length=0
		)
		rows = reportview_get()
		names = {row[0] for row in rows.get("values", [])} if isinstance(rows, dict) else set()
		self.assertIn(self.chengdong_county, names)
		self.assertNotIn(self.chengzhong, names)
		self.assertNotIn(self.yushu, names)
		frappe.local.form_dict = frappe._dict(
			doctype="Legal Consultation", filters={"name": ["in", [self.chengdong_county, self.chengzhong]]}
		)
		self.assertEqual(get_count(), 1)

	def test_link_search_is_scoped(self):
		frappe.set_user(COUNTY_USER)
		found = {
			row["value"]
			for row in search_link("Legal Service Institution", "测试法律援助中心", page_length=100)
		}
		self.assertIn(self.chengdong_centre, found)
		self.assertNotIn(self.chengzhong_centre, found)
		divisions = {row["value"] for row in search_link("Administrative Division", "", page_length=500)}
		self.assertIn(BEIGUAN_COMMUNITY, divisions)
		self.assertNotIn(CHENGZHONG, divisions)

	def test_rest_api_is_scoped(self):
		client = get_test_client()

		def call(method, path, **kwargs):
			# Each request runs in its own thread, as Frappe's API tests do, so it gets its own site context.
			return make_request(getattr(client, method), (path,), kwargs, site=frappe.local.site)

		login = call("post", "/api/method/login", json={"usr": COUNTY_USER, "pwd": TEST_PASSWORD})
		self.assertEqual(login.status_code, 200, login.text)
		listed = call(
			"get",
			"/api/resource/Legal Consultation",
			query_string={"limit_page_length": 0, "fields": '["name"]'},
		)
		names = {row["name"] for row in listed.json["data"]}
		self.assertIn(self.chengdong_village, names)
		self.assertNotIn(self.chengzhong, names)
		self.assertEqual(
			call("get", f"/api/resource/Legal Consultation/{self.chengdong_county}").status_code, 200
		)
		self.assertEqual(call("get", f"/api/resource/Legal Consultation/{self.chengzhong}").status_code, 403)

	def test_scope_condition_is_one_indexed_equality(self):
		condition = area_query_conditions(COUNTY_USER, "Legal Consultation")
		self.assertEqual(condition, f"(`tabLegal Consultation`.`county` = '{CHENGDONG}')")
		village = area_query_conditions(VILLAGE_USER, "Legal Consultation")
		self.assertEqual(village, f"(`tabLegal Consultation`.`division` = '{BEIGUAN_COMMUNITY}')")
		self.assertEqual(area_query_conditions(PROVINCE_USER, "Legal Consultation"), "")

"""Link search and the search bar on a real site: a record by number, name, phone or whole resident ID,
within the user's area, IDs masked for a clerk who does not handle the case, every lookup through an index."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase
from stdnum.cn import ric

from qh_legal_service.record_search import global_search, run_lookup, search_records
from qh_legal_service.rules.record_search import NAME, PHONE, RESIDENT_ID, SEARCHES, Lookup
from qh_legal_service.tests.utils import (
	BEIGUAN_COMMUNITY,
	CHENGDONG,
	CHENGZHONG,
	DONGGUAN_STREET,
	make_application,
	make_staff,
)

LEGAL_AID = "Legal Aid Application"
MEDIATION = "Mediation Case"
COUNTY = "search-county@test.qh"  # County Justice Bureau: handles legal aid (writes its applicant's fields)
TOWNSHIP = "search-township@test.qh"  # Township Judicial Office: reads legal aid cases only
NEIGHBOUR = "search-neighbour@test.qh"  # the next county's bureau


def resident_id(serial: int) -> str:
	"""A valid resident ID born in January 1980 (in the region of utils.VALID_ID), told apart by its serial."""
	first = f"110105198001{serial % 28 + 1:02d}{serial % 1000:03d}"
	return first + ric.calc_check_digit(first + "0")


def search(doctype: str, text: str, user: str, page_len: int = 20) -> list[tuple]:
	frappe.set_user(user)
	try:
		return search_records(doctype, text, "name", 0, page_len, None)
	finally:
		frappe.set_user("Administrator")


def numbers(rows) -> list[str]:
	return [row[0] for row in rows]


class TestRecordSearch(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_staff(COUNTY, CHENGDONG, "County Justice Bureau")
		make_staff(TOWNSHIP, DONGGUAN_STREET, "Township Judicial Office")
		make_staff(NEIGHBOUR, CHENGZHONG, "County Justice Bureau")
		cls.tag = frappe.generate_hash(length=5)
		serial = int(frappe.generate_hash(length=6), 16)
		cls.id_here, cls.id_there = resident_id(serial), resident_id(serial + 1)
		cls.phone_here = f"1770{serial % 10**7:07d}"
		cls.here = make_application(
			applicant_name=f"搜索甲{cls.tag}", id_number=cls.id_here, phone=cls.phone_here
		).name
		cls.there = make_application(
			applicant_name=f"搜索甲{cls.tag}乙",
			id_number=cls.id_there,
			phone="17800000000",
			division=CHENGZHONG,
		).name

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_by_the_start_of_its_number(self):
		self.assertIn(self.here, numbers(search(LEGAL_AID, self.here[:-1], COUNTY, 100)))
		self.assertEqual(numbers(search(LEGAL_AID, self.here, COUNTY)), [self.here])
		self.assertEqual(numbers(search(LEGAL_AID, self.here.lower(), COUNTY)), [self.here])
		# Without the series letters: the year and serial.
		self.assertEqual(numbers(search(LEGAL_AID, self.here.removeprefix("LAA-"), COUNTY)), [self.here])

	def test_by_the_start_of_the_applicants_name(self):
		rows = search(LEGAL_AID, f"搜索甲{self.tag}", COUNTY)
		self.assertEqual(numbers(rows), [self.here])
		self.assertEqual(rows[0][1], f"搜索甲{self.tag}")
		self.assertEqual(numbers(search(LEGAL_AID, f"索甲{self.tag}", COUNTY)), [])  # not from the middle

	def test_by_phone_whole_or_its_start(self):
		self.assertEqual(numbers(search(LEGAL_AID, self.phone_here, COUNTY)), [self.here])
		self.assertIn(self.here, numbers(search(LEGAL_AID, self.phone_here[:9], COUNTY, 100)))
		self.assertEqual(numbers(search(LEGAL_AID, self.phone_here[3:], COUNTY)), [])

	def test_by_the_whole_resident_id_only(self):
		self.assertEqual(numbers(search(LEGAL_AID, self.id_here, COUNTY)), [self.here])
		self.assertEqual(numbers(search(LEGAL_AID, self.id_here.lower(), COUNTY)), [self.here])
		for fragment in (self.id_here[:14], self.id_here[:17], self.id_here[4:], self.id_here[-8:]):
			self.assertNotIn(self.here, numbers(search(LEGAL_AID, fragment, COUNTY, 100)), fragment)

	def test_the_id_is_whole_for_the_handling_bureau_and_masked_for_the_township_office(self):
		masked = self.id_here[:4] + "*" * 10 + self.id_here[-4:]
		self.assertEqual(search(LEGAL_AID, self.here, COUNTY)[0][2], self.id_here)
		township = search(LEGAL_AID, self.here, TOWNSHIP)
		self.assertEqual(numbers(township), [self.here])
		self.assertEqual(township[0][2], masked)
		self.assertNotIn(self.id_here, str(township))
		# The same through Frappe's own link search, which the desk calls.
		frappe.set_user(TOWNSHIP)
		suggested = search_link(LEGAL_AID, self.id_here)
		self.assertEqual([row["value"] for row in suggested], [self.here])
		self.assertEqual(suggested[0]["label"], f"搜索甲{self.tag}")
		self.assertIn(masked, suggested[0]["description"])
		self.assertNotIn(self.id_here, suggested[0]["description"])

	def test_nothing_typed_offers_the_latest_records_of_the_area(self):
		latest = numbers(search(LEGAL_AID, "", NEIGHBOUR, 5))
		self.assertEqual(latest[0], self.there)
		self.assertNotIn(self.here, latest)

	def test_a_county_finds_nothing_of_the_next_county(self):
		for text in (self.here, self.id_here, self.phone_here):
			self.assertEqual(numbers(search(LEGAL_AID, text, NEIGHBOUR)), [], text)
		self.assertEqual(numbers(search(LEGAL_AID, self.id_there, NEIGHBOUR)), [self.there])
		self.assertEqual(numbers(search(LEGAL_AID, f"搜索甲{self.tag}", NEIGHBOUR)), [self.there])
		self.assertEqual(numbers(search(LEGAL_AID, self.id_there, COUNTY)), [])

	def test_a_mediation_case_by_any_partys_name_phone_or_id(self):
		case = frappe.get_doc(
			{
				"doctype": MEDIATION,
				"division": BEIGUAN_COMMUNITY,
				"dispute_type": "Neighbours",
				"dispute_summary": "邻居加盖房屋挡住通道。",
				"parties": [
					{"party_name": f"调解甲{self.tag}", "role": "Applicant", "language": "zh"},
					{
						"party_name": f"调解乙{self.tag}",
						"role": "Respondent",
						"id_number": self.id_here,
						"phone": self.phone_here,
						"language": "zh",
					},
				],
			}
		).insert(ignore_permissions=True)
		make_staff("search-mediator@test.qh", DONGGUAN_STREET, "Mediator")
		for text in (f"调解甲{self.tag}", f"调解乙{self.tag}", self.id_here, self.phone_here, case.name):
			self.assertEqual(numbers(search(MEDIATION, text, "search-mediator@test.qh")), [case.name], text)
		self.assertEqual(numbers(search(MEDIATION, f"调解乙{self.tag}", NEIGHBOUR)), [])

	def test_the_search_bar_finds_within_the_area_and_masks_the_id(self):
		frappe.set_user(TOWNSHIP)
		rows = [row for row in global_search(self.id_here) if row.doctype == LEGAL_AID]
		self.assertEqual([row.name for row in rows], [self.here])
		self.assertIn(self.id_here[:4] + "*" * 10 + self.id_here[-4:], rows[0].content)
		self.assertNotIn(self.id_here, rows[0].content)
		frappe.set_user(NEIGHBOUR)
		self.assertEqual([row.name for row in global_search(self.id_here) if row.doctype == LEGAL_AID], [])
		self.assertEqual(
			[row.name for row in global_search(f"搜索甲{self.tag}", doctype=LEGAL_AID)], [self.there]
		)


class TestRecordSearchPlans(FrappeTestCase):
	"""Every lookup of every service is served by an index: EXPLAIN names one, never a whole-table scan."""

	def explain(self, doctype: str, table: str, column: str, lookup: Lookup) -> list[dict]:
		# Unscoped: on a test site's few rows MariaDB may rightly prefer the area index; at scale the
		# benchmark (benchmarks/search_benchmark.py) shows the scoped plans.
		query = run_lookup(doctype, table, column, lookup, [], 10, run=False)
		return frappe.db.sql(f"EXPLAIN {query}", as_dict=True)

	def assert_indexed(self, doctype: str, table: str, column: str, lookup: Lookup):
		plan = self.explain(doctype, table, column, lookup)
		searched = next(row for row in plan if row.table == f"tab{table}")
		indexes = {
			row.Key_name
			for row in frappe.db.sql(f"SHOW INDEX FROM `tab{table}`", as_dict=True)
			if row.Column_name == column and row.Seq_in_index == 1
		}
		self.assertTrue(indexes, f"no index starts with {table}.{column}")
		self.assertIn(searched.key, indexes, (table, column, plan))
		self.assertNotEqual(searched.type, "ALL", (table, column, plan))

	def test_every_lookup_uses_its_columns_index(self):
		for doctype, spec in SEARCHES.items():
			self.assert_indexed(doctype, doctype, "name", Lookup("number", spec.series + "2026-0"))
			tables = [(doctype, spec.record)]
			if spec.parties:
				tables.append((spec.parties.doctype, spec.parties.fields))
			for table, fields in tables:
				for kind, value in ((NAME, "张"), (PHONE, "139"), (RESIDENT_ID, "630102198001011234")):
					for column in fields.columns(kind):
						self.assert_indexed(doctype, table, column, Lookup(kind, value))
				for column in fields.numbers:
					self.assert_indexed(doctype, table, column, Lookup("number", "LAA-2026-0"))

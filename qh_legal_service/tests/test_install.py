"""What installing the app leaves on a site: the tier tree, roles, desks, rules and languages."""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.install import fill_division_full_names, load_divisions
from qh_legal_service.rules.desks import CITIZEN_ROLE, DESKS, STAFF_ROLES
from qh_legal_service.rules.divisions import load_division_file

DIVISION = "Administrative Division"


class TestInstall(FrappeTestCase):
	def test_all_of_qinghai_is_loaded(self):
		counts = dict(frappe.db.sql(f"select tier, count(*) from `tab{DIVISION}` group by tier"))
		self.assertEqual(
			counts, {"Province": 1, "Prefecture": 8, "County": 45, "Township": 422, "Village": 4716}
		)
		dachaidan = frappe.get_doc(DIVISION, "632857")
		self.assertEqual(
			(dachaidan.division_name, dachaidan.tier, dachaidan.parent_administrative_division),
			("大柴旦行政委员会", "County", "632800"),
		)

	def test_tree_bounds_are_consistent(self):
		root = frappe.db.get_value(DIVISION, "630000", ["lft", "rgt"])
		self.assertEqual(root, (1, 2 * frappe.db.count(DIVISION)))
		descendants = frappe.db.count(DIVISION, {"lft": [">", 0], "rgt": ["<", 0]})
		self.assertEqual(descendants, 0)
		ancestors = frappe.db.get_list(
			DIVISION,
			filters={"lft": ["<=", frappe.db.get_value(DIVISION, "630102001001", "lft")], "rgt": [">=", 0]},
			order_by="lft asc",
			pluck="name",
			limit_page_length=0,
		)
		self.assertEqual(
			[a for a in ancestors if a in ("630000", "630100", "630102", "630102001", "630102001001")],
			["630000", "630100", "630102", "630102001", "630102001001"],
		)

	def test_loading_again_adds_nothing(self):
		self.assertEqual(load_divisions(), 0)

	def test_every_division_has_its_full_name(self):
		self.assertEqual(frappe.db.count(DIVISION, {"full_name": ["is", "not set"]}), 0)
		self.assertEqual(
			frappe.db.get_value(DIVISION, "632857", "full_name"), "海西蒙古族藏族自治州 大柴旦行政委员会"
		)

	def test_a_missing_village_is_restored_and_the_tree_rebuilt(self):
		village = "630102001001"
		frappe.db.delete(DIVISION, {"name": village})
		self.assertEqual(load_divisions(), 1)
		self.assertEqual(fill_division_full_names(), 1)
		lft, rgt = frappe.db.get_value(DIVISION, village, ["lft", "rgt"])
		parent = frappe.db.get_value(DIVISION, "630102001", ["lft", "rgt"])
		self.assertTrue(parent[0] < lft < rgt < parent[1])
		self.assertEqual(rgt, lft + 1)
		self.assertEqual(frappe.db.get_value(DIVISION, "630000", "rgt"), 2 * len(load_division_file()))

	def test_roles_profiles_and_languages(self):
		for role in STAFF_ROLES:
			self.assertEqual(frappe.db.get_value("Role", role, "desk_access"), 1, role)
		self.assertEqual(frappe.db.get_value("Role", CITIZEN_ROLE, "desk_access"), 0)
		for desk in DESKS:
			roles = {r.role for r in frappe.get_doc("Role Profile", desk.profile).roles}
			self.assertEqual(roles, set(desk.roles))
			self.assertTrue(frappe.db.exists("Workspace", desk.workspace), desk.workspace)
		self.assertEqual(frappe.db.get_value("Language", "bo", "enabled"), 1)

	def test_deadline_rules_are_seeded(self):
		review = frappe.get_doc("Deadline Rule", "LA-REVIEW")
		self.assertEqual((review.count, review.unit, review.article), (7, "Calendar Days", "Art 43"))
		self.assertEqual(frappe.db.get_value("Deadline Rule", "NOT-ISSUE", "unit"), "Working Days")

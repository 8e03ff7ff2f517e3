"""Creating staff users at a node: role profile, home workspace and one division permission."""

import frappe
from frappe.tests.utils import FrappeTestCase

from qh_legal_service.staff import WrongTierForDeskError, create_staff_user
from qh_legal_service.tests.utils import BEIGUAN_COMMUNITY, CHENGDONG, CHENGZHONG


class TestStaffUser(FrappeTestCase):
	def test_staff_user_gets_profile_workspace_and_division(self):
		user = create_staff_user("staff-county@test.qh", "县局测试", CHENGDONG, "County Justice Bureau")
		self.assertEqual(user.role_profile_name, "County Justice Bureau")
		self.assertIn("County Justice Bureau Staff", frappe.get_roles(user.name))
		self.assertEqual(user.default_workspace, "County Justice Bureau")
		permissions = frappe.get_all(
			"User Permission",
			filters={"user": user.name},
			fields=["allow", "for_value", "apply_to_all_doctypes"],
		)
		self.assertEqual(
			[(p.allow, p.for_value, p.apply_to_all_doctypes) for p in permissions],
			[("Administrative Division", CHENGDONG, 1)],
		)

	def test_moving_a_user_replaces_the_division(self):
		create_staff_user("staff-move@test.qh", "调动测试", CHENGDONG, "County Justice Bureau")
		create_staff_user("staff-move@test.qh", "调动测试", CHENGZHONG, "County Justice Bureau")
		self.assertEqual(
			frappe.get_all("User Permission", filters={"user": "staff-move@test.qh"}, pluck="for_value"),
			[CHENGZHONG],
		)

	def test_desk_must_fit_the_tier(self):
		with self.assertRaises(WrongTierForDeskError):
			create_staff_user("staff-wrong@test.qh", "错层测试", CHENGDONG, "Village Legal Adviser")
		create_staff_user("staff-village@test.qh", "村顾问测试", BEIGUAN_COMMUNITY, "Village Legal Adviser")

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils.nestedset import NestedSet

from qh_legal_service.rules.divisions import CODE_LENGTH, parent_tier
from qh_legal_service.scoping import clear_area_path_cache


class DivisionTierError(frappe.ValidationError):
	"""A division whose tier does not sit directly below its parent's."""


class DivisionCodeError(frappe.ValidationError):
	"""A statistical code of the wrong length for its tier."""


class AdministrativeDivision(NestedSet):
	"""A unit of Qinghai's five tiers, named by its statistical code."""

	nsm_parent_field = "parent_administrative_division"

	def validate(self):
		self.validate_code()
		self.validate_parent_tier()
		self.is_group = 0 if self.tier == "Village" else 1

	def validate_code(self):
		expected = CODE_LENGTH[self.tier]
		if not (self.division_code.isdigit() and len(self.division_code) == expected):
			frappe.throw(
				_("The code of a {0} has {1} digits.").format(_(self.tier), expected),
				DivisionCodeError,
				title=_("Invalid Division Code"),
			)

	def validate_parent_tier(self):
		expected = parent_tier(self.tier)
		actual = (
			frappe.db.get_value("Administrative Division", self.parent_administrative_division, "tier")
			if self.parent_administrative_division
			else None
		)
		if actual != expected:
			frappe.throw(
				_("A {0} must sit directly below a {1}.").format(_(self.tier), _(expected or "nothing")),
				DivisionTierError,
				title=_("Wrong Parent Division"),
			)

	def on_update(self):
		super().on_update()
		clear_area_path_cache()

	def on_trash(self):
		super().on_trash()
		clear_area_path_cache()


def on_doctype_update():
	frappe.db.add_index("Administrative Division", ["lft", "rgt"])

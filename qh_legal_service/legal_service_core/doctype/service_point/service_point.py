# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _

from qh_legal_service.rules.service_network import point_type_fits, point_type_for_tier
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class PointTypeMismatchError(frappe.ValidationError):
	"""A centre placed at a village, a room at a county, and so on."""


class ServicePoint(AreaScopedDocument):
	"""A public legal service centre, station or room at one division."""

	def validate(self):
		self.validate_point_type()
		self.clear_built_on_unless_built()

	def validate_point_type(self):
		tier = frappe.db.get_value("Administrative Division", self.division, "tier")
		if tier and not point_type_fits(self.point_type, tier):
			frappe.throw(
				_("A {0} cannot be placed at a {1}-level division; a {1} has a {2}.").format(
					_(self.point_type), _(tier), _(point_type_for_tier(tier))
				),
				PointTypeMismatchError,
				title=_("Wrong Point Type"),
			)

	def clear_built_on_unless_built(self):
		if not self.is_built:
			self.built_on = None


def on_doctype_update():
	add_area_indexes("Service Point")

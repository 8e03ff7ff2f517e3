# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from qh_legal_service.quality_and_supervision.special_groups import tier_label
from qh_legal_service.rules.equalisation import COUNTY_CLASSES
from qh_legal_service.scoping import DIVISION, get_area_path

# Tiers a population may be kept for: the index reads counties; prefectures and townships are optional.
POPULATION_TIERS = ("Prefecture", "County", "Township")


class DivisionPopulationTierError(frappe.ValidationError):
	pass


class CountyClassError(frappe.ValidationError):
	pass


class DivisionPopulation(Document):
	"""The resident population of one division in one year (one record per division and year)."""

	def autoname(self):
		self.name = f"{self.division}-{self.year}"

	def validate(self):
		self.validate_tier()
		self.validate_county_class()
		self.set_prefecture()

	def validate_tier(self):
		tier = frappe.db.get_value(DIVISION, self.division, "tier")
		if tier not in POPULATION_TIERS:
			frappe.throw(
				_(
					"Population is kept for a prefecture, county or township, not for a division of tier {0}."
				).format(tier_label(tier)),
				DivisionPopulationTierError,
			)
		self.tier = tier

	def validate_county_class(self):
		if self.county_class and self.county_class not in COUNTY_CLASSES:
			frappe.throw(_("Unknown county class {0}.").format(self.county_class), CountyClassError)

	def set_prefecture(self):
		self.prefecture = get_area_path(self.division).get("Prefecture")

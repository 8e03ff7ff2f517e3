# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate


class ThresholdError(frappe.ValidationError):
	"""A threshold that ends before it starts, or is set for a division that is not a prefecture."""


class LegalAidHardshipThreshold(Document):
	"""The province's economic hardship threshold for legal aid, for a prefecture or province-wide."""

	def validate(self):
		if self.effective_to and getdate(self.effective_to) < getdate(self.effective_from):
			frappe.throw(_("A threshold cannot end before it takes effect."), ThresholdError)
		if (
			self.prefecture
			and frappe.db.get_value("Administrative Division", self.prefecture, "tier") != "Prefecture"
		):
			frappe.throw(_("Choose a prefecture, or leave it empty for the whole province."), ThresholdError)

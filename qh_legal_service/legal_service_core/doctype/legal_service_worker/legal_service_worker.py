# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _

from qh_legal_service.rules.service_network import licence_required, non_village_divisions
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes


class MissingLicenceError(frappe.ValidationError):
	"""A lawyer or notary recorded without a licence number."""


class AdviserOutsideVillageError(frappe.ValidationError):
	"""A village legal adviser said to serve a division that is not a village."""


class LegalServiceWorker(AreaScopedDocument):
	"""A lawyer, notary, mediator, grassroots worker, village legal adviser or volunteer."""

	def validate(self):
		self.validate_licence_number()
		self.validate_adviser_villages()
		self.remove_duplicate_served_divisions()

	def validate_licence_number(self):
		if licence_required(self.worker_type) and not (self.licence_number or "").strip():
			frappe.throw(
				_("A {0} must have a licence number.").format(_(self.worker_type)),
				MissingLicenceError,
				title=_("Missing Licence Number"),
			)

	def validate_adviser_villages(self):
		# Read the tier rather than trust the fetched column, which a script may have left empty.
		served = [
			(row.division, frappe.db.get_value("Administrative Division", row.division, "tier"))
			for row in self.served_divisions
		]
		if wrong := non_village_divisions(self.worker_type, served):
			frappe.throw(
				_(
					"A village legal adviser serves villages only; these divisions are not villages: {0}"
				).format(", ".join(wrong)),
				AdviserOutsideVillageError,
				title=_("Not a Village"),
			)

	def remove_duplicate_served_divisions(self):
		seen = set()
		for row in list(self.served_divisions):
			if row.division in seen:
				self.remove(row)
			seen.add(row.division)


def on_doctype_update():
	add_area_indexes("Legal Service Worker")

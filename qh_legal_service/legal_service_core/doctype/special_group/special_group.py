# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The special groups as records, so that a service's Special Groups field can link to them."""

import frappe
from frappe.model.document import Document

from qh_legal_service.rules.special_groups import GROUP_DOCTYPE, SPECIAL_GROUPS


class SpecialGroup(Document):
	pass


def make_special_groups() -> None:
	"""Create the record of every group of `rules.special_groups` that is missing (install and migrate)."""
	existing = set(frappe.get_all(GROUP_DOCTYPE, pluck="name"))
	for group in SPECIAL_GROUPS:
		if group not in existing:
			frappe.get_doc({"doctype": GROUP_DOCTYPE, "group_name": group}).insert(ignore_permissions=True)

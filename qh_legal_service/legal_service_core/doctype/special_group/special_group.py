# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

"""The special groups as records, so that a service's Special Groups field can link to them."""

import frappe
from frappe import _
from frappe.model.document import Document

from qh_legal_service.rules.special_groups import GROUP_DOCTYPE, SPECIAL_GROUPS


class SpecialGroup(Document):
	def before_rename(self, old: str, new: str, merge: bool = False) -> None:
		"""The seed's groups are named by the rules that count them (a check as "Minors"): they keep their names."""
		if old in SPECIAL_GROUPS:
			frappe.throw(
				_("{0} is one of the special groups the law names; it keeps its name.").format(_(old)),
				title=_("Not Renamed"),
			)


def make_special_groups() -> None:
	"""Create the record of every group of `rules.special_groups` that is missing (install and migrate)."""
	existing = set(frappe.get_all(GROUP_DOCTYPE, pluck="name"))
	for group in SPECIAL_GROUPS:
		if group not in existing:
			frappe.get_doc({"doctype": GROUP_DOCTYPE, "group_name": group}).insert(ignore_permissions=True)

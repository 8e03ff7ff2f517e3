# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class SpecialGroupMembership(Document):
	pass

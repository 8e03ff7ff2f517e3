# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class SupervisionBulletinRow(Document):
	"""One figure of a published bulletin, as it was when the bulletin was published."""

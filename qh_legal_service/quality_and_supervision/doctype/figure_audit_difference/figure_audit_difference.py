# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class FigureAuditDifference(Document):
	"""One stored sum that differed from a recount, and by how much."""

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class EscalationFailure(Document):
	"""A case the hourly escalation job failed on, until a run handles it (escalation.py)."""

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

from frappe.model.document import Document


class SatisfactionSurveyLink(Document):
	"""A one-time survey link: the hash of its token, its record, its expiry and its use."""

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from qh_legal_service.rules import satisfaction as sat


class SatisfactionSettings(Document):
	"""The working days to rectify a bad review, how long a link lasts, and when a region is named."""

	def validate(self):
		if not sat.valid_rectification_days(self.rectification_working_days or 0):
			low, high = sat.RECTIFICATION_DAYS_RANGE
			frappe.throw(_("The working days to rectify must be between {0} and {1}.").format(low, high))
		if (self.link_valid_days or 0) < 1:
			frappe.throw(_("A survey link must stay valid for at least one day."))

	def on_update(self):
		sync_bad_review_rule(self.rectification_working_days)


def sync_bad_review_rule(days: int | None = None) -> None:
	"""The SAT-BAD-REVIEW Deadline Rule counts the working days this setting holds."""
	days = int(days or frappe.db.get_single_value(sat.SETTINGS_DOCTYPE, "rectification_working_days") or 0)
	if not days or not frappe.db.exists("Deadline Rule", sat.BAD_REVIEW_RULE):
		return
	if frappe.db.get_value("Deadline Rule", sat.BAD_REVIEW_RULE, "count") != days:
		frappe.db.set_value("Deadline Rule", sat.BAD_REVIEW_RULE, "count", days)
		frappe.clear_document_cache("Deadline Rule", sat.BAD_REVIEW_RULE)

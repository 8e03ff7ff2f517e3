# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from qh_legal_service.rules.deadlines import closing_time


class DeadlineRule(Document):
	def validate(self):
		try:
			closing_time(self.closes_at)
		except ValueError:
			frappe.throw(
				_("Office Closes At is a time of day written HH:MM, for example 17:30: {0} is not.").format(
					self.closes_at
				),
				title=_("Office Closes At"),
			)

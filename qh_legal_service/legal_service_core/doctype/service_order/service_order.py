# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe.utils import get_datetime

from qh_legal_service.rules.scope import area_columns
from qh_legal_service.rules.service_orders import (
	ACCEPT_RULE,
	ACCEPT_STEP,
	ORIGIN_COLUMNS,
	OUTCOME_HANDED_ON,
	SENT,
)
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes, get_area_path


class ServiceOrder(AreaScopedDocument):
	"""An order referring a request from one institution to another; changed only by `service_order`.

	`division` is the holder's division (who acts on it); the `origin_*` columns are the referring
	point's (who follows it).
	"""

	def before_validate(self):
		super().before_validate()
		self.set_origin_columns()

	def validate(self):
		self.hand_over_count = sum(row.outcome == OUTCOME_HANDED_ON for row in self.hand_overs)
		self.set_acceptance_due()

	def set_origin_columns(self):
		"""Copy the referring division's prefecture, county and township codes onto the order."""
		path = get_area_path(self.origin_division) if self.origin_division else {}
		for column, code in area_columns(path).items():
			self.set(ORIGIN_COLUMNS[column], code)

	def set_acceptance_due(self):
		"""While the order waits at its holder, it is due for acceptance by ORDER-ACCEPT from held_since."""
		if self.status != SENT or not self.held_since:
			self.current_step = None
			self.current_due = None
			self.deadline_lines = None
			self.deadline_explanation = None
			return
		from qh_legal_service.deadline_wording import word_lines
		from qh_legal_service.statutory_calendar import compute_rule_due

		due = compute_rule_due(ACCEPT_RULE, get_datetime(self.held_since))
		self.current_step = ACCEPT_STEP
		self.current_due = due.due
		self.deadline_lines = frappe.as_json(due.lines)
		self.deadline_explanation = word_lines(due.lines, frappe.db.get_default("lang") or "zh")


def on_doctype_update():
	add_area_indexes("Service Order")
	for column in ORIGIN_COLUMNS.values():
		frappe.db.add_index("Service Order", [column, "modified"], f"{column}_modified_index")
		frappe.db.add_index("Service Order", [column, "status"], f"{column}_status_index")
	frappe.db.add_index("Service Order", ["source_doctype", "source_name"], "source_index")
	frappe.db.add_index("Service Order", ["target_doctype", "target_name"], "target_index")

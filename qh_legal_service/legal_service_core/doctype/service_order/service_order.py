# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe

from qh_legal_service.rules.scope import area_columns
from qh_legal_service.rules.service_orders import ORIGIN_COLUMNS, OUTCOME_HANDED_ON
from qh_legal_service.scoping import add_area_indexes, get_area_path
from qh_legal_service.service_case import ServiceCase


class ServiceOrder(ServiceCase):
	"""An order referring a request from one institution to another; changed only by `service_order`.

	`division` is the holder's division (who acts on it); the `origin_*` columns are the referring
	point's (who follows it). A service case (declared in `rules.services`): its state is `status`, its
	one step is the holder's acceptance, timed from `held_since`.
	"""

	def before_validate(self):
		super().before_validate()
		self.set_origin_columns()

	def validate(self):
		self.hand_over_count = sum(row.outcome == OUTCOME_HANDED_ON for row in self.hand_overs)
		self.stamp_state_entry()
		self.validate_state_requirements()
		self.set_current_deadline()

	def set_origin_columns(self):
		"""Copy the referring division's prefecture, county and township codes onto the order."""
		path = get_area_path(self.origin_division) if self.origin_division else {}
		for column, code in area_columns(path).items():
			self.set(ORIGIN_COLUMNS[column], code)


def on_doctype_update():
	add_area_indexes("Service Order")
	for column in ORIGIN_COLUMNS.values():
		frappe.db.add_index("Service Order", [column, "modified"], f"{column}_modified_index")
		frappe.db.add_index("Service Order", [column, "status"], f"{column}_status_index")
	# Covering indexes of the Service Orders Open report: the province's whole count, and each part
	# (held in / sent from the area) of a prefecture's or a county's, read from the index alone.
	counted = ["holder_institution", "held_since", "hand_over_count"]
	frappe.db.add_index("Service Order", ["status", *counted], "status_report_index")
	for column in ("prefecture", "county"):
		frappe.db.add_index("Service Order", [column, "status", *counted], f"{column}_report_index")
		frappe.db.add_index(
			"Service Order",
			[ORIGIN_COLUMNS[column], "status", column, *counted],
			f"origin_{column}_report_index",
		)
	frappe.db.add_index("Service Order", ["source_doctype", "source_name"], "source_index")
	frappe.db.add_index("Service Order", ["target_doctype", "target_name"], "target_index")

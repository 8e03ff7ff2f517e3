# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime

from qh_legal_service.hotline import orders
from qh_legal_service.rules import hotline as hl
from qh_legal_service.scoping import add_area_indexes
from qh_legal_service.service_case import ServiceCase


class CallTimesError(frappe.ValidationError):
	"""A call answered before it began."""


class HotlineWorkOrder(ServiceCase):
	"""A call to the 12348 hotline: received, answered or transferred, completed, called back."""

	def validate(self):
		self.validate_call_times()
		self.stamp_state_entry()
		self.validate_state_requirements()
		self.set_current_deadline()

	def validate_workflow(self):
		# The order flow moves a transferred work order for the holder's staff, whatever their role:
		# completion when they complete the order, back to the operator when they refuse it.
		if self.flags.from_service_order and hl.server_transition(self.previous_state(), self.case_state):
			return
		super().validate_workflow()

	def validate_call_times(self):
		started = get_datetime(self.call_started_at) if self.call_started_at else None
		answered = get_datetime(self.call_answered_at) if self.call_answered_at else None
		if started and answered and answered < started:
			frappe.throw(
				_("The call cannot be answered before it started."), CallTimesError, title=_("Call Times")
			)
		wait = hl.wait_seconds(started, answered)
		self.wait_seconds = None if wait is None else int(wait)
		# Stored so that the supervision figures count the 15-second rate (figure_sources.HOTLINE).
		self.answered_within_15s = int(hl.answered_in_time(started, answered))

	def on_state_entry(self, previous_state, state, now):
		if state == hl.CALLED_BACK:
			self.called_back_by = frappe.session.user
		if state == hl.RECEIVED and previous_state == hl.TRANSFERRED:
			# The holder refused the order: the operator answers or transfers again.
			self.service_order = None
		if state in (hl.ANSWERED, hl.TRANSFERRED):
			self.flags.open_follow_up = state

	def on_update(self):
		follow_up = self.flags.pop("open_follow_up", None)
		if follow_up == hl.ANSWERED and not self.consultation:
			self.db_set("consultation", orders.record_answer(self), update_modified=False)
		elif follow_up == hl.TRANSFERRED and not self.service_order:
			self.db_set("service_order", orders.transfer(self), update_modified=False)


def on_doctype_update():
	add_area_indexes(hl.DOCTYPE)
	frappe.db.add_index(hl.DOCTYPE, ["call_started_at"], "call_started_at_index")

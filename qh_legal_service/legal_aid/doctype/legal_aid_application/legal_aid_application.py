# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt, format_datetime, get_datetime, getdate, now_datetime
from stdnum.cn import ric

from qh_legal_service.legal_aid.eligibility import assess_application
from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.eligibility import DETENTION
from qh_legal_service.rules.field_access import receipt_time_problem
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes, is_portal_user
from qh_legal_service.statutory_calendar import compute_rule_due


class InvalidResidentIDError(frappe.ValidationError):
	"""A resident ID number that fails its check digit, date or region."""


class MissingPledgeError(frappe.ValidationError):
	"""A hardship declaration without the honesty pledge."""


class ReceiptTimeError(frappe.ValidationError):
	"""A receipt time in the future, or before the record's entry without a reason."""


class StepIncompleteError(frappe.ValidationError):
	"""A state entered without what it requires (reasons, a worker, an outcome...)."""


class LegalAidApplication(AreaScopedDocument):
	"""An application for legal aid, from receipt to archive."""

	def before_validate(self):
		super().before_validate()
		if self.is_new() and is_portal_user(frappe.session.user):
			# A citizen applies for themselves, on the portal, whatever the form sent.
			self.channel = "Portal"
			self.applicant_user = frappe.session.user

	def validate(self):
		# The desk's datetime control keeps minutes only: finer parts would mark every form unsaved.
		self.received_on = get_datetime(self.received_on or now_datetime()).replace(second=0, microsecond=0)
		self.validate_receipt_time()
		self.validate_resident_id()
		self.validate_honesty_pledge()
		self.set_eligibility()
		self.check_detention_forwarding()
		self.stamp_state_entry()
		self.validate_state_requirements()
		self.set_current_deadline()

	def validate_receipt_time(self):
		if not (self.is_new() or self.has_value_changed("received_on")):
			return
		problem = receipt_time_problem(
			get_datetime(self.received_on),
			get_datetime(self.creation or now_datetime()),
			now_datetime(),
			self.late_entry_reason,
		)
		if problem == "future":
			frappe.throw(
				_("The receipt time {0} is in the future.").format(format_datetime(self.received_on)),
				ReceiptTimeError,
				title=_("Receipt Time"),
			)
		if problem == "late_without_reason":
			frappe.throw(
				_(
					"The receipt time {0} is earlier than this record's entry: write down why in {1} (for example, a paper application entered later)."
				).format(format_datetime(self.received_on), _(self.meta.get_label("late_entry_reason"))),
				ReceiptTimeError,
				title=_("Receipt Time"),
			)

	def validate_resident_id(self):
		self.id_number = (self.id_number or "").strip().upper()
		try:
			ric.validate(self.id_number)
		except Exception:
			frappe.throw(
				_("{0} is not a valid resident ID number: check the 18 characters and the last one.").format(
					self.id_number
				),
				InvalidResidentIDError,
				title=_("Invalid Resident ID Number"),
			)
		self.date_of_birth = ric.get_birth_date(self.id_number)

	def validate_honesty_pledge(self):
		declared = self.household_size or flt(self.monthly_household_income)
		if declared and not self.honesty_pledge:
			frappe.throw(
				_("Please confirm the honesty pledge for your declaration of household income."),
				MissingPledgeError,
				title=_("Honesty Pledge"),
			)

	def onload(self):
		# The reason is stored in the language of whoever saved last; show it in the reader's.
		if self.eligibility:
			result, reason = assess_application(self)
			if result.answer == self.eligibility:
				self.eligibility_reason = reason

	def set_eligibility(self):
		# The answer is fixed once a decision is taken: later saves must not re-decide it.
		if (self.workflow_state or legal_aid.RECEIVED) not in legal_aid.UNDECIDED_STATES:
			return
		result, reason = assess_application(self)
		self.eligibility = result.answer
		self.eligibility_article = result.article
		self.eligibility_reason = reason

	def check_detention_forwarding(self):
		if self.channel != DETENTION or not self.detained_request_at:
			self.forwarded_late = 0
			return
		due = compute_rule_due("LA-DETAINED-FORWARD", get_datetime(self.detained_request_at)).due
		self.forwarded_late = int(legal_aid.forwarded_late(get_datetime(self.received_on), due))

	def stamp_state_entry(self):
		state = self.workflow_state or legal_aid.RECEIVED
		if not self.is_new() and not self.has_value_changed("workflow_state"):
			return
		previous = self.get_doc_before_save()
		previous_state = previous.workflow_state if previous else None
		now = now_datetime()
		if stamp := legal_aid.STAMPED_ON_ENTRY.get(state):
			self.set(stamp, now)
		if previous_state == legal_aid.MATERIALS_REQUESTED and state == legal_aid.UNDER_REVIEW:
			self.materials_supplied_on = now
		if state == legal_aid.OBJECTION_FILED:
			self.objected_decision = previous_state
		if decision := legal_aid.objection_decision(previous_state, state):
			self.objection_decision = decision
		if state != previous_state:
			self.escalated_step = None
			self.escalated_on = None

	def validate_state_requirements(self):
		state = self.workflow_state or legal_aid.RECEIVED
		if missing := legal_aid.missing_for_state(state, self.as_dict()):
			labels = ", ".join(_(self.meta.get_label(field)) for field in missing)
			frappe.throw(
				_("Before the application can be {0}, fill in: {1}").format(_(state), labels),
				StepIncompleteError,
				title=_("Step Incomplete"),
			)

	def set_current_deadline(self):
		values = self.as_dict()
		for field in (
			"received_on",
			"materials_requested_on",
			"materials_supplied_on",
			"decided_on",
			"objection_filed_on",
		):
			values[field] = get_datetime(values[field]) if values.get(field) else None
		if values.get("materials_due"):
			values["materials_due"] = getdate(values["materials_due"])
		step = legal_aid.current_step(self.workflow_state or legal_aid.RECEIVED, values)
		if (
			step is None
			or (step.rule_code is None and step.fixed_due is None)
			or not (step.start or step.fixed_due)
		):
			self.current_step, self.current_due, self.deadline_explanation = None, None, None
			return
		self.current_step = step.name
		if step.fixed_due:
			self.current_due = step.fixed_due
			self.deadline_explanation = _("Due date set in the materials notice.")
			return
		due = compute_rule_due(step.rule_code, step.start, step.pauses)
		self.current_due = due.due
		self.deadline_explanation = "\n".join(due.explanation + due.warnings)


def on_doctype_update():
	add_area_indexes("Legal Aid Application")

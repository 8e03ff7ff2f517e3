# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import flt, format_datetime, get_datetime, getdate, now_datetime
from stdnum.cn import ric

from qh_legal_service.legal_aid.eligibility import assess_application
from qh_legal_service.resident_id import checked_resident_id
from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.eligibility import DETENTION, NOTIFIED, NOTIFIED_DEFENCE, art32_claim_problem
from qh_legal_service.rules.field_access import receipt_time_problem
from qh_legal_service.scoping import add_area_indexes, is_portal_user
from qh_legal_service.service_case import ServiceCase
from qh_legal_service.statutory_calendar import compute_rule_due


class MissingPledgeError(frappe.ValidationError):
	"""A hardship declaration without the honesty pledge."""


class ReceiptTimeError(frappe.ValidationError):
	"""A receipt time in the future, or before the record's entry without a reason."""


class Art32ClaimError(frappe.ValidationError):
	"""An Art 32 claim that cannot be the application's matter type."""


class UrgentAidReasonError(frappe.ValidationError):
	"""Urgent aid on the limitation ground without a limitation date inside Art 44's window."""


class LegalAidApplication(ServiceCase):
	"""An application for legal aid, from receipt to archive, timed by the service-case mechanism."""

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
		self.validate_art32_claim()
		self.set_eligibility()
		self.check_detention_forwarding()
		self.check_notice_timeliness()
		self.stamp_state_entry()
		self.check_urgent_reason()
		self.check_assignment_timeliness()
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
		self.id_number = checked_resident_id(self.id_number)
		self.date_of_birth = ric.get_birth_date(self.id_number)

	def validate_honesty_pledge(self):
		declared = self.household_size or flt(self.monthly_household_income)
		if declared and not self.honesty_pledge:
			frappe.throw(
				_("Please confirm the honesty pledge for your declaration of household income."),
				MissingPledgeError,
				title=_("Honesty Pledge"),
			)

	def validate_art32_claim(self):
		if required := art32_claim_problem(self.art32_claim, self.matter_type):
			frappe.throw(
				_("The claim {0} is a claim for {1}: choose that matter type or another claim.").format(
					_(self.art32_claim), _(required)
				),
				Art32ClaimError,
				title=_("Art 32 Claim"),
			)

	def onload(self):
		super().onload()
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
		isolation = bool(self.compulsory_isolation)
		due = compute_rule_due(
			legal_aid.forwarding_rule(isolation),
			get_datetime(self.detained_request_at),
			in_custody=not isolation,
		).due
		self.forwarded_late = int(legal_aid.forwarded_late(get_datetime(self.received_on), due))

	def check_notice_timeliness(self):
		# Art 36: the court, procuratorate or police notify the centre within 3 days of finding the situation.
		if self.channel != NOTIFIED or not self.situation_found_on:
			self.notice_late = 0
			return
		due = compute_rule_due(
			"LA-NOTIFY-DEFENCE", get_datetime(self.situation_found_on), in_custody=bool(self.in_custody)
		).due
		sent = legal_aid.notice_sent_at(
			get_datetime(self.notice_sent_on) if self.notice_sent_on else None, get_datetime(self.received_on)
		)
		self.notice_late = int(legal_aid.is_late(sent, due))

	def check_assignment_timeliness(self):
		# Art 36: the centre assigns a lawyer within 3 days of receiving the notice.
		if self.eligibility != NOTIFIED_DEFENCE or not self.assigned_on:
			self.assignment_late = 0
			return
		due = compute_rule_due("LA-NOTIFIED-ASSIGN", get_datetime(self.received_on)).due
		self.assignment_late = int(legal_aid.is_late(get_datetime(self.assigned_on), due))

	def check_urgent_reason(self):
		# Art 44(一): the limitation ground is read from the date the reviewer enters, as of the decision.
		if (self.workflow_state or legal_aid.RECEIVED) != legal_aid.URGENT_AID:
			return
		window_days = frappe.get_cached_value("Deadline Rule", "LA-URGENT-WINDOW", "count")
		decided = getdate(self.urgent_aid_on or now_datetime())
		limitation = getdate(self.limitation_ends_on) if self.limitation_ends_on else None
		reason, problem = legal_aid.urgent_reason_for(self.urgent_reason, limitation, decided, window_days)
		self.urgent_reason = reason
		if not problem:
			return
		messages = {
			"limitation_date_missing": _(
				"Enter the day the limitation period ends to give urgent aid on that ground."
			),
			"limitation_ended": _("The limitation period ended on {0}: it is no ground for urgent aid."),
			"limitation_not_near": _(
				"The limitation period ends on {0}, {1} days after {2}: urgent aid on that ground needs fewer than {3} days left (Art 44)."
			),
		}
		frappe.throw(
			messages[problem].format(
				frappe.format(limitation, "Date"),
				(limitation - decided).days if limitation else None,
				frappe.format(decided, "Date"),
				window_days,
			),
			UrgentAidReasonError,
			title=_("Urgent Aid Reason"),
		)

	def on_state_entry(self, previous_state, state, now):
		"""Materials requests and the bureau's decision on an objection (Art 43, 49)."""
		if legal_aid.opens_materials_request(previous_state, state):
			self.append(
				"materials_requests",
				{"requested_on": now, "notice": self.materials_notice, "due": self.materials_due},
			)
		if legal_aid.materials_supplied(previous_state, state):
			self.materials_supplied_on = now
			for row in self.materials_requests:
				row.supplied_on = row.supplied_on or now
		if state == legal_aid.OBJECTION_FILED:
			self.objected_decision = previous_state
		if decision := legal_aid.objection_decision(previous_state, state):
			self.objection_decision = decision
			if decision == legal_aid.ORDERED_CORRECTED:
				self.set(legal_aid.CORRECTION_STAMP, now)


def on_doctype_update():
	add_area_indexes("Legal Aid Application")

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from qh_legal_service.resident_id import checked_resident_id
from qh_legal_service.rules import mediation
from qh_legal_service.scoping import add_area_indexes, is_portal_user
from qh_legal_service.service_case import ServiceCase, StepIncompleteError

COMMITTEE_TYPE = "People's Mediation Committee"


class PartiesError(frappe.ValidationError):
	"""A dispute without an applicant and a respondent."""


class CommitteeError(frappe.ValidationError):
	"""A committee that is not a people's mediation committee."""


class MediationCase(ServiceCase):
	"""A people's mediation case, from the request to the follow-up of the agreement (人民调解法)."""

	def before_validate(self):
		super().before_validate()
		if self.is_new():
			self.requested_on = self.requested_on or now_datetime()
			if is_portal_user(frappe.session.user):
				# A citizen asks for themselves, on the portal, whatever the form sent.
				self.source = mediation.PORTAL
				self.applicant_user = frappe.session.user
				self.linked_kind = mediation.PEOPLES_MEDIATION
			self.parties_from_request()

	def parties_from_request(self):
		"""The two sides as the applicant described them, when no party rows were sent."""
		if self.parties or not self.applicant_name:
			return
		self.append(
			"parties",
			{
				"party_name": self.applicant_name,
				"role": mediation.APPLICANT,
				"id_number": self.applicant_id_number,
				"phone": self.applicant_phone,
				"language": self.preferred_language or "zh",
				"address": self.applicant_address,
			},
		)
		if self.other_party_name:
			self.append(
				"parties",
				{
					"party_name": self.other_party_name,
					"role": mediation.RESPONDENT,
					"phone": self.other_party_phone,
					"address": self.other_party_address,
					"language": "zh",
				},
			)

	def validate(self):
		self.validate_parties()
		self.validate_committee()
		self.stamp_state_entry()
		self.validate_state_requirements()
		self.set_current_deadline()
		self.end_lapsed_confirmation_window()

	def validate_parties(self):
		for party in self.parties:
			if not party.id_number:
				continue
			party.id_number = checked_resident_id(party.id_number)
		# A request may come without the other party (a caller on the hotline); the committee needs it to accept.
		parties = [party.as_dict() for party in self.parties]
		problem = mediation.parties_problem(parties, respondent_needed=self.case_state != mediation.REQUESTED)
		messages = {
			"no_applicant": _("Add the party who asks for mediation, with the role {0}."),
			"no_respondent": _("Add the other party to the dispute, with the role {0}."),
		}
		if problem:
			role = mediation.APPLICANT if problem == "no_applicant" else mediation.RESPONDENT
			frappe.throw(messages[problem].format(_(role)), PartiesError, title=_("Parties"))
		if not self.applicant_name:
			self.applicant_name = next(p.party_name for p in self.parties if p.role == mediation.APPLICANT)

	def validate_committee(self):
		if not self.committee:
			return
		kind = frappe.db.get_value("Legal Service Institution", self.committee, "institution_type")
		if kind != COMMITTEE_TYPE:
			frappe.throw(
				_("{0} is not a people's mediation committee.").format(self.committee),
				CommitteeError,
				title=_("Mediation Committee"),
			)

	def end_lapsed_confirmation_window(self):
		"""Once the Art 33 window has passed unused, mark it ended: the follow-up runs (and nobody is escalated)."""
		if self.current_step != mediation.CONFIRM_STEP or not self.current_due:
			return
		if get_datetime(self.current_due) < now_datetime():
			self.set(mediation.WINDOW_CLOSED_FIELD, 1)
			self.set_current_deadline()

	def on_state_entry(self, previous_state, state, now):
		"""The outcome and its duration are stored when the outcome is recorded (reports sum them)."""
		if outcome := mediation.outcome_for(state):
			self.outcome = outcome
			self.duration_days = mediation.duration_days(
				get_datetime(self.accepted_on) if self.accepted_on else None, now
			)

	def validate_state_requirements(self):
		"""The declared requirements, with a written agreement's (Art 29) and a follow-up's."""
		if missing := mediation.missing_for_state(self.case_state, self.as_dict()):
			labels = ", ".join(_(self.meta.get_label(field)) for field in missing)
			frappe.throw(
				_("Before the case can be {0}, fill in: {1}").format(_(self.case_state), labels),
				StepIncompleteError,
				title=_("Step Incomplete"),
			)

	def on_update(self):
		if self.has_value_changed("workflow_state") or self.flags.get("in_insert"):
			self.follow_order()
			if self.case_state == mediation.AGREEMENT_REACHED:
				from qh_legal_service.mediation.reminders import remind_confirmation_window

				remind_confirmation_window(self)

	def follow_order(self):
		"""The order this case answers learns it was accepted, refused or completed (订单式流转)."""
		if not self.service_order or not frappe.db.exists("Service Order", self.service_order):
			return
		from qh_legal_service import service_order

		status = frappe.db.get_value("Service Order", self.service_order, "status")
		if status == "Sent" and self.case_state in (mediation.ACCEPTED, mediation.IN_MEDIATION):
			service_order.accept_order(self.service_order, target_doc=self)
		elif status == "Sent" and self.case_state == mediation.NOT_ACCEPTED:
			service_order.refuse_order(self.service_order, self.not_accepted_reason)
		elif status == "Accepted" and self.case_state == mediation.CLOSED:
			service_order.complete_order(self.service_order, _(self.outcome or mediation.CLOSED), self.name)


def on_doctype_update():
	add_area_indexes("Mediation Case")
	# Mediation Outcomes counts a year of requests in the reader's area: a county's or a township's few
	# thousand rows are read through (column, request time). A prefecture's share of a million rows, or the
	# province's, is read faster by one scan than by as many index look-ups (benchmarks/RESULTS.md).
	for column in ("county", "township"):
		frappe.db.add_index("Mediation Case", [column, "requested_on"], f"{column}_requested_on_index")

# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime

from qh_legal_service.notarization import orders
from qh_legal_service.resident_id import checked_resident_id
from qh_legal_service.rules import notarization as nt
from qh_legal_service.scoping import add_area_indexes, get_area_path, is_portal_user
from qh_legal_service.service_case import ServiceCase

NOTARY_OFFICE = "Notary Office"


class CertificateLanguageError(frappe.ValidationError):
	pass


class NotANotaryOfficeError(frappe.ValidationError):
	"""A referral sent to an institution that is not a notary office."""


class NotarizationReferral(ServiceCase):
	"""A matter referred to a notary office, from referral to the certificate's return."""

	def before_validate(self):
		super().before_validate()
		if self.is_new() and is_portal_user(frappe.session.user):
			# A citizen asks for themselves, on the portal, whatever the form sent.
			self.source = nt.PORTAL
			self.applicant_user = frappe.session.user
		elif self.is_new() and self.legal_aid_application:
			self.source = nt.LEGAL_AID_CASE
			# The case's applicant follows the referral on the portal (a read share, see hooks).
			self.applicant_user = frappe.db.get_value(
				"Legal Aid Application", self.legal_aid_application, "applicant_user"
			)

	def validate(self):
		self.validate_resident_id()
		self.validate_notary_office()
		self.validate_certificate_language()
		self.validate_legal_aid_link()
		self.stamp_state_entry()
		self.set_fee_relief()
		self.validate_state_requirements()
		self.set_current_deadline()

	def validate_resident_id(self):
		self.id_number = checked_resident_id(self.id_number)

	def validate_notary_office(self):
		if not self.notary_office:
			return
		kind = frappe.db.get_value("Legal Service Institution", self.notary_office, "institution_type")
		if kind != NOTARY_OFFICE:
			frappe.throw(
				_("{0} is not a notary office.").format(self.notary_office),
				NotANotaryOfficeError,
				title=_("Notary Office"),
			)

	def validate_certificate_language(self):
		area = get_area_path(self.division).values() if self.division else ()
		if not nt.certificate_language_allowed(self.certificate_language, area):
			frappe.throw(
				_(
					"A certificate with a Mongolian text is made only in Haixi and Henan county; it is always in Chinese, with a Tibetan or Mongolian text at the party's request (公证法 Art 32)."
				)
				if self.certificate_language == nt.WITH_MONGOLIAN
				else _(
					"Choose the certificate's language: Chinese, with a Tibetan or Mongolian text if the party asks (公证法 Art 32)."
				),
				CertificateLanguageError,
				title=_("Certificate Language"),
			)

	def validate_legal_aid_link(self):
		# The case's decision grants fee relief: only a case the user may read can be linked.
		if not self.legal_aid_application or not (
			self.is_new() or self.has_value_changed("legal_aid_application")
		):
			return
		if not frappe.has_permission("Legal Aid Application", "read", self.legal_aid_application):
			frappe.throw(
				_("You may not link legal aid application {0}.").format(self.legal_aid_application),
				frappe.PermissionError,
			)

	def on_state_entry(self, previous_state, state, now):
		if nt.stamps_acceptance(previous_state, state):
			self.accepted_on = now
		if nt.opens_pause(previous_state, state):
			self.append("pauses", {"reason": self.pause_reason, "paused_from": now})
		if nt.ends_pause(previous_state, state):
			for row in self.pauses:
				row.paused_to = row.paused_to or now
			self.pause_reason = None
		if state == nt.ISSUED:
			due = get_datetime(self.current_due) if self.current_due else None
			self.finished_in_time = int(nt.finished_in_time(now, due))

	def set_fee_relief(self):
		# Decided while the matter is open; a refused or finished referral keeps what it had.
		if self.case_state in nt.FINAL_STATES or self.case_state == nt.ISSUED:
			return
		state, answer = None, None
		if self.legal_aid_application:
			state, answer = frappe.db.get_value(
				"Legal Aid Application", self.legal_aid_application, ["workflow_state", "eligibility"]
			) or (None, None)
		groups = [name for name in nt.WAIVER_GROUP_FIELDS if self.get(name)]
		relief = nt.fee_relief(state, answer, groups)
		self.fee_relief = int(relief.granted)
		self.fee_relief_basis = relief.basis

	def running_step(self):
		# Each pause row is named by its own reason in the explanation.
		rows = [
			{
				"reason": row.reason,
				"paused_from": get_datetime(row.paused_from) if row.paused_from else None,
				"paused_to": get_datetime(row.paused_to) if row.paused_to else None,
			}
			for row in self.pauses
		]
		return nt.with_row_reasons(super().running_step(), rows)

	def on_update(self):
		orders.follow_referral(self)


def on_doctype_update():
	add_area_indexes("Notarization Referral")

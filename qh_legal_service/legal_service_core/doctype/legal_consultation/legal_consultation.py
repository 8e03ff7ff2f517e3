# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import get_datetime, now_datetime

from qh_legal_service.field_access import is_citizen
from qh_legal_service.rules import matters
from qh_legal_service.rules.languages import PORTAL_LANGUAGES
from qh_legal_service.scoping import AreaScopedDocument, add_area_indexes

PROVINCE = "630000"


class QuestionError(frappe.ValidationError):
	"""A portal question that is empty, too short or too long."""


class LegalConsultation(AreaScopedDocument):
	"""A consultation at a window, on the 12348 hotline, on the portal (12348 Online) or on a village visit."""

	def before_validate(self):
		super().before_validate()
		if self.is_new() and is_citizen(frappe.session.user):
			self.set_portal_question()

	def set_portal_question(self):
		"""A question asked on the portal: the channel, the time, the language and who asked are the server's."""
		self.channel = matters.PORTAL
		self.status = matters.OPEN
		self.consulted_on = now_datetime()
		lang = (frappe.local.lang or "").split("-")[0]
		self.language = lang if lang in PORTAL_LANGUAGES else None
		# A visitor need not know their village: the province's legal service answers, or passes it on.
		self.division = self.division or PROVINCE
		if frappe.session.user != "Guest":
			self.citizen_user = frappe.session.user

	def validate(self):
		# The desk's datetime control keeps minutes only: finer parts would mark every form unsaved.
		self.consulted_on = get_datetime(self.consulted_on or now_datetime()).replace(second=0, microsecond=0)
		if self.channel == matters.PORTAL:
			self.validate_question()
		self.stamp_answer()

	def validate_question(self):
		self.question = (self.question or "").strip()
		problem = matters.question_problem(self.question)
		if problem == "too_long":
			frappe.throw(
				_("Please keep the question under {0} characters.").format(matters.QUESTION_MAX_LENGTH),
				QuestionError,
				title=_("Question Too Long"),
			)
		if problem:
			frappe.throw(
				_("Please write your question in a few words at least."), QuestionError, title=_("Question")
			)
		if not matters.normalise_phone(self.citizen_phone):
			frappe.throw(
				_("Please give a phone number: you need it with the reference to read the answer."),
				QuestionError,
				title=_("Phone"),
			)

	def stamp_answer(self):
		"""The first answer marks the consultation answered, by whom and when."""
		if not (self.answer or "").strip() or self.answered_on:
			return
		self.answered_on = now_datetime()
		self.answered_by = frappe.session.user
		if self.status == matters.OPEN:
			self.status = matters.ANSWERED


def on_doctype_update():
	add_area_indexes("Legal Consultation")

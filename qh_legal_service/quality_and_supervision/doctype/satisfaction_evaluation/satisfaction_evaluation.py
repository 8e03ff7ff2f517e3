# Copyright (c) 2026, Qinghai Public Legal Service developers
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.utils import now_datetime

from qh_legal_service.field_access import is_citizen, keep_citizen_to_allowed_fields
from qh_legal_service.quality_and_supervision import satisfaction as site
from qh_legal_service.quality_and_supervision.doctype.satisfaction_settings.satisfaction_settings import (
	sync_bad_review_rule,
)
from qh_legal_service.rules import satisfaction as sat
from qh_legal_service.scoping import add_area_indexes
from qh_legal_service.service_case import ServiceCase


class SatisfactionEvaluation(ServiceCase):
	"""One person's evaluation of one service record; a bad review is rectified and called back."""

	def before_validate(self):
		# What a citizen sent is kept to the allow-list first; the server then fills in the rest.
		keep_citizen_to_allowed_fields(self)
		if self.is_new():
			self.copy_from_record()
		self.set_area_columns()

	def copy_from_record(self):
		"""Area, institution and the person come from the evaluated record, never from the form."""
		site.service_record(self.reference_doctype)
		if is_citizen(frappe.session.user) and not self.flags.answer_checked:
			# A citizen answers through the survey page, which checks the record is theirs.
			frappe.throw(_("You can evaluate only services you were given."), frappe.PermissionError)
		if not frappe.db.exists(self.reference_doctype, self.reference_name):
			frappe.throw(_("{0} {1} does not exist.").format(_(self.reference_doctype), self.reference_name))
		record = frappe.get_doc(self.reference_doctype, self.reference_name)
		if not self.flags.answer_checked:
			# Staff record an answer (by phone) only for a record they may read.
			record.check_permission("read")
		facts = site.record_facts(record)
		evaluator = self.flags.evaluator or {}
		self.division = facts.division
		self.institution = facts.institution
		self.channel = self.flags.channel or sat.PHONE
		self.evaluated_on = self.evaluated_on if self.flags.keep_evaluated_on else now_datetime()
		self.evaluator_name = evaluator.get("name") or facts.person_name
		self.evaluator_user = evaluator.get("user") or (facts.user if self.channel != sat.PHONE else None)
		self.evaluator_key = evaluator.get("key") or (
			sat.person_key(evaluator.get("user"), self.evaluator_name, None)
			if evaluator.get("user")
			else facts.person_key
		)
		self.survey_link = evaluator.get("survey_link")

	def validate(self):
		self.validate_once_per_person()
		self.status = sat.status_for(self.level, self.as_dict())
		self.stamp_state_entry()
		self.validate_state_requirements()
		# The Deadline Rule follows the setting even after a migrate reloaded the shipped rules.
		sync_bad_review_rule()
		self.set_current_deadline()

	def validate_once_per_person(self):
		if self.is_new() and site.already_evaluated(
			self.reference_doctype, self.reference_name, self.evaluator_key
		):
			frappe.throw(
				_("{0} has already evaluated {1}.").format(
					self.evaluator_name or _("This person"), self.reference_name
				),
				site.AlreadyEvaluatedError,
				title=_("Already Evaluated"),
			)


def on_doctype_update():
	add_area_indexes("Satisfaction Evaluation")
	# One evaluation per record per person is looked up on every answer.
	frappe.db.add_index(
		"Satisfaction Evaluation",
		["reference_doctype", "reference_name", "evaluator_key"],
		"reference_evaluator_index",
	)

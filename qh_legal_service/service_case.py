"""The controller side of the service-case mechanism: one mixin times every service case.

A service's doctype subclasses `ServiceCase` and is declared in `rules.services.SERVICES` (its states,
steps, stamps, required fields and documents) and in hooks `service_cases`. On every save the mixin
records the state entered (`states_passed`, the entry stamp, escalation cleared), checks what the state
requires, finds the running step, computes its due moment with the site's statutory calendar, stores the
explanation as data (`deadline_lines`) worded in the site's language, and keeps the step log, the facts
supervisors count. Service-specific work on entering a state goes in `on_state_entry`.
"""

import json

import frappe
from frappe import _
from frappe.model.workflow import get_transitions
from frappe.utils import get_datetime, getdate, now_datetime

from qh_legal_service.deadline_wording import word_lines
from qh_legal_service.rules import deadlines
from qh_legal_service.rules.documents import record_state
from qh_legal_service.rules.service_case import (
	RunningStep,
	ServiceDeclaration,
	StepFact,
	log_step,
	missing_for_state,
	running_step,
)
from qh_legal_service.rules.services import SERVICES
from qh_legal_service.scoping import AreaScopedDocument
from qh_legal_service.statutory_calendar import compute_rule_due


class StepIncompleteError(frappe.ValidationError):
	"""A state entered without what it requires (reasons, a worker, an outcome...)."""


def service_of(doctype: str) -> ServiceDeclaration:
	"""The declaration of a service case doctype."""
	return SERVICES[doctype]


class ServiceCase(AreaScopedDocument):
	"""A record of a declared service, timed and logged by the mechanism."""

	# Named so as not to shadow a service's own fields (a Service Order has a `service`, legal aid an
	# `in_custody`).
	@property
	def declaration(self) -> ServiceDeclaration:
		return service_of(self.doctype)

	@property
	def case_state(self) -> str:
		"""The workflow state, the service's first state while none is set."""
		return self.get(self.declaration.state_field) or self.declaration.initial_state

	def previous_state(self) -> str | None:
		previous = self.get_doc_before_save()
		return previous.get(self.declaration.state_field) if previous else None

	def entering_state(self) -> bool:
		"""Whether this save moves the case into a state (a new case enters its first one)."""
		return self.is_new() or self.has_value_changed(self.declaration.state_field)

	def onload(self):
		# The explanation is stored in the site's language; each reader gets their own.
		if self.get("deadline_lines"):
			self.deadline_explanation = word_lines(self.deadline_lines)

	def on_state_entry(self, previous_state: str | None, state: str, now) -> None:
		"""Service-specific work when the case enters `state` (after the stamp, before the checks)."""

	def stamp_state_entry(self) -> None:
		"""Record the state entered, set its stamp, and clear the escalation of the step that ended."""
		if not self.entering_state():
			return
		state, previous_state, now = self.case_state, self.previous_state(), now_datetime()
		self.states_passed = record_state(self.states_passed, state)
		if stamp := self.declaration.stamped_on_entry.get(state):
			self.set(stamp, now)
		self.on_state_entry(previous_state, state, now)
		if state != previous_state:
			self.escalated_step = None
			self.escalated_on = None

	def validate_state_requirements(self) -> None:
		if missing := missing_for_state(self.declaration, self.case_state, self.as_dict()):
			labels = ", ".join(_(self.meta.get_label(field)) for field in missing)
			frappe.throw(
				_("Before the case can be {0}, fill in: {1}").format(_(self.case_state), labels),
				StepIncompleteError,
				title=_("Step Incomplete"),
			)

	def step_values(self) -> dict:
		"""The record's values the steps read, as Python moments and days."""
		values = self.as_dict()
		for name in self.declaration.datetime_fields:
			values[name] = get_datetime(values[name]) if values.get(name) else None
		for name in self.declaration.date_fields:
			values[name] = getdate(values[name]) if values.get(name) else None
		for table, ends in self.declaration.pause_tables.items():
			values[table] = [
				{
					**{end: get_datetime(row.get(end)) if row.get(end) else None for end in ends},
					"reason": row.get("reason"),
				}
				for row in self.get(table) or ()
			]
		return values

	def running_step(self) -> RunningStep | None:
		"""The time-limited step the case is in now, if any."""
		return running_step(self.declaration.steps, self.case_state, self.step_values())

	def step_in_custody(self, step: RunningStep) -> bool:
		return bool(step.rule.in_custody_field and self.get(step.rule.in_custody_field))

	def set_current_deadline(self) -> None:
		"""Time the running step and keep the step log; no step, no deadline."""
		step = self.running_step()
		if step is None or not step.timed:
			self.current_step, self.current_due = None, None
			self.deadline_lines, self.deadline_explanation = None, None
			self.update_step_log(None)
			return
		if step.paused_since:
			# A pause still open stops the clock (公证法 Art 30): no due moment, so nothing is overdue or
			# escalated while it lasts; its end gives the due moment with the whole pause left out.
			self.current_step, self.current_due = step.name, None
			lines = [
				(
					"clock_stopped",
					{"since": deadlines.format_moment(step.paused_since), "reason": step.paused_for},
				)
			]
			self.deadline_lines = json.dumps(lines, ensure_ascii=False)
			self.deadline_explanation = word_lines(lines, frappe.get_system_settings("language") or "zh")
			self.update_step_log(
				StepFact(step.name, step.rule_code, step.start or get_datetime(self.creation), None)
			)
			return
		if step.fixed_due:
			due, lines = step.fixed_due, [("fixed_due", {})]
		else:
			computed = compute_rule_due(
				step.rule_code, step.start, step.pauses, in_custody=self.step_in_custody(step)
			)
			due, lines = computed.due, computed.lines
		self.current_step, self.current_due = step.name, due
		# The lines are stored as data and worded for whoever reads them (see onload).
		self.deadline_lines = json.dumps(lines, ensure_ascii=False)
		# Stored in the site's language whoever saves, so the record's history never shows one reader's
		# wording changing into another's.
		self.deadline_explanation = word_lines(lines, frappe.get_system_settings("language") or "zh")
		self.update_step_log(
			StepFact(step.name, step.rule_code, step.start or get_datetime(self.creation), due)
		)

	def update_step_log(self, running: StepFact | None) -> None:
		"""End the steps that no longer run and keep the running one open, as `Service Case Step` rows."""
		fields = (
			"step",
			"rule_code",
			"started_on",
			"due_on",
			"ended_on",
			"ended_in_state",
			"late",
			"overrun_hours",
			"escalated_on",
		)
		rows = [
			{
				name: get_datetime(row.get(name)) if name.endswith("_on") and row.get(name) else row.get(name)
				for name in fields
			}
			for row in self.get("step_log") or ()
		]
		logged = log_step(rows, running, now_datetime(), self.case_state)
		if logged == rows:
			return
		self.set("step_log", logged)

	def remaining(self):
		"""Time left until the running step is due (negative when overdue), or None."""
		if not self.get("current_due"):
			return None
		return deadlines.remaining(get_datetime(self.current_due), now_datetime())

	def is_overdue(self) -> bool:
		return bool(self.get("current_due")) and deadlines.is_overdue(
			get_datetime(self.current_due), now_datetime()
		)


def boot_session(bootinfo) -> None:
	"""The desk learns which doctypes are service cases, for their workflow actions' dialogs."""
	bootinfo.qh_service_cases = list(frappe.get_hooks("service_cases"))


@frappe.whitelist()
def fields_for_action(doctype: str, name: str, action: str) -> list[str]:
	"""The fields the state an action leads to requires, so the desk asks for them with the action."""
	if doctype not in frappe.get_hooks("service_cases"):
		frappe.throw(_("{0} is not a service case.").format(doctype), frappe.PermissionError)
	doc = frappe.get_doc(doctype, name)
	doc.check_permission("write")
	for transition in get_transitions(doc):
		if transition.action == action:
			return list(service_of(doctype).required_in_state.get(transition.next_state, ()))
	return []


@frappe.whitelist(methods=["POST"])
def save_action_fields(doctype: str, name: str, action: str, values: dict | str) -> None:
	"""Save what an action's next state needs, just before the action is taken from the desk.

	Frappe's apply_workflow reloads the record before it moves it, so the dialog's answers must be in
	the database first; and the record's state may be one its user cannot edit (the bureau records an
	objection to a refusal the centre wrote). So exactly the fields the next state needs are written,
	and only for a user whom the workflow lets take the action.
	"""
	values = frappe.parse_json(values) or {}
	needed = fields_for_action(doctype, name, action)
	if not needed:
		frappe.throw(
			_("{0} asks for nothing, or you may not take it on {1}.").format(_(action), name),
			frappe.PermissionError,
		)
	doc = frappe.get_doc(doctype, name)
	doc.update({fieldname: values.get(fieldname) for fieldname in needed})
	doc.flags.ignore_permissions = True  # the workflow has just said this user may take the action
	doc.save()

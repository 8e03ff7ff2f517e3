"""The citizens' mediation request form: the language switch, where the request stands, what happened to it,
what to do next and, once a written agreement is reached, the agreement to download; only the citizen's own
requests."""

import frappe
from frappe import _
from frappe.utils import format_datetime

from qh_legal_service.portal_records import language_switch, new_request, own_requests, request_page, when
from qh_legal_service.rules import mediation as m

DOCTYPE = "Mediation Case"

# How each state entered reads, as a literal per line so that the catalogues keep it.
_EVENTS = {
	m.REQUESTED: lambda: _("Your request for mediation was received."),
	m.ACCEPTED: lambda: _("The mediation committee accepted the request (受理)."),
	m.NOT_ACCEPTED: lambda: _("The mediation committee did not accept the request"),
	m.IN_MEDIATION: lambda: _("Mediation began."),
	m.AGREEMENT_REACHED: lambda: _("The parties reached an agreement."),
	m.AGREEMENT_NOT_REACHED: lambda: _(
		"No agreement was reached: you may seek other lawful ways, such as a lawsuit"
	),
	m.WITHDRAWN: lambda: _("The mediation ended at a party's request"),
	m.CLOSED: lambda: _("The case was closed."),
}


def get_context(context):
	"""Put the language switch above a new form, and the status and history on a request already sent."""
	switch = language_switch()
	if context.is_new:
		new_request(
			context,
			switch,
			_("Request Mediation"),
			_("My Mediation Requests"),
			_(
				"Ask a people's mediation committee to help settle a dispute, free of charge. A mediator will contact you and the other party."
			),
		)
	doc = context.get("reference_doc") or {}
	request_page(
		context,
		DOCTYPE,
		doc,
		switch,
		next_step=next_step(doc),
		history=history_section(doc) if doc.get("name") else None,
	)


def get_list_context(context):
	"""The list shows the citizen's own requests."""
	context.get_list = own_requests("dispute_type")
	return context


def next_step(doc) -> dict | None:
	"""What the citizen may do now: apply for judicial confirmation while the window is open (Art 33)."""
	if not doc.get("name"):
		return None
	if doc.get("current_step") == m.CONFIRM_STEP and doc.get("current_due"):
		text = _(
			"Both parties may apply together to the people's court for judicial confirmation of the agreement until {0} (Art 33)."
		).format(format_datetime(doc.current_due))
	elif doc.get("workflow_state") in m.FINAL_STATES:
		text = _("Nothing: this case is over.")
	else:
		text = _("Nothing for now: the mediator will contact you.")
	return {"heading": _("What You Can Do Next"), "text": text}


def history_section(doc) -> dict:
	"""What happened to the request, oldest first."""
	values = frappe.get_doc(DOCTYPE, doc.get("name")).as_dict()
	lines = [
		{"when": when(moment), "text": _EVENTS[state](), "details": [detail] if detail else []}
		for state, moment, detail in m.history(values)
	]
	return {"heading": _("What Happened"), "lines": lines}

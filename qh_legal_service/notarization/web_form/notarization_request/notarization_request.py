"""The citizens' notarization request form: the language switch, where the request stands, what
happened to it and, once issued, the certificate's number; only the citizen's own requests."""

import frappe
from frappe import _

from qh_legal_service.portal_records import language_switch, new_request, own_requests, request_page, when
from qh_legal_service.portal_records import status_lines as shared_status_lines
from qh_legal_service.rules import notarization as nt

# How each kind of event reads, as a literal per line so that the catalogues keep it.
_EVENTS = {
	"referred": lambda: _("Your request was received and referred to a notary office."),
	"accepted": lambda: _("The notary office accepted the matter (受理)."),
	"paused": lambda: _("The notary office paused the time limit"),
	"resumed": lambda: _("The notary office resumed the matter"),
	"refused": lambda: _("The notary office does not handle the matter"),
	"issued": lambda: _("The notarial certificate was issued"),
	"closed": lambda: _("The result was returned and the referral closed."),
}


def get_context(context):
	"""Put the language switch above a new form, and the status and history on a request already sent."""
	switch = language_switch()
	if context.is_new:
		new_request(
			context,
			switch,
			_("Ask for a Notarization Referral"),
			_("My Notarization Requests"),
			_(
				"Ask for a notarization referral: we send your matter to a notary office, which accepts it or tells you why not."
			),
		)
	doc = context.get("reference_doc") or {}
	if doc.get("materials") == "":
		doc.pop("materials")
	request_page(
		context,
		nt.DOCTYPE,
		doc,
		switch,
		status=status_lines(doc),
		history=history_section(doc) if doc.get("name") else None,
	)


def get_list_context(context):
	"""The list shows the citizen's own requests."""
	context.get_list = own_requests("matter_type")
	return context


def status_lines(doc) -> list[dict]:
	"""Where the request stands, in the reader's language, with the certificate and any fee relief."""
	lines = shared_status_lines(doc)
	if doc.get("certificate_number") and doc.get("issued_on"):
		lines.append({"label": _("Certificate Number"), "value": doc.certificate_number})
	if doc.get("fee_relief"):
		lines.append({"label": _("Fee Relief"), "value": _(doc.fee_relief_basis or "Fee Relief")})
	return lines


def history_section(doc) -> dict:
	"""What happened to the request, oldest first."""
	values = frappe.get_doc(nt.DOCTYPE, doc.get("name")).as_dict()
	lines = []
	for event in nt.history(values):
		text = _EVENTS[event.kind]()
		detail = event.detail
		if event.kind in ("paused", "resumed") and detail:
			# A pause reason is one of the Select's values; a refusal reason is the office's own words.
			detail = _(detail)
		lines.append({"when": when(event.when), "text": text, "details": [detail] if detail else []})
	return {"heading": _("History"), "lines": lines}

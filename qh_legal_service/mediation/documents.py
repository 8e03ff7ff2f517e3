"""What the people's mediation agreement needs beyond the record: its committee, its copies, its mediators.

Declared in `rules.mediation.DOCUMENTS` and printed by the shared `service_documents` module (print view,
PDF and Word alike); the wording is templates/print/mediation/agreement.html.
"""

import frappe
from frappe.model.document import Document

from qh_legal_service.rules import mediation
from qh_legal_service.rules.divisions import tibetan_place_name
from qh_legal_service.rules.tibetan import bare
from qh_legal_service.service_documents import Issuer, bi, office_name

COMMITTEE_TYPE = "People's Mediation Committee"


def committee_name(doc: Document) -> dict:
	"""The committee in both languages: its own Tibetan name, else its place's Tibetan name and the office."""
	if not doc.committee:
		return bi("", "")
	name_zh, name_bo, division = frappe.db.get_value(
		"Legal Service Institution", doc.committee, ["institution_name", "institution_name_bo", "division"]
	)
	if name_bo:
		return bi(bare(name_bo), name_zh)
	place_zh, place_bo = frappe.db.get_value(
		"Administrative Division", division, ["division_name", "division_name_bo"]
	) or ("", "")
	derived = office_name(tibetan_place_name(place_bo, place_zh), place_zh, COMMITTEE_TYPE)
	return bi(bare(derived["bo"]), name_zh)


def get_issuer(doc: Document) -> Issuer:
	"""The committee that mediated the dispute issues the agreement under its seal (Art 29)."""
	committee = committee_name(doc)
	return Issuer(letterhead=committee, offices={"committee": committee})


def copy_count(doc: Document) -> int:
	"""One copy for each party and one for the committee, three at least (Art 29)."""
	return mediation.copy_count(len(doc.parties or ()))


def agreement_facts(doc: Document) -> dict:
	"""The committee's name, the mediators' names and the number of copies, for the template."""
	workers = [row.mediator for row in doc.mediators or () if row.mediator]
	names = (
		frappe.get_all("Legal Service Worker", filters={"name": ["in", workers]}, pluck="worker_name")
		if workers
		else []
	)
	return {"committee": committee_name(doc), "mediators": "、".join(names), "copies": copy_count(doc)}

"""The six official legal aid documents, Tibetan and Chinese on one page (法律援助法 Art 43, 48, 49).

What is legal aid's own: the issuer (the applicant's county legal aid centre, and the justice bureau that
hears an objection), the facts the assignment and termination letters name, and the prose in
templates/print/legal_aid/<document>.html (layout.html for the words every document shares). Which
document a case may produce, its print format, template and date are declared in
`rules.legal_aid_documents`; everything else (rendering into bilingual blocks, the refusals on every
print path, Word, the downloads) is the shared `qh_legal_service.service_documents`, which the names
below keep reachable for legal aid's callers (the portal's download links, the tests).
"""

from dataclasses import dataclass

import frappe
from frappe import _lt
from frappe.model.document import Document
from frappe.utils import cstr

from qh_legal_service import service_documents as shared
from qh_legal_service.rules.divisions import tibetan_place_name
from qh_legal_service.rules.tibetan import bare

# Legal aid's callers (the portal, the tests) import these from here.
from qh_legal_service.service_documents import (
	DocumentNotAvailableError,
	allowed_documents,
	bi,
	build_word,
	date_text,
	document_refusal,
	document_title,
	ensure_document_allowed,
	office_name,
	official_documents,
	script_runs,
	script_spans,
	term,
	word_bytes,
)

DOCTYPE = "Legal Aid Application"

# The templates of the documents' prose, relative to the app (as Frappe's Jinja loader reads them).
PROSE_TEMPLATES = f"{shared.PRINT_TEMPLATES}/legal_aid"

# The catalogue's msgids of the offices a document names (the screens use the same entries).
LEGAL_AID_CENTRE = _lt("Legal Aid Centre")
JUSTICE_BUREAU = _lt("Justice Bureau")


@dataclass(frozen=True)
class Issuer:
	"""The legal aid centre that issues the document and the justice bureau that set it up."""

	centre: dict
	bureau: dict

	@property
	def letterhead(self) -> dict:
		"""The office the shared layout prints at the top and above the seal."""
		return self.centre


def county_of(doc: Document) -> str | None:
	"""The code of the applicant's county (filled on save; walked up from the division otherwise)."""
	code = doc.get("county")
	if not code and doc.get("division"):
		code = doc.division
		while code:
			tier, parent = frappe.db.get_value(
				"Administrative Division", code, ["tier", "parent_administrative_division"]
			) or (None, None)
			if tier in ("County", None):
				break
			code = parent
	return code


def get_issuer(doc: Document) -> Issuer:
	"""The county legal aid centre of the applicant (its record if there is one, else a derived name)."""
	county = county_of(doc)
	zh_name, bo_name = (
		frappe.db.get_value("Administrative Division", county, ["division_name", "division_name_bo"])
		if county
		else None
	) or ("", "")
	bo_name = tibetan_place_name(bo_name, zh_name)
	centre = frappe.db.get_value(
		"Legal Service Institution",
		{"institution_type": "Legal Aid Centre", "division": county, "disabled": 0},
		["institution_name", "institution_name_bo"],
		order_by="creation asc",
	)
	if centre:
		centre_text = bi(centre[1] or office_name(bo_name, zh_name, LEGAL_AID_CENTRE)["bo"], centre[0])
	else:
		centre_text = office_name(bo_name, zh_name, LEGAL_AID_CENTRE)
	return Issuer(centre=centre_text, bureau=office_name(bo_name, zh_name, JUSTICE_BUREAU))


def office_terms(doc: Document) -> dict:
	"""The offices every legal aid document may name, as catalogue entries for `term`."""
	return {"legal_aid_centre": LEGAL_AID_CENTRE, "justice_bureau": JUSTICE_BUREAU}


def assignment_facts(doc: Document) -> dict:
	"""The assigned worker and institution, named in both languages."""
	worker = (
		frappe.db.get_value(
			"Legal Service Worker", doc.assigned_worker, ["worker_name", "worker_name_bo"], as_dict=True
		)
		if doc.assigned_worker
		else None
	) or frappe._dict()
	institution = (
		frappe.db.get_value(
			"Legal Service Institution",
			doc.assigned_institution,
			["institution_name", "institution_name_bo"],
			as_dict=True,
		)
		if doc.assigned_institution
		else None
	) or frappe._dict()
	worker_zh = worker.worker_name or cstr(doc.assigned_worker)
	inst_zh = institution.institution_name or ""
	return {
		**office_terms(doc),
		"worker_zh": worker_zh,
		"worker_bo": bare(worker.worker_name_bo or worker_zh),
		"inst_zh": inst_zh,
		"inst_bo": bare(institution.institution_name_bo or inst_zh),
	}


def termination_facts(doc: Document) -> dict:
	"""Whether the aid ended was given by a decision to approve."""
	# Otherwise a notified defence (Art 36) or urgent aid (Art 44): aid given without a decision to approve.
	return {**office_terms(doc), "approved": document_refusal(doc, "approval", for_applicant=False) is None}


# Legal aid's names for the shared machinery
# -------------------------------------------

# The documents by key, each with its print format, title and template (`shared.ServiceDocument`).
DOCUMENTS = shared.documents_of(DOCTYPE)


def render_prose(template: str, context: dict) -> tuple[list[dict], dict[str, dict]]:
	"""Render templates/print/legal_aid/<template>.html into its blocks and its named texts."""
	return shared.render_prose(f"legal_aid/{template}", context)


def layout_texts() -> dict[str, dict]:
	"""The words every legal aid document shares (statute, number, seal, date, hotline), from layout.html."""
	return shared.layout_texts("legal_aid")


def legal_aid_document(doc: Document, document: str) -> dict:
	"""Everything one legal aid document prints (`shared.service_document`)."""
	return shared.service_document(doc, document)


@frappe.whitelist()
def download_word(name: str, document: str) -> None:
	"""Send one of the official documents of an application as a Word file."""
	shared.download_word(DOCTYPE, name, document)


@frappe.whitelist()
def download_pdf(name: str, document: str) -> None:
	"""Send one of the official documents of an application as a PDF (the portal's download)."""
	shared.download_pdf(DOCTYPE, name, document)

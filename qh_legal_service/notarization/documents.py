"""What the notarization acceptance notice needs beyond the record: its notary office and its due date.

Declared in `rules.notarization.DOCUMENTS` and printed by the shared `service_documents` module (print
view, PDF and Word alike); the wording is templates/print/notarization/acceptance_notice.html.
"""

from frappe.model.document import Document

from qh_legal_service.rules import notarization as nt
from qh_legal_service.service_documents import Issuer, date_text, institution_issuer, term


def get_issuer(doc: Document) -> Issuer:
	"""The notary office that accepted the matter issues the notice."""
	return institution_issuer(doc, "notary_office")


def certificate_due(doc: Document):
	"""When the certificate is due as the notice states it: the certificate step's due when it started."""
	for row in doc.get("step_log") or ():
		if row.step == nt.ISSUE_STEP:
			return row.due_on
	return doc.current_due if doc.current_step == nt.ISSUE_STEP else None


def acceptance_facts(doc: Document) -> dict:
	"""The office's name, the matter and language as catalogue terms, the due date and the fee relief."""
	office = get_issuer(doc).letterhead
	return {
		"office": office,
		"matter": term(doc.matter_type),
		"language": term(doc.certificate_language),
		"due": date_text(certificate_due(doc)),
		"relief": term(doc.fee_relief_basis) if doc.fee_relief else None,
	}

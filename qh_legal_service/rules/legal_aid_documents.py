"""The six legal aid documents: the step of the workflow that issues each, and what each prints.

Pure: a declaration read by `rules.documents` (法律援助法 Art 43, 44, 48, 49).

- The receipt is issued on receipt and stands in every later state.
- The materials notice (一次性告知, Art 43) applies only while the materials are awaited.
- The approval and refusal decisions are issued when the centre decides (Art 43), and stand as the case
  goes on: an approved case assigned, closed, terminated or archived still has its approval; a refused
  case under objection or archived still has its refusal. A notified defence (Art 36) is assigned
  without a decision, and urgent aid (Art 44) is given before one: neither has an approval decision.
- The assignment letter is issued on assignment, the termination decision on termination (Art 48).
- When the justice bureau orders a correction (Art 49) the case goes back to review, where the centre
  decides afresh: the decisions and letters issued before the order no longer stand, and the re-review
  issues new ones. A refusal or termination under objection stands until the bureau decides.
"""

from functools import partial

from qh_legal_service.rules import legal_aid
from qh_legal_service.rules.documents import DocumentRule

# The bureau's order to correct sends the case from the objection back to review.
ORDERED_CORRECTED = frozenset({(legal_aid.OBJECTION_FILED, legal_aid.UNDER_REVIEW)})

# Every legal aid document is issued by the applicant's county legal aid centre and may name the offices
# (`office_terms`); its prose is in templates/print/legal_aid/<key>.html, beside layout.html.
_FACTS = "qh_legal_service.legal_aid.documents"
_document = partial(DocumentRule, issuer=f"{_FACTS}.get_issuer", facts=f"{_FACTS}.office_terms")

DOCUMENTS: dict[str, DocumentRule] = {
	"receipt": _document(
		print_format="Legal Aid Receipt",
		template="legal_aid/receipt",
		dated_by="received_on",
		issued_in=frozenset(legal_aid.STATES),
		required=("applicant_name", "received_on"),
	),
	"materials_notice": _document(
		print_format="Legal Aid Materials Notice",
		template="legal_aid/materials_notice",
		dated_by="materials_requested_on",
		issued_in=frozenset({legal_aid.MATERIALS_REQUESTED}),
		valid_in=frozenset({legal_aid.MATERIALS_REQUESTED}),
		required=("materials_notice", "materials_due"),
	),
	"approval": _document(
		print_format="Legal Aid Approval",
		template="legal_aid/approval",
		dated_by="decided_on",
		issued_in=frozenset({legal_aid.APPROVED}),
		set_aside_by=ORDERED_CORRECTED,
		required=("decided_on",),
	),
	"refusal": _document(
		print_format="Legal Aid Refusal",
		template="legal_aid/refusal",
		dated_by="decided_on",
		issued_in=frozenset({legal_aid.REFUSED}),
		set_aside_by=ORDERED_CORRECTED,
		required=("decided_on", "decision_reasons"),
	),
	"assignment": _document(
		print_format="Legal Aid Assignment Letter",
		template="legal_aid/assignment",
		dated_by="assigned_on",
		facts=f"{_FACTS}.assignment_facts",
		issued_in=frozenset({legal_aid.ASSIGNED}),
		set_aside_by=ORDERED_CORRECTED,
		required=("assigned_worker", "assigned_institution", "assigned_on"),
	),
	"termination": _document(
		print_format="Legal Aid Termination Notice",
		template="legal_aid/termination",
		dated_by="terminated_on",
		facts=f"{_FACTS}.termination_facts",
		issued_in=frozenset({legal_aid.TERMINATED}),
		set_aside_by=ORDERED_CORRECTED,
		required=("termination_reason", "terminated_on"),
	),
}

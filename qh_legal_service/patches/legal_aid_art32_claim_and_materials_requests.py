"""Legal aid applications: the Art 32 check boxes become the one claim an application is, and the
latest materials request becomes the first row of the requests table."""

import frappe

from qh_legal_service.rules.eligibility import (
	ABUSE_VICTIM_CLAIM,
	ART_32_CLAIM_MATTER,
	GOOD_SAMARITAN_CLAIM,
	HERO_MARTYR_CLAIM,
	RETRIAL_COMPENSATION_CLAIM,
	art32_claim_problem,
)

DOCTYPE = "Legal Aid Application"
# The old check boxes, in the statute's order: the first one ticked names the claim.
OLD_ART_32_FIELDS = {
	"hero_martyr_relative": HERO_MARTYR_CLAIM,
	"good_samaritan": GOOD_SAMARITAN_CLAIM,
	"retrial_state_compensation": RETRIAL_COMPENSATION_CLAIM,
	"abuse_victim": ABUSE_VICTIM_CLAIM,
}


def execute():
	frappe.reload_doc("legal_aid", "doctype", "legal_aid_materials_request")
	frappe.reload_doc("legal_aid", "doctype", "legal_aid_application")
	art32_claims_from_check_boxes()
	materials_requests_from_latest()


def art32_claims_from_check_boxes():
	"""The columns of the removed check boxes stay in the table until trimmed: read them there."""
	old = [field for field in OLD_ART_32_FIELDS if frappe.db.has_column(DOCTYPE, field)]
	if not old:
		return
	rows = frappe.get_all(
		DOCTYPE,
		filters={"art32_claim": ("is", "not set")},
		fields=["name", "matter_type", *old],
	)
	for row in rows:
		# A claim the matter type contradicts is left for the reviewer rather than guessed.
		fitting = [
			OLD_ART_32_FIELDS[field]
			for field in old
			if row.get(field) and not art32_claim_problem(OLD_ART_32_FIELDS[field], row.matter_type)
		]
		# A claim that can only be this matter type (retrial compensation) names it best.
		fitting.sort(key=lambda claim: ART_32_CLAIM_MATTER.get(claim) != row.matter_type)
		if fitting:
			frappe.db.set_value(DOCTYPE, row.name, "art32_claim", fitting[0], update_modified=False)


def materials_requests_from_latest():
	"""Records from before the table knew only their latest request: it becomes their first row."""
	rows = frappe.get_all(
		DOCTYPE,
		filters={"materials_requested_on": ("is", "set")},
		fields=[
			"name",
			"materials_requested_on",
			"materials_supplied_on",
			"materials_notice",
			"materials_due",
		],
	)
	for row in rows:
		if frappe.db.exists("Legal Aid Materials Request", {"parent": row.name, "parenttype": DOCTYPE}):
			continue
		supplied = row.materials_supplied_on
		frappe.get_doc(
			{
				"doctype": "Legal Aid Materials Request",
				"parent": row.name,
				"parenttype": DOCTYPE,
				"parentfield": "materials_requests",
				"idx": 1,
				"requested_on": row.materials_requested_on,
				"due": row.materials_due,
				"notice": row.materials_notice,
				"supplied_on": supplied if supplied and supplied > row.materials_requested_on else None,
			}
		).db_insert()

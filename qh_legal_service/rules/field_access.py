"""Who may set which field of a service record: the citizen's allow-list and the permission levels.

Pure: names and numbers only. The Frappe side (`qh_legal_service.field_access`) resets whatever a
citizen sends outside the allow-list, on every path (web form, REST, `frappe.client`), and Frappe's
own permission levels keep each staff role to its fields.
"""

import datetime as dt

from qh_legal_service.rules.legal_aid_stats import SPECIAL_GROUP_FLAGS

# Permission levels of a service record's fields (DocField.permlevel).
APPLICANT_LEVEL = 0  # what the applicant fills in: the citizen and staff
STAFF_LEVEL = 1  # what the handling staff enter: reviewers, the bureau
SERVER_LEVEL = 2  # what the server sets (stamps, computed answers, area columns): nobody
BUREAU_LEVEL = 3  # what only the justice bureau decides: objections, archiving

# What a citizen may set on the portal or through the API, by doctype. Anything else a citizen sends
# is reset to its default (a new record) or its stored value (an existing one).
CITIZEN_FIELDS: dict[str, frozenset[str]] = {
	"Legal Aid Application": frozenset(
		{
			"applicant_name",
			"id_number",
			"phone",
			"preferred_language",
			"division",
			"address",
			*SPECIAL_GROUP_FLAGS,
			"art32_claim",
			"other_waived_by_law",
			"basis_by_law",
			"matter_type",
			"work_injury",
			"aid_requested",
			"opposing_party",
			"facts",
			"household_size",
			"monthly_household_income",
			"honesty_pledge",
			"id_document",
			"hardship_document",
			"matter_document",
		}
	),
	# A notarization referral asked for on the portal (公证转介): the applicant, the matter, the
	# certificate's language and the Art 42 groups the fee relief reads.
	"Notarization Referral": frozenset(
		{
			"applicant_name",
			"id_number",
			"phone",
			"preferred_language",
			"division",
			"minor",
			"elderly_without_income",
			"disabled_without_income",
			"social_assistance_recipient",
			"entitled_group",
			"matter_type",
			"certificate_language",
			"matter_description",
			"materials",
		}
	),
	# A request for people's mediation on the portal: who asks, where, what the dispute is and its parties.
	"Mediation Case": frozenset(
		{
			"applicant_name",
			"applicant_id_number",
			"applicant_phone",
			"preferred_language",
			"applicant_address",
			"other_party_name",
			"other_party_phone",
			"other_party_address",
			"division",
			"dispute_type",
			"dispute_summary",
			"parties",
		}
	),
	# A question asked on the portal (12348 Online), by a signed-in citizen or a visitor: who asks, the
	# phone that later unlocks the answer with the reference, where, what about and the question.
	"Legal Consultation": frozenset(
		{
			"citizen_name",
			"citizen_phone",
			"division",
			"matter_type",
			"question",
		}
	),
	# A satisfaction evaluation (好差评) a citizen gives on the portal or through a survey link: which record,
	# the level and a comment. The server copies the rest from the record and checks it is theirs.
	"Satisfaction Evaluation": frozenset({"reference_doctype", "reference_name", "level", "comment"}),
}


def citizen_may_set(doctype: str, fieldname: str) -> bool:
	"""Whether a citizen's value for this field is kept."""
	return fieldname in CITIZEN_FIELDS.get(doctype, frozenset())


def has_citizen_allow_list(doctype: str) -> bool:
	"""Whether citizens may create or change records of this doctype at all."""
	return doctype in CITIZEN_FIELDS


def to_minute(moment: dt.datetime) -> dt.datetime:
	"""The minute a moment falls in: the desk keeps receipt times to the minute."""
	return moment.replace(second=0, microsecond=0)


def receipt_time_problem(
	received_on: dt.datetime, created_on: dt.datetime, now: dt.datetime, late_entry_reason: str | None
) -> str | None:
	"""What is wrong with a receipt time, if anything: "future", or "late_without_reason".

	A paper application entered later is a real case: staff may date its receipt before the record
	was created, with the reason written down. Nobody may date a receipt in the future.
	"""
	if to_minute(received_on) > to_minute(now):
		return "future"
	if to_minute(received_on) < to_minute(created_on) and not (late_entry_reason or "").strip():
		return "late_without_reason"
	return None

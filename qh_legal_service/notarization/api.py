"""Desk methods of notarization referrals: refer a legal aid case's applicant with one action."""

import frappe
from frappe import _

from qh_legal_service.rules import notarization as nt

# What a referral takes over from the legal aid application it is made from.
CARRIED_OVER = (
	"applicant_name",
	"id_number",
	"phone",
	"preferred_language",
	"division",
	*nt.WAIVER_GROUP_FIELDS,
)


@frappe.whitelist()
def refer_legal_aid_application(
	application: str,
	notary_office: str,
	matter_type: str,
	matter_description: str,
	certificate_language: str = nt.CHINESE,
) -> str:
	"""Refer the applicant of a legal aid case to a notary office; returns the new referral's name.

	The referral carries the applicant over and links the case (its fee relief reads the case's
	decision), and its order goes to the notary office from the case's legal aid centre.
	"""
	source = frappe.get_doc("Legal Aid Application", application)
	source.check_permission("read")
	frappe.has_permission(nt.DOCTYPE, "create", throw=True)
	referral = frappe.new_doc(nt.DOCTYPE)
	referral.update({name: source.get(name) for name in CARRIED_OVER})
	referral.update(
		{
			"source": nt.LEGAL_AID_CASE,
			"legal_aid_application": source.name,
			"referring_institution": source.get("assigned_institution") or _user_institution(),
			"notary_office": notary_office,
			"matter_type": matter_type,
			"matter_description": matter_description,
			"certificate_language": certificate_language,
		}
	)
	referral.insert()
	referral.add_comment("Info", _("Referred from legal aid application {0}.").format(source.name))
	source.add_comment("Info", _("Referred for notarization: {0}.").format(referral.name))
	return referral.name


def _user_institution() -> str | None:
	return frappe.db.get_value(
		"Legal Service Worker", {"user": frappe.session.user, "active": 1}, "institution"
	)


@frappe.whitelist()
def referral_options() -> dict:
	"""The Select values of the referral dialog, with their labels in the reader's language."""
	return {
		"matter_types": [{"value": v, "label": _(v)} for v in nt.MATTER_TYPES],
		"certificate_languages": [{"value": v, "label": _(v)} for v in nt.CERTIFICATE_LANGUAGES],
	}

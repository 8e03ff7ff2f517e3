"""公证法 Art 32: a certificate is always in the national common script, so a referral that asked for a
Tibetan-only certificate gets the Chinese one with the Tibetan text (no supervision figure counts the
certificate's language)."""

import frappe

from qh_legal_service.rules import notarization as nt


def execute():
	frappe.db.set_value(
		nt.DOCTYPE,
		{"certificate_language": "Tibetan"},
		"certificate_language",
		nt.BOTH,
		update_modified=False,
	)

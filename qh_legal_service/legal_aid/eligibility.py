"""Eligibility on the site: reads the thresholds, asks `rules.eligibility`, words the answer."""

from decimal import Decimal

import frappe
from frappe import _
from frappe.utils import flt, getdate

from qh_legal_service.rules import eligibility as rules


def thresholds() -> list[rules.Threshold]:
	"""Every hardship threshold the province has set (Art 34)."""
	return [
		rules.Threshold(
			Decimal(str(row.amount)),
			getdate(row.effective_from),
			getdate(row.effective_to) if row.effective_to else None,
			row.prefecture,
		)
		for row in frappe.get_all(
			"Legal Aid Hardship Threshold", fields=["amount", "effective_from", "effective_to", "prefecture"]
		)
	]


def assess_application(doc) -> tuple[rules.Eligibility, str]:
	"""Assess a Legal Aid Application document; return the answer and a translated reason."""
	flags = frozenset(f for f in (*rules.ART_32_FLAGS, *rules.ART_42_FLAGS) if doc.get(f))
	income = doc.monthly_household_income
	application = rules.Application(
		matter_type=doc.matter_type,
		channel=doc.channel,
		applied_on=getdate(doc.received_on),
		prefecture=doc.prefecture,
		household_size=doc.household_size or None,
		monthly_household_income=Decimal(str(flt(income))) if income not in (None, "") else None,
		flags=flags,
	)
	result = rules.assess(application, thresholds())
	return result, reason_text(result, doc)


def reason_text(result: rules.Eligibility, doc) -> str:
	"""One translated sentence saying why the answer is what it is."""
	grounds = ", ".join(_(doc.meta.get_label(f)) for f in result.grounds)
	money = {"income": result.income_per_member, "threshold": result.threshold}
	if result.answer == rules.NOTIFIED_DEFENCE:
		return _("Notified by a court, procuratorate or police: assign a defence lawyer, no hardship test.")
	if result.answer == rules.NOT_COVERED:
		return _("The matter is not one the Legal Aid Law covers.")
	if result.answer == rules.HARDSHIP_NOT_APPLIED:
		return _("No hardship test applies: {0}.").format(grounds)
	if result.answer == rules.HARDSHIP_PROOF_WAIVED:
		return _("No proof of hardship is needed: {0}.").format(grounds)
	if result.threshold is None:
		return _("No hardship threshold is in force for this prefecture and date: check the hardship.")
	if result.income_per_member is None:
		return _("Household size and income were not declared: check the hardship.")
	if result.answer == rules.ELIGIBLE:
		return _(
			"Monthly income per household member {income} is at or under the threshold {threshold}."
		).format(**money)
	return _(
		"Monthly income per household member {income} is over the threshold {threshold}: check the hardship."
	).format(**money)

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


def art25_as_of(doc):
	"""The day an Art 25 minor's age is judged on: when the need for a lawyer was found."""
	if doc.channel == rules.NOTIFIED and doc.get("situation_found_on"):
		return getdate(doc.situation_found_on)
	if doc.channel == rules.DETENTION and doc.get("detained_request_at"):
		return getdate(doc.detained_request_at)
	return getdate(doc.received_on)


def assess_application(doc) -> tuple[rules.Eligibility, str]:
	"""Assess a Legal Aid Application document; return the answer and a translated reason."""
	income = doc.monthly_household_income
	application = rules.Application(
		matter_type=doc.matter_type,
		channel=doc.channel,
		applied_on=getdate(doc.received_on),
		prefecture=doc.prefecture,
		household_size=doc.household_size or None,
		monthly_household_income=Decimal(str(flt(income))) if income not in (None, "") else None,
		flags=frozenset(f for f in rules.ART_42_FLAGS if doc.get(f)),
		art32_claim=doc.get("art32_claim") or None,
		art25_category=doc.get("art25_category") or None,
		birth_date=getdate(doc.date_of_birth) if doc.get("date_of_birth") else None,
		art25_as_of=art25_as_of(doc),
		work_injury=bool(doc.get("work_injury")),
		basis_by_law=doc.get("basis_by_law") or None,
	)
	result = rules.assess(application, thresholds())
	return result, reason_text(result, doc)


def reason_text(result: rules.Eligibility, doc) -> str:
	"""Translated sentences saying why the answer is what it is, and what was set aside."""
	sentences = [answer_text(result, doc)]
	set_aside = {
		rules.NOT_A_MINOR_BY_ID: _(
			"{0}: the birth date in the resident ID number shows an adult on that day."
		),
		rules.NOT_ELDERLY_BY_ID: _(
			"{0}: the birth date in the resident ID number shows someone under 60 on that day."
		),
		rules.NOT_A_PAY_OR_INJURY_CLAIM: _(
			"{0}: the proof of hardship is waived only for a claim to pay or to work-injury damages (Art 42)."
		),
		rules.NO_BIRTH_DATE: _("{0}: there is no birth date to check the age against."),
		rules.NO_LAW_NAMED: _(
			"{0}: name the law, regulation or rule that provides it, with its article, in The Law or Regulation Providing It."
		),
	}
	for fieldname, why in result.set_aside:
		sentences.append(set_aside[why].format(_(doc.meta.get_label(fieldname))))
	return " ".join(sentences)


def answer_text(result: rules.Eligibility, doc) -> str:
	"""One translated sentence for the answer itself."""
	if result.answer == rules.NOTIFIED_DEFENCE:
		if doc.channel == rules.DETENTION:
			return _(
				"A detained suspect or defendant in a notified-defence situation ({0}): assign a defence lawyer, no hardship test."
			).format(_(result.grounds[0]))
		return _("Notified by a court, procuratorate or police: assign a defence lawyer, no hardship test.")
	if result.answer == rules.NOT_COVERED:
		return _("The matter is not one the Legal Aid Law covers.")
	if result.answer == rules.HARDSHIP_NOT_APPLIED:
		return _("No hardship test applies: {0}.").format(_(result.grounds[0]))
	if result.answer == rules.HARDSHIP_PROOF_WAIVED:
		grounds = ", ".join(_(doc.meta.get_label(f)) for f in result.grounds)
		return _("No proof of hardship is needed: {0}.").format(grounds)
	if result.threshold is None:
		return _("No hardship threshold is in force for this prefecture and date: check the hardship.")
	if result.income_per_member is None:
		return _("Household size and income were not declared: check the hardship.")
	money = {"income": rules.shown_amount(result.income_per_member), "threshold": result.threshold}
	if result.answer == rules.ELIGIBLE:
		return _(
			"Monthly income per household member {income} is at or under the threshold {threshold}."
		).format(**money)
	return _(
		"Monthly income per household member {income} is over the threshold {threshold}: check the hardship."
	).format(**money)

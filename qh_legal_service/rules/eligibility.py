"""Legal aid eligibility by statute (法律援助法, 2022): which answer an application gets, and why.

The answers, in the order they are tried:

1. Notified defence (通知辩护, Art 25, 36): a court, procuratorate or police notice in a criminal
   matter. The centre assigns a lawyer; there is no hardship test and no application to review.
2. Not a covered matter (Art 31, 24): a civil or administrative matter outside the Art 31 list.
3. Hardship test not applied (Art 32): heroes' and martyrs' close relatives, good Samaritans,
   state compensation after a retrial, victims of abuse, abandonment or domestic violence.
4. Hardship proof waived (Art 42): minors, the elderly and the disabled without fixed income,
   recipients of social or judicial assistance and 优抚对象, migrant workers claiming pay or
   damages for a work injury.
5. Eligible (Art 31, 34): the declared monthly income per household member is at or under the
   province's threshold for the applicant's prefecture on the day of application.
6. Hardship check needed (Art 34, 41): the declaration is missing, no threshold applies, or the
   income is over the threshold; the reviewer checks the applicant's circumstances.

This module is pure: plain values in, plain values out, no Frappe.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

# Matter types (Select options of the application).
STATE_COMPENSATION = "State Compensation"
SOCIAL_INSURANCE = "Social Insurance or Minimum Living Allowance"
PENSION_RELIEF = "Pension or Relief Payment"
MAINTENANCE = "Maintenance (Support, Child Support, Alimony)"
LABOUR = "Labour Relations or Unpaid Pay"
CAPACITY = "Civil Capacity Finding"
PERSONAL_INJURY = "Personal Injury (Work, Traffic, Food or Drug, Medical)"
ENVIRONMENT = "Environmental or Ecological Damage"
OTHER_BY_LAW = "Other Matter Provided by Law or Regulation"
CRIMINAL = "Criminal Matter"
OTHER = "Other Matter"

ART_31_MATTERS = (
	STATE_COMPENSATION,
	SOCIAL_INSURANCE,
	PENSION_RELIEF,
	MAINTENANCE,
	LABOUR,
	CAPACITY,
	PERSONAL_INJURY,
	ENVIRONMENT,
	OTHER_BY_LAW,
)
MATTER_TYPES = (*ART_31_MATTERS, CRIMINAL, OTHER)

# Channels the application came by.
WALK_IN = "Walk-in at a Service Point"
PORTAL = "Portal"
HOTLINE = "12348 Hotline"
DETENTION = "Forwarded from Detention"
NOTIFIED = "Notice from Court, Procuratorate or Police"
CHANNELS = (WALK_IN, PORTAL, HOTLINE, DETENTION, NOTIFIED)

# Art 32 situations (no hardship test) and Art 42 groups (hardship proof waived): field names.
ART_32_FLAGS = {  # flag field → what it means (for reading; the form labels are translated)
	"hero_martyr_relative": "close relative of a hero or martyr claiming their rights",
	"good_samaritan": "injured acting as a good Samaritan (见义勇为)",
	"retrial_state_compensation": "claiming state compensation after a retrial acquittal",
	"abuse_victim": "victim of abuse, abandonment or domestic violence",
}
ART_42_FLAGS = {
	"minor": "minor",
	"elderly_without_income": "elderly person without fixed income",
	"disabled_without_income": "disabled person without fixed income",
	"social_assistance_recipient": "recipient of social or judicial assistance",
	"entitled_group": "优抚对象 (entitled group: soldiers' families, veterans)",
	"migrant_worker_pay_claim": "migrant worker claiming pay or work-injury damages",
}

# Answer codes.
NOTIFIED_DEFENCE = "Notified Defence"
NOT_COVERED = "Not a Covered Matter"
HARDSHIP_NOT_APPLIED = "Hardship Test Not Applied"
HARDSHIP_PROOF_WAIVED = "Hardship Proof Waived"
ELIGIBLE = "Eligible"
HARDSHIP_CHECK_NEEDED = "Hardship Check Needed"
ANSWERS = (
	NOTIFIED_DEFENCE,
	NOT_COVERED,
	HARDSHIP_NOT_APPLIED,
	HARDSHIP_PROOF_WAIVED,
	ELIGIBLE,
	HARDSHIP_CHECK_NEEDED,
)


@dataclass(frozen=True)
class Threshold:
	"""The province's hardship threshold: monthly income per household member, for a prefecture
	(None: the whole province) from `effective_from` until `effective_to` (None: open-ended)."""

	amount: Decimal
	effective_from: dt.date
	effective_to: dt.date | None = None
	prefecture: str | None = None


@dataclass(frozen=True)
class Application:
	"""What eligibility needs to know of an application."""

	matter_type: str
	channel: str
	applied_on: dt.date
	prefecture: str | None = None
	household_size: int | None = None
	monthly_household_income: Decimal | None = None
	flags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Eligibility:
	"""The answer and the article it rests on, with the facts that decided it.

	`grounds` names the Art 32 situations or Art 42 groups (flag field names) that applied;
	`income_per_member` and `threshold` are set when the hardship test was applied.
	"""

	answer: str
	article: str
	grounds: tuple[str, ...] = ()
	income_per_member: Decimal | None = None
	threshold: Decimal | None = None


def applicable_threshold(
	thresholds: Iterable[Threshold], prefecture: str | None, on: dt.date
) -> Threshold | None:
	"""The threshold in force on `on`: the prefecture's own if it has one, else the province-wide one."""
	in_force = [
		t for t in thresholds if t.effective_from <= on and (t.effective_to is None or on <= t.effective_to)
	]
	own = [t for t in in_force if prefecture and t.prefecture == prefecture]
	general = [t for t in in_force if t.prefecture is None]
	candidates = own or general
	return max(candidates, key=lambda t: t.effective_from) if candidates else None


def income_per_member(application: Application) -> Decimal | None:
	"""Monthly household income divided by household size, or None if not declared."""
	if application.monthly_household_income is None or not application.household_size:
		return None
	return (Decimal(application.monthly_household_income) / application.household_size).quantize(
		Decimal("0.01")
	)


def assess(application: Application, thresholds: Iterable[Threshold] = ()) -> Eligibility:
	"""Answer whether and how the Legal Aid Law covers `application`."""
	if application.matter_type == CRIMINAL and application.channel == NOTIFIED:
		return Eligibility(NOTIFIED_DEFENCE, "Art 25, 36")
	if application.matter_type not in (*ART_31_MATTERS, CRIMINAL):
		return Eligibility(NOT_COVERED, "Art 31")
	if situations := tuple(f for f in ART_32_FLAGS if f in application.flags):
		return Eligibility(HARDSHIP_NOT_APPLIED, "Art 32", situations)
	if groups := tuple(f for f in ART_42_FLAGS if f in application.flags):
		return Eligibility(HARDSHIP_PROOF_WAIVED, "Art 42", groups)
	threshold = applicable_threshold(thresholds, application.prefecture, application.applied_on)
	per_member = income_per_member(application)
	amount = threshold.amount if threshold else None
	if threshold is None or per_member is None or per_member > threshold.amount:
		return Eligibility(HARDSHIP_CHECK_NEEDED, "Art 34, 41", (), per_member, amount)
	return Eligibility(ELIGIBLE, "Art 31, 34", (), per_member, amount)

"""Legal aid eligibility by statute (法律援助法, 2022): which answer an application gets, and why.

The answers, in the order they are tried:

1. Notified defence (通知辩护, Art 25, 28, 36): a court, procuratorate or police notice in a criminal
   matter, or a detained suspect or defendant who applies and falls in an Art 25 category (the
   authority should have notified: the centre recognises the case as one). No hardship test and no
   application to review: the centre assigns a lawyer. Art 28 adds the respondent or defendant without
   an agent in compulsory medical treatment proceedings (强制医疗), and Art 25(七) "other persons the
   law provides".
2. Hardship test not applied (Art 32): the application IS one of the four Art 32 claims (a hero's or
   martyr's close relative protecting their personality rights, a good Samaritan's civil claim, state
   compensation after acquittal on retrial, a victim of abuse, abandonment or domestic violence claiming
   their rights), whatever the matter type: a hero's name is not an Art 31 matter. Each situation
   belongs to its own claim: the same person's other claim (a hero's relative's unpaid wages) is tried
   like anyone else's.
   Art 32(五) adds "other situations provided by law, regulation or rule".
3. Not a covered matter (Art 31, 24): a civil or administrative matter outside the Art 31 list.
4. Hardship proof waived (Art 42): (一) minors, the elderly and the disabled without a fixed income,
   the age read from the resident ID on the day of application; (二) recipients of social or judicial
   assistance and 优抚对象; (三) migrant workers, but only for a claim to pay or to damages for a work
   injury (请求支付劳动报酬或者工伤事故人身损害赔偿): labour pay, or a personal injury that is a work
   injury. A migrant worker's traffic, food, drug or medical injury is an Art 31(七) matter like
   anyone's, with the hardship check. (四) "other persons provided by law, regulation or rule".

The three catch-alls (Art 25(七), 32(五), 42(四)) hold only with the law, regulation or rule that provides
them named (`basis_by_law`); without it the choice is set aside with NO_LAW_NAMED, so that the reviewer
sees why.
5. Eligible (Art 31, 34): the declared monthly income per household member, unrounded, is at or under
   the province's threshold for the applicant's prefecture on the day of application.
6. Hardship check needed (Art 34, 41): the declaration is missing, no threshold applies, or the
   income is over the threshold; the reviewer checks the applicant's circumstances.

Age (周岁) follows the Gregorian calendar and is reached the day after the birthday (最高人民法院's
rule for 周岁, as 民法典 Art 201 counts a period from the day after its start): a person is a minor
up to and including their eighteenth birthday, and 60 or over (老年人权益保障法 Art 2) from the day
after their sixtieth. Someone born on 29 February has the birthday on 28 February in other years
(民法典 Art 202: a month without the corresponding day ends on its last day).

The Art 25 minor is judged as of the day the need for a lawyer was found: the day the notifying
authority found the situation (Art 36 runs its 3 days from then) or the day a detainee asked for aid,
else the day of receipt. Not the day of the alleged offence: Art 25 protects a person who is a minor
while the proceedings need a defence, and the court's rule for the mandatory defence of a juvenile
reads the age at the time of trial (审判时不满十八周岁). The age at the offence decides whether the case
is tried as a juvenile case, which is the court's business; a court that still wants a lawyer for
someone now grown up notifies under Art 25 para 2, and that notice is notified defence all the same.

This module is pure: plain values in, plain values out, no Frappe.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

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

# Art 32 claims (Select options of `art32_claim`): what THIS application claims, if it is one of them.
HERO_MARTYR_CLAIM = "A Close Relative Protecting a Hero's or Martyr's Personality Rights"  # (一)
GOOD_SAMARITAN_CLAIM = "Civil Rights Arising from a Good Samaritan Act"  # (二) 见义勇为
RETRIAL_COMPENSATION_CLAIM = "State Compensation after Acquittal on Retrial"  # (三)
ABUSE_VICTIM_CLAIM = "A Victim of Abuse, Abandonment or Domestic Violence Claiming Their Rights"  # (四)
OTHER_CLAIM_BY_LAW = "Another Situation Provided by Law, Regulation or Rule"  # (五)
ART_32_CLAIMS = (
	HERO_MARTYR_CLAIM,
	GOOD_SAMARITAN_CLAIM,
	RETRIAL_COMPENSATION_CLAIM,
	ABUSE_VICTIM_CLAIM,
	OTHER_CLAIM_BY_LAW,
)
# A claim that can only be one matter type.
ART_32_CLAIM_MATTER = {RETRIAL_COMPENSATION_CLAIM: STATE_COMPENSATION}

# Art 42 groups (hardship proof waived): check field → what it means (the form labels are translated).
ART_42_FLAGS = {
	"minor": "minor without a fixed income (一)",
	"elderly_without_income": "elderly person without a fixed income (一)",
	"disabled_without_income": "disabled person without a fixed income (一)",
	"social_assistance_recipient": "recipient of social or judicial assistance (二)",
	"entitled_group": "优抚对象 (entitled group: soldiers' families, veterans) (二)",
	"migrant_worker_pay_claim": "migrant worker claiming pay or work-injury damages (三)",
	"other_waived_by_law": "another person provided by law, regulation or rule (四)",
}
OTHER_WAIVED_BY_LAW = "other_waived_by_law"
# Art 42(三) covers only pay (Art 31(五)) and, of the Art 31(七) injuries, work injuries.
MIGRANT_WORKER_MATTERS = (LABOUR, PERSONAL_INJURY)


def is_pay_or_work_injury_claim(matter_type: str, work_injury: bool) -> bool:
	"""Art 42(三)'s claims: to pay, or to damages for a work injury (not traffic, food, drug or medical)."""
	return matter_type == LABOUR or (matter_type == PERSONAL_INJURY and work_injury)


MINOR_UNTIL = 18  # a minor up to and including the 18th birthday (民法典 Art 17)
ELDERLY_FROM = 60  # 老年人权益保障法 Art 2: 六十周岁以上

# Art 25 categories (Select options of `art25_category`): the suspect's or defendant's situation.
ART_25_MINOR = "Minor"  # (一)
ART_25_SENSORY = "Visual, Hearing or Speech Disability"  # (二) 视力、听力、言语残疾人
ART_25_CAPACITY = "Adult Unable to Fully Recognise Their Own Conduct"  # (三)
ART_25_LIFE_OR_DEATH = "Possible Life Imprisonment or Death Penalty"  # (四)
ART_25_DEATH_REVIEW = "Death-Penalty Review"  # (五)
ART_25_ABSENTIA = "Trial in Absentia"  # (六)
ART_25_OTHER_BY_LAW = "Another Person Provided by Law or Regulation"  # (七)
# Art 28: the same notice for the respondent or defendant without an agent in compulsory medical
# treatment proceedings (强制医疗), listed with the Art 25 situations a notice can name.
ART_28_COMPULSORY_MEDICAL = "Respondent in Compulsory Medical Treatment Proceedings"
ART_25_CATEGORIES = (
	ART_25_MINOR,
	ART_25_SENSORY,
	ART_25_CAPACITY,
	ART_25_LIFE_OR_DEATH,
	ART_25_DEATH_REVIEW,
	ART_25_ABSENTIA,
	ART_25_OTHER_BY_LAW,
	ART_28_COMPULSORY_MEDICAL,
)
# The catch-alls that hold only with the providing law named.
CATCH_ALLS = (ART_25_OTHER_BY_LAW, OTHER_CLAIM_BY_LAW, OTHER_WAIVED_BY_LAW)

# Why a ticked group or a recorded category was set aside (codes of `Eligibility.set_aside`).
NOT_A_MINOR_BY_ID = "not a minor by the resident ID"
NOT_ELDERLY_BY_ID = "not 60 or over by the resident ID"
NOT_A_PAY_OR_INJURY_CLAIM = "not a claim to pay or work-injury damages"
NO_BIRTH_DATE = "no birth date to check the age against"
NO_LAW_NAMED = "no law, regulation or rule named"

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
	"""What eligibility needs to know of an application.

	`flags` are the ticked Art 42 groups; `birth_date` comes from the resident ID; `art25_as_of` is
	the day an Art 25 minor's age is judged on (see the module docstring), `applied_on` if not given.
	"""

	matter_type: str
	channel: str
	applied_on: dt.date
	prefecture: str | None = None
	household_size: int | None = None
	monthly_household_income: Decimal | None = None
	flags: frozenset[str] = field(default_factory=frozenset)
	art32_claim: str | None = None
	art25_category: str | None = None
	birth_date: dt.date | None = None
	art25_as_of: dt.date | None = None
	# A personal injury that is a work injury (工伤), for Art 42(三).
	work_injury: bool = False
	# The law, regulation or rule providing a catch-all chosen (Art 25(七), 32(五), 42(四)).
	basis_by_law: str | None = None


@dataclass(frozen=True)
class Eligibility:
	"""The answer and the article it rests on, with the facts that decided it.

	`grounds` names the Art 32 claim, the Art 42 groups (flag field names) or the Art 25 category that
	applied; `set_aside` pairs a ticked group or recorded category that did not apply with the reason
	(one of the NOT_* codes); `income_per_member` (unrounded) and `threshold` are set when the hardship
	test was applied.
	"""

	answer: str
	article: str
	grounds: tuple[str, ...] = ()
	income_per_member: Decimal | None = None
	threshold: Decimal | None = None
	set_aside: tuple[tuple[str, str], ...] = ()


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
	"""Monthly household income divided by household size, unrounded, or None if not declared."""
	if application.monthly_household_income is None or not application.household_size:
		return None
	return Decimal(application.monthly_household_income) / application.household_size


def shown_amount(amount: Decimal) -> Decimal:
	"""An income per member shown to the cent, rounded up: it never reads as at or under a threshold
	in whole cents that the unrounded amount is over."""
	return amount.quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def birthday(birth_date: dt.date, years: int) -> dt.date:
	"""The day a person born on `birth_date` has their `years`-th birthday (29 February → 28 February)."""
	year = birth_date.year + years
	if birth_date.month == 2 and birth_date.day == 29 and not calendar.isleap(year):
		return dt.date(year, 2, 28)
	return birth_date.replace(year=year)


def is_minor_on(birth_date: dt.date, on: dt.date) -> bool:
	"""Under 18 full years (周岁) on `on`: the 18th birthday itself is still a minor's day."""
	return on <= birthday(birth_date, MINOR_UNTIL)


def is_elderly_on(birth_date: dt.date, on: dt.date) -> bool:
	"""60 full years (周岁) or more on `on`: from the day after the 60th birthday."""
	return on > birthday(birth_date, ELDERLY_FROM)


def law_named(application: Application) -> bool:
	"""Whether the law, regulation or rule providing a catch-all is named."""
	return bool((application.basis_by_law or "").strip())


def art32_claim_problem(claim: str | None, matter_type: str | None) -> str | None:
	"""The matter type an Art 32 claim must have, if the application names another; else None."""
	required = ART_32_CLAIM_MATTER.get(claim or "")
	return required if required and matter_type != required else None


def art25_check(application: Application) -> tuple[bool, str | None]:
	"""Whether the recorded Art 25 category holds, and why not if it does not.

	The minor category is checked against the birth date from the resident ID; the others are what the
	authority or the detention facility states and cannot be checked here.
	"""
	category = application.art25_category
	if not category:
		return False, None
	if category == ART_25_OTHER_BY_LAW:
		return (True, None) if law_named(application) else (False, NO_LAW_NAMED)
	if category != ART_25_MINOR:
		return True, None
	if application.birth_date is None:
		return False, NO_BIRTH_DATE
	as_of = application.art25_as_of or application.applied_on
	if is_minor_on(application.birth_date, as_of):
		return True, None
	return False, NOT_A_MINOR_BY_ID


def art42_groups(application: Application) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
	"""The ticked Art 42 groups that apply, and those set aside with the reason."""
	applied: list[str] = []
	set_aside: list[tuple[str, str]] = []
	birth, on = application.birth_date, application.applied_on
	for flag in ART_42_FLAGS:
		if flag not in application.flags:
			continue
		reason = None
		if flag == "minor":
			reason = (
				NO_BIRTH_DATE if birth is None else (None if is_minor_on(birth, on) else NOT_A_MINOR_BY_ID)
			)
		elif flag == "elderly_without_income":
			reason = (
				NO_BIRTH_DATE if birth is None else (None if is_elderly_on(birth, on) else NOT_ELDERLY_BY_ID)
			)
		elif flag == "migrant_worker_pay_claim" and not is_pay_or_work_injury_claim(
			application.matter_type, application.work_injury
		):
			reason = NOT_A_PAY_OR_INJURY_CLAIM
		elif flag == OTHER_WAIVED_BY_LAW and not law_named(application):
			reason = NO_LAW_NAMED
		if reason:
			set_aside.append((flag, reason))
		else:
			applied.append(flag)
	return tuple(applied), tuple(set_aside)


def assess(application: Application, thresholds: Iterable[Threshold] = ()) -> Eligibility:
	"""Answer whether and how the Legal Aid Law covers `application`."""
	art25_holds, art25_problem = art25_check(application)
	art25_set_aside = (("art25_category", art25_problem),) if art25_problem else ()
	category = (application.art25_category,) if art25_holds else ()
	article = "Art 28, 36" if application.art25_category == ART_28_COMPULSORY_MEDICAL else "Art 25, 36"
	if application.matter_type == CRIMINAL:
		if application.channel == NOTIFIED:
			# The authority's notice decides; a category the ID contradicts is flagged, not overruled.
			return Eligibility(NOTIFIED_DEFENCE, article, category, set_aside=art25_set_aside)
		if application.channel == DETENTION and art25_holds:
			return Eligibility(NOTIFIED_DEFENCE, article, category)
	claim = application.art32_claim
	if claim == OTHER_CLAIM_BY_LAW and not law_named(application):
		art25_set_aside += (("art32_claim", NO_LAW_NAMED),)
	elif claim in ART_32_CLAIMS and not art32_claim_problem(claim, application.matter_type):
		return Eligibility(HARDSHIP_NOT_APPLIED, "Art 32", (claim,), set_aside=art25_set_aside)
	if application.matter_type not in (*ART_31_MATTERS, CRIMINAL):
		return Eligibility(NOT_COVERED, "Art 31", set_aside=art25_set_aside)
	groups, set_aside = art42_groups(application)
	set_aside = art25_set_aside + set_aside
	if groups:
		return Eligibility(HARDSHIP_PROOF_WAIVED, "Art 42", groups, set_aside=set_aside)
	threshold = applicable_threshold(thresholds, application.prefecture, application.applied_on)
	per_member = income_per_member(application)
	amount = threshold.amount if threshold else None
	if threshold is None or per_member is None or per_member > threshold.amount:
		return Eligibility(HARDSHIP_CHECK_NEEDED, "Art 34, 41", (), per_member, amount, set_aside)
	return Eligibility(ELIGIBLE, "Art 31, 34", (), per_member, amount, set_aside)

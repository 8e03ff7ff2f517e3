"""Legal aid eligibility, one test per statute rule (法律援助法, 2022)."""

import datetime as dt
from decimal import Decimal

import pytest

from qh_legal_service.rules import eligibility as e

DAY = dt.date(2026, 3, 2)
PROVINCE = e.Threshold(Decimal("1000"), dt.date(2025, 1, 1))
XINING = e.Threshold(Decimal("1200"), dt.date(2026, 1, 1), prefecture="630100")
OLD_XINING = e.Threshold(Decimal("900"), dt.date(2024, 1, 1), dt.date(2025, 12, 31), prefecture="630100")
THRESHOLDS = (PROVINCE, XINING, OLD_XINING)


ADULT = dt.date(1949, 12, 31)  # the birth date in the tests' resident ID 11010519491231002X


# The law a catch-all names (Art 25(七), 32(五), 42(四)).
BASIS = "《青海省法律援助条例》第十条"


def app(
	matter=e.LABOUR,
	channel=e.PORTAL,
	flags=(),
	size=None,
	income=None,
	prefecture="630100",
	on=DAY,
	claim=None,
	category=None,
	birth=ADULT,
	as_of=None,
	work_injury=False,
	basis=None,
):
	return e.Application(
		matter,
		channel,
		on,
		prefecture,
		size,
		None if income is None else Decimal(income),
		frozenset(flags),
		art32_claim=claim,
		art25_category=category,
		birth_date=birth,
		art25_as_of=as_of,
		work_injury=work_injury,
		basis_by_law=basis,
	)


def test_art_25_36_notified_defence_needs_no_review_or_hardship_test():
	result = e.assess(app(e.CRIMINAL, e.NOTIFIED, size=1, income="99999"), THRESHOLDS)
	assert (result.answer, result.article) == (e.NOTIFIED_DEFENCE, "Art 25, 36")


def test_art_31_a_matter_outside_the_list_is_not_covered():
	result = e.assess(app(e.OTHER, flags={"minor"}), THRESHOLDS)
	assert (result.answer, result.article) == (e.NOT_COVERED, "Art 31")


@pytest.mark.parametrize("matter", e.ART_31_MATTERS)
def test_art_31_every_listed_matter_is_covered(matter):
	assert e.assess(app(matter, size=2, income="1000"), THRESHOLDS).answer == e.ELIGIBLE


@pytest.mark.parametrize("claim", e.ART_32_CLAIMS)
def test_art_32_no_hardship_test(claim):
	matter = e.STATE_COMPENSATION if claim == e.RETRIAL_COMPENSATION_CLAIM else e.MAINTENANCE
	result = e.assess(app(matter, claim=claim, size=1, income="50000", basis=BASIS), THRESHOLDS)
	assert (result.answer, result.article, result.grounds) == (e.HARDSHIP_NOT_APPLIED, "Art 32", (claim,))


@pytest.mark.parametrize("flag", sorted(e.ART_42_FLAGS))
def test_art_42_hardship_proof_waived(flag):
	birth = dt.date(2012, 5, 1) if flag == "minor" else ADULT
	result = e.assess(app(flags={flag}, birth=birth, basis=BASIS), THRESHOLDS)
	assert (result.answer, result.article, result.grounds) == (e.HARDSHIP_PROOF_WAIVED, "Art 42", (flag,))
	assert result.set_aside == ()


def test_art_32_is_tried_before_art_42():
	result = e.assess(
		app(e.MAINTENANCE, flags={"minor"}, claim=e.ABUSE_VICTIM_CLAIM, birth=dt.date(2012, 5, 1))
	)
	assert (result.answer, result.grounds) == (e.HARDSHIP_NOT_APPLIED, (e.ABUSE_VICTIM_CLAIM,))


def test_art32_applies_whatever_the_matter_type():
	# Protecting a martyr's name is no Art 31 matter, yet no hardship test applies.
	result = e.assess(app(e.OTHER, claim=e.HERO_MARTYR_CLAIM, size=1, income="90000"), THRESHOLDS)
	assert (result.answer, result.article, result.grounds) == (
		e.HARDSHIP_NOT_APPLIED,
		"Art 32",
		(e.HERO_MARTYR_CLAIM,),
	)
	assert e.assess(app(e.OTHER), THRESHOLDS).answer == e.NOT_COVERED


def test_art32_each_situation_belongs_to_its_own_claim():
	# A martyr's daughter claiming her own unpaid wages: this application is no Art 32 claim.
	over = e.assess(app(e.LABOUR, claim=None, size=2, income="2600"), THRESHOLDS)
	assert (over.answer, over.income_per_member, over.threshold) == (
		e.HARDSHIP_CHECK_NEEDED,
		Decimal("1300"),
		Decimal("1200"),
	)
	under = e.assess(app(e.LABOUR, claim=None, size=2, income="2400"), THRESHOLDS)
	assert under.answer == e.ELIGIBLE


def test_art32_state_compensation_after_retrial_is_a_state_compensation_claim():
	assert e.art32_claim_problem(e.RETRIAL_COMPENSATION_CLAIM, e.LABOUR) == e.STATE_COMPENSATION
	assert e.art32_claim_problem(e.RETRIAL_COMPENSATION_CLAIM, e.STATE_COMPENSATION) is None
	assert e.art32_claim_problem(e.HERO_MARTYR_CLAIM, e.OTHER) is None
	assert e.art32_claim_problem(None, e.LABOUR) is None
	mismatched = e.assess(
		app(e.LABOUR, claim=e.RETRIAL_COMPENSATION_CLAIM, size=1, income="5000"), THRESHOLDS
	)
	assert mismatched.answer == e.HARDSHIP_CHECK_NEEDED


@pytest.mark.parametrize(
	"matter, work_injury, answer",
	[
		(e.LABOUR, False, e.HARDSHIP_PROOF_WAIVED),
		(e.PERSONAL_INJURY, True, e.HARDSHIP_PROOF_WAIVED),
		# A migrant worker's traffic, food, drug or medical injury is not Art 42(三)'s.
		(e.PERSONAL_INJURY, False, e.HARDSHIP_CHECK_NEEDED),
		(e.MAINTENANCE, False, e.HARDSHIP_CHECK_NEEDED),
		(e.SOCIAL_INSURANCE, True, e.HARDSHIP_CHECK_NEEDED),
	],
)
def test_art42_migrant_worker_waiver_only_for_pay_or_work_injury(matter, work_injury, answer):
	application = app(
		matter, flags={"migrant_worker_pay_claim"}, size=1, income="5000", work_injury=work_injury
	)
	result = e.assess(application, THRESHOLDS)
	assert result.answer == answer
	if answer == e.HARDSHIP_CHECK_NEEDED:
		assert result.set_aside == (("migrant_worker_pay_claim", e.NOT_A_PAY_OR_INJURY_CLAIM),)


def test_art42_minor_is_read_from_the_resident_id_on_the_day_of_application():
	born = dt.date(2008, 3, 10)
	on_birthday = e.assess(app(flags={"minor"}, birth=born, on=dt.date(2026, 3, 10)), THRESHOLDS)
	assert (on_birthday.answer, on_birthday.grounds) == (e.HARDSHIP_PROOF_WAIVED, ("minor",))
	day_after = e.assess(app(flags={"minor"}, birth=born, on=dt.date(2026, 3, 11)), THRESHOLDS)
	assert day_after.answer == e.HARDSHIP_CHECK_NEEDED
	assert day_after.set_aside == (("minor", e.NOT_A_MINOR_BY_ID),)
	# The tests' usual ID belongs to someone born in 1949: the tick cannot make them a minor.
	assert e.assess(app(flags={"minor"}), THRESHOLDS).set_aside == (("minor", e.NOT_A_MINOR_BY_ID),)
	assert e.assess(app(flags={"minor"}, birth=None), THRESHOLDS).set_aside == (("minor", e.NO_BIRTH_DATE),)


def test_art42_elderly_without_income_is_60_or_over_by_the_resident_id():
	born = dt.date(1966, 3, 2)
	assert e.is_elderly_on(born, dt.date(2026, 3, 2)) is False  # the 60th birthday itself
	assert e.is_elderly_on(born, dt.date(2026, 3, 3)) is True
	young = e.assess(app(flags={"elderly_without_income"}, birth=born, on=dt.date(2026, 3, 2)), THRESHOLDS)
	assert young.set_aside == (("elderly_without_income", e.NOT_ELDERLY_BY_ID),)
	old = e.assess(app(flags={"elderly_without_income"}, birth=born, on=dt.date(2026, 3, 3)), THRESHOLDS)
	assert old.answer == e.HARDSHIP_PROOF_WAIVED


def test_art42_age_of_someone_born_on_29_february():
	born = dt.date(2008, 2, 29)
	assert e.birthday(born, 18) == dt.date(2026, 2, 28)
	assert e.is_minor_on(born, dt.date(2026, 2, 28)) is True
	assert e.is_minor_on(born, dt.date(2026, 3, 1)) is False
	assert e.birthday(born, 16) == dt.date(2024, 2, 29)


@pytest.mark.parametrize("category", e.ART_25_CATEGORIES)
def test_art25_a_notice_records_its_category(category):
	birth = dt.date(2010, 1, 1) if category == e.ART_25_MINOR else ADULT
	result = e.assess(app(e.CRIMINAL, e.NOTIFIED, category=category, birth=birth, basis=BASIS), THRESHOLDS)
	assert (result.answer, result.article, result.grounds, result.set_aside) == (
		e.NOTIFIED_DEFENCE,
		"Art 28, 36" if category == e.ART_28_COMPULSORY_MEDICAL else "Art 25, 36",
		(category,),
		(),
	)


@pytest.mark.parametrize("category", e.ART_25_CATEGORIES)
def test_art25_a_detained_applicant_in_a_category_is_recognised(category):
	birth = dt.date(2010, 1, 1) if category == e.ART_25_MINOR else ADULT
	result = e.assess(
		app(e.CRIMINAL, e.DETENTION, category=category, birth=birth, size=1, income="9999", basis=BASIS)
	)
	assert (result.answer, result.grounds) == (e.NOTIFIED_DEFENCE, (category,))


def test_a_catch_all_without_the_law_that_provides_it_is_set_aside_and_says_so():
	# Art 32(五): without the law named, the claim does not lift the hardship test.
	claim = e.assess(app(e.MAINTENANCE, claim=e.OTHER_CLAIM_BY_LAW, size=1, income="50000"), THRESHOLDS)
	assert (claim.answer, claim.set_aside) == (e.HARDSHIP_CHECK_NEEDED, (("art32_claim", e.NO_LAW_NAMED),))
	# Art 42(四): the same for the waiver.
	waiver = e.assess(app(flags={e.OTHER_WAIVED_BY_LAW}, basis="  "), THRESHOLDS)
	assert (waiver.answer, waiver.set_aside) == (
		e.HARDSHIP_CHECK_NEEDED,
		((e.OTHER_WAIVED_BY_LAW, e.NO_LAW_NAMED),),
	)
	# Art 25(七): a detainee is not recognised as notified defence without it; a notice still decides.
	detained = e.assess(app(e.CRIMINAL, e.DETENTION, category=e.ART_25_OTHER_BY_LAW, size=1, income="9999"))
	assert (detained.answer, detained.set_aside) == (
		e.HARDSHIP_CHECK_NEEDED,
		(("art25_category", e.NO_LAW_NAMED),),
	)
	notified = e.assess(app(e.CRIMINAL, e.NOTIFIED, category=e.ART_25_OTHER_BY_LAW), THRESHOLDS)
	assert (notified.answer, notified.grounds) == (e.NOTIFIED_DEFENCE, ())


def test_art25_a_detained_applicant_without_a_category_is_tested_for_hardship():
	result = e.assess(app(e.CRIMINAL, e.DETENTION, size=1, income="9999"), THRESHOLDS)
	assert result.answer == e.HARDSHIP_CHECK_NEEDED


def test_art25_minor_is_judged_on_the_day_the_need_for_a_lawyer_was_found():
	born = dt.date(2008, 3, 10)
	# Asked for aid on the 18th birthday (still a minor), the centre receiving it two days later.
	in_time = app(e.CRIMINAL, e.DETENTION, category=e.ART_25_MINOR, birth=born, as_of=dt.date(2026, 3, 10))
	assert e.assess(in_time, THRESHOLDS).answer == e.NOTIFIED_DEFENCE
	grown_up = app(
		e.CRIMINAL,
		e.DETENTION,
		category=e.ART_25_MINOR,
		birth=born,
		as_of=dt.date(2026, 3, 11),
		size=1,
		income="500",
	)
	result = e.assess(grown_up, THRESHOLDS)
	assert (result.answer, result.set_aside) == (e.ELIGIBLE, (("art25_category", e.NOT_A_MINOR_BY_ID),))
	# Without a day of its own the receipt day counts.
	assert e.art25_check(
		app(e.CRIMINAL, e.DETENTION, category=e.ART_25_MINOR, birth=born, on=dt.date(2026, 3, 10))
	) == (
		True,
		None,
	)


def test_art25_a_notice_stands_but_an_id_that_contradicts_its_minor_is_flagged():
	result = e.assess(app(e.CRIMINAL, e.NOTIFIED, category=e.ART_25_MINOR, birth=ADULT), THRESHOLDS)
	assert (result.answer, result.grounds, result.set_aside) == (
		e.NOTIFIED_DEFENCE,
		(),
		(("art25_category", e.NOT_A_MINOR_BY_ID),),
	)


def test_art34_hardship_compares_the_unrounded_income_per_member():
	# 3600.01 / 3 = 1200.00333...: over the threshold of 1200, though it rounds to 1200.00.
	result = e.assess(app(size=3, income="3600.01"), THRESHOLDS)
	assert result.answer == e.HARDSHIP_CHECK_NEEDED
	assert result.income_per_member > Decimal("1200")
	assert e.shown_amount(result.income_per_member) == Decimal("1200.01")
	assert e.shown_amount(Decimal("1200")) == Decimal("1200.00")


def test_art_34_income_at_the_prefecture_threshold_is_eligible():
	result = e.assess(app(size=3, income="3600"), THRESHOLDS)
	assert (result.answer, result.article) == (e.ELIGIBLE, "Art 31, 34")
	assert (result.income_per_member, result.threshold) == (Decimal("1200.00"), Decimal("1200"))


def test_art_34_income_over_the_threshold_needs_a_hardship_check():
	result = e.assess(app(size=3, income="3603"), THRESHOLDS)
	assert (result.answer, result.article) == (e.HARDSHIP_CHECK_NEEDED, "Art 34, 41")


def test_art_34_41_undeclared_income_needs_a_hardship_check():
	assert e.assess(app(), THRESHOLDS).answer == e.HARDSHIP_CHECK_NEEDED
	assert e.assess(app(size=2, income="100"), ()).answer == e.HARDSHIP_CHECK_NEEDED


def test_art_34_threshold_by_prefecture_and_date():
	assert e.applicable_threshold(THRESHOLDS, "630100", DAY) == XINING
	assert e.applicable_threshold(THRESHOLDS, "630100", dt.date(2025, 6, 1)) == OLD_XINING
	assert e.applicable_threshold(THRESHOLDS, "632700", DAY) == PROVINCE
	assert e.applicable_threshold(THRESHOLDS, "632700", dt.date(2024, 6, 1)) is None
	# Yushu falls back to the province-wide amount.
	assert (
		e.assess(app(size=1, income="1100", prefecture="632700"), THRESHOLDS).answer
		== e.HARDSHIP_CHECK_NEEDED
	)


def test_art_24_a_criminal_suspect_applying_is_tested_for_hardship():
	assert e.assess(app(e.CRIMINAL, e.DETENTION, size=1, income="500"), THRESHOLDS).answer == e.ELIGIBLE

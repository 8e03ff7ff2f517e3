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


def app(matter=e.LABOUR, channel=e.PORTAL, flags=(), size=None, income=None, prefecture="630100", on=DAY):
	return e.Application(
		matter, channel, on, prefecture, size, None if income is None else Decimal(income), frozenset(flags)
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


@pytest.mark.parametrize("flag", sorted(e.ART_32_FLAGS))
def test_art_32_no_hardship_test(flag):
	result = e.assess(app(flags={flag}, size=1, income="50000"), THRESHOLDS)
	assert (result.answer, result.article, result.grounds) == (e.HARDSHIP_NOT_APPLIED, "Art 32", (flag,))


@pytest.mark.parametrize("flag", sorted(e.ART_42_FLAGS))
def test_art_42_hardship_proof_waived(flag):
	result = e.assess(app(flags={flag}), THRESHOLDS)
	assert (result.answer, result.article, result.grounds) == (e.HARDSHIP_PROOF_WAIVED, "Art 42", (flag,))


def test_art_32_is_tried_before_art_42():
	assert e.assess(app(flags={"minor", "abuse_victim"})).answer == e.HARDSHIP_NOT_APPLIED


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

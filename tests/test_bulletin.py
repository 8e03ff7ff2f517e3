"""The monthly bulletin's pure rules: its name, the months it compares, the changes, the published copy."""

import datetime as dt

from qh_legal_service.rules import bulletin as rules


def test_months_shift_across_years():
	assert rules.shift_months(dt.date(2026, 1, 1), -1) == dt.date(2025, 12, 1)
	assert rules.shift_months(dt.date(2026, 11, 1), 2) == dt.date(2027, 1, 1)
	assert rules.shift_months(dt.date(2026, 3, 1), -12) == dt.date(2025, 3, 1)


def test_a_bulletin_compares_its_month_with_the_month_before_and_a_year_earlier():
	assert rules.compared_months(dt.date(2026, 1, 31)) == (
		dt.date(2026, 1, 1),
		dt.date(2025, 12, 1),
		dt.date(2025, 1, 1),
	)


def test_one_bulletin_per_division_and_month():
	assert rules.bulletin_name("630000", dt.date(2026, 11, 1)) == "BUL-630000-2026-11"
	assert rules.bulletin_name("630102001", dt.date(2026, 3, 1)) == "BUL-630102001-2026-03"


def test_the_change_is_a_percentage_with_no_base_none():
	assert rules.change(17, 8) == 112.5
	assert rules.change(6, 12) == -50.0
	assert rules.change(3, 0) is None
	assert rules.change(None, 5) is None


def test_a_service_row_takes_the_three_months():
	received = {
		dt.date(2026, 10, 1): 12,
		dt.date(2026, 9, 1): 8,
		dt.date(2025, 10, 1): 6,
		dt.date(2026, 5, 1): 99,
	}
	row = rules.service_row("Legal Aid Application", received, dt.date(2026, 10, 1), 9, 10)
	assert (row["current"], row["previous"], row["year_ago"]) == (12, 8, 6)
	assert (row["numerator"], row["denominator"], row["section"]) == (9, 10, rules.SERVICES)
	assert rules.service_row("Mediation Case", {}, dt.date(2026, 10, 1))["current"] == 0


def test_the_published_copy_gives_back_the_rows_with_their_empty_numbers():
	sections = {
		rules.INDICATORS: [{"code": "LA-RECEIVED", "label": "x", "current": 12, "target": None, "met": 0}],
		rules.SERVICES: [{"code": "Legal Aid Application", "current": 12, "previous": 8, "year_ago": 6}],
		rules.EQUALISATION: [
			{"code": "630102", "division": "630102", "current": 1.27, "rank": 1, "rate": 1.5}
		],
	}
	stored = rules.snapshot_rows(sections)
	assert [row["section"] for row in stored] == [rules.INDICATORS, rules.SERVICES, rules.EQUALISATION]
	assert stored[0]["empty_fields"] == "previous,year_ago,target,numerator,denominator,rate"
	# A number column keeps 0 for nothing, as the database does.
	as_saved = [
		{key: (0 if value is None and key in rules.NUMBER_FIELDS else value) for key, value in row.items()}
		for row in stored
	]
	restored = rules.sections_of(as_saved)
	assert restored[rules.INDICATORS][0]["target"] is None
	assert restored[rules.INDICATORS][0]["current"] == 12
	assert restored[rules.SERVICES][0]["previous"] == 8
	assert restored[rules.EQUALISATION][0]["rank"] == 1
	assert restored[rules.SPECIAL_GROUPS] == []
	assert set(restored[rules.SERVICES][0]) == set(rules.ROW_FIELDS)

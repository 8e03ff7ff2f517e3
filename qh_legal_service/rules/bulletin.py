"""The monthly supervision bulletin (监督月报) of a division: its name, the months it compares, its rows.

Pure. A bulletin is one division's month: the key indicators against their targets, each service's
month beside the month before and the same month a year earlier, the special groups, and (for the
province and a prefecture) the ranking of its counties by the equalisation index. A draft reads the
figures live; publishing copies its rows into the bulletin, so a published bulletin never changes.
"""

import datetime as dt
from collections.abc import Iterable, Mapping

PREFIX = "BUL"

# The sections, in the order the bulletin prints them.
INDICATORS = "Indicators"
SERVICES = "Services"
SPECIAL_GROUPS = "Special Groups"
EQUALISATION = "Equalisation"
SECTIONS = (INDICATORS, SERVICES, SPECIAL_GROUPS, EQUALISATION)

# The tiers a bulletin may be made for (a village's monthly counts are summed into its township).
TIERS = ("Province", "Prefecture", "County", "Township")
# The tiers whose bulletin ranks the counties under them.
RANKING_TIERS = ("Province", "Prefecture")

DRAFT = "Draft"
PUBLISHED = "Published"

# What one row of any section holds (the fields of `Supervision Bulletin Row`); a section uses some.
ROW_FIELDS = (
	"section",
	"code",
	"label",
	"division",
	"current",
	"previous",
	"year_ago",
	"target",
	"met",
	"numerator",
	"denominator",
	"rank",
	"rate",
	"unit",
)
NUMBER_FIELDS = ("current", "previous", "year_ago", "target", "numerator", "denominator", "rate")


def first_of_month(day: dt.date) -> dt.date:
	return dt.date(day.year, day.month, 1)


def shift_months(month: dt.date, months: int) -> dt.date:
	"""The first day of the month `months` after (or before, if negative) `month`'s."""
	index = month.year * 12 + month.month - 1 + months
	return dt.date(index // 12, index % 12 + 1, 1)


def compared_months(month: dt.date) -> tuple[dt.date, dt.date, dt.date]:
	"""The bulletin's month, the month before it and the same month a year earlier (first days)."""
	month = first_of_month(month)
	return month, shift_months(month, -1), shift_months(month, -12)


def bulletin_name(division: str, month: dt.date) -> str:
	"""A bulletin's name: BUL-<division code>-<yyyy>-<mm>, one per division and month."""
	return f"{PREFIX}-{division}-{month:%Y-%m}"


def change(current: float | None, previous: float | None) -> float | None:
	"""The change from `previous` to `current` in percent (one decimal), None when there is no base."""
	if current is None or not previous:
		return None
	return round(100.0 * (current - previous) / previous, 1)


def service_row(
	service: str, records_by_month: Mapping[dt.date, float], month: dt.date, in_time=None, timed=None
) -> dict:
	"""A service's row: what it received this month, last month and a year ago, and its steps on time."""
	this, last, year_ago = compared_months(month)
	return {
		"section": SERVICES,
		"code": service,
		"label": service,
		"current": records_by_month.get(this, 0),
		"previous": records_by_month.get(last, 0),
		"year_ago": records_by_month.get(year_ago, 0),
		"numerator": in_time,
		"denominator": timed,
	}


def snapshot_rows(sections: Mapping[str, list[dict]]) -> list[dict]:
	"""The sections as the child rows a published bulletin keeps (the row fields, in section order).

	A number column stores 0 for nothing, so the numbers that were None (no target, nothing to divide
	by) are named in `empty_fields` and come back as None.
	"""
	return [
		{field: row.get(field) for field in ROW_FIELDS}
		| {
			"section": section,
			"empty_fields": ",".join(field for field in NUMBER_FIELDS if row.get(field) is None),
		}
		for section in SECTIONS
		for row in sections.get(section, ())
	]


def sections_of(rows: Iterable[Mapping]) -> dict[str, list[dict]]:
	"""The sections back from the child rows, in their stored order."""
	sections: dict[str, list[dict]] = {section: [] for section in SECTIONS}
	for row in rows:
		empty = set(filter(None, (row.get("empty_fields") or "").split(",")))
		restored = {field: None if field in empty else row.get(field) for field in ROW_FIELDS}
		restored["rank"] = restored["rank"] or None
		sections.setdefault(row["section"], []).append(restored)
	return sections

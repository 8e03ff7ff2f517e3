"""Equalisation index per county (均等化): how evenly the public legal services reach people.

Pure. Over whole months, for each county:

- reach: services received per 10,000 residents, the records every counted service received in the
  county (legal aid, mediation, notarization, hotline work orders, consultations) over its resident
  population (the province's `Division Population` table);
- timeliness: the share of the steps ended in the county that had a deadline and ended by it, over
  every service.

Each is divided by the province's median county (the median over the counties that have a value), so
1.0 is the typical county of Qinghai, whatever the length of the period or the mix of services. The two
ratios are capped at `CAP` (twice the median) and combined by their geometric mean:

    index = sqrt(min(reach / median reach, CAP) × min(timeliness / median timeliness, CAP))

Why this form: the median, unlike the mean, is not pulled up by Xining's districts, where the centres
also serve people from elsewhere; a geometric mean, as in the UNDP's Human Development Index, lets a
surplus in one dimension make up only partly for a shortfall in the other (a county at half the median
reach and twice the median timeliness scores 1.0, not 1.25), and treats a ratio and its inverse alike;
the cap keeps a few very high counties from hiding slow or rare service, since the index is read to
find the least served, not to rank the best. A county with no service at all scores 0.

Where a value is missing the index says so rather than guessing: a county without population has no
reach and no index (shown with a note, never divided by zero, and not ranked); a county with services
but no step that had a deadline ended in the period has its capped reach ratio as its index (noted).
When the province's median is 0 (more than half of the counties had nothing in the period), the ratio
is taken against the province's pooled rate instead (all of it over all the population, or all steps),
so that the few counties that had something are still compared.

Counties are classed as pastoral, semi-pastoral, agricultural or urban (`COUNTY_CLASSES`), and each class
is summarised (median, least, most) beside the agricultural counties: the seed's equal access between
town and country and between regions.
"""

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

PASTORAL = "Pastoral"  # 牧区
SEMI_PASTORAL = "Semi-pastoral"  # 半农半牧区
AGRICULTURAL = "Agricultural"  # 农业区
URBAN = "Urban"  # 城区
# The one list of county classes (the Division Population table's Select reads it).
COUNTY_CLASSES = (PASTORAL, SEMI_PASTORAL, AGRICULTURAL, URBAN)
# The class every other class is set beside.
REFERENCE_CLASS = AGRICULTURAL

# The services whose records are services a resident received (the seed's four platforms' own work):
# satisfaction evaluations and service orders, also counted in the figures, are about these records and
# would count them twice.
SERVICES = (
	"Legal Aid Application",
	"Mediation Case",
	"Notarization Referral",
	"Hotline Work Order",
	"Legal Consultation",
)

# Ratios to the province's median are capped at twice the median.
CAP = 2.0
PER = 10_000

# Why a county's index is missing or partial.
NO_POPULATION = "no_population"
NO_TIMED_STEPS = "no_timed_steps"


@dataclass(frozen=True)
class CountyInput:
	"""What the figures and the population table say of one county over the period."""

	county: str
	population: int | None
	services: int = 0
	timed: int = 0
	in_time: int = 0
	county_class: str | None = None


@dataclass(frozen=True)
class Reference:
	"""The province's typical county: the medians each county is divided by."""

	rate: float | None
	timeliness: float | None


@dataclass(frozen=True)
class CountyMeasure:
	"""One county's reach, timeliness, ratios to the province's median, index and rank."""

	county: str
	county_class: str | None
	population: int | None
	services: int
	timed: int
	in_time: int
	rate: float | None
	timeliness: float | None
	reach_ratio: float | None
	timeliness_ratio: float | None
	index: float | None
	rank: int | None = None
	note: str | None = None


@dataclass(frozen=True)
class ClassSummary:
	"""The counties of one class: pooled counts and the median, least and most of each measure."""

	county_class: str
	counties: int
	population: int
	services: int
	pooled_rate: float | None
	rate_median: float | None
	rate_min: float | None
	rate_max: float | None
	timeliness_median: float | None
	index_median: float | None
	index_min: float | None
	index_max: float | None
	# The class's median reach and median index over the agricultural counties'.
	rate_vs_reference: float | None
	index_vs_reference: float | None


def median(values: Iterable[float | None]) -> float | None:
	"""The median of the values that are set, or None when none is."""
	ordered = sorted(value for value in values if value is not None)
	if not ordered:
		return None
	middle = len(ordered) // 2
	if len(ordered) % 2:
		return float(ordered[middle])
	return (ordered[middle - 1] + ordered[middle]) / 2


def rate(services: int, population: int | None) -> float | None:
	"""Services per 10,000 residents, or None without a population."""
	if not population or population <= 0:
		return None
	return services * PER / population


def timeliness(in_time: int, timed: int) -> float | None:
	"""The percentage of steps with a deadline that ended by it, or None when none had one."""
	return 100.0 * in_time / timed if timed else None


def ratio(value: float | None, reference: float | None, cap: float = CAP) -> float | None:
	"""`value` over `reference`, at most `cap`; None when either is missing or the reference is 0."""
	if value is None or not reference:
		return None
	return min(value / reference, cap)


def combine(reach_ratio: float | None, timeliness_ratio: float | None) -> float | None:
	"""The index: the geometric mean of the two ratios, the reach ratio alone without timeliness."""
	if reach_ratio is None:
		return None
	if timeliness_ratio is None:
		return reach_ratio
	return math.sqrt(reach_ratio * timeliness_ratio)


def province_reference(counties: Sequence[CountyInput]) -> Reference:
	"""The medians of the province's counties, each falling back on the pooled value when it is 0."""
	rates = [rate(c.services, c.population) for c in counties]
	shares = [timeliness(c.in_time, c.timed) for c in counties]
	rate_median, share_median = median(rates), median(shares)
	if rate_median == 0:
		with_population = [c for c in counties if c.population and c.population > 0]
		rate_median = rate(
			sum(c.services for c in with_population), sum(c.population for c in with_population)
		)
	if share_median == 0:
		share_median = timeliness(sum(c.in_time for c in counties), sum(c.timed for c in counties))
	return Reference(rate_median or None, share_median or None)


def measure_county(county: CountyInput, reference: Reference) -> CountyMeasure:
	"""One county's measures against the province's reference (not yet ranked)."""
	county_rate = rate(county.services, county.population)
	share = timeliness(county.in_time, county.timed)
	reach_ratio = ratio(county_rate, reference.rate)
	if county_rate == 0:
		reach_ratio = 0.0
	timeliness_ratio = ratio(share, reference.timeliness)
	note = None
	if county_rate is None:
		note = NO_POPULATION
	elif share is None and county.services:
		note = NO_TIMED_STEPS
	return CountyMeasure(
		county=county.county,
		county_class=county.county_class,
		population=county.population,
		services=county.services,
		timed=county.timed,
		in_time=county.in_time,
		rate=county_rate,
		timeliness=share,
		reach_ratio=reach_ratio,
		timeliness_ratio=timeliness_ratio,
		index=combine(reach_ratio, timeliness_ratio),
		note=note,
	)


def rank(measures: Sequence[CountyMeasure]) -> list[CountyMeasure]:
	"""Rank 1 for the highest index (ties share a rank); counties without an index are not ranked.

	Returned best first, the unranked last in the order given.
	"""
	ranked = sorted((m for m in measures if m.index is not None), key=lambda m: -m.index)
	result, previous, position = [], None, 0
	for place, item in enumerate(ranked, start=1):
		if previous is None or round(item.index, 9) != round(previous, 9):
			position = place
		previous = item.index
		result.append(replace(item, rank=position))
	return result + [m for m in measures if m.index is None]


def measure(
	counties: Sequence[CountyInput], province: Sequence[CountyInput] | None = None
) -> list[CountyMeasure]:
	"""Every county of `counties` measured against the medians of `province` (by default, themselves), ranked."""
	reference = province_reference(province if province is not None else counties)
	return rank([measure_county(county, reference) for county in counties])


def least_served(measures: Sequence[CountyMeasure], count: int = 10) -> list[CountyMeasure]:
	"""The `count` counties with the lowest index, lowest first (counties without an index left out)."""
	return sorted((m for m in measures if m.index is not None), key=lambda m: (m.index, m.county))[:count]


def class_summaries(
	measures: Sequence[CountyMeasure], province: Sequence[CountyMeasure] | None = None
) -> list[ClassSummary]:
	"""One summary per class present, in `COUNTY_CLASSES` order, each beside the agricultural counties.

	The agricultural counties are those of `province` (by default, of `measures`): a prefecture with none
	of its own still sets its pastoral counties beside the province's agricultural ones.
	"""
	by_class: dict[str, list[CountyMeasure]] = {}
	for item in measures:
		if item.county_class:
			by_class.setdefault(item.county_class, []).append(item)
	reference = [
		m for m in (province if province is not None else measures) if m.county_class == REFERENCE_CLASS
	]
	reference_rate = median(m.rate for m in reference)
	reference_index = median(m.index for m in reference)
	summaries = []
	for county_class in [*COUNTY_CLASSES, *sorted(set(by_class) - set(COUNTY_CLASSES))]:
		items = by_class.get(county_class)
		if not items:
			continue
		rates = [m.rate for m in items if m.rate is not None]
		indexes = [m.index for m in items if m.index is not None]
		with_population = [m for m in items if m.population]
		population = sum(m.population for m in with_population)
		rate_median, index_median = median(rates), median(indexes)
		summaries.append(
			ClassSummary(
				county_class=county_class,
				counties=len(items),
				population=population,
				services=sum(m.services for m in items),
				pooled_rate=rate(sum(m.services for m in with_population), population),
				rate_median=rate_median,
				rate_min=min(rates) if rates else None,
				rate_max=max(rates) if rates else None,
				timeliness_median=median(m.timeliness for m in items),
				index_median=index_median,
				index_min=min(indexes) if indexes else None,
				index_max=max(indexes) if indexes else None,
				rate_vs_reference=ratio(rate_median, reference_rate, cap=math.inf),
				index_vs_reference=ratio(index_median, reference_index, cap=math.inf),
			)
		)
	return summaries


def population_for(rows: Mapping[int, int], year: int) -> tuple[int, int] | None:
	"""(year, population) of the latest year not after `year`, else of the earliest year after it."""
	if not rows:
		return None
	earlier = [y for y in rows if y <= year]
	chosen = max(earlier) if earlier else min(rows)
	return chosen, rows[chosen]

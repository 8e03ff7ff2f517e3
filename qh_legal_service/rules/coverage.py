"""The attachment's two 100% targets: a legal adviser for every village, a centre or station built
for every county-level unit and above and every township."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qh_legal_service.rules.figures import share
from qh_legal_service.rules.service_network import TARGET_TIERS, point_type_for_tier

TIER_ORDER = ("Province", "Prefecture", "County", "Township", "Village")


@dataclass(frozen=True)
class Division:
	"""A division as the coverage rules need it."""

	code: str
	name: str
	tier: str
	parent: str | None


@dataclass
class CoverageRow:
	"""One group's progress towards both targets."""

	code: str
	name: str
	tier: str
	villages: int = 0
	villages_with_adviser: int = 0
	units_needing_point: int = 0
	units_with_point: int = 0

	@property
	def adviser_share(self) -> float | None:
		"""Share of villages with an adviser, as a percentage; None where there is no village."""
		return share(self.villages_with_adviser, self.villages)

	@property
	def point_share(self) -> float | None:
		"""Share of units whose centre or station is built, as a percentage."""
		return share(self.units_with_point, self.units_needing_point)


def has_required_point(division: Division, built_point_types: Mapping[str, set[str]]) -> bool:
	"""Whether the centre or station a division needs has been built."""
	return point_type_for_tier(division.tier) in built_point_types.get(division.code, set())


def group_of(division: Division, by_code: Mapping[str, Division], group_tier: str) -> Division | None:
	"""The ancestor (or the division itself) at `group_tier`, or None above it."""
	node: Division | None = division
	while node is not None and TIER_ORDER.index(node.tier) > TIER_ORDER.index(group_tier):
		node = by_code.get(node.parent) if node.parent else None
	return node if node is not None and node.tier == group_tier else None


def coverage_by_group(
	divisions: Iterable[Division],
	villages_with_adviser: set[str],
	built_point_types: Mapping[str, set[str]],
	group_tier: str,
) -> list[CoverageRow]:
	"""Count both targets for each division of `group_tier`, over everything at or below it."""
	divisions = list(divisions)
	by_code = {d.code: d for d in divisions}
	rows = {d.code: CoverageRow(d.code, d.name, d.tier) for d in divisions if d.tier == group_tier}
	for division in divisions:
		group = group_of(division, by_code, group_tier)
		if group is None:
			continue
		row = rows[group.code]
		if division.tier == "Village":
			row.villages += 1
			row.villages_with_adviser += division.code in villages_with_adviser
		elif division.tier in TARGET_TIERS:
			row.units_needing_point += 1
			row.units_with_point += has_required_point(division, built_point_types)
	return sorted(rows.values(), key=lambda r: r.code)


def villages_without_adviser(
	divisions: Iterable[Division], villages_with_adviser: set[str]
) -> list[Division]:
	"""Villages no active adviser serves: the gaps in the first target."""
	return [d for d in divisions if d.tier == "Village" and d.code not in villages_with_adviser]


def units_without_point(
	divisions: Iterable[Division], built_point_types: Mapping[str, set[str]]
) -> list[Division]:
	"""County-level units and above without a built centre, townships without a built station."""
	return [d for d in divisions if d.tier in TARGET_TIERS and not has_required_point(d, built_point_types)]

"""Tier scoping rules: which indexed column and value select a user's area.

Every area record carries its own division plus the codes of its prefecture, county and
township, filled on save. A user permitted at a node of any tier is then served by one
equality on one indexed column, instead of an `IN (...)` list of every descendant.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

TIERS = ("Province", "Prefecture", "County", "Township", "Village")

# The denormalised columns an area record carries, by the tier whose code they hold.
AREA_COLUMN_BY_TIER = {"Prefecture": "prefecture", "County": "county", "Township": "township"}
AREA_COLUMNS = tuple(AREA_COLUMN_BY_TIER.values())

# The column that selects a node's whole subtree, by the node's tier. The province needs none;
# a village has no descendants, so its records are exactly those whose division it is.
SCOPE_COLUMN_BY_TIER = {**AREA_COLUMN_BY_TIER, "Village": "division"}


@dataclass(frozen=True)
class PermittedNode:
	"""A division a user may see, with everything below it."""

	code: str
	tier: str


def area_columns(path: Mapping[str, str]) -> dict[str, str | None]:
	"""Return the prefecture/county/township column values for a division's ancestor path.

	`path` maps tier to the code of the division's ancestor (or itself) at that tier.
	"""
	return {column: path.get(tier) for tier, column in AREA_COLUMN_BY_TIER.items()}


def scope_filters(nodes: Iterable[PermittedNode]) -> list[tuple[str, str]] | None:
	"""Return (column, code) equalities, any of which admits a record; None means no limit.

	An empty list means the user may see no area record at all.
	"""
	filters: list[tuple[str, str]] = []
	for node in nodes:
		if node.tier == "Province":
			return None
		column = SCOPE_COLUMN_BY_TIER.get(node.tier)
		if column is None:
			raise ValueError(f"unknown tier {node.tier!r} for division {node.code}")
		if (column, node.code) not in filters:
			filters.append((column, node.code))
	return filters


def record_in_scope(division: str | None, path: Mapping[str, str], nodes: Iterable[PermittedNode]) -> bool:
	"""Whether a record at `division` (ancestor path `path`) lies in any permitted subtree."""
	filters = scope_filters(nodes)
	if filters is None:
		return True
	if not division:
		return False
	record = {**area_columns(path), "division": division}
	return any(record.get(column) == code for column, code in filters)


def sql_condition(table: str, filters: list[tuple[str, str]] | None, escape) -> str:
	"""Render scope filters as a SQL condition on `table`, escaping every value with `escape`.

	Returns "" for no limit and a condition that matches nothing for an empty list.
	"""
	if filters is None:
		return ""
	if not filters:
		return "1=0"
	if not all(column in SCOPE_COLUMN_BY_TIER.values() for column, _code in filters):
		raise ValueError("scope filters name an unknown column")
	return "(" + " or ".join(f"`{table}`.`{column}` = {escape(code)}" for column, code in filters) + ")"

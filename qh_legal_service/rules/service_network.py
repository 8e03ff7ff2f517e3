"""Rules for service points and workers: which point type serves which tier, who needs a licence."""

from collections.abc import Iterable

CENTRE = "Public Legal Service Centre"
STATION = "Public Legal Service Station"
ROOM = "Public Legal Service Room"

# 实体平台: centres for the county and above, stations for townships and streets, rooms for villages.
POINT_TYPE_BY_TIER = {
	"Province": CENTRE,
	"Prefecture": CENTRE,
	"County": CENTRE,
	"Township": STATION,
	"Village": ROOM,
}

# The attachment's 100% target counts centres and township stations; village rooms are not in it.
TARGET_TIERS = ("Province", "Prefecture", "County", "Township")

LICENSED_WORKER_TYPES = frozenset({"Lawyer", "Notary"})
VILLAGE_ADVISER = "Village Legal Adviser"


def point_type_for_tier(tier: str) -> str:
	"""The kind of service point a division of `tier` has."""
	return POINT_TYPE_BY_TIER[tier]


def point_type_fits(point_type: str, tier: str) -> bool:
	"""Whether a service point of `point_type` may be placed at a division of `tier`."""
	return POINT_TYPE_BY_TIER.get(tier) == point_type


def licence_required(worker_type: str) -> bool:
	"""Lawyers and notaries practise under a licence whose number the record must carry."""
	return worker_type in LICENSED_WORKER_TYPES


def non_village_divisions(worker_type: str, served_tiers: Iterable[tuple[str, str]]) -> list[str]:
	"""The divisions a village legal adviser is said to serve that are not villages."""
	if worker_type != VILLAGE_ADVISER:
		return []
	return [code for code, tier in served_tiers if tier != "Village"]

"""Staff roles, the role profiles built from them, the tier each desk works at and the workspace it opens."""

from dataclasses import dataclass

CITIZEN_ROLE = "Legal Service Citizen"


@dataclass(frozen=True)
class Desk:
	"""A kind of staff desk: its role profile, roles, permitted tiers and home workspace."""

	profile: str
	roles: tuple[str, ...]
	tiers: tuple[str, ...]
	workspace: str


DESKS = (
	Desk("Province Supervisor", ("Province Supervisor",), ("Province",), "Supervision"),
	Desk("Prefecture Supervisor", ("Prefecture Supervisor",), ("Prefecture",), "Supervision"),
	Desk(
		"County Justice Bureau",
		("County Justice Bureau Staff",),
		("County",),
		"County Justice Bureau",
	),
	Desk("Legal Aid Reviewer", ("Legal Aid Reviewer",), ("Prefecture", "County"), "Legal Aid"),
	Desk(
		"Township Judicial Office",
		("Township Judicial Office Staff",),
		("Township",),
		"Township Judicial Office",
	),
	Desk("Village Legal Adviser", ("Village Legal Adviser",), ("Village",), "Village Legal Adviser"),
	Desk("12348 Hotline Operator", ("Hotline Operator",), ("Province", "Prefecture"), "12348 Hotline"),
	Desk("Notary", ("Notary",), ("Prefecture", "County"), "Notarization"),
	Desk("Mediator", ("Mediator",), ("County", "Township", "Village"), "Mediation"),
)

DESK_BY_PROFILE = {desk.profile: desk for desk in DESKS}
STAFF_ROLES = tuple(dict.fromkeys(role for desk in DESKS for role in desk.roles))


def desk_for(profile: str) -> Desk:
	"""The desk of a role profile; KeyError for a profile this app does not define."""
	return DESK_BY_PROFILE[profile]


def tier_fits_desk(profile: str, tier: str) -> bool:
	"""Whether a staff member of `profile` may be placed at a division of `tier`."""
	return tier in desk_for(profile).tiers

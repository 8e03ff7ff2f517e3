"""The order flow (订单式流转): a request travels as an order from institution to institution.

Pure. An order is sent by a referring point (its origin) to a holder institution, which accepts it,
refuses it, hands it on to another institution (转办) or, once accepted, completes it with a result.
The holder's area (the `division` column and its tier columns) decides who acts on the order; the
origin's area (`origin_*` columns) lets the referring point follow it, read-only.
"""

from collections.abc import Iterable

from qh_legal_service.rules.scope import SCOPE_COLUMN_BY_TIER
from qh_legal_service.rules.service_case import StepRule

# The services an order may carry (the Select `service`; a test holds the doctype JSON equal).
LEGAL_AID = "Legal Aid"
MEDIATION = "People's Mediation"
NOTARIZATION = "Notarization"
HOTLINE = "12348 Hotline"
OTHER = "Other Legal Service"
SERVICES = (LEGAL_AID, MEDIATION, NOTARIZATION, HOTLINE, OTHER)

# Where the order is: waiting at its holder, taken on, refused, or done.
SENT = "Sent"
ACCEPTED = "Accepted"
REFUSED = "Refused"
DONE = "Done"
STATUSES = (SENT, ACCEPTED, REFUSED, DONE)
OPEN_STATUSES = (SENT, ACCEPTED)

# What became of each hand-over (a row of the trail, `Service Order Hand-over`).
OUTCOME_ACCEPTED = "Accepted"
OUTCOME_REFUSED = "Refused"
OUTCOME_HANDED_ON = "Handed on"
OUTCOME_DONE = "Done"
OUTCOMES = (OUTCOME_ACCEPTED, OUTCOME_REFUSED, OUTCOME_HANDED_ON, OUTCOME_DONE)

# The holder's actions and the statuses each is allowed in.
ACCEPT = "accept"
REFUSE = "refuse"
HAND_ON = "hand_on"
COMPLETE = "complete"
ALLOWED_FROM = {
	ACCEPT: frozenset({SENT}),
	REFUSE: frozenset({SENT}),
	HAND_ON: frozenset({SENT, ACCEPTED}),
	COMPLETE: frozenset({ACCEPTED}),
}
STATUS_AFTER = {ACCEPT: ACCEPTED, REFUSE: REFUSED, HAND_ON: SENT, COMPLETE: DONE}
OUTCOME_OF = {
	ACCEPT: OUTCOME_ACCEPTED,
	REFUSE: OUTCOME_REFUSED,
	HAND_ON: OUTCOME_HANDED_ON,
	COMPLETE: OUTCOME_DONE,
}

# The Deadline Rule that times the holder's acceptance, from `held_since`.
ACCEPT_RULE = "ORDER-ACCEPT"
ACCEPT_STEP = "Accept the order"
# The one time-limited step: an order waiting at its holder (again after each hand-on, from the new
# `held_since`); overdue, it is escalated to the supervisors above the holder.
STEPS = (StepRule(ACCEPT_STEP, frozenset({SENT}), "held_since", rule_code=ACCEPT_RULE),)

# The origin's area columns, by the holder-side column they mirror.
ORIGIN_COLUMNS = {
	"division": "origin_division",
	"prefecture": "origin_prefecture",
	"county": "origin_county",
	"township": "origin_township",
}

# Age of an open order since its holder got it, in days: (label, from, below); None is open-ended.
AGE_BUCKETS = (
	("< 1 day", 0, 1),
	("1-3 days", 1, 3),
	("3-7 days", 3, 7),
	("> 7 days", 7, None),
)


class OrderStateError(ValueError):
	"""An action the order's status does not allow."""


def may(action: str, status: str) -> bool:
	"""Whether the holder may take `action` on an order in `status`."""
	return status in ALLOWED_FROM[action]


def check_action(action: str, status: str) -> str:
	"""The status after `action`, or OrderStateError when `status` does not allow it."""
	if not may(action, status):
		raise OrderStateError(f"{action} is not allowed on an order that is {status}")
	return STATUS_AFTER[action]


def actions_for(status: str) -> tuple[str, ...]:
	"""The holder's actions open in `status`, in the form's order."""
	return tuple(action for action in (ACCEPT, REFUSE, HAND_ON, COMPLETE) if may(action, status))


def age_bucket(days: float) -> str:
	"""The report's age bucket for an order held `days` days."""
	for label, low, high in AGE_BUCKETS:
		if days >= low and (high is None or days < high):
			return label
	return AGE_BUCKETS[0][0]


def origin_filters(filters: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
	"""The same area equalities, on the origin's columns."""
	return [(ORIGIN_COLUMNS[column], code) for column, code in filters]


def order_sql_condition(table: str, filters: list[tuple[str, str]] | None, escape) -> str:
	"""SQL admitting orders held in, or sent from, the user's area: the holder's OR the origin's columns.

	`filters` are `rules.scope.scope_filters` (None: no limit, []: nothing); every value goes through
	`escape`.
	"""
	if filters is None:
		return ""
	if not filters:
		return "1=0"
	if not all(column in SCOPE_COLUMN_BY_TIER.values() for column, _code in filters):
		raise ValueError("scope filters name an unknown column")
	both = [*filters, *origin_filters(filters)]
	return "(" + " or ".join(f"`{table}`.`{column}` = {escape(code)}" for column, code in both) + ")"

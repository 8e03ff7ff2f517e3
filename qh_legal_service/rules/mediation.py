"""People's mediation (人民调解): its value lists, states, time-limited steps and the agreement.

Pure: plain values in and out. The law is the People's Mediation Law (人民调解法, 2010):

- Art 17: a committee mediates on a party's application or of its own motion; when a party clearly
  refuses mediation it may not mediate (the request is then not accepted, with the reason written).
- Art 23, 26: a party may ask to end the mediation (withdrawn); when no agreement can be reached the
  mediator ends it and tells the parties the other lawful ways (not reached, with the reason).
- Art 28: an agreement is written as an agreement document (调解协议书), or, when the parties see no need
  for one, agreed orally (口头协议), its content recorded by the mediator. A verbal agreement is recorded,
  never printed as a written agreement.
- Art 29: the written agreement states the parties, the main facts, the dispute and the responsibility,
  the terms and how and when they are carried out; it takes effect when every party has signed (or
  sealed or put a fingerprint), the mediator has signed and the committee's seal is on it; three copies
  or more, one for each party and one for the committee.
- Art 30: a verbal agreement takes effect when the parties reach it.
- Art 33: both parties may apply to the people's court for judicial confirmation (司法确认) within 30 days
  of the agreement taking effect (`MED-JUDICIAL-CONFIRM`).
- Duration: no statutory limit; the Ministry of Justice's practice is one month (`MED-DURATION`), a
  calendar month (民法典 Art 202). Both are `Deadline Rule` records: settings, not numbers in code.
- After an agreement the committee checks whether it was carried out (履行回访, Art 31:
  人民调解委员会应当对调解协议的履行情况进行监督), timed by `MED-FOLLOW-UP`.
"""

from collections.abc import Mapping, Sequence

from qh_legal_service.rules.documents import DocumentRule
from qh_legal_service.rules.service_case import IS_EMPTY, IS_SET, StepRule

# Where a request came from (Select `source`).
WALK_IN = "Walk-in"
PORTAL = "Portal"
HOTLINE_TRANSFER = "Hotline Transfer"
COURT_REFERRAL = "Court Referral"
POLICE_REFERRAL = "Police Referral"
AGENCY_REFERRAL = "Government Agency Referral"
OWN_MOTION = "Committee's Own Motion"  # Art 17: 人民调解委员会也可以主动调解
SOURCES = (WALK_IN, PORTAL, HOTLINE_TRANSFER, COURT_REFERRAL, POLICE_REFERRAL, AGENCY_REFERRAL, OWN_MOTION)
# Sources that come with a referring body (its name is recorded in `referring_body`).
REFERRAL_SOURCES = (COURT_REFERRAL, POLICE_REFERRAL, AGENCY_REFERRAL)
# Sources that arrive as an order from another point (the case is the order's target).
ORDER_SOURCES = (HOTLINE_TRANSFER, *REFERRAL_SOURCES)

# The kind of mediation the case links to (大调解: Select `linked_kind`).
PEOPLES_MEDIATION = "People's Mediation"  # 人民调解
ADMINISTRATIVE_MEDIATION = "Administrative Mediation"  # 行政调解
JUDICIAL_MEDIATION = "Judicial Mediation"  # 司法调解
LINKED_KINDS = (PEOPLES_MEDIATION, ADMINISTRATIVE_MEDIATION, JUDICIAL_MEDIATION)

# Dispute types (Select `dispute_type`).
DISPUTE_TYPES = (
	"Marriage and Family",
	"Neighbours",
	"Land",
	"Grassland and Pasture Boundaries",
	"Labour",
	"Contracts",
	"Damages",
	"Other Dispute",
)

# A party's role (Select `role` of `Mediation Party`).
APPLICANT = "Applicant"
RESPONDENT = "Respondent"
THIRD_PARTY = "Third Party"
PARTY_ROLES = (APPLICANT, RESPONDENT, THIRD_PARTY)

# The outcome of the mediation (Select `outcome`, set by the server from the state).
AGREEMENT_REACHED = "Agreement Reached"
AGREEMENT_NOT_REACHED = "Agreement Not Reached"
WITHDRAWN = "Withdrawn"
OUTCOMES = (AGREEMENT_REACHED, AGREEMENT_NOT_REACHED, WITHDRAWN)

# The form of an agreement (Art 28; Select `agreement_form`).
WRITTEN = "Written"
VERBAL = "Verbal"
AGREEMENT_FORMS = (WRITTEN, VERBAL)

# Whether the agreement was carried out, found at the follow-up (Select `performance`).
PERFORMED_FULLY = "Carried Out Fully"
PERFORMED_PARTLY = "Carried Out Partly"
NOT_PERFORMED = "Not Carried Out"
PERFORMANCE = (PERFORMED_FULLY, PERFORMED_PARTLY, NOT_PERFORMED)

# The court's answer to an application for judicial confirmation (Select `judicial_confirmation`).
CONFIRMED = "Confirmed"
NOT_CONFIRMED = "Not Confirmed"
CONFIRMATION_PENDING = "Pending"
CONFIRMATION_RESULTS = (CONFIRMATION_PENDING, CONFIRMED, NOT_CONFIRMED)

# Workflow states. The outcome states carry the outcome's name.
REQUESTED = "Requested"
ACCEPTED = "Accepted"  # 受理
NOT_ACCEPTED = "Not Accepted"  # 不予受理 (Art 17: a party refuses mediation)
IN_MEDIATION = "In Mediation"
CLOSED = "Closed"
STATES = (
	REQUESTED,
	ACCEPTED,
	NOT_ACCEPTED,
	IN_MEDIATION,
	AGREEMENT_REACHED,
	AGREEMENT_NOT_REACHED,
	WITHDRAWN,
	CLOSED,
)
OUTCOME_STATES = OUTCOMES
FINAL_STATES = (NOT_ACCEPTED, CLOSED)

# Workflow actions, and the transitions (from state, action, to state). Only a mediator acts.
ACCEPT = "Accept Mediation"
DECLINE = "Decline Mediation"
START = "Start Mediation"
RECORD_AGREEMENT = "Record Agreement"
RECORD_NO_AGREEMENT = "Record No Agreement"
RECORD_WITHDRAWAL = "Record Withdrawal"
CLOSE = "Close Case"
ACTIONS = (ACCEPT, DECLINE, START, RECORD_AGREEMENT, RECORD_NO_AGREEMENT, RECORD_WITHDRAWAL, CLOSE)
TRANSITIONS = (
	(REQUESTED, ACCEPT, ACCEPTED),
	(REQUESTED, DECLINE, NOT_ACCEPTED),
	(ACCEPTED, START, IN_MEDIATION),
	(ACCEPTED, RECORD_WITHDRAWAL, WITHDRAWN),
	(IN_MEDIATION, RECORD_AGREEMENT, AGREEMENT_REACHED),
	(IN_MEDIATION, RECORD_NO_AGREEMENT, AGREEMENT_NOT_REACHED),
	(IN_MEDIATION, RECORD_WITHDRAWAL, WITHDRAWN),
	(AGREEMENT_REACHED, CLOSE, CLOSED),
	(AGREEMENT_NOT_REACHED, CLOSE, CLOSED),
	(WITHDRAWN, CLOSE, CLOSED),
)
ACTING_ROLE = "Mediator"

# The timestamp each state sets when entered.
STAMPED_ON_ENTRY = {
	ACCEPTED: "accepted_on",
	NOT_ACCEPTED: "not_accepted_on",
	IN_MEDIATION: "mediation_started_on",
	AGREEMENT_REACHED: "outcome_on",
	AGREEMENT_NOT_REACHED: "outcome_on",
	WITHDRAWN: "outcome_on",
	CLOSED: "closed_on",
}

# What each state requires, whatever else holds (see `missing_for_state` for the rest).
REQUIRED_IN_STATE = {
	ACCEPTED: ("committee",),
	NOT_ACCEPTED: ("not_accepted_reason",),
	IN_MEDIATION: ("committee", "mediators"),
	AGREEMENT_REACHED: ("agreement_form", "agreement_terms", "agreement_effective_on"),
	AGREEMENT_NOT_REACHED: ("no_agreement_reason",),
	WITHDRAWN: ("withdrawal_reason",),
}
# What a written agreement adds (Art 29): the facts, dispute and responsibility, how and when it is
# carried out, the signatures and the seal that make it take effect.
WRITTEN_AGREEMENT_FIELDS = (
	"facts_and_dispute",
	"responsibility",
	"performance_method",
	"performance_deadline",
	"signed_by_parties",
	"signed_by_mediator",
	"committee_seal",
)
# A case closed after an agreement has had its follow-up (履行回访).
FOLLOW_UP_FIELDS = ("followed_up_on", "performance")

# The time-limited steps (stored as `current_step`, translated on screens).
MEDIATE_STEP = "Mediate within the guideline"
CONFIRM_STEP = "Apply for judicial confirmation"
FOLLOW_UP_STEP = "Follow up performance"
# Set by the server when the Art 33 window has ended without an application: the follow-up runs then.
WINDOW_CLOSED_FIELD = "confirmation_window_closed"
CONFIRMATION_LAPSED_NOTE = "The 30 days to apply for judicial confirmation have ended (Art 33): the follow-up of performance runs now."

STEPS = (
	StepRule(
		MEDIATE_STEP,
		frozenset({ACCEPTED, IN_MEDIATION}),
		start_field="accepted_on",
		rule_code="MED-DURATION",
	),
	StepRule(
		CONFIRM_STEP,
		frozenset({AGREEMENT_REACHED}),
		start_field="agreement_effective_on",
		rule_code="MED-JUDICIAL-CONFIRM",
		when={
			"agreement_form": WRITTEN,
			"judicial_confirmation_applied_on": IS_EMPTY,
			WINDOW_CLOSED_FIELD: IS_EMPTY,
		},
		# The window is the parties' right, not the committee's duty: when it ends unused nobody is
		# escalated; the case stays where it is, the window is marked ended and the follow-up runs.
		on_overdue=AGREEMENT_REACHED,
		overdue_note=CONFIRMATION_LAPSED_NOTE,
	),
	StepRule(
		FOLLOW_UP_STEP,
		frozenset({AGREEMENT_REACHED}),
		start_field="outcome_on",
		rule_code="MED-FOLLOW-UP",
		when={"outcome_on": IS_SET},
	),
)
STEP_NAMES = tuple(dict.fromkeys(step.name for step in STEPS))

# Days before the Art 33 window ends on which the parties and mediators are reminded again.
CONFIRMATION_REMINDER_DAYS = 5


def missing_for_state(state: str, values: Mapping) -> list[str]:
	"""The fields a state requires that are still empty, with a written agreement's and a follow-up's."""
	required = list(REQUIRED_IN_STATE.get(state, ()))
	if state == AGREEMENT_REACHED and values.get("agreement_form") == WRITTEN:
		required += WRITTEN_AGREEMENT_FIELDS
	if state == CLOSED and values.get("outcome") == AGREEMENT_REACHED:
		required += FOLLOW_UP_FIELDS
	return [name for name in required if not values.get(name)]


def outcome_for(state: str) -> str | None:
	"""The outcome a state records (the outcome states are named after it)."""
	return state if state in OUTCOMES else None


def duration_days(accepted_on, outcome_on) -> int | None:
	"""Whole calendar days from acceptance to the outcome (stored so reports sum a column)."""
	if not (accepted_on and outcome_on):
		return None
	start = accepted_on.date() if hasattr(accepted_on, "date") else accepted_on
	end = outcome_on.date() if hasattr(outcome_on, "date") else outcome_on
	return max((end - start).days, 0)


def parties_problem(parties: Sequence[Mapping], respondent_needed: bool = True) -> str | None:
	"""What is wrong with the parties, if anything: "no_applicant" or "no_respondent" (a dispute has two
	sides; a request may still lack the other one, which the committee needs before it accepts)."""
	roles = [party.get("role") for party in parties]
	if APPLICANT not in roles:
		return "no_applicant"
	if respondent_needed and RESPONDENT not in roles:
		return "no_respondent"
	return None


# The agreement document (调解协议书): issued when the agreement is reached, still printable when closed;
# a verbal agreement (Art 28) is recorded, never printed as a written one. Its prose is
# templates/print/mediation/agreement.html; the committee issues it (mediation/documents.py).
AGREEMENT = "agreement"
_DOCUMENTS_MODULE = "qh_legal_service.mediation.documents"
DOCUMENTS: dict[str, DocumentRule] = {
	AGREEMENT: DocumentRule(
		issued_in=frozenset({AGREEMENT_REACHED}),
		valid_in=frozenset({AGREEMENT_REACHED, CLOSED}),
		excluded_when=(("agreement_form", VERBAL),),
		required=("agreement_terms", "agreement_effective_on", *WRITTEN_AGREEMENT_FIELDS),
		print_format="Mediation Agreement",
		template="mediation/agreement",
		dated_by="agreement_effective_on",
		issuer=f"{_DOCUMENTS_MODULE}.get_issuer",
		facts=f"{_DOCUMENTS_MODULE}.agreement_facts",
		copies=f"{_DOCUMENTS_MODULE}.copy_count",
	),
}
# Art 29: 一式三份以上, one copy for each party and one for the committee.
AGREEMENT_COPIES = 3


def copy_count(party_count: int) -> int:
	"""How many copies of the agreement print: one per party and one for the committee, three at least."""
	return max(AGREEMENT_COPIES, party_count + 1)


# What the portal tells a citizen happened, oldest first: (state entered, the field stamping it).
HISTORY = (
	(REQUESTED, "requested_on"),
	(ACCEPTED, "accepted_on"),
	(NOT_ACCEPTED, "not_accepted_on"),
	(IN_MEDIATION, "mediation_started_on"),
	(AGREEMENT_REACHED, "outcome_on"),
	(AGREEMENT_NOT_REACHED, "outcome_on"),
	(WITHDRAWN, "outcome_on"),
	(CLOSED, "closed_on"),
)
# The reason the portal shows beside an event, by state.
HISTORY_DETAIL = {
	NOT_ACCEPTED: "not_accepted_reason",
	AGREEMENT_NOT_REACHED: "no_agreement_reason",
	WITHDRAWN: "withdrawal_reason",
}


def history(values: Mapping) -> list[tuple[str, object, str | None]]:
	"""The states the case entered, each with when and its reason: (state, moment, detail), oldest first."""
	passed = set((values.get("states_passed") or "").splitlines()) | {
		values.get("workflow_state") or REQUESTED
	}
	events = []
	for state, stamp in HISTORY:
		if state in passed and (values.get(stamp) or state == REQUESTED):
			detail = HISTORY_DETAIL.get(state)
			events.append((state, values.get(stamp), values.get(detail) if detail else None))
	return events


def outcome_figures(sums: Mapping) -> dict:
	"""A report row's rates from one group's sums (cases, reached, not_reached, withdrawn, days, timed,
	confirmed, followed_up, performed): the agreement rate among decided cases, the average days from
	acceptance to outcome, the share of agreements a court confirmed and of those followed up carried out."""

	def share(part, whole):
		return round(100.0 * (part or 0) / whole, 1) if whole else None

	decided = sum(int(sums.get(key) or 0) for key in ("reached", "not_reached", "withdrawn"))
	timed = int(sums.get("timed") or 0)
	return {
		"open": int(sums.get("cases") or 0) - decided,
		"agreement_rate": share(sums.get("reached"), decided),
		"average_days": round(float(sums.get("days") or 0) / timed, 1) if timed else None,
		"confirmed_share": share(sums.get("confirmed"), int(sums.get("reached") or 0)),
		"performed_share": share(sums.get("performed"), int(sums.get("followed_up") or 0)),
	}


SUM_KEYS = (
	"cases",
	"reached",
	"not_reached",
	"withdrawn",
	"days",
	"timed",
	"confirmed",
	"followed_up",
	"performed",
)


def add_sums(rows: Sequence[Mapping]) -> dict:
	"""The sums of several groups' rows added up (a division's from its dispute types, the total from all)."""
	return {key: sum(int(row.get(key) or 0) for row in rows) for key in SUM_KEYS}

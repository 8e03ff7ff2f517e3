"""What each service's records add to the supervision figures: the one registry `figures.py` reads.

Pure. One `FigureSource` per counted doctype (see `rules.figures`); a pure test checks every field named
here against the doctype's JSON.
"""

from qh_legal_service.rules import legal_aid, mediation, satisfaction
from qh_legal_service.rules import special_groups as g
from qh_legal_service.rules.desk_indexes import DESKS
from qh_legal_service.rules.figures import RECEIVED, FigureRule, FigureSource
from qh_legal_service.rules.service_case import IS_EMPTY, IS_SET


def desk_fields(doctype: str) -> tuple[str, ...]:
	"""The fields a service's records count under by their current value (`FigureSource.current`): its
	desk's state and sidebar group-by fields (`rules.desk_indexes.DESKS`), so that the whole-area
	sidebar counts and the exact count of a county, prefecture or the province read these sums, not one
	index entry per record (desk_counts.py)."""
	desk = DESKS[doctype]
	return (desk.state_field, *desk.group_by)


# Figures of legal aid (besides RECEIVED, GROUP and the step log's).
MATTER_TYPE = "matter_type"
CHANNEL = "channel"
LANGUAGE = "language"
ART32_CLAIM = "art32_claim"
DECISION = "decision"
ASSIGNMENT = "assignment"
OUTCOME = "outcome"
TERMINATION = "termination"
OBJECTION = "objection"
URGENT_AID = "urgent_aid"
CALLBACK = "callback"
SATISFACTION = "satisfaction"
# Art 59 callbacks to the aided person (not court attendance or file review), by satisfaction.
AIDED_PERSON_CALLBACK = "aided_person_callback"
CALLBACK_TO_AIDED_PERSON = "Callback to the Aided Person"

# Legal aid's and notarization's Art 42 checks, read as the seed's special groups.
ART42_GROUPS = {
	"minor": g.MINORS,
	"elderly_without_income": g.ELDERLY,
	"disabled_without_income": g.DISABLED,
	"social_assistance_recipient": g.LOW_INCOME,
	"entitled_group": g.VETERANS,
}

LEGAL_AID = FigureSource(
	doctype="Legal Aid Application",
	received=FigureRule(RECEIVED, on="received_on"),
	figures=(
		FigureRule(MATTER_TYPE, on="received_on", by="matter_type"),
		FigureRule(CHANNEL, on="received_on", by="channel"),
		FigureRule(LANGUAGE, on="received_on", by="preferred_language"),
		FigureRule(ART32_CLAIM, on="received_on", by="art32_claim", when={"art32_claim": IS_SET}),
		FigureRule(DECISION, on="decided_on", by="eligibility", days_from="received_on"),
		FigureRule(URGENT_AID, on="urgent_aid_on"),
		FigureRule(ASSIGNMENT, on="assigned_on", days_from="decided_on"),
		FigureRule(OUTCOME, on="closed_on", by="outcome", days_from="received_on"),
		FigureRule(TERMINATION, on="terminated_on", by="termination_reason"),
		FigureRule(OBJECTION, on="objection_filed_on"),
	),
	special_groups={
		**ART42_GROUPS,
		"migrant_worker_pay_claim": g.MIGRANT_WORKERS,
		"single_mother": g.WOMEN,
	},
	step_log="step_log",
	current=desk_fields("Legal Aid Application"),
)

LEGAL_AID_CALLBACK = FigureSource(
	doctype="Legal Aid Callback",
	received=FigureRule(CALLBACK, on="called_on"),
	figures=(
		FigureRule(SATISFACTION, on="called_on", by="satisfaction"),
		# A callback without a quality check recorded is one to the aided person, as the form offers.
		*(
			FigureRule(
				AIDED_PERSON_CALLBACK, on="called_on", by="satisfaction", when={"quality_check": check}
			)
			for check in (CALLBACK_TO_AIDED_PERSON, IS_EMPTY)
		),
	),
)

FIGURE_SOURCES = {source.doctype: source for source in (LEGAL_AID, LEGAL_AID_CALLBACK)}

# The legal aid steps, by the figures' category (the step's name).
LEGAL_AID_STEPS = legal_aid.STEP_NAMES

# Every other service (task E of issue 10). Each counts RECEIVED and GROUP (its special groups) and, where
# it has a step log, the step facts; the figures below are what its reports group by. A figure whose
# report needs two dimensions at once (an outcome by dispute type, a level by institution) is declared
# once per value of one of them, with `when`, and counted by the other.

# Figures of mediation.
DISPUTE_TYPE = "dispute_type"
MEDIATION_OUTCOME_FIGURES = {
	mediation.AGREEMENT_REACHED: "reached",
	mediation.AGREEMENT_NOT_REACHED: "not_reached",
	mediation.WITHDRAWN: "withdrawn",
}
JUDICIAL_CONFIRMATION = "judicial_confirmation"
CONFIRMED = "confirmed"
PERFORMANCE = "performance"
FOLLOWED_UP = "followed_up"
PERFORMED = "performed"

MEDIATION = FigureSource(
	doctype="Mediation Case",
	received=FigureRule(RECEIVED, on="requested_on"),
	figures=(
		FigureRule(DISPUTE_TYPE, on="requested_on", by="dispute_type"),
		# The outcome and its days from acceptance, stored when the outcome is recorded (outcome_on).
		FigureRule(OUTCOME, on="outcome_on", by="outcome", days_from="accepted_on"),
		*(
			FigureRule(
				figure, on="outcome_on", by="dispute_type", when={"outcome": outcome}, days_from="accepted_on"
			)
			for outcome, figure in MEDIATION_OUTCOME_FIGURES.items()
		),
		FigureRule(
			JUDICIAL_CONFIRMATION,
			on="outcome_on",
			by="judicial_confirmation",
			when={"outcome": mediation.AGREEMENT_REACHED, "judicial_confirmation": IS_SET},
		),
		FigureRule(
			CONFIRMED,
			on="outcome_on",
			by="dispute_type",
			when={"outcome": mediation.AGREEMENT_REACHED, "judicial_confirmation": mediation.CONFIRMED},
		),
		FigureRule(PERFORMANCE, on="followed_up_on", by="performance", when={"performance": IS_SET}),
		FigureRule(FOLLOWED_UP, on="followed_up_on", by="dispute_type", when={"performance": IS_SET}),
		FigureRule(
			PERFORMED,
			on="followed_up_on",
			by="dispute_type",
			when={"performance": mediation.PERFORMED_FULLY},
		),
	),
	group_table=g.GROUPS_FIELD,
	step_log="step_log",
	current=desk_fields("Mediation Case"),
)

# Figures of notarization, each by notary office (a report groups by office, prefecture or county).
REFERRED = "referred"
ACCEPTED = "accepted"
REFUSED = "refused"
ISSUED = "issued"
ISSUED_IN_TIME = "issued_in_time"
FEE_RELIEF = "fee_relief"

NOTARIZATION = FigureSource(
	doctype="Notarization Referral",
	received=FigureRule(RECEIVED, on="referred_on"),
	figures=(
		FigureRule(MATTER_TYPE, on="referred_on", by="matter_type"),
		FigureRule(REFERRED, on="referred_on", by="notary_office"),
		FigureRule(FEE_RELIEF, on="referred_on", by="notary_office", when={"fee_relief": 1}),
		FigureRule(ACCEPTED, on="accepted_on", by="notary_office", days_from="referred_on"),
		FigureRule(REFUSED, on="refused_on", by="notary_office"),
		FigureRule(ISSUED, on="issued_on", by="notary_office", days_from="accepted_on"),
		# Within 15 working days of acceptance, pauses not counted (公证法 Art 30): stored at issue.
		FigureRule(ISSUED_IN_TIME, on="issued_on", by="notary_office", when={"finished_in_time": 1}),
	),
	special_groups=ART42_GROUPS,
	step_log="step_log",
	current=desk_fields("Notarization Referral"),
)

# Figures of the 12348 hotline: calls by the caller's language, in the month the call began.
CALLS = "calls"
ANSWERED = "answered"
ANSWERED_WITHIN_15S = "answered_within_15s"
TRANSFERRED = "transferred"
COMPLETED = "completed"
CALLBACK_RESULT = "callback_result"

HOTLINE = FigureSource(
	doctype="Hotline Work Order",
	received=FigureRule(RECEIVED, on="call_started_at"),
	figures=(
		FigureRule(CALLS, on="call_started_at", by="language"),
		FigureRule(ANSWERED, on="call_started_at", by="language", when={"call_answered_at": IS_SET}),
		FigureRule(ANSWERED_WITHIN_15S, on="call_started_at", by="language", when={"answered_within_15s": 1}),
		FigureRule(MATTER_TYPE, on="call_started_at", by="matter_type"),
		FigureRule(TRANSFERRED, on="transferred_on", by="language", days_from="received_on"),
		FigureRule(COMPLETED, on="completed_on", days_from="transferred_on"),
		FigureRule(CALLBACK_RESULT, on="called_back_on", by="callback_result"),
	),
	group_table=g.GROUPS_FIELD,
	step_log="step_log",
	current=desk_fields("Hotline Work Order"),
)

# Figures of legal consultations (no step log: answered is their one step).
CONSULTATION = FigureSource(
	doctype="Legal Consultation",
	received=FigureRule(RECEIVED, on="consulted_on"),
	figures=(
		FigureRule(CHANNEL, on="consulted_on", by="channel"),
		FigureRule(MATTER_TYPE, on="consulted_on", by="matter_type"),
		FigureRule(ANSWERED, on="answered_on", by="channel", days_from="consulted_on"),
	),
	group_table=g.GROUPS_FIELD,
	current=desk_fields("Legal Consultation"),
)

# Figures of satisfaction: the level and channel; and, for the reports by institution, one figure per
# surveyed service and level counted by institution, and the bad reviews called back by institution.
LEVEL = "level"
SERVICE = "service"
CALLED_BACK = "called_back"


def level_figure(doctype: str, level: str) -> str:
	"""The figure counting evaluations of `doctype` at `level`, by institution."""
	return f"{LEVEL}|{doctype}|{level}"


def called_back_figure(doctype: str) -> str:
	"""The figure counting bad reviews of `doctype` called back, by institution."""
	return f"{CALLED_BACK}|{doctype}"


SATISFACTION_EVALUATION = FigureSource(
	doctype="Satisfaction Evaluation",
	received=FigureRule(RECEIVED, on="evaluated_on"),
	figures=(
		FigureRule(LEVEL, on="evaluated_on", by="level"),
		FigureRule(CHANNEL, on="evaluated_on", by="channel"),
		FigureRule(SERVICE, on="evaluated_on", by="reference_doctype"),
		*(
			FigureRule(
				level_figure(doctype, level),
				on="evaluated_on",
				by="institution",
				when={"reference_doctype": doctype, "level": level},
			)
			for doctype in satisfaction.SURVEYED_DOCTYPES
			for level in satisfaction.LEVELS
		),
		*(
			FigureRule(
				called_back_figure(doctype),
				on="called_back_on",
				by="institution",
				when={"reference_doctype": doctype},
				days_from="evaluated_on",
			)
			for doctype in satisfaction.SURVEYED_DOCTYPES
		),
	),
	step_log="step_log",
	current=desk_fields("Satisfaction Evaluation"),
)

# Service orders: counted where they are held, in the month they reached their holder; by service.
SERVICE_ORDER = FigureSource(
	doctype="Service Order",
	received=FigureRule(RECEIVED, on="held_since"),
	figures=(
		FigureRule(SERVICE, on="held_since", by="service"),
		FigureRule(COMPLETED, on="completed_on", by="service", days_from="held_since"),
	),
	step_log="step_log",
)

OTHER_SERVICES = (MEDIATION, NOTARIZATION, HOTLINE, CONSULTATION, SATISFACTION_EVALUATION, SERVICE_ORDER)
FIGURE_SOURCES.update({source.doctype: source for source in OTHER_SERVICES})

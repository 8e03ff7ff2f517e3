"""What each service's records add to the supervision figures: the one registry `figures.py` reads.

Pure. One `FigureSource` per counted doctype (see `rules.figures`); a pure test checks every field named
here against the doctype's JSON.
"""

from qh_legal_service.rules import legal_aid
from qh_legal_service.rules import special_groups as g
from qh_legal_service.rules.figures import RECEIVED, FigureRule, FigureSource
from qh_legal_service.rules.service_case import IS_SET

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
)

LEGAL_AID_CALLBACK = FigureSource(
	doctype="Legal Aid Callback",
	received=FigureRule(CALLBACK, on="called_on"),
	figures=(FigureRule(SATISFACTION, on="called_on", by="satisfaction"),),
)

FIGURE_SOURCES = {source.doctype: source for source in (LEGAL_AID, LEGAL_AID_CALLBACK)}

# The legal aid steps, by the figures' category (the step's name).
LEGAL_AID_STEPS = legal_aid.STEP_NAMES

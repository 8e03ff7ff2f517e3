"""The supervision indicators' formulas over the figures, and whether a value meets its target.

Pure. `data/supervision_indicators.json` lists every quantified indicator of the seed and its attachment
(wording, source, target); this module says how the app computes each one it can: a formula is data
over the summed figures of `rules.figures` (a count, or a share of one sum over another), or a coverage
count of the service network (`rules.coverage`), or a pointer to the report that computes it. The site
(`qh_legal_service.indicators`) sums each service's figures once, grouped by area and month, and hands
the sums to `evaluate`.
"""

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from qh_legal_service.rules import coverage, hotline, legal_aid, mediation, notarization, satisfaction
from qh_legal_service.rules import figure_sources as fs
from qh_legal_service.rules.figures import RECEIVED, STEP, Measures, exact_rate, reaches, share
from qh_legal_service.rules.service_network import CENTRE, ROOM, STATION

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "supervision_indicators.json"

LEGAL_AID = "Legal Aid Application"
LEGAL_AID_CALLBACK = "Legal Aid Callback"
MEDIATION = "Mediation Case"
NOTARIZATION = "Notarization Referral"
HOTLINE = hotline.DOCTYPE
CONSULTATION = "Legal Consultation"
EVALUATION = satisfaction.EVALUATION_DOCTYPE

PERCENT = "percent"
COUNT = "count"
MEASURE_NAMES = ("records", "timed", "in_time", "days")
# How a value compares with its target.
AT_LEAST = ">="
AT_MOST = "<="


@dataclass(frozen=True)
class Part:
	"""A sum over the figures of one service: `measure` of `figures`, of the given categories (None: all)."""

	service: str
	figures: tuple[str, ...]
	categories: tuple[str, ...] | None = None
	measure: str = "records"

	def total(self, sums: Mapping[tuple[str, str, str], Measures]) -> float | int:
		"""This part's sum among `sums`, keyed by (service, figure, category)."""
		total = 0.0
		for (service, figure, category), measures in sums.items():
			if service != self.service or figure not in self.figures:
				continue
			if self.categories is not None and category not in self.categories:
				continue
			total += getattr(measures, self.measure)
		return total if self.measure == "days" else int(total)


@dataclass(frozen=True)
class FigureFormula:
	"""A count (`denominator` None) or a percentage of one figure sum over another."""

	numerator: Part
	denominator: Part | None = None

	@property
	def parts(self) -> tuple[Part, ...]:
		return (self.numerator, *([self.denominator] if self.denominator else []))


@dataclass(frozen=True)
class CoverageFormula:
	"""A share of the service network: divisions of `tiers` with a built `point_type`, or villages advised."""

	point_type: str | None
	tiers: tuple[str, ...]


@dataclass(frozen=True)
class ReportFormula:
	"""Computed by another report (the equalisation index), named here so the list can point to it."""

	report: str


Formula = FigureFormula | CoverageFormula | ReportFormula
ADVISER = None


def count(service: str, figure: str, categories: tuple[str, ...] | None = None) -> FigureFormula:
	"""How many records counted under a figure."""
	return FigureFormula(Part(service, (figure,), categories))


def ratio(numerator: Part, denominator: Part) -> FigureFormula:
	"""One sum as a percentage of another."""
	return FigureFormula(numerator, denominator)


def in_time(service: str, *steps: str) -> FigureFormula:
	"""Steps ended by their due moment as a percentage of the ended steps that had one."""
	return FigureFormula(
		Part(service, (STEP,), steps, "in_time"),
		Part(service, (STEP,), steps, "timed"),
	)


FORMULAS: dict[str, Formula] = {
	"PLATFORM-CENTRES": CoverageFormula(CENTRE, ("Province", "Prefecture", "County")),
	"PLATFORM-STATIONS": CoverageFormula(STATION, ("Township",)),
	"PLATFORM-ROOMS": CoverageFormula(ROOM, ("Village",)),
	"PLATFORM-ADVISERS": CoverageFormula(ADVISER, ("Village",)),
	"LA-RECEIVED": count(LEGAL_AID, RECEIVED),
	"LA-CLOSED": count(LEGAL_AID, fs.OUTCOME),
	"LA-REVIEW-IN-TIME": in_time(LEGAL_AID, legal_aid.REVIEW_STEP, legal_aid.REREVIEW_STEP),
	"LA-ASSIGN-IN-TIME": in_time(LEGAL_AID, legal_aid.ASSIGN_STEP),
	"LA-DEFENCE-IN-TIME": in_time(LEGAL_AID, legal_aid.DEFENCE_STEP),
	"LA-OBJECTION-IN-TIME": in_time(LEGAL_AID, legal_aid.OBJECTION_STEP),
	"LA-CALLBACKS": ratio(
		Part(LEGAL_AID_CALLBACK, (fs.AIDED_PERSON_CALLBACK,)), Part(LEGAL_AID, (fs.OUTCOME,))
	),
	"LA-SATISFACTION": ratio(
		Part(LEGAL_AID_CALLBACK, (fs.AIDED_PERSON_CALLBACK,), satisfaction.SATISFIED_LEVELS),
		Part(LEGAL_AID_CALLBACK, (fs.AIDED_PERSON_CALLBACK,), satisfaction.LEVELS),
	),
	"MED-CASES": count(MEDIATION, RECEIVED),
	"MED-AGREEMENT": ratio(
		Part(MEDIATION, (fs.OUTCOME,), (mediation.AGREEMENT_REACHED,)), Part(MEDIATION, (fs.OUTCOME,))
	),
	"MED-IN-TIME": in_time(MEDIATION, mediation.MEDIATE_STEP),
	"MED-CONFIRMATION": ratio(
		Part(MEDIATION, (fs.JUDICIAL_CONFIRMATION,)),
		Part(MEDIATION, (fs.OUTCOME,), (mediation.AGREEMENT_REACHED,)),
	),
	"NOT-IN-TIME": in_time(NOTARIZATION, notarization.ISSUE_STEP),
	"NOT-FEE-RELIEF": count(NOTARIZATION, fs.FEE_RELIEF),
	"HL-WITHIN-15S": ratio(Part(HOTLINE, (fs.ANSWERED_WITHIN_15S,)), Part(HOTLINE, (fs.CALLS,))),
	"HL-CONNECTION": ratio(Part(HOTLINE, (fs.ANSWERED,)), Part(HOTLINE, (fs.CALLS,))),
	"HL-TRANSFER-IN-TIME": in_time(HOTLINE, hotline.TRANSFER_STEP),
	"HL-REPLY-IN-TIME": in_time(HOTLINE, hotline.REPLY_STEP),
	"HL-DISSATISFIED-CALLBACK": ratio(
		Part(EVALUATION, (fs.called_back_figure(HOTLINE),)),
		Part(EVALUATION, tuple(fs.level_figure(HOTLINE, level) for level in satisfaction.BAD_LEVELS)),
	),
	"SAT-RATE": ratio(
		Part(EVALUATION, (fs.LEVEL,), satisfaction.SATISFIED_LEVELS),
		Part(EVALUATION, (fs.LEVEL,), satisfaction.LEVELS),
	),
	"SAT-RECTIFIED-IN-TIME": in_time(EVALUATION, satisfaction.RECTIFY),
	"SAT-CALLED-BACK-IN-TIME": in_time(EVALUATION, satisfaction.CALL_BACK),
	"CONS-RECEIVED": count(CONSULTATION, RECEIVED),
	"CONS-ANSWERED": ratio(Part(CONSULTATION, (fs.ANSWERED,)), Part(CONSULTATION, (RECEIVED,))),
	"EQ-INDEX": ReportFormula("Equalisation Index"),
}


@dataclass(frozen=True)
class Target:
	"""What an indicator should reach: a value, its unit and the direction that meets it."""

	value: float
	unit: str = "%"
	direction: str = AT_LEAST


@dataclass(frozen=True)
class Value:
	"""An indicator's value over a set of sums, with what it was computed from."""

	value: float | None
	numerator: float
	denominator: float | None

	@property
	def exact(self):
		"""The value unrounded (a share as an exact fraction), which a target is compared with."""
		return self.numerator if self.denominator is None else exact_rate(self.numerator, self.denominator)


def load_indicators(path: Path = DATA_FILE) -> list[dict]:
	"""The indicators of the list, in its order."""
	return json.loads(path.read_text(encoding="utf-8"))["indicators"]


def target_of(entry: Mapping | None) -> Target | None:
	"""The `target` of a list entry (or of a stored record) as a Target, or None."""
	if not entry or entry.get("value") is None:
		return None
	return Target(float(entry["value"]), entry.get("unit") or "%", entry.get("direction") or AT_LEAST)


def figures_needed(formulas: Iterable[Formula]) -> dict[str, tuple[str, ...]]:
	"""For each service, every figure the formulas read: what one GROUP BY per service must fetch."""
	needed: dict[str, list[str]] = {}
	for formula in formulas:
		if isinstance(formula, FigureFormula):
			for part in formula.parts:
				needed.setdefault(part.service, []).extend(part.figures)
	return {service: tuple(dict.fromkeys(figures)) for service, figures in needed.items()}


def evaluate(formula: FigureFormula, sums: Mapping[tuple[str, str, str], Measures]) -> Value:
	"""The formula's value over sums keyed by (service, figure, category)."""
	numerator = formula.numerator.total(sums)
	if formula.denominator is None:
		return Value(numerator, numerator, None)
	denominator = formula.denominator.total(sums)
	return Value(share(numerator, denominator), numerator, denominator)


def met(value, target: Target | None) -> bool | None:
	"""Whether a value reaches its target, compared as given: pass `Value.exact`, never the rounded value
	shown (a share of 94.99 % shows as 95.0 and does not meet 95 %). None when either is missing."""
	if target is None:
		return None
	return reaches(value, target.value, at_most=target.direction == AT_MOST)


@dataclass
class CoverageCount:
	"""One group's divisions that need something, and those that have it."""

	needed: int = 0
	have: int = 0


def coverage_counts(
	divisions: Iterable[coverage.Division],
	formula: CoverageFormula,
	villages_with_adviser: set[str],
	built_point_types: Mapping[str, set[str]],
	group_tier: str,
) -> dict[str, CoverageCount]:
	"""Per division of `group_tier` (by code): its divisions of the formula's tiers, and those covered."""
	divisions = list(divisions)
	by_code = {d.code: d for d in divisions}
	counts = {d.code: CoverageCount() for d in divisions if d.tier == group_tier}
	for division in divisions:
		if division.tier not in formula.tiers:
			continue
		group = coverage.group_of(division, by_code, group_tier)
		if group is None:
			continue
		row = counts[group.code]
		row.needed += 1
		if formula.point_type is ADVISER:
			row.have += division.code in villages_with_adviser
		else:
			row.have += formula.point_type in built_point_types.get(division.code, set())
	return counts

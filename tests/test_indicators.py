"""The supervision indicators: the list's file, each computable indicator's formula, values and targets (pure)."""

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from qh_legal_service.rules import figures
from qh_legal_service.rules import indicators as ind
from qh_legal_service.rules.coverage import Division
from qh_legal_service.rules.figure_sources import FIGURE_SOURCES
from qh_legal_service.rules.figures import ENDED_IN, GROUP, GROUP_STEP, RECEIVED, STEP, Measures
from qh_legal_service.rules.services import SERVICES

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
SEED = (
	Path(__file__).resolve().parents[2] / "shared" / "seed" / "qinghai-public-legal-service-opinions-2020.txt"
)
CJK = re.compile(r"[\u4e00-\u9fff]")
FIELDS = {
	"code", "area", "name", "wording_zh", "source_kind", "source", "unit", "target", "target_basis",
	"computable", "how",
}  # fmt: skip
COMPUTABLE = {"figures": ind.FigureFormula, "coverage": ind.CoverageFormula, "report": ind.ReportFormula}
BUILT_IN = {RECEIVED, STEP, GROUP, GROUP_STEP, ENDED_IN}


@pytest.fixture(scope="module")
def entries():
	return ind.load_indicators()


def test_every_entry_has_its_fields(entries):
	assert len(entries) >= 30
	for entry in entries:
		assert set(entry) == FIELDS, entry["code"]
		assert CJK.search(entry["wording_zh"]), entry["code"]
		assert entry["unit"] in (ind.PERCENT, ind.COUNT)
		assert entry["source_kind"] in ("seed", "attachment", "statute", "national standard", "practice")
		assert entry["computable"] in (*COMPUTABLE, "no")
		assert entry["name"] and entry["source"] and entry["how"] and entry["target_basis"]


def test_codes_are_unique(entries):
	codes = [entry["code"] for entry in entries]
	assert len(codes) == len(set(codes))


def test_targets_are_given_only_with_a_basis(entries):
	for entry in entries:
		target = entry["target"]
		if target is None:
			assert "province" in entry["target_basis"] or "no target" in entry["target_basis"], entry["code"]
			continue
		assert set(target) == {"value", "unit", "direction"}
		assert target["direction"] in (ind.AT_LEAST, ind.AT_MOST)
		assert "province" not in entry["target_basis"], entry["code"]
	by_code = {entry["code"]: entry for entry in entries}
	# The seed's own two 100 % targets (attachment 二(二)) and GB/T 33358's connection rate.
	assert by_code["PLATFORM-ADVISERS"]["target"] == {"value": 100, "unit": "%", "direction": ">="}
	assert by_code["PLATFORM-STATIONS"]["target"]["value"] == 100
	assert by_code["HL-CONNECTION"]["target"]["value"] == 95
	assert by_code["PUB-LEGAL-UNDERSTANDERS"]["target"] is None


def test_the_seed_is_quoted_word_for_word(entries):
	if not SEED.exists():
		pytest.skip("the seed is not beside this checkout")
	seed = re.sub(r"\s", "", SEED.read_text(encoding="utf-8"))
	for entry in entries:
		if entry["source_kind"] in ("seed", "attachment"):
			for quote in entry["wording_zh"].split("；"):
				assert quote in seed, (entry["code"], quote)


def test_the_list_covers_the_issue(entries):
	codes = {entry["code"] for entry in entries}
	assert {
		"PLATFORM-CENTRES", "PLATFORM-STATIONS", "PLATFORM-ROOMS", "PLATFORM-ADVISERS",
		"LA-RECEIVED", "LA-REVIEW-IN-TIME", "LA-ASSIGN-IN-TIME", "LA-CALLBACKS", "LA-SATISFACTION",
		"MED-CASES", "MED-AGREEMENT", "MED-CONFIRMATION", "NOT-IN-TIME", "NOT-FEE-RELIEF",
		"HL-WITHIN-15S", "HL-CONNECTION", "HL-TRANSFER-IN-TIME", "HL-DISSATISFIED-CALLBACK",
		"SAT-RATE", "SAT-RECTIFIED-IN-TIME", "CONS-ANSWERED", "PUB-PUBLICITY", "PUB-LEGAL-UNDERSTANDERS",
		"EQ-INDEX",
	} <= codes  # fmt: skip


def test_every_computable_indicator_has_a_formula_of_its_kind(entries):
	by_code = {entry["code"]: entry for entry in entries}
	assert set(ind.FORMULAS) == {code for code, e in by_code.items() if e["computable"] != "no"}
	for code, formula in ind.FORMULAS.items():
		assert isinstance(formula, COMPUTABLE[by_code[code]["computable"]]), code


def test_formulas_read_declared_figures_and_steps():
	for code, formula in ind.FORMULAS.items():
		if not isinstance(formula, ind.FigureFormula):
			continue
		for part in formula.parts:
			source = FIGURE_SOURCES.get(part.service)
			assert source is not None, (code, part.service)
			declared = BUILT_IN | {rule.figure for rule in (source.received, *source.figures)}
			assert set(part.figures) <= declared, (code, part.figures)
			assert part.measure in ind.MEASURE_NAMES
			if part.figures == (STEP,):
				assert source.step_log, code
				steps = {step.name for step in SERVICES[part.service].steps}
				assert set(part.categories) <= steps, (code, part.categories)


def test_figures_needed_groups_figures_by_service():
	needed = ind.figures_needed(ind.FORMULAS.values())
	assert needed[ind.LEGAL_AID] == (RECEIVED, "outcome", STEP)
	assert all(len(figures) == len(set(figures)) for figures in needed.values())


SUMS = {
	(ind.LEGAL_AID, STEP, "Review and decide"): Measures(10, 8, 6, 40.0),
	(ind.LEGAL_AID, STEP, "Review again as ordered"): Measures(2, 2, 2, 5.0),
	(ind.LEGAL_AID, STEP, "Assign a lawyer"): Measures(5, 5, 5, 6.0),
	(ind.LEGAL_AID, RECEIVED, ""): Measures(12),
	(ind.LEGAL_AID, "outcome", "Lost"): Measures(3),
	(ind.LEGAL_AID, "outcome", "Partly Won"): Measures(1),
	# Five callbacks, three of them to the aided person (Art 59); the others were file reviews.
	(ind.LEGAL_AID_CALLBACK, "callback", ""): Measures(5),
	(ind.LEGAL_AID_CALLBACK, "satisfaction", "Satisfied"): Measures(4),
	(ind.LEGAL_AID_CALLBACK, "aided_person_callback", "Satisfied"): Measures(2),
	(ind.LEGAL_AID_CALLBACK, "aided_person_callback", "Very Dissatisfied"): Measures(1),
}


def test_a_share_of_steps_in_time():
	value = ind.evaluate(ind.FORMULAS["LA-REVIEW-IN-TIME"], SUMS)
	assert value == ind.Value(80.0, 8, 10)  # (6 + 2) in time of (8 + 2) timed
	assert ind.evaluate(ind.FORMULAS["LA-ASSIGN-IN-TIME"], SUMS) == ind.Value(100.0, 5, 5)


def test_counts_and_ratios_of_figures():
	assert ind.evaluate(ind.FORMULAS["LA-RECEIVED"], SUMS) == ind.Value(12, 12, None)
	assert ind.evaluate(ind.FORMULAS["LA-CLOSED"], SUMS) == ind.Value(4, 4, None)
	assert ind.evaluate(ind.FORMULAS["LA-CALLBACKS"], SUMS) == ind.Value(75.0, 3, 4)
	assert ind.evaluate(ind.FORMULAS["LA-SATISFACTION"], SUMS) == ind.Value(66.7, 2, 3)


def test_nothing_to_divide_by_is_no_value():
	assert ind.evaluate(ind.FORMULAS["LA-DEFENCE-IN-TIME"], SUMS) == ind.Value(None, 0, 0)
	assert ind.evaluate(ind.FORMULAS["LA-RECEIVED"], {}) == ind.Value(0, 0, None)


def test_met_against_the_target():
	at_least = ind.Target(95.0)
	assert ind.met(95.0, at_least) is True
	assert ind.met(94.9, at_least) is False
	assert ind.met(None, at_least) is None
	assert ind.met(50.0, None) is None
	at_most = ind.Target(5.0, "%", ind.AT_MOST)
	assert ind.met(5.0, at_most) is True
	assert ind.met(5.1, at_most) is False


def test_target_of_a_list_entry():
	assert ind.target_of({"value": 100, "unit": "%", "direction": ">="}) == ind.Target(100.0)
	assert ind.target_of(None) is None
	assert ind.target_of({"value": None}) is None


def test_coverage_counts_per_group():
	divisions = [
		Division("63", "Qinghai", "Province", None),
		Division("6301", "Xining", "Prefecture", "63"),
		Division("630102", "Chengdong", "County", "6301"),
		Division("630102001", "T1", "Township", "630102"),
		Division("630102001001", "V1", "Village", "630102001"),
		Division("630102001002", "V2", "Village", "630102001"),
		Division("630102002", "T2", "Township", "630102"),
		Division("630102002001", "V3", "Village", "630102002"),
	]
	built = {
		"63": {ind.CENTRE},
		"630102": {ind.CENTRE},
		"630102001": {ind.STATION},
		"630102001001": {ind.ROOM},
	}
	advised = {"630102001001", "630102002001"}
	counts = ind.coverage_counts(divisions, ind.FORMULAS["PLATFORM-ADVISERS"], advised, built, "Township")
	assert {code: (c.needed, c.have) for code, c in counts.items()} == {
		"630102001": (2, 1),
		"630102002": (1, 1),
	}
	centres = ind.coverage_counts(divisions, ind.FORMULAS["PLATFORM-CENTRES"], advised, built, "Province")
	assert (centres["63"].needed, centres["63"].have) == (3, 2)  # province and county built, Xining not
	stations = ind.coverage_counts(divisions, ind.FORMULAS["PLATFORM-STATIONS"], advised, built, "County")
	assert (stations["630102"].needed, stations["630102"].have) == (2, 1)
	rooms = ind.coverage_counts(divisions, ind.FORMULAS["PLATFORM-ROOMS"], advised, built, "Prefecture")
	assert (rooms["6301"].needed, rooms["6301"].have) == (3, 1)


@pytest.mark.parametrize("locale", ["zh", "bo"])
def test_every_indicator_name_is_translated(entries, locale):
	with open(APP / "locale" / f"{locale}.po", "rb") as f:
		catalog = read_po(f)
	translated = {m.id for m in catalog if m.id and m.string}
	names = {entry["name"] for entry in entries} | {entry["area"] for entry in entries}
	assert not sorted(names - translated)


def test_a_share_shown_rounded_is_compared_with_its_target_unrounded():
	value = ind.Value(figures.share(9499, 10000), 9499, 10000)
	assert value.value == 95.0
	assert ind.met(value.exact, ind.Target(95.0)) is False
	assert ind.met(ind.Value(95.0, 9500, 10000).exact, ind.Target(95.0)) is True
	# A count (no denominator) is compared as it is.
	assert ind.met(ind.Value(12, 12, None).exact, ind.Target(12.0)) is True
	at_most = ind.Target(5.0, "%", ind.AT_MOST)
	assert ind.met(ind.Value(figures.share(501, 10000), 501, 10000).exact, at_most) is False

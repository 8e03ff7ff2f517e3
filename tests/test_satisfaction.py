"""好差评 without Frappe: the five levels, bad reviews and their states, rates, regions, tokens."""

import ast
import datetime as dt
import json
from pathlib import Path

import pytest

from qh_legal_service.rules import satisfaction as sat
from qh_legal_service.rules.field_access import CITIZEN_FIELDS, SERVER_LEVEL
from qh_legal_service.rules.service_case import running_step
from qh_legal_service.rules.services import SERVICES

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
FOLDER = APP / "quality_and_supervision" / "doctype"
EVALUATION = json.loads(
	(FOLDER / "satisfaction_evaluation" / "satisfaction_evaluation.json").read_text("utf-8")
)
FIELDS = {f["fieldname"]: f for f in EVALUATION["fields"]}
RULES = {r["rule_code"]: r for r in json.loads((APP / "data" / "deadline_rules.json").read_text("utf-8"))}
KEY = b"site-encryption-key"
NOW = dt.datetime(2026, 11, 26, 10, 0)


def options(name: str) -> tuple[str, ...]:
	return tuple(o for o in FIELDS[name]["options"].split("\n") if o)


def hook_value(name: str):
	tree = ast.parse((APP / "hooks.py").read_text(encoding="utf-8"))
	for node in tree.body:
		if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
			return ast.literal_eval(node.value)


def test_five_levels_best_first_and_the_last_two_are_bad():
	assert sat.LEVELS == (
		"Very Satisfied",
		"Satisfied",
		"Basically Satisfied",
		"Dissatisfied",
		"Very Dissatisfied",
	)
	assert [sat.is_bad(level) for level in sat.LEVELS] == [False, False, False, True, True]
	assert set(sat.SATISFIED_LEVELS) | set(sat.BAD_LEVELS) == set(sat.LEVELS)


def test_select_options_are_the_rules_tuples():
	assert options("level") == sat.LEVELS
	assert options("channel") == sat.CHANNELS
	assert options("status") == sat.STATUSES
	assert options("callback_result") == sat.CALLBACK_RESULTS


def test_the_evaluation_is_an_area_record_and_a_declared_service_case():
	assert "Satisfaction Evaluation" in hook_value("_AREA_DOCTYPES")
	assert "Satisfaction Evaluation" in hook_value("service_cases")
	service = SERVICES[sat.EVALUATION_DOCTYPE]
	assert service.state_field == "status"
	assert [step.rule_code for step in service.steps] == [sat.BAD_REVIEW_RULE] * 2
	assert RULES[sat.BAD_REVIEW_RULE]["unit"] == "Working Days"
	assert RULES[sat.BAD_REVIEW_RULE]["count"] == sat.DEFAULT_RECTIFICATION_DAYS


def test_what_the_server_sets_is_at_the_server_level():
	for name in (
		"division",
		"institution",
		"status",
		"evaluated_on",
		"channel",
		"evaluator_key",
		"closed_on",
	):
		assert FIELDS[name].get("permlevel") == SERVER_LEVEL, name
	# A citizen names the record, the level and a comment; the server sets the rest.
	assert CITIZEN_FIELDS[sat.EVALUATION_DOCTYPE] == {
		"reference_doctype",
		"reference_name",
		"level",
		"comment",
	}
	for name in CITIZEN_FIELDS[sat.EVALUATION_DOCTYPE]:
		assert not FIELDS[name].get("permlevel"), name
	display = {"Section Break", "Column Break", "Tab Break"}
	at_applicant_level = {
		name
		for name, field in FIELDS.items()
		if field["fieldtype"] not in display and not field.get("permlevel") and not field.get("fetch_from")
	}
	assert at_applicant_level == CITIZEN_FIELDS[sat.EVALUATION_DOCTYPE]


def test_surveyed_services_name_each_record_kind_once():
	assert sat.SURVEYED_DOCTYPES == (
		"Legal Aid Application",
		"Mediation Case",
		"Notarization Referral",
		"Hotline Work Order",
		"Legal Consultation",
	)


@pytest.mark.parametrize("level", sat.SATISFIED_LEVELS)
def test_a_good_review_is_recorded_with_no_step(level):
	status = sat.status_for(level, {})
	assert status == sat.RECORDED
	assert running_step(sat.EVALUATION_STEPS, status, {"evaluated_on": NOW}) is None


@pytest.mark.parametrize("level", sat.BAD_LEVELS)
def test_a_bad_review_is_rectified_then_called_back_then_closed(level):
	values = {"evaluated_on": NOW}
	assert sat.status_for(level, values) == sat.RECTIFYING
	assert running_step(sat.EVALUATION_STEPS, sat.RECTIFYING, values).name == sat.RECTIFY
	values["rectification_measures"] = "Apologised; the window now opens at nine."
	assert sat.status_for(level, values) == sat.AWAITING_CALLBACK
	assert running_step(sat.EVALUATION_STEPS, sat.AWAITING_CALLBACK, values).name == sat.CALL_BACK
	values.update(called_back_on=NOW, callback_result=sat.RESOLVED)
	assert sat.status_for(level, values) == sat.CLOSED
	assert running_step(sat.EVALUATION_STEPS, sat.CLOSED, values) is None


def test_a_bad_review_cannot_close_without_its_callback_and_measures():
	required = sat.EVALUATION_REQUIRED[sat.CLOSED]
	assert {"rectification_measures", "called_back_on", "callback_result"} == set(required)
	# A callback entered before the measures still asks for the measures.
	assert sat.status_for(sat.DISSATISFIED, {"called_back_on": NOW}) == sat.CLOSED


def test_satisfaction_rate_counts_the_first_three_levels():
	assert sat.satisfaction_rate(0, 0) is None
	assert sat.satisfaction_rate(3, 4) == 75.0
	assert sat.satisfaction_rate(2, 3) == 66.7


def test_a_region_is_named_below_the_threshold_with_enough_evaluations():
	assert sat.is_poorly_rated(2, 4, 80.0, 3)
	assert not sat.is_poorly_rated(4, 5, 80.0, 3)  # exactly at the threshold is not below it
	assert not sat.is_poorly_rated(0, 2, 80.0, 3)  # too few to name
	assert not sat.is_poorly_rated(0, 0, 80.0, 0)


def test_one_person_is_one_key_whatever_the_spelling_of_their_phone():
	assert sat.person_key("a@example.com", "Zhuoma", "138") == "user:a@example.com"
	assert sat.person_key(None, "Zhuoma", "138-0971 0001") == sat.person_key("Guest", "Z", "13809710001")
	assert sat.person_key(None, " Zhuoma ", None) == "name:Zhuoma"


def test_rectification_days_are_local_practice_five_to_fifteen():
	assert sat.valid_rectification_days(5) and sat.valid_rectification_days(15)
	assert not sat.valid_rectification_days(4) and not sat.valid_rectification_days(16)


def test_survey_language_reads_codes_and_names():
	assert sat.survey_language("bo") == "bo"
	assert sat.survey_language("Tibetan") == "bo"
	assert sat.survey_language("zh") == "zh"
	assert sat.survey_language(None) == "zh"


# Tokens --------------------------------------------------------------------------------------------


def token(doctype="Mediation Case", name="MED-2026-00001", days=14):
	return sat.make_token(KEY, doctype, name, sat.link_expiry(NOW, days), "n0nce")


def test_a_genuine_token_names_its_record_and_expiry():
	claims = sat.read_token(KEY, token(), NOW)
	assert (claims.doctype, claims.name) == ("Mediation Case", "MED-2026-00001")
	assert claims.expires == dt.datetime(2026, 12, 10, 10, 0)


def test_a_token_expires_after_its_days():
	assert sat.read_token(KEY, token(), dt.datetime(2026, 12, 10, 10, 0))
	with pytest.raises(sat.TokenError) as error:
		sat.read_token(KEY, token(), dt.datetime(2026, 12, 10, 10, 0, 1))
	assert error.value.reason == sat.EXPIRED


def test_a_token_signed_with_another_key_is_forged():
	other = sat.make_token(b"another key", "Mediation Case", "MED-2026-00001", NOW, "n")
	with pytest.raises(sat.TokenError) as error:
		sat.read_token(KEY, other, NOW)
	assert error.value.reason == sat.FORGED


def test_a_token_pointed_at_another_record_is_forged():
	genuine = token()
	payload, signature = genuine.split(".")
	altered = sat._b64(sat._unb64(payload).replace(b"00001", b"00002"))
	with pytest.raises(sat.TokenError) as error:
		sat.read_token(KEY, f"{altered}.{signature}", NOW)
	assert error.value.reason == sat.FORGED


def test_a_genuine_token_for_another_record_than_asked_is_refused():
	with pytest.raises(sat.TokenError) as error:
		sat.read_token(KEY, token(), NOW, name="MED-2026-00002")
	assert error.value.reason == sat.OTHER_RECORD


@pytest.mark.parametrize("garbage", ["", "abc", "a.b.c", "!!!.???", "e30.e30"])
def test_garbage_is_malformed_or_forged(garbage):
	with pytest.raises(sat.TokenError) as error:
		sat.read_token(KEY, garbage, NOW)
	assert error.value.reason in {sat.MALFORMED, sat.FORGED}


def test_the_site_stores_only_a_hash_of_the_token():
	genuine = token()
	assert sat.token_hash(genuine) != genuine and len(sat.token_hash(genuine)) == 64
	assert sat.token_hash(genuine) == sat.token_hash(genuine)
	assert token(name="X") != token(name="Y")


def test_a_region_just_under_the_threshold_is_named_though_its_rate_shows_as_the_threshold():
	assert sat.satisfaction_rate(7996, 10000) == 80.0  # as shown
	assert sat.is_poorly_rated(7996, 10000, threshold=80.0, min_evaluations=10) is True
	assert sat.is_poorly_rated(8000, 10000, threshold=80.0, min_evaluations=10) is False
	assert sat.is_poorly_rated(3, 9, threshold=80.0, min_evaluations=10) is False  # too few to name
	assert sat.is_poorly_rated(0, 0, threshold=80.0, min_evaluations=0) is False

"""Which legal aid documents a case may produce, state by state, and what each needs (pure)."""

import json
from pathlib import Path

import pytest

from qh_legal_service.rules import legal_aid as la
from qh_legal_service.rules.documents import (
	INCOMPLETE,
	NOT_FOR_APPLICANT,
	NOT_IN_STATE,
	NOT_ISSUED,
	SET_ASIDE,
	DocumentRule,
	Refusal,
	allowed_documents,
	refusal,
	state_path,
)
from qh_legal_service.rules.legal_aid_documents import DOCUMENTS

APP_DIR = Path(__file__).resolve().parents[1] / "qh_legal_service"

# Every field any document needs, filled in.
FILLED = {field: "x" for rule in DOCUMENTS.values() for field in rule.required}

R, M, U, UA = la.RECEIVED, la.MATERIALS_REQUESTED, la.UNDER_REVIEW, la.URGENT_AID
A, F, AS, IP, C = la.APPROVED, la.REFUSED, la.ASSIGNED, la.IN_PROGRESS, la.CLOSED
AR, W, T, O = la.ARCHIVED, la.WITHDRAWN, la.TERMINATED, la.OBJECTION_FILED

APPROVED_CASE = (R, U, A)
ASSIGNED_CASE = (*APPROVED_CASE, AS)

# (path the case took, the documents it may produce with every field filled in)
CASES = [
	((R,), {"receipt"}),
	((R, M), {"receipt", "materials_notice"}),
	((R, U), {"receipt"}),
	((R, M, U), {"receipt"}),
	((R, UA), {"receipt"}),
	(APPROVED_CASE, {"receipt", "approval"}),
	((R, UA, A), {"receipt", "approval"}),
	((R, U, F), {"receipt", "refusal"}),
	(ASSIGNED_CASE, {"receipt", "approval", "assignment"}),
	((*ASSIGNED_CASE, IP), {"receipt", "approval", "assignment"}),
	((*ASSIGNED_CASE, IP, C), {"receipt", "approval", "assignment"}),
	((*ASSIGNED_CASE, IP, C, AR), {"receipt", "approval", "assignment"}),
	((R, U, F, AR), {"receipt", "refusal"}),
	((R, M, W), {"receipt"}),
	((R, M, W, AR), {"receipt"}),
	((*ASSIGNED_CASE, IP, T), {"receipt", "approval", "assignment", "termination"}),
	((*ASSIGNED_CASE, IP, T, AR), {"receipt", "approval", "assignment", "termination"}),
	# A notified defence (Art 36) is assigned without a decision to approve.
	((R, AS), {"receipt", "assignment"}),
	((R, AS, IP, T), {"receipt", "assignment", "termination"}),
	# Urgent aid (Art 44) given before any decision, then ended.
	((R, UA, T), {"receipt", "termination"}),
	# An objection to a refusal (Art 49): the refusal stands while the bureau decides, and if upheld.
	((R, U, F, O), {"receipt", "refusal"}),
	((R, U, F, O, F), {"receipt", "refusal"}),
	((R, U, F, O, F, AR), {"receipt", "refusal"}),
	# Ordered corrected: back to review, the refusal no longer stands; the re-review decides afresh.
	((R, U, F, O, U), {"receipt"}),
	((R, U, F, O, U, M), {"receipt", "materials_notice"}),
	((R, U, F, O, U, A), {"receipt", "approval"}),
	((R, U, F, O, U, F), {"receipt", "refusal"}),
	((R, U, F, O, U, UA, T), {"receipt", "termination"}),
	# An objection to a termination.
	((*ASSIGNED_CASE, T, O), {"receipt", "approval", "assignment", "termination"}),
	((*ASSIGNED_CASE, T, O, T), {"receipt", "approval", "assignment", "termination"}),
	((*ASSIGNED_CASE, T, O, U), {"receipt"}),
	((*ASSIGNED_CASE, T, O, U, A, AS), {"receipt", "approval", "assignment"}),
]


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[" > ".join(path) for path, _ in CASES])
def test_documents_a_case_may_produce(path, expected):
	assert set(allowed_documents(DOCUMENTS, path, FILLED)) == expected


def test_the_cases_cover_every_state():
	assert {path[-1] for path, _ in CASES} == set(la.STATES)


def test_receipt_in_every_state_and_every_other_document_refused_somewhere():
	assert all("receipt" in expected for _, expected in CASES)
	for key in DOCUMENTS.keys() - {"receipt"}:
		assert any(key in expected for _, expected in CASES), key
		assert any(key not in expected for _, expected in CASES), key


def test_approved_case_refuses_the_refusal_and_termination():
	# What the issue found: an approved case printed an empty refusal and an empty termination notice.
	for key in ("refusal", "termination", "assignment", "materials_notice"):
		assert refusal(DOCUMENTS[key], APPROVED_CASE, FILLED) == Refusal(NOT_ISSUED, A)


def test_received_case_refuses_the_assignment_letter():
	assert refusal(DOCUMENTS["assignment"], (R,), FILLED) == Refusal(NOT_ISSUED, R)


def test_notified_defence_has_no_approval_decision():
	assert refusal(DOCUMENTS["approval"], (R, AS), FILLED) == Refusal(NOT_ISSUED, AS)


def test_refusal_ordered_corrected_is_set_aside():
	found = refusal(DOCUMENTS["refusal"], (R, U, F, O, U), FILLED)
	assert found == Refusal(SET_ASIDE, U, set_aside_by=(O, U))


def test_materials_notice_only_while_materials_are_awaited():
	assert refusal(DOCUMENTS["materials_notice"], (R, M, U), FILLED) == Refusal(NOT_IN_STATE, U)
	assert refusal(DOCUMENTS["materials_notice"], (R, M, W), FILLED) == Refusal(NOT_IN_STATE, W)
	assert refusal(DOCUMENTS["materials_notice"], (R, M), FILLED) is None


# (document, a path on which it is issued, the fields it must have)
REQUIRED = [
	("receipt", (R,), ("applicant_name", "received_on")),
	("materials_notice", (R, M), ("materials_notice", "materials_due")),
	("approval", APPROVED_CASE, ("decided_on",)),
	("refusal", (R, U, F), ("decided_on", "decision_reasons")),
	("assignment", ASSIGNED_CASE, ("assigned_worker", "assigned_institution", "assigned_on")),
	("termination", (*ASSIGNED_CASE, T), ("termination_reason", "terminated_on")),
]


@pytest.mark.parametrize(("key", "path", "fields"), REQUIRED, ids=[key for key, _, _ in REQUIRED])
def test_each_document_needs_its_fields(key, path, fields):
	assert DOCUMENTS[key].required == fields
	assert refusal(DOCUMENTS[key], path, FILLED) is None
	for field in fields:
		values = {**FILLED, field: None}
		assert refusal(DOCUMENTS[key], path, values) == Refusal(INCOMPLETE, path[-1], missing=(field,))
	empty = refusal(DOCUMENTS[key], path, {})
	assert empty == Refusal(INCOMPLETE, path[-1], missing=fields)


def test_assignment_letter_needs_the_institution():
	values = {**FILLED, "assigned_institution": ""}
	found = refusal(DOCUMENTS["assignment"], ASSIGNED_CASE, values)
	assert found.reason == INCOMPLETE and found.missing == ("assigned_institution",)


def test_every_legal_aid_document_is_addressed_to_the_applicant():
	# Receipt, materials notice, decisions and termination go to the applicant; the assignment letter
	# goes to the lawyer with a copy to the applicant, who learns who will handle the case (Art 43).
	assert all(rule.to_applicant for rule in DOCUMENTS.values())
	assert allowed_documents(DOCUMENTS, (*ASSIGNED_CASE, IP, T), FILLED, for_applicant=True) == [
		"receipt",
		"approval",
		"assignment",
		"termination",
	]


def test_a_document_not_addressed_to_the_applicant_is_refused_to_them():
	internal = DocumentRule(issued_in=frozenset({R}), to_applicant=False)
	rules = {"receipt": DOCUMENTS["receipt"], "internal": internal}
	assert allowed_documents(rules, (R,), FILLED) == ["receipt", "internal"]
	assert allowed_documents(rules, (R,), FILLED, for_applicant=True) == ["receipt"]
	assert refusal(internal, (R,), FILLED, for_applicant=True) == Refusal(NOT_FOR_APPLICANT, R)


def test_state_path_from_recorded_changes():
	changes = [(R, U), (U, F), (F, O), (O, U)]
	assert state_path(changes, U) == (R, U, F, O, U)


def test_state_path_without_records_is_the_current_state():
	assert state_path([], AR) == (AR,)


def test_state_path_keeps_unrecorded_changes():
	# Materials Requested -> Withdrawn written straight to the database, then archived by the desk.
	assert state_path([(R, M), (W, AR)], AR) == (R, M, W, AR)
	# The last change not recorded at all.
	assert state_path([(R, M)], W) == (R, M, W)
	# The first state of a record inserted with a state of its own.
	assert state_path([(None, R), (R, U)], U) == (R, U)


def _workflow():
	fixtures = json.loads((APP_DIR / "fixtures" / "workflow.json").read_text(encoding="utf-8"))
	return next(w for w in fixtures if w["name"] == "Legal Aid Application")


def test_declaration_follows_the_workflow():
	workflow = _workflow()
	states = {row["state"] for row in workflow["states"]}
	steps = {(row["state"], row["next_state"]) for row in workflow["transitions"]}
	entered = {row["next_state"] for row in workflow["transitions"]}
	assert states == set(la.STATES)
	for key, rule in DOCUMENTS.items():
		assert rule.issued_in <= states, key
		assert rule.valid_in <= states, key
		assert rule.set_aside_by <= steps, key
		if key != "receipt":
			assert rule.issued_in <= entered, key


def test_declaration_names_fields_of_the_application():
	path = APP_DIR / "legal_aid" / "doctype" / "legal_aid_application" / "legal_aid_application.json"
	fields = {field["fieldname"] for field in json.loads(path.read_text(encoding="utf-8"))["fields"]}
	for key, rule in DOCUMENTS.items():
		assert set(rule.required) <= fields, key


def test_the_stored_road_grows_by_one_state_a_change_and_ends_where_the_case_is():
	from qh_legal_service.rules.documents import record_state, stored_path

	passed = record_state(None, "Received")
	passed = record_state(passed, "Under Review")
	passed = record_state(passed, "Under Review")  # a save without a change of state
	passed = record_state(passed, "Approved")
	assert passed == "Received\nUnder Review\nApproved"
	assert stored_path(passed, "Approved") == ("Received", "Under Review", "Approved")
	# A state changed without the server (a direct database update) still ends the road.
	assert stored_path(passed, "Assigned") == ("Received", "Under Review", "Approved", "Assigned")
	assert stored_path(None, "Received") == ("Received",)

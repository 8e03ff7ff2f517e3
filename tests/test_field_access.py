"""Who may set which field: the citizen's allow-list, permission levels, receipt times and uploads."""

import datetime as dt
import json
from pathlib import Path

import pytest

from qh_legal_service.rules.field_access import (
	APPLICANT_LEVEL,
	BUREAU_LEVEL,
	CITIZEN_FIELDS,
	SERVER_LEVEL,
	STAFF_LEVEL,
	citizen_may_set,
	has_citizen_allow_list,
	receipt_time_problem,
)
from qh_legal_service.rules.uploads import PORTAL_UPLOAD_MAX_BYTES, upload_problem

APP = Path(__file__).resolve().parent.parent / "qh_legal_service"
APPLICATION = json.loads(
	APP.joinpath("legal_aid", "doctype", "legal_aid_application", "legal_aid_application.json").read_text(
		encoding="utf-8"
	)
)
WEB_FORM = json.loads(
	APP.joinpath("legal_aid", "web_form", "legal_aid_application", "legal_aid_application.json").read_text(
		encoding="utf-8"
	)
)
DISPLAY_TYPES = {"Section Break", "Column Break", "Tab Break", "HTML", "Heading", "Button", "Image", "Fold"}
FIELDS = {f["fieldname"]: f for f in APPLICATION["fields"] if f["fieldtype"] not in DISPLAY_TYPES}
STAFF_ROLES_WRITING_CASES = {"Legal Aid Reviewer", "County Justice Bureau Staff"}
BUREAU = "County Justice Bureau Staff"


def level(fieldname: str) -> int:
	return FIELDS[fieldname].get("permlevel", 0)


def writers(permlevel: int) -> set[str]:
	return {
		p["role"] for p in APPLICATION["permissions"] if p.get("permlevel", 0) == permlevel and p.get("write")
	}


def test_every_citizen_field_exists_at_the_applicant_level():
	for fieldname in CITIZEN_FIELDS["Legal Aid Application"]:
		assert fieldname in FIELDS, fieldname
		assert level(fieldname) == APPLICANT_LEVEL, fieldname


def test_every_other_field_is_above_the_applicant_level_unless_the_server_fetches_it():
	# A fetched field is overwritten from its link on every save, whatever was sent.
	loose = [
		name
		for name, field in FIELDS.items()
		if level(name) == APPLICANT_LEVEL
		and not citizen_may_set("Legal Aid Application", name)
		and not field.get("fetch_from")
	]
	assert loose == []


def test_staff_and_server_and_bureau_fields_sit_at_their_levels():
	assert level("received_on") == STAFF_LEVEL
	assert level("channel") == STAFF_LEVEL
	assert level("decision_reasons") == STAFF_LEVEL
	assert level("assigned_worker") == STAFF_LEVEL
	assert level("workflow_state") == STAFF_LEVEL
	for stamped in ("decided_on", "eligibility", "current_due", "escalated_on", "county", "applicant_user"):
		assert level(stamped) == SERVER_LEVEL, stamped
	assert level("objection_decision") == SERVER_LEVEL
	assert level("objection_reason") == BUREAU_LEVEL
	assert level("archive_reference") == BUREAU_LEVEL


def test_nobody_writes_what_the_server_sets_and_only_the_bureau_writes_its_own():
	assert writers(SERVER_LEVEL) == set()
	assert writers(BUREAU_LEVEL) == {BUREAU}
	assert STAFF_ROLES_WRITING_CASES <= writers(STAFF_LEVEL)
	assert "Legal Service Citizen" not in writers(STAFF_LEVEL) | writers(BUREAU_LEVEL)
	assert "Legal Aid Reviewer" not in writers(BUREAU_LEVEL)


def test_every_role_that_reads_the_record_reads_every_level():
	readers = {p["role"] for p in APPLICATION["permissions"] if not p.get("permlevel") and p.get("read")}
	for permlevel in (STAFF_LEVEL, SERVER_LEVEL, BUREAU_LEVEL):
		at_level = {
			p["role"] for p in APPLICATION["permissions"] if p.get("permlevel") == permlevel and p.get("read")
		}
		assert at_level == readers, permlevel


def test_the_web_form_takes_only_what_a_citizen_may_set():
	# Frappe's web form saves every field it shows, read-only or not, with ignore_permissions.
	shown = {f["fieldname"] for f in WEB_FORM["web_form_fields"] if f["fieldtype"] not in DISPLAY_TYPES}
	assert shown - CITIZEN_FIELDS["Legal Aid Application"] == set()


def test_doctypes_without_an_allow_list_take_nothing_from_citizens():
	assert has_citizen_allow_list("Legal Aid Application")
	assert not has_citizen_allow_list("Service Order")
	assert not citizen_may_set("Service Order", "result")
	# A portal question keeps what the citizen asked, never an answer of their own.
	assert citizen_may_set("Legal Consultation", "question")
	assert not citizen_may_set("Legal Consultation", "answer")
	assert not citizen_may_set("Legal Aid Application", "received_on")
	assert citizen_may_set("Legal Aid Application", "facts")


NOW = dt.datetime(2026, 11, 26, 10, 30, 20)


def test_a_receipt_in_the_future_is_refused_even_with_a_reason():
	assert receipt_time_problem(NOW + dt.timedelta(minutes=1), NOW, NOW, "补录") == "future"
	assert receipt_time_problem(NOW + dt.timedelta(days=400), NOW, NOW, None) == "future"


def test_a_receipt_in_the_current_minute_is_in_time():
	# The desk keeps minutes: 10:30 entered at 10:30:20 is not before the entry.
	assert receipt_time_problem(NOW.replace(second=0), NOW, NOW, None) is None
	assert receipt_time_problem(NOW.replace(second=59), NOW, NOW, None) is None


def test_a_receipt_before_the_entry_needs_its_reason():
	two_years_ago = NOW - dt.timedelta(days=730)
	assert receipt_time_problem(two_years_ago, NOW, NOW, None) == "late_without_reason"
	assert receipt_time_problem(two_years_ago, NOW, NOW, "   ") == "late_without_reason"
	assert receipt_time_problem(two_years_ago, NOW, NOW, "纸质申请补录") is None
	assert receipt_time_problem(NOW - dt.timedelta(minutes=1), NOW, NOW, None) == "late_without_reason"


def test_an_existing_record_is_measured_against_its_own_entry():
	created = NOW - dt.timedelta(days=3)
	assert receipt_time_problem(created, created, NOW, None) is None
	assert receipt_time_problem(created - dt.timedelta(days=1), created, NOW, None) == "late_without_reason"


@pytest.mark.parametrize(
	("name", "size", "problem"),
	[
		("身份证.jpg", 200_000, None),
		("income.PDF", 1_000_000, None),
		("scan.jpeg", PORTAL_UPLOAD_MAX_BYTES, None),
		("photo.png", PORTAL_UPLOAD_MAX_BYTES + 1, "size"),
		("page.html", 100, "type"),
		("script.svg", 100, "type"),
		("run.exe", 100, "type"),
		("no-extension", 100, "type"),
		("empty.pdf", 0, "empty"),
		(None, 100, "type"),
	],
)
def test_citizen_uploads_are_pictures_or_pdfs_within_the_size_limit(name, size, problem):
	assert upload_problem(name, size) == problem

"""How the desk finds a service record from what a clerk types: its number, a person's name, a phone or a
resident ID, each by a lookup an index serves (an equality or a prefix), never `like '%...%'`.

Pure: the fields each service searches, how typed text becomes lookups, and how a resident ID is shown.
The site side (`qh_legal_service.record_search`) runs the lookups through Frappe's permission-checked
queries, so a clerk finds only records of their own area.
"""

import re
from dataclasses import dataclass

# What kind of value a lookup matches, and how.
NUMBER = "number"  # the record's number (its name): by prefix, e.g. "LAA-2026-000", "2026-0001"
NAME = "name"  # a person's name: by prefix, as Chinese and Tibetan names are typed from the start
PHONE = "phone"  # by prefix: a whole number, or its first digits
RESIDENT_ID = "resident_id"  # exactly, in its standard form; a fragment finds nothing

PREFIX_KINDS = frozenset({NUMBER, NAME, PHONE})

_ID_SHAPE = re.compile(r"\d{17}[\dX]|\d{15}")
_PHONE_SHAPE = re.compile(r"\+?[\d\s()-]{3,}")
_NUMBER_TAIL = re.compile(r"\d{4}-[\d-]*")  # a number typed without its series letters


@dataclass(frozen=True)
class Fields:
	"""Columns of one table that hold what a search matches."""

	names: tuple[str, ...] = ()
	phones: tuple[str, ...] = ()
	resident_ids: tuple[str, ...] = ()
	# Numbers of other records this one carries (the evaluated case, an order's source): by prefix.
	numbers: tuple[str, ...] = ()

	def columns(self, kind: str) -> tuple[str, ...]:
		return {NAME: self.names, PHONE: self.phones, RESIDENT_ID: self.resident_ids, NUMBER: self.numbers}[
			kind
		]


@dataclass(frozen=True)
class Parties:
	"""A child table of the people of a record (a mediation's parties), searched through its own indexes."""

	doctype: str
	parentfield: str
	fields: Fields


@dataclass(frozen=True)
class RecordSearch:
	"""What a service's link search and search bar look at."""

	series: str  # the number's letters, e.g. "LAA-"
	person: str  # the column naming the person, shown as the result's label
	record: Fields
	parties: Parties | None = None
	# Shown in a result's description: the person's resident ID (masked where the role has no need of
	# it), their phone, and the column naming the place.
	shown_id: str | None = None
	shown_phone: str | None = None
	place: str | None = None


SEARCHES: dict[str, RecordSearch] = {
	"Legal Aid Application": RecordSearch(
		series="LAA-",
		person="applicant_name",
		record=Fields(names=("applicant_name",), phones=("phone",), resident_ids=("id_number",)),
		shown_id="id_number",
		shown_phone="phone",
		place="division_name",
	),
	# Every party, the applicant too, is a row of the parties table; the applicant's name is also the title.
	"Mediation Case": RecordSearch(
		series="MED-",
		person="applicant_name",
		record=Fields(names=("applicant_name",)),
		parties=Parties(
			"Mediation Party",
			"parties",
			Fields(names=("party_name",), phones=("phone",), resident_ids=("id_number",)),
		),
		shown_id="applicant_id_number",
		shown_phone="applicant_phone",
	),
	"Notarization Referral": RecordSearch(
		series="NTR-",
		person="applicant_name",
		record=Fields(names=("applicant_name",), phones=("phone",), resident_ids=("id_number",)),
		shown_id="id_number",
		shown_phone="phone",
		place="division_name",
	),
	"Hotline Work Order": RecordSearch(
		series="HL-",
		person="caller_name",
		record=Fields(names=("caller_name",), phones=("phone",)),
		shown_phone="phone",
		place="division_name",
	),
	"Legal Consultation": RecordSearch(
		series="LC-",
		person="citizen_name",
		record=Fields(names=("citizen_name",), phones=("citizen_phone",)),
		shown_phone="citizen_phone",
		place="division_name",
	),
	# Found by the evaluated record's number or the evaluator's name.
	"Satisfaction Evaluation": RecordSearch(
		series="SAT-",
		person="evaluator_name",
		record=Fields(names=("evaluator_name",), numbers=("reference_name",)),
		place="division_name",
	),
	# Found by the requester's name or the number of the record that sent it or took it on.
	"Service Order": RecordSearch(
		series="SO-",
		person="requester_name",
		record=Fields(names=("requester_name",), numbers=("source_name", "target_name")),
		place="holder_institution_name",
	),
}


@dataclass(frozen=True)
class Lookup:
	"""One indexed match: a kind (NUMBER, NAME, PHONE, RESIDENT_ID) and the value to match."""

	kind: str
	value: str


def standard_resident_id(text: str) -> str | None:
	"""The text as a resident ID in its standard form (capital X, no spaces), if it has an ID's shape."""
	compact = re.sub(r"\s", "", text or "").upper()
	return compact if _ID_SHAPE.fullmatch(compact) else None


def lookups(text: str, series: str) -> list[Lookup]:
	"""The indexed lookups that what was typed stands for, most specific first.

	A whole resident ID is looked up exactly and as nothing else; any other run of digits is a phone's
	start (or a number's year and serial), never part of an ID. Anything else is a number's or a name's start.
	"""
	text = " ".join((text or "").split())
	if not text:
		return []
	resident_id = standard_resident_id(text)
	if resident_id:
		return [Lookup(RESIDENT_ID, resident_id)]
	found = []
	if _NUMBER_TAIL.fullmatch(text):
		found.append(Lookup(NUMBER, series + text))
	if _PHONE_SHAPE.fullmatch(text):
		found.append(Lookup(PHONE, re.sub(r"[\s()-]", "", text)))
		return found
	found.append(Lookup(NUMBER, text))
	found.append(Lookup(NAME, text))
	return found


def like_prefix(value: str) -> str:
	"""A LIKE pattern matching values that start with `value` taken literally (its own % and _ too)."""
	escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
	return escaped + "%"


def mask_resident_id(value: str | None) -> str:
	"""A resident ID with only its region's first four and its last four characters shown."""
	value = value or ""
	if len(value) <= 8:
		return "*" * len(value)
	return value[:4] + "*" * (len(value) - 8) + value[-4:]
